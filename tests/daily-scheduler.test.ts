/**
 * Specification for src/daily/scheduler.ts: when daily posts go out, that each
 * (server, local date) gets at most one, and what happens on restarts, downtime,
 * concurrent ticks and broken channels. The clock is a variable; "restart" means
 * closing the SQLite file and building a new scheduler on a new connection.
 */
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Concept } from '../src/concepts/types.js';
import { Rotation } from '../src/daily/rotation.js';
import { DailyScheduler, type DailySchedulerOptions, type PostResult, type Timers } from '../src/daily/scheduler.js';
import { DailyStore } from '../src/daily/store.js';
import { disabledReasonText, scheduleProblemMessage } from '../src/render/daily.js';
import { dailyDbFile, openDailyDb } from './support/daily-db.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const utc = (s: string) => new Date(s);
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

let file: string;

beforeEach(() => {
  file = dailyDbFile('daily-scheduler-');
});

const openDb = (): Database.Database => openDailyDb(file);

const CONCEPTS: Concept[] = Array.from({ length: 8 }, (_, i) => ({
  id: `c${i}`,
  term: `Term ${i}`,
  aliases: [],
  definition: `Definition ${i}.`,
  kind: 'model',
  topic: 'detr.md',
  source: { file: 'notes/detr.md', headingPath: ['DETR', `S${i}`], startLine: 10 * i + 1, endLine: 10 * i + 9 },
}));

const clock = {
  t: utc('2026-01-01T00:00:00Z'),
  now() {
    return this.t;
  },
};

interface Sent {
  guildId: string;
  channelId: string;
  conceptId: string;
  localDate: string;
  at: string;
}

/** Stands in for discord.js: records messages, and channels can be deleted or locked. */
class FakeDiscord {
  sent: Sent[] = [];
  calls = 0;
  broken = new Map<string, PostResult | Error>(); // by channel id
  delayMs = 5;
  private seq = 0;
  post = async (guildId: string, channelId: string, concept: Concept, localDate: string): Promise<PostResult> => {
    this.calls++;
    // A real await, so concurrent ticks genuinely interleave.
    await new Promise((r) => setTimeout(r, this.delayMs));
    const broken = this.broken.get(channelId);
    if (broken instanceof Error) throw broken;
    if (broken) return broken;
    this.sent.push({ guildId, channelId, conceptId: concept.id, localDate, at: clock.now().toISOString() });
    return { messageId: `m${++this.seq}` };
  };
  of(guildId: string) {
    return this.sent.filter((s) => s.guildId === guildId);
  }
}

let discord: FakeDiscord;
beforeEach(() => {
  discord = new FakeDiscord();
  clock.t = utc('2026-01-01T00:00:00Z');
});

function makeScheduler(db = openDb(), extra: Partial<DailySchedulerOptions> = {}): DailyScheduler {
  const store = new DailyStore(db);
  return new DailyScheduler({
    store,
    rotation: new Rotation(store, { newSeed: () => 1234 }),
    post: discord.post,
    concepts: () => CONCEPTS,
    clock,
    ...extra,
  });
}

function configure(
  s: DailyScheduler,
  guildId: string,
  time: string,
  timezone: string,
  channelId = `${guildId}-ch`,
  at = utc('2026-01-01T00:00:00Z'),
) {
  const r = s.configure({ guildId, channelId, time, timezone }, at);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** Ticks every `stepMs` over [from, to), as the timer would (every slot in these tests lies on a 5-minute grid). */
async function tickEvery(s: DailyScheduler, from: Date, to: Date, stepMs = MIN): Promise<void> {
  for (let t = from.getTime(); t < to.getTime(); t += stepMs) {
    clock.t = new Date(t);
    await s.tick(clock.t);
  }
}

function restart(s: DailyScheduler, extra: Partial<DailySchedulerOptions> = {}): DailyScheduler {
  s.store.db.close();
  return makeScheduler(openDb(), extra);
}

describe('posting at the local time', () => {
  it('posts once at 08:30 local in Asia/Shanghai and in America/New_York', async () => {
    const s = makeScheduler();
    configure(s, 'sh', '08:30', 'Asia/Shanghai');
    configure(s, 'ny', '08:30', 'America/New_York');
    await tickEvery(s, utc('2026-01-15T00:00:00Z'), utc('2026-01-16T00:00:00Z'), 5 * MIN);
    expect(discord.sent.map(({ guildId, localDate, at, channelId }) => ({ guildId, localDate, at, channelId }))).toEqual([
      { guildId: 'sh', localDate: '2026-01-15', at: '2026-01-15T00:30:00.000Z', channelId: 'sh-ch' }, // 08:30 CST
      { guildId: 'ny', localDate: '2026-01-15', at: '2026-01-15T13:30:00.000Z', channelId: 'ny-ch' }, // 08:30 EST
    ]);
    // Shanghai's next day begins at 16:00Z; its 2026-01-16 slot is 00:30Z, outside the window.
    expect(s.store.getPost('sh', '2026-01-15')).toMatchObject({ status: 'posted', messageId: 'm1', trigger: 'schedule' });
  });

  it('reports the outcome of each attempt from tick()', async () => {
    const s = makeScheduler();
    configure(s, 'sh', '08:30', 'Asia/Shanghai');
    expect(await s.tick(utc('2026-01-15T00:29:00Z'))).toEqual([]);
    expect(await s.tick(utc('2026-01-15T00:30:00Z'))).toEqual([
      { guildId: 'sh', localDate: '2026-01-15', outcome: 'posted', conceptId: expect.any(String), messageId: 'm1' },
    ]);
    expect(await s.tick(utc('2026-01-15T00:31:00Z'))).toEqual([]);
  });

  it('DST spring forward: one post per local date over three days (02:30 → 03:00 EDT on 03-08)', async () => {
    const s = makeScheduler();
    configure(s, 'ny', '02:30', 'America/New_York');
    await tickEvery(s, utc('2026-03-07T05:00:00Z'), utc('2026-03-10T04:00:00Z'), 5 * MIN);
    expect(discord.sent.map(({ localDate, at }) => ({ localDate, at }))).toEqual([
      { localDate: '2026-03-07', at: '2026-03-07T07:30:00.000Z' },
      { localDate: '2026-03-08', at: '2026-03-08T07:00:00.000Z' },
      { localDate: '2026-03-09', at: '2026-03-09T06:30:00.000Z' },
    ]);
  });

  it('DST fall back: one post per local date over three days (01:30 twice on 11-01)', async () => {
    const s = makeScheduler();
    configure(s, 'ny', '01:30', 'America/New_York');
    await tickEvery(s, utc('2026-10-31T04:00:00Z'), utc('2026-11-03T05:00:00Z'), 5 * MIN);
    expect(discord.sent.map(({ localDate, at }) => ({ localDate, at }))).toEqual([
      { localDate: '2026-10-31', at: '2026-10-31T05:30:00.000Z' },
      { localDate: '2026-11-01', at: '2026-11-01T05:30:00.000Z' },
      { localDate: '2026-11-02', at: '2026-11-02T06:30:00.000Z' },
    ]);
  });

  it('consecutive days show different concepts from the rotation', async () => {
    const s = makeScheduler();
    configure(s, 'sh', '08:30', 'Asia/Shanghai');
    await tickEvery(s, utc('2026-01-15T00:00:00Z'), utc('2026-01-23T00:00:00Z'), 30 * MIN);
    expect(discord.sent).toHaveLength(8);
    expect(new Set(discord.sent.map((p) => p.conceptId)).size).toBe(8);
  });
});

describe('restarts and downtime', () => {
  const slot = utc('2026-01-15T00:30:00Z'); // 08:30 in Shanghai

  it('restart before the slot: the new process posts at the slot', async () => {
    let s = makeScheduler();
    configure(s, 'sh', '08:30', 'Asia/Shanghai');
    await s.tick(plus(slot, -30 * MIN));
    s = restart(s);
    await s.tick(plus(slot, -1 * MIN));
    expect(discord.sent).toHaveLength(0);
    await s.tick(slot);
    expect(discord.sent.map((p) => p.localDate)).toEqual(['2026-01-15']);
  });

  it('restart after the slot, within grace: posts once on start-up', async () => {
    let s = makeScheduler();
    configure(s, 'sh', '08:30', 'Asia/Shanghai');
    await s.tick(plus(slot, -5 * MIN));
    s = restart(s); // down over the slot, back 2.5 h later
    clock.t = plus(slot, 150 * MIN);
    s.start(); // start() ticks immediately
    await s.stop();
    expect(discord.sent.map((p) => ({ localDate: p.localDate, at: p.at }))).toEqual([
      { localDate: '2026-01-15', at: '2026-01-15T03:00:00.000Z' },
    ]);
    await tickEvery(s, plus(slot, 151 * MIN), plus(slot, 8 * HOUR), 5 * MIN);
    expect(discord.sent).toHaveLength(1);
  });

  it('restart after posting: no second post', async () => {
    let s = makeScheduler();
    configure(s, 'sh', '08:30', 'Asia/Shanghai');
    await s.tick(slot);
    expect(discord.sent).toHaveLength(1);
    s = restart(s);
    await s.tick(plus(slot, 1 * MIN));
    await s.tick(plus(slot, 3 * HOUR));
    expect(discord.sent).toHaveLength(1);
    const status = await s.status('sh', plus(slot, 3 * HOUR));
    expect(status.lastPosted).toMatchObject({ localDate: '2026-01-15', status: 'posted', messageId: 'm1' });
    expect(status.next?.at.toISOString()).toBe('2026-01-16T00:30:00.000Z');
  });

  it('a slot missed by more than the grace period is skipped; the next day posts normally', async () => {
    const s = makeScheduler();
    configure(s, 'sh', '08:30', 'Asia/Shanghai');
    await s.tick(plus(slot, 6 * HOUR + 1 * MIN)); // back just after the 6 h grace
    expect(discord.sent).toHaveLength(0);
    expect((await s.status('sh', plus(slot, 6 * HOUR + 1 * MIN))).next).toMatchObject({ localDate: '2026-01-16', overdue: false });
    await tickEvery(s, plus(slot, 6 * HOUR + 5 * MIN), plus(slot, 25 * HOUR), 5 * MIN);
    expect(discord.sent.map((p) => ({ localDate: p.localDate, at: p.at }))).toEqual([
      { localDate: '2026-01-16', at: '2026-01-16T00:30:00.000Z' },
    ]);
    expect(s.store.getPost('sh', '2026-01-15')).toBeNull();
  });

  it('exactly at the grace limit still posts; the grace period is configurable', async () => {
    const s = makeScheduler();
    configure(s, 'sh', '08:30', 'Asia/Shanghai');
    await s.tick(plus(slot, 6 * HOUR));
    expect(discord.sent).toHaveLength(1);
    const strict = makeScheduler(openDb(), { graceMs: 30 * MIN });
    configure(strict, 'other', '08:30', 'Asia/Shanghai');
    await strict.tick(plus(slot, 31 * MIN));
    expect(discord.of('other')).toHaveLength(0);
  });

  it('after days of downtime, posts once (today), not once per missed day', async () => {
    const s = makeScheduler();
    configure(s, 'sh', '08:30', 'Asia/Shanghai');
    await s.tick(plus(slot, 3 * 24 * HOUR + 1 * HOUR)); // 4 days later, 1 h after the slot
    expect(discord.sent.map((p) => p.localDate)).toEqual(['2026-01-18']);
  });

  it('a late-evening slot missed until after midnight still counts for its own date', async () => {
    const s = makeScheduler();
    configure(s, 'sh', '23:50', 'Asia/Shanghai'); // 15:50Z
    await s.tick(utc('2026-01-15T16:30:00Z')); // 00:30 on the 16th, local
    expect(discord.sent.map((p) => p.localDate)).toEqual(['2026-01-15']);
    await tickEvery(s, utc('2026-01-15T16:31:00Z'), utc('2026-01-16T16:00:00Z'), 10 * MIN);
    expect(discord.sent.map((p) => p.localDate)).toEqual(['2026-01-15', '2026-01-16']);
  });

  it("setting a schedule after today's slot does not post until tomorrow", async () => {
    const s = makeScheduler();
    configure(s, 'sh', '08:30', 'Asia/Shanghai', 'sh-ch', plus(slot, 90 * MIN));
    await tickEvery(s, plus(slot, 90 * MIN), plus(slot, 24 * HOUR + 1 * MIN), 10 * MIN);
    expect(discord.sent.map((p) => p.localDate)).toEqual(['2026-01-16']);
  });
});

describe('exactly once under concurrency', () => {
  const slot = utc('2026-01-15T00:30:00Z');

  it('two ticks of one scheduler at the same moment post once', async () => {
    const s = makeScheduler();
    configure(s, 'sh', '08:30', 'Asia/Shanghai');
    discord.delayMs = 30;
    const results = await Promise.all([s.tick(slot), s.tick(slot), s.tick(plus(slot, 1000))]);
    expect(discord.calls).toBe(1);
    expect(results.flat().filter((r) => r.outcome === 'posted')).toHaveLength(1);
    expect(s.rotation.progress('sh', CONCEPTS).shown).toBe(1);
  });

  it('two scheduler instances on separate connections to one database file post once', async () => {
    const a = makeScheduler(openDb());
    const b = makeScheduler(openDb());
    configure(a, 'sh', '08:30', 'Asia/Shanghai');
    configure(a, 'ny', '08:30', 'America/New_York');
    discord.delayMs = 30;
    for (const t of [slot, plus(slot, 1 * MIN), utc('2026-01-15T13:30:00Z'), utc('2026-01-15T13:31:00Z')]) {
      await Promise.all([a.tick(t), b.tick(t), a.tick(t), b.tick(t)]);
    }
    expect(discord.calls).toBe(2);
    expect(discord.sent.map((p) => p.guildId).sort()).toEqual(['ny', 'sh']);
    // The losing claims did not use up concepts.
    expect(a.rotation.progress('sh', CONCEPTS).shown).toBe(1);
    expect(b.rotation.progress('ny', CONCEPTS).shown).toBe(1);
  });

  it('postNow racing the scheduled tick posts once', async () => {
    const a = makeScheduler(openDb());
    const b = makeScheduler(openDb());
    configure(a, 'sh', '08:30', 'Asia/Shanghai');
    discord.delayMs = 30;
    const [manual] = await Promise.all([b.postNow('sh', slot), a.tick(slot)]);
    expect(discord.calls).toBe(1);
    expect(['posted', 'in_progress']).toContain(manual.outcome);
  });

  it('claimPost: only the first caller wins a (guild, local date)', () => {
    const a = new DailyStore(openDb());
    const b = new DailyStore(openDb());
    const claim = { guildId: 'g', localDate: '2026-01-15', conceptId: 'c1', channelId: 'ch', trigger: 'schedule' as const };
    expect(a.claimPost(claim, slot)).toBe(true);
    expect(b.claimPost({ ...claim, conceptId: 'c2' }, slot)).toBe(false);
    expect(a.claimPost(claim, slot)).toBe(false);
    expect(b.claimPost({ ...claim, localDate: '2026-01-16' }, slot)).toBe(true);
    expect(a.getPost('g', '2026-01-15')).toMatchObject({ conceptId: 'c1', status: 'claimed' });
  });
});

describe('broken channels and failed posts', () => {
  const slot = utc('2026-01-15T00:30:00Z');

  it('a deleted channel disables only that guild, and status says why', async () => {
    const s = makeScheduler();
    configure(s, 'gone', '08:30', 'Asia/Shanghai', 'deleted-ch');
    configure(s, 'fine', '08:30', 'Asia/Shanghai', 'fine-ch');
    discord.broken.set('deleted-ch', { error: 'missing_channel' });
    const outcomes = await s.tick(slot);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ guildId: 'fine', outcome: 'posted' }),
        expect.objectContaining({
          guildId: 'gone',
          outcome: 'failed',
          error: 'missing_channel',
          disabledReason: { code: 'missing_channel', channelId: 'deleted-ch', localDate: '2026-01-15' },
        }),
      ]),
    );
    const gone = s.store.getSchedule('gone')!;
    expect(gone.enabled).toBe(false);
    expect(s.store.getSchedule('fine')!.enabled).toBe(true);

    const status = await s.status('gone', plus(slot, 1 * HOUR));
    expect(status.disabledReason).toEqual({ code: 'missing_channel', channelId: 'deleted-ch', localDate: '2026-01-15' });
    // The core keeps a code; the words are render/'s.
    expect(disabledReasonText(status.disabledReason!)).toContain('deleted-ch');
    expect(disabledReasonText(status.disabledReason!)).toContain('no longer exists');
    expect(status.next).toBeNull();
    expect(status.latest).toMatchObject({ localDate: '2026-01-15', status: 'failed', error: 'missing_channel' });
    // The concept that never went out stays in the rotation.
    expect(status.rotation).toMatchObject({ shown: 0, remaining: CONCEPTS.length });

    // A disabled guild is not retried; the other keeps going.
    await tickEvery(s, plus(slot, 10 * MIN), plus(slot, 25 * HOUR), 10 * MIN);
    expect(discord.calls).toBe(3);
    expect(discord.of('fine').map((p) => p.localDate)).toEqual(['2026-01-15', '2026-01-16']);
  });

  it('lost permissions disable the schedule; setting a channel again re-enables it', async () => {
    const s = makeScheduler();
    configure(s, 'locked', '08:30', 'Asia/Shanghai', 'locked-ch');
    discord.broken.set('locked-ch', { error: 'missing_permissions' });
    await s.tick(slot);
    const status = await s.status('locked', plus(slot, 1 * MIN));
    expect(status.disabledReason).toEqual({ code: 'missing_permissions', channelId: 'locked-ch', localDate: '2026-01-15' });
    expect(disabledReasonText(status.disabledReason!)).toContain('lost permission');

    configure(s, 'locked', '08:30', 'Asia/Shanghai', 'new-ch', plus(slot, 2 * HOUR));
    const fixed = await s.status('locked', plus(slot, 2 * HOUR));
    expect(fixed.disabledReason).toBeNull();
    expect(fixed.next).toMatchObject({ localDate: '2026-01-16', overdue: false });
    await tickEvery(s, plus(slot, 2 * HOUR), plus(slot, 24 * HOUR + 1 * MIN), 10 * MIN);
    expect(discord.sent.map((p) => ({ channelId: p.channelId, localDate: p.localDate }))).toEqual([
      { channelId: 'new-ch', localDate: '2026-01-16' },
    ]);
  });

  it('other errors are retried after the back-off, up to maxAttempts, without disabling', async () => {
    const s = makeScheduler();
    configure(s, 'flaky', '08:30', 'Asia/Shanghai', 'flaky-ch');
    discord.broken.set('flaky-ch', { error: 'rate_limited' });
    await s.tick(slot);
    await s.tick(plus(slot, 1 * MIN)); // inside the 5 min back-off
    expect(discord.calls).toBe(1);
    expect((await s.status('flaky', plus(slot, 1 * MIN))).next).toMatchObject({ at: plus(slot, 5 * MIN), overdue: true });
    discord.broken.delete('flaky-ch');
    await s.tick(plus(slot, 5 * MIN));
    expect(discord.sent).toHaveLength(1);
    expect(s.store.getPost('flaky', '2026-01-15')).toMatchObject({ status: 'posted', attempts: 2 });
    expect(s.store.getSchedule('flaky')!.enabled).toBe(true);
  });

  it('gives up on a day after maxAttempts failures', async () => {
    const s = makeScheduler();
    configure(s, 'flaky', '08:30', 'Asia/Shanghai', 'flaky-ch');
    discord.broken.set('flaky-ch', { error: 'http_500' });
    await tickEvery(s, slot, plus(slot, 6 * HOUR), MIN);
    expect(discord.calls).toBe(3);
    expect(s.store.getPost('flaky', '2026-01-15')).toMatchObject({ status: 'failed', attempts: 3, error: 'http_500' });
  });

  it('a post that throws (outcome unknown) is never re-posted and is reported as unconfirmed', async () => {
    const s = makeScheduler();
    configure(s, 'sh', '08:30', 'Asia/Shanghai');
    discord.broken.set('sh-ch', new Error('socket hang up'));
    expect(await s.tick(slot)).toEqual([expect.objectContaining({ outcome: 'unknown', error: 'socket hang up' })]);
    discord.broken.clear();
    await tickEvery(s, plus(slot, 1 * MIN), plus(slot, 6 * HOUR), 5 * MIN);
    expect(discord.calls).toBe(1);
    const status = await s.status('sh', plus(slot, 15 * MIN));
    expect(status.unconfirmed).toEqual([expect.objectContaining({ localDate: '2026-01-15', status: 'claimed', error: 'socket hang up' })]);
    expect(await s.postNow('sh', plus(slot, 15 * MIN))).toMatchObject({ outcome: 'in_progress', stale: true });
    expect(discord.calls).toBe(1);
  });

  it('a claim left by a process that died mid-post is not re-posted after restart', async () => {
    let s = makeScheduler();
    configure(s, 'sh', '08:30', 'Asia/Shanghai');
    // What a crash between claim and markPosted leaves behind.
    s.store.claimPost({ guildId: 'sh', localDate: '2026-01-15', conceptId: 'c1', channelId: 'sh-ch', trigger: 'schedule' }, slot);
    s = restart(s);
    await tickEvery(s, plus(slot, 1 * MIN), plus(slot, 6 * HOUR), 10 * MIN);
    expect(discord.calls).toBe(0);
    const status = await s.status('sh', plus(slot, 2 * HOUR));
    expect(status.unconfirmed.map((p) => p.localDate)).toEqual(['2026-01-15']);
    // Within staleClaimMs it is merely in progress.
    expect((await s.status('sh', plus(slot, 5 * MIN))).unconfirmed).toEqual([]);
    await s.tick(utc('2026-01-16T00:30:00Z'));
    expect(discord.sent.map((p) => p.localDate)).toEqual(['2026-01-16']);
  });

  it('an empty concept bank posts nothing and claims nothing', async () => {
    const s = makeScheduler(openDb(), { concepts: () => [] });
    configure(s, 'sh', '08:30', 'Asia/Shanghai');
    expect(await s.tick(slot)).toEqual([{ guildId: 'sh', localDate: '2026-01-15', outcome: 'no_concepts' }]);
    expect(s.store.getPost('sh', '2026-01-15')).toBeNull();
  });
});

describe('postNow', () => {
  const slot = utc('2026-01-15T00:30:00Z');

  it("counts as today's post: the slot later today is skipped; tomorrow posts normally", async () => {
    const s = makeScheduler();
    configure(s, 'sh', '08:30', 'Asia/Shanghai');
    const early = plus(slot, -2 * HOUR); // 06:30 local
    expect(await s.postNow('sh', early)).toMatchObject({ outcome: 'posted', localDate: '2026-01-15' });
    expect(s.store.getPost('sh', '2026-01-15')).toMatchObject({ status: 'posted', trigger: 'manual' });
    expect((await s.status('sh', early)).next).toMatchObject({ localDate: '2026-01-16', at: utc('2026-01-16T00:30:00Z') });
    await tickEvery(s, plus(early, 10 * MIN), plus(slot, 25 * HOUR), 10 * MIN);
    expect(discord.sent.map((p) => p.localDate)).toEqual(['2026-01-15', '2026-01-16']);
  });

  it("says so when today's is already posted", async () => {
    const s = makeScheduler();
    configure(s, 'sh', '08:30', 'Asia/Shanghai');
    await s.tick(slot);
    const r = await s.postNow('sh', plus(slot, 1 * HOUR));
    expect(r).toMatchObject({ outcome: 'already_posted', localDate: '2026-01-15', post: { status: 'posted', messageId: 'm1' } });
    expect(discord.calls).toBe(1);
  });

  it('retries a failed day at once, and works without a post for the slot yet', async () => {
    const s = makeScheduler();
    configure(s, 'flaky', '08:30', 'Asia/Shanghai', 'flaky-ch');
    discord.broken.set('flaky-ch', { error: 'rate_limited' });
    await s.tick(slot);
    discord.broken.clear();
    expect(await s.postNow('flaky', plus(slot, 30_000))).toMatchObject({ outcome: 'posted' });
  });

  it('needs a schedule (for the channel)', async () => {
    const s = makeScheduler();
    expect(await s.postNow('nobody', slot)).toEqual({ guildId: 'nobody', outcome: 'no_schedule' });
  });
});

describe('status', () => {
  it('gives the schedule, next post in UTC and local time, rotation, and last post', async () => {
    const s = makeScheduler();
    configure(s, 'ny', '08:30', 'America/New_York');
    const before = utc('2026-03-07T12:00:00Z');
    const st = await s.status('ny', before);
    expect(st.schedule).toMatchObject({ guildId: 'ny', channelId: 'ny-ch', time: '08:30', timezone: 'America/New_York', enabled: true });
    expect(st.next).toEqual({
      at: utc('2026-03-07T13:30:00Z'),
      localDate: '2026-03-07',
      local: '2026-03-07 08:30 EST (UTC-5)',
      overdue: false,
    });
    expect(st.rotation).toEqual({ cycle: 1, shown: 0, remaining: 8, total: 8 });
    expect(st.lastPosted).toBeNull();
    expect(st.disabledReason).toBeNull();

    await s.tick(utc('2026-03-07T13:30:00Z'));
    const after = await s.status('ny', utc('2026-03-07T14:00:00Z'));
    expect(after.next).toMatchObject({ at: utc('2026-03-08T12:30:00Z'), local: '2026-03-08 08:30 EDT (UTC-4)' });
    expect(after.rotation).toMatchObject({ shown: 1, remaining: 7 });
    expect(after.lastPosted).toMatchObject({ localDate: '2026-03-07', messageId: 'm1' });
  });

  it('shows an overdue slot (missed, still within grace) as due now', async () => {
    const s = makeScheduler();
    configure(s, 'ny', '08:30', 'America/New_York');
    const st = await s.status('ny', utc('2026-03-07T15:00:00Z'));
    expect(st.next).toMatchObject({ at: utc('2026-03-07T13:30:00Z'), overdue: true });
  });

  it('without a schedule: nothing planned', async () => {
    const s = makeScheduler();
    const st = await s.status('none', utc('2026-03-07T15:00:00Z'));
    expect(st).toMatchObject({ schedule: null, next: null, lastPosted: null, unconfirmed: [] });
  });

  it('configure rejects bad input with a code render/ words as the user-facing message', () => {
    const s = makeScheduler();
    const badTime = s.configure({ guildId: 'g', channelId: 'c', time: '8pm', timezone: 'UTC' });
    expect(badTime).toEqual({ ok: false, error: { code: 'invalid_time', input: '8pm' } });
    expect(!badTime.ok && scheduleProblemMessage(badTime.error)).toContain('HH:MM');
    const badZone = s.configure({ guildId: 'g', channelId: 'c', time: '20:00', timezone: 'Mars/Base' });
    expect(badZone).toEqual({ ok: false, error: { code: 'unknown_timezone', input: 'Mars/Base' } });
    expect(!badZone.ok && scheduleProblemMessage(badZone.error)).toBe(
      'Unknown timezone "Mars/Base". Use an IANA name like Europe/Berlin or Asia/Shanghai.',
    );
    expect(s.store.getSchedule('g')).toBeNull();
  });
});

describe('timer adapter', () => {
  class FakeTimers implements Timers {
    pending = new Map<number, { fn: () => void; ms: number }>();
    private id = 0;
    setTimeout = (fn: () => void, ms: number) => {
      this.pending.set(++this.id, { fn, ms });
      return this.id;
    };
    clearTimeout = (h: unknown) => void this.pending.delete(h as number);
    fire() {
      const [id, t] = [...this.pending][0]!;
      this.pending.delete(id);
      t.fn();
    }
  }
  const settle = () => new Promise((r) => setTimeout(r, 50));

  it('ticks on start, then just after each minute boundary; stop() cancels', async () => {
    const timers = new FakeTimers();
    const s = makeScheduler(openDb(), { timers });
    configure(s, 'sh', '08:30', 'Asia/Shanghai');
    clock.t = utc('2026-01-15T00:29:20Z');
    s.start();
    await settle();
    expect(timers.pending.size).toBe(1);
    expect([...timers.pending.values()][0]!.ms).toBe(40_000 + 250);
    expect(discord.calls).toBe(0);

    clock.t = utc('2026-01-15T00:30:00.250Z');
    timers.fire();
    await settle();
    expect(discord.sent.map((p) => p.localDate)).toEqual(['2026-01-15']);
    expect(timers.pending.size).toBe(1);

    await s.stop();
    expect(timers.pending.size).toBe(0);
  });

  it('configure() wakes a running scheduler so a new schedule is seen at once', async () => {
    const timers = new FakeTimers();
    const s = makeScheduler(openDb(), { timers });
    clock.t = utc('2026-01-15T00:40:00Z');
    s.start();
    await settle();
    // Configured before today's slot (e.g. the command ran at 08:00, the timer is stale).
    configure(s, 'sh', '08:30', 'Asia/Shanghai', 'sh-ch', utc('2026-01-15T00:00:00Z'));
    await settle();
    expect(discord.sent).toHaveLength(1);
    expect(timers.pending.size).toBe(1);
    await s.stop();
  });
});
