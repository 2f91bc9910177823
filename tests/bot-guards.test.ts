/**
 * Specification of the declarative guards (src/bot/guards.ts) that the one
 * dispatcher applies before a command or button runs, and of the message
 * catalogue's `t` every reply is worded with.
 */
import { PermissionFlagsBits, PermissionsBitField, type RepliableInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { Cooldowns } from '../src/bot/cooldowns.js';
import { refusal, type Guards } from '../src/bot/guards.js';
import { commands } from '../src/bot/commands/index.js';
import { buttonRoutes } from '../src/bot/components/index.js';
import { translate } from '../src/render/messages.js';

/** The parts of an interaction the guards read. */
function interaction(o: { inGuild: boolean; permissions?: bigint; userId?: string }): RepliableInteraction {
  return {
    inGuild: () => o.inGuild,
    memberPermissions: o.inGuild ? new PermissionsBitField(o.permissions ?? 0n) : null,
    user: { id: o.userId ?? 'alice' },
  } as unknown as RepliableInteraction;
}

const admin: Guards = {
  guildOnly: { refusal: 'daily.onlyInServer' },
  memberPermission: { flag: PermissionFlagsBits.ManageGuild, refusal: 'daily.needsPermission' },
  cooldown: { bucket: 'daily', ms: 2000 },
};

describe('refusal', () => {
  it('passes when every guard holds', () => {
    expect(
      refusal(interaction({ inGuild: true, permissions: PermissionFlagsBits.ManageGuild }), admin, new Cooldowns(), translate),
    ).toBeNull();
    expect(refusal(interaction({ inGuild: false }), {}, new Cooldowns(), translate)).toBeNull();
  });

  it("outside a server: the guard's own message", () => {
    expect(refusal(interaction({ inGuild: false }), admin, new Cooldowns(), translate)).toBe('`/daily` only works in a server.');
    expect(refusal(interaction({ inGuild: false }), { guildOnly: { refusal: 'quiz.onlyInServer' } }, new Cooldowns(), translate)).toMatch(
      /^Quizzes, scores and stats are kept per server/,
    );
  });

  it('without the permission: says which one is needed', () => {
    expect(refusal(interaction({ inGuild: true, permissions: PermissionFlagsBits.SendMessages }), admin, new Cooldowns(), translate)).toBe(
      'Setting up the daily concept needs the **Manage Server** permission.',
    );
  });

  it('a cooldown refuses the second use with the seconds left; a refusal for another reason does not use it up', () => {
    let now = 0;
    const cooldowns = new Cooldowns(() => now);
    expect(refusal(interaction({ inGuild: true, permissions: 0n }), admin, cooldowns, translate)).toMatch(/Manage Server/);
    const allowed = interaction({ inGuild: true, permissions: PermissionFlagsBits.ManageGuild });
    expect(refusal(allowed, admin, cooldowns, translate)).toBeNull();
    now = 500;
    expect(refusal(allowed, admin, cooldowns, translate)).toBe('One moment please: you can use `/daily` again in 2 s.');
    now = 2000;
    expect(refusal(allowed, admin, cooldowns, translate)).toBeNull();
  });
});

describe('declared guards', () => {
  const byName = new Map(commands.map((c) => [c.data.name, c]));

  it('/reindex and /daily need Manage Server in a server; the quiz commands a server', () => {
    for (const name of ['reindex', 'daily']) {
      expect(byName.get(name)).toMatchObject({ guildOnly: expect.anything(), memberPermission: { flag: PermissionFlagsBits.ManageGuild } });
    }
    for (const name of ['quiz', 'leaderboard', 'mystats'])
      expect(byName.get(name)).toMatchObject({ guildOnly: { refusal: 'quiz.onlyInServer' } });
    for (const name of ['ask', 'topics', 'help']) expect(byName.get(name)?.guildOnly).toBeUndefined();
  });

  it("buttons that post a question share /quiz's cooldown bucket; the others have none", () => {
    const quizCooldown = { bucket: 'quiz', ms: byName.get('quiz')!.cooldownMs };
    expect(buttonRoutes['quiz-next'].cooldown).toEqual(quizCooldown);
    expect(buttonRoutes['quiz-concept'].cooldown).toEqual(quizCooldown);
    for (const kind of ['ask-next', 'ask-section', 'ask-vote', 'topics-page', 'quiz-answer'] as const)
      expect(buttonRoutes[kind].cooldown).toBeUndefined();
  });

  it('the flashcard buttons (Show answer, ratings) work in a server only, where schedules are kept, without a cooldown', () => {
    for (const kind of ['card-show', 'card-rate'] as const) {
      expect(buttonRoutes[kind]).toMatchObject({ guildOnly: { refusal: 'quiz.onlyInServer' } });
      expect(buttonRoutes[kind].cooldown).toBeUndefined();
    }
  });
});

describe('translate', () => {
  it('fills placeholders and picks plural forms by count, as i18next does', () => {
    expect(translate('interaction.cooldown', { command: 'ask', seconds: 3 })).toBe('One moment please: you can use `/ask` again in 3 s.');
    expect(translate('stats.days', { count: 1 })).toBe('1 day');
    expect(translate('stats.days', { count: 4 })).toBe('4 days');
    expect(translate('quiz.tally', { count: 0, total: 0, correct: 0 })).toBe('No answers yet');
    expect(translate('quiz.tally', { count: 3, total: 3, correct: 2 })).toBe('3 answered, 2 correct');
  });

  it('a placeholder without a value stays visible rather than vanishing', () => {
    expect(translate('quiz.noteGone')).toBe('The note `{{file}}` is no longer in the notes. Try `/quiz` with another topic.');
  });
});
