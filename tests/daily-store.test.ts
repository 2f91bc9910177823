/**
 * Specification of how DailyStore keeps why a schedule is off: a code with its
 * details (worded by render/), read back as written; a sentence stored by an
 * earlier version is still shown as it was.
 */
import { describe, expect, it } from 'vitest';
import { DailyStore } from '../src/daily/store.js';
import { disabledReasonText } from '../src/render/daily.js';
import { dailyDbFile, openDailyDb } from './support/daily-db.js';

const now = new Date('2026-03-08T10:00:00Z');

function storeWithSchedule() {
  const db = openDailyDb(dailyDbFile('studybot-daily-store-'));
  const store = new DailyStore(db);
  store.setSchedule({ guildId: 'g', channelId: 'c', time: '08:30', timezone: 'UTC' }, now);
  return { db, store };
}

describe('disabled reasons', () => {
  it('round-trip as codes with their details', () => {
    const { store } = storeWithSchedule();
    store.disableSchedule('g', { code: 'turned_off', userId: '200000000000000001', at: now }, now);
    expect(store.getSchedule('g')).toMatchObject({
      enabled: false,
      disabledReason: { code: 'turned_off', userId: '200000000000000001', at: now },
    });
    expect(disabledReasonText(store.getSchedule('g')!.disabledReason!)).toBe(
      `Turned off with \`/daily off\` by <@200000000000000001> on <t:${now.getTime() / 1000}:f>.`,
    );

    store.disableSchedule('g', { code: 'missing_permissions', channelId: 'c', localDate: '2026-03-08' }, now);
    expect(store.getSchedule('g')!.disabledReason).toEqual({ code: 'missing_permissions', channelId: 'c', localDate: '2026-03-08' });
  });

  it('a sentence stored by an earlier version is shown as written', () => {
    const { db, store } = storeWithSchedule();
    db.prepare(`UPDATE daily_schedules SET enabled = 0, disabled_reason = ? WHERE guild_id = 'g'`).run('The bot lost permission.');
    const reason = store.getSchedule('g')!.disabledReason!;
    expect(reason).toEqual({ code: 'legacy', text: 'The bot lost permission.' });
    expect(disabledReasonText(reason)).toBe('The bot lost permission.');
  });

  it('setting the schedule again clears the reason', () => {
    const { store } = storeWithSchedule();
    store.disableSchedule('g', { code: 'missing_channel', channelId: 'c', localDate: '2026-03-08' }, now);
    store.setSchedule({ guildId: 'g', channelId: 'c2', time: '08:30', timezone: 'UTC' }, now);
    expect(store.getSchedule('g')).toMatchObject({ enabled: true, disabledReason: null });
  });
});
