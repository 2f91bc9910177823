/**
 * End-to-end specification of quizzes on Discord: the REAL bot process
 * (`node dist/bot/main.js`) against the fake Discord in tests/support, as in
 * bot-e2e.test.ts. Assertions are about what went over the wire or into the
 * database file (the right answer of a posted question is read from there).
 *
 * The tests run in order and share state: the first bot posts questions and
 * records answers; then it is restarted on the same DATA_DIR and fake Discord
 * (with a tiny QUIZ_TIMEOUT_MINUTES), and the old message's buttons must still work.
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscord } from './support/fake-discord.js';
import {
  buttons,
  fakeBotToken,
  interactionRequests,
  logLines,
  setUpBotE2E,
  stopBot,
  withBotDb,
  type BotE2E,
  type BotProcess,
  allowedMentionsOf,
  messageRequests,
} from './support/bot-process.js';

const APPLICATION_ID = '100000000000000001';
const TOKEN = fakeBotToken(APPLICATION_ID, 'Quiz-e2e-t0ken-never-in-logs_77aa');
const EPHEMERAL = 64;

async function until<T>(read: () => T | undefined | null | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let e2e: BotE2E;
let fake: FakeDiscord;
let dataDir: string;
/** The first bot, then the one restarted on the same DATA_DIR. */
let bots: BotProcess[];

const member = (n: number, name: string) => ({ id: String(200000000000000500n + BigInt(n)), username: name });
const alice = member(1, 'alice');
const bob = member(2, 'bob');
const carol = member(3, 'carol');
const dave = member(4, 'dave');
const erin = member(5, 'erin');
const frank = member(6, 'frank');

const { isCallback, isEditOriginal, isFollowUp } = interactionRequests(APPLICATION_ID);

const answerButtons = (message: any) => buttons(message).filter((b) => b.custom_id.startsWith('quiz:a:'));
const questionIdOf = (message: any): string => answerButtons(message)[0].custom_id.split(':')[2];
const tallyOf = (message: any): string | undefined => message?.embeds?.[0]?.fields?.find((f: any) => f.name === 'Answers')?.value;

const readDb = <T>(fn: (db: Database.Database) => T): T => withBotDb(dataDir, fn);

/** The stored question behind a message: its right answer and note. */
function stored(message: any): { correctIndex: number; topic: string; conceptId: string; file: string } {
  const row = readDb((db) => db.prepare('SELECT * FROM quiz_questions WHERE id = ?').get(questionIdOf(message))) as any;
  const q = JSON.parse(row.question_json);
  return { correctIndex: q.correctIndex, topic: row.topic, conceptId: row.concept_id, file: q.source.file };
}

async function quiz(user: { id: string; username: string }, topic?: string) {
  const sentAt = Date.now();
  const sent = fake.sendCommand({ name: 'quiz', options: topic === undefined ? [] : [{ type: 3, name: 'topic', value: topic }], user });
  const callback = await fake.waitForRequest(isCallback(sent.id), 5000);
  const edit = await fake.waitForRequest(isEditOriginal(sent.token), 10_000);
  return { ...sent, sentAt, callback, edit, message: fake.originalMessage(sent.token) };
}

async function click(message: any, choice: number, user: { id: string; username: string }) {
  const sent = fake.sendComponent({ customId: `quiz:a:${questionIdOf(message)}:${choice}`, messageId: message.id, user });
  const callback = await fake.waitForRequest(isCallback(sent.id), 5000);
  const reply = await fake.waitForRequest(isFollowUp(sent.token), 5000);
  return { ...sent, callback, reply: reply.body };
}

let first: Awaited<ReturnType<typeof quiz>>;
let firstAnswer: ReturnType<typeof stored>;
let second: Awaited<ReturnType<typeof quiz>>;
let quizMe: any;

beforeAll(async () => {
  e2e = await setUpBotE2E({ applicationId: APPLICATION_ID, token: TOKEN, dataDirPrefix: 'studybot-quiz-e2e-' });
  ({ fake, dataDir, bots } = e2e);
  await e2e.startBot();
}, 40_000);

afterAll(async () => {
  await e2e?.close();
});

describe('quizzes on (fake) Discord', () => {
  it('registers /quiz (topic with autocomplete, mode), /leaderboard (period) and /mystats', async () => {
    const put = await fake.waitForRequest(
      (r) => r.method === 'PUT' && r.path === `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`,
    );
    const byName = Object.fromEntries(put.body.map((c: any) => [c.name, c]));
    expect(byName.quiz.options).toEqual([
      expect.objectContaining({ name: 'topic', type: 3, autocomplete: true }),
      expect.objectContaining({
        name: 'mode',
        type: 3,
        choices: [
          expect.objectContaining({
            name: 'what is due',
            value: 'due',
            name_localizations: expect.objectContaining({ 'zh-CN': '该复习的' }),
          }),
          expect.objectContaining({ name: 'my mistakes', value: 'mistakes' }),
          expect.objectContaining({ name: 'retired questions (admins)', value: 'report' }),
        ],
      }),
    ]);
    expect(byName.quiz.options[0].required ?? false).toBe(false);
    expect(byName.leaderboard.options).toEqual([
      expect.objectContaining({
        name: 'period',
        type: 3,
        choices: [
          expect.objectContaining({ name: 'this week', value: 'week' }),
          expect.objectContaining({ name: 'all time', value: 'all' }),
        ],
      }),
    ]);
    expect(byName.mystats).toBeDefined();
  });

  it('/quiz posts one question publicly, acknowledged at once, with four answer buttons and "Next question"', async () => {
    // A note without flashcards: on a note with cards, and in what is due, a member's own cards come first (bot-quiz-cards-e2e.test.ts).
    first = await quiz(alice, 'pspnet');
    expect(first.callback.body.type).toBe(5);
    expect(first.callback.at - first.sentAt).toBeLessThan(1500);
    expect(first.callback.body.data?.flags ?? 0).toBe(0);
    expect(first.edit.body.allowed_mentions).toEqual({ parse: [] });
    const answers = answerButtons(first.message);
    expect(answers).toHaveLength(4);
    expect(new Set(answers.map((b) => b.custom_id)).size).toBe(4);
    expect(answers.map((b) => b.custom_id.split(':')[3])).toEqual(['0', '1', '2', '3']);
    expect(buttons(first.message).at(-1)).toMatchObject({ label: 'Next question', custom_id: 'quiz:next:pspnet.md' });
    expect(tallyOf(first.message)).toBe('No answers yet');
    expect(first.message.embeds[0].description.length).toBeGreaterThan(10);
    firstAnswer = stored(first.message);
    expect(firstAnswer.topic).toMatch(/\.md$/);
  });

  it('two members click at once: each gets a private verdict with the source, and the public tally reads "2 answered, 1 correct"', async () => {
    const wrong = (firstAnswer.correctIndex + 1) % 4;
    const [right, miss] = await Promise.all([click(first.message, firstAnswer.correctIndex, alice), click(first.message, wrong, bob)]);
    for (const c of [right, miss]) {
      expect(c.callback.body.type).toBe(6); // deferUpdate: the public message is edited, not replaced
      expect(c.reply.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(c.reply.allowed_mentions).toEqual({ parse: [] });
      const embed = c.reply.embeds[0];
      expect(embed.description).toContain('**From the notes** — ');
      expect(embed.description).toContain('>>> ');
      expect(embed.footer.text).toMatch(new RegExp(`^${firstAnswer.file.replace(/[.]/g, '\\.')}:\\d+-\\d+$`));
    }
    const letter = 'ABCD'[firstAnswer.correctIndex];
    expect(right.reply.embeds[0].title).toBe('✅ Correct!');
    expect(right.reply.embeds[0].description).toContain(`Your answer: **${letter}.**`);
    expect(miss.reply.embeds[0].title).toBe('❌ Not quite');
    expect(miss.reply.embeds[0].description).toContain(`The right answer: **${letter}.**`);

    await until(() => tallyOf(fake.getMessage(first.message.id)) === '2 answered, 1 correct', 'the tally edit');
    const message = fake.getMessage(first.message.id);
    expect(answerButtons(message).every((b) => !b.disabled)).toBe(true);
    expect(JSON.stringify(message.embeds)).not.toContain(firstAnswer.file); // the source is revealed only once closed
  });

  it('a second click by the same member is refused politely and changes nothing', async () => {
    const again = await click(first.message, (firstAnswer.correctIndex + 2) % 4, alice);
    expect(again.reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(again.reply.content).toMatch(new RegExp(`already answered.*your answer: ${'ABCD'[firstAnswer.correctIndex]}, right`));
    expect(fake.requests.some(isEditOriginal(again.token))).toBe(false);
    const rows = readDb((db) =>
      db.prepare('SELECT user_id, correct FROM quiz_answers WHERE question_id = ? ORDER BY user_id').all(questionIdOf(first.message)),
    );
    expect(rows).toEqual([
      { user_id: alice.id, correct: 1 },
      { user_id: bob.id, correct: 0 },
    ]);
  });

  it('/leaderboard lists both members with their scores, as mentions that ping nobody', async () => {
    for (const [period, user] of [
      [undefined, carol],
      ['all', dave],
    ] as const) {
      // Two members: each has a short cooldown per command.
      const sent = fake.sendCommand({ name: 'leaderboard', options: period ? [{ type: 3, name: 'period', value: period }] : [], user });
      const reply = (await fake.waitForRequest(isCallback(sent.id))).body;
      expect(reply.type).toBe(4);
      expect(reply.data.allowed_mentions).toEqual({ parse: [] });
      const embed = reply.data.embeds[0];
      expect(embed.title).toContain(period === 'all' ? 'all time' : 'this week');
      expect(embed.description.split('\n')).toEqual([
        `🥇 <@${alice.id}> — **1** correct of 1 (100%)`,
        `🥈 <@${bob.id}> — **0** correct of 1 (0%)`,
      ]);
    }
  });

  it('/mystats shows answered and accuracy, privately', async () => {
    const sent = fake.sendCommand({ name: 'mystats', user: bob });
    expect((await fake.waitForRequest(isCallback(sent.id))).body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const edit = await fake.waitForRequest(isEditOriginal(sent.token));
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    const fields = Object.fromEntries(edit.body.embeds[0].fields.map((f: any) => [f.name, f.value]));
    expect(fields).toMatchObject({ Answered: '1', Accuracy: '0% (0 correct)', Streak: '1 day in a row (best 1 day)' });
    expect(fields['Weakest topics']).toContain(`\`${firstAnswer.topic}\``);
  });

  it('/quiz topic:nope gets a clear private error; the topic option suggests notes as you type', async () => {
    const sent = fake.sendCommand({ name: 'quiz', options: [{ type: 3, name: 'topic', value: 'nope' }], user: dave });
    const reply = (await fake.waitForRequest(isCallback(sent.id))).body;
    expect(reply.type).toBe(4);
    expect(reply.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.data.content).toMatch(/No note matches “nope”.*\/topics/);

    const typed = fake.sendAutocomplete({ name: 'quiz', options: [{ type: 3, name: 'topic', value: 'focal', focused: true }], user: dave });
    const suggestions = (await fake.waitForRequest(isCallback(typed.id))).body;
    expect(suggestions.type).toBe(8);
    expect(suggestions.data.choices[0]).toEqual({
      name: expect.stringContaining('retinanet-focal-loss.md'),
      value: 'retinanet-focal-loss.md',
    });
  });

  it('/quiz topic:fpn asks about that note; "Next question" posts another one on it', async () => {
    second = await quiz(erin, 'fpn');
    expect(stored(second.message).topic).toBe('fpn.md');
    const next = buttons(second.message).at(-1);
    expect(next.custom_id).toBe('quiz:next:fpn.md');
    const sent = fake.sendComponent({ customId: next.custom_id, messageId: second.message.id, user: frank });
    expect((await fake.waitForRequest(isCallback(sent.id))).body.type).toBe(5);
    await fake.waitForRequest(isEditOriginal(sent.token), 10_000);
    const posted = fake.originalMessage(sent.token);
    expect(posted.id).not.toBe(second.message.id);
    expect(stored(posted).topic).toBe('fpn.md');
  });

  it('"Quiz me" on a daily post asks about that concept; an unknown concept is explained privately', async () => {
    const sent = fake.sendComponent({ customId: `quiz:concept:${firstAnswer.conceptId}`, user: member(7, 'gina') });
    expect((await fake.waitForRequest(isCallback(sent.id))).body.type).toBe(5);
    await fake.waitForRequest(isEditOriginal(sent.token), 10_000);
    const posted = fake.originalMessage(sent.token);
    expect(stored(posted).conceptId).toBe(firstAnswer.conceptId);
    quizMe = posted;
    expect(answerButtons(posted)).toHaveLength(4);

    const gone = fake.sendComponent({ customId: 'quiz:concept:0000000000000000', user: member(8, 'hank') });
    await fake.waitForRequest(isCallback(gone.id));
    await fake.waitForRequest(
      (r) => r.method === 'DELETE' && r.path === `/webhooks/${fake.applicationId}/${gone.token}/messages/@original`,
    );
    const follow = await fake.waitForRequest(isFollowUp(gone.token));
    expect(follow.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(follow.body.content).toMatch(/no longer in the notes/);
  });

  it('after a restart (same DATA_DIR), a third member’s click on the OLD message still counts: verdict and "3 answered, 2 correct"', async () => {
    expect((await stopBot(bots[0]!, 'SIGTERM')).code).toBe(0);
    await e2e.startBot({ env: { QUIZ_TIMEOUT_MINUTES: '0.05' } });

    const third = await click(first.message, firstAnswer.correctIndex, carol);
    expect(third.reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(third.reply.embeds[0].title).toBe('✅ Correct!');
    expect(third.reply.embeds[0].footer.text).toMatch(/\.md:\d+-\d+$/);
    const edit = await fake.waitForRequest(isEditOriginal(third.token));
    expect(tallyOf(edit.body)).toBe('3 answered, 2 correct');
    expect(tallyOf(fake.getMessage(first.message.id))).toBe('3 answered, 2 correct');
  }, 40_000);

  it('an old question past its expiry (after the restart) says it has expired and disables its buttons', async () => {
    readDb((db) =>
      db.prepare('UPDATE quiz_questions SET expires_at = ? WHERE id = ?').run('2020-01-01T00:00:00.000Z', questionIdOf(second.message)),
    );
    const late = await click(second.message, 0, dave);
    expect(late.reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(late.reply.content).toMatch(/This quiz has expired/);
    const edit = await fake.waitForRequest(isEditOriginal(late.token));
    expect(answerButtons(edit.body).every((b) => b.disabled)).toBe(true);
    expect(JSON.stringify(edit.body.embeds)).toContain('fpn.md:');
    expect(buttons(edit.body).at(-1)).toMatchObject({ custom_id: 'quiz:next:fpn.md' });
    const answered = readDb((db) =>
      db.prepare('SELECT COUNT(*) AS n FROM quiz_answers WHERE question_id = ?').get(questionIdOf(second.message)),
    ) as any;
    expect(answered.n).toBe(0);
  });

  it('a question whose note is gone (its concept left the notes) says so and closes', async () => {
    const message = quizMe; // posted by the first process
    readDb((db) => db.prepare("UPDATE quiz_questions SET concept_id = 'deleted-concept' WHERE id = ?").run(questionIdOf(message)));
    const click1 = await click(message, 0, frank);
    expect(click1.reply.content).toMatch(/expired: its note was removed or changed/);
    const edit = await fake.waitForRequest(isEditOriginal(click1.token));
    expect(answerButtons(edit.body).every((b) => b.disabled)).toBe(true);
    expect(JSON.stringify(edit.body.embeds)).toContain('Its note was removed or changed.');
  });

  it('a question posted by this process closes by itself at its expiry (QUIZ_TIMEOUT_MINUTES), and later clicks are told so', async () => {
    const posted = await quiz(frank, 'pspnet');
    const closed = await fake.waitForRequest(
      (r) => isEditOriginal(posted.token)(r) && r !== posted.edit && answerButtons(r.body).every((b) => b.disabled),
      8000,
    );
    expect(closed.at - posted.edit.at).toBeGreaterThanOrEqual(2500);
    expect(closed.body.allowed_mentions).toEqual({ parse: [] });
    const late = await click(posted.message, 1, erin);
    expect(late.reply.content).toMatch(/This quiz has expired/);
  }, 15_000);

  it('every message the bot created or edited had allowed_mentions.parse = [], and neither process logged an error', () => {
    const sent = messageRequests(fake.requests);
    expect(sent.length).toBeGreaterThan(15);
    for (const r of sent) {
      expect({ request: `${r.method} ${r.path}`, allowed: allowedMentionsOf(r) }).toEqual({
        request: `${r.method} ${r.path}`,
        allowed: { parse: [] },
      });
    }
    for (const bot of bots) {
      expect(logLines(bot).filter((l) => l.level >= 50)).toEqual([]);
      expect(bot.out.stdout).not.toContain(TOKEN);
    }
  });
});
