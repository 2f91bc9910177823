/**
 * End-to-end specification of reviewing one's mistakes (issue #14), with the
 * REAL bot process against the fake Discord, as in bot-quiz-e2e.test.ts: a
 * wrong answer schedules the concept as an FSRS card rated Again; `/quiz
 * mode:mistakes` and the "Review my mistakes" button on /mystats re-ask it;
 * a right answer takes it off the list. Right answers are read from the database.
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscord } from './support/fake-discord.js';
import { buttons, fakeBotToken, interactionRequests, setUpBotE2E, withBotDb, type BotE2E } from './support/bot-process.js';

const APPLICATION_ID = '100000000000000003';
const TOKEN = fakeBotToken(APPLICATION_ID, 'Mistakes-e2e-t0ken-never-in-logs_31cc');
const EPHEMERAL = 64;
/** ts-fsrs State.Learning: where a new card goes after Again. */
const LEARNING = 1;

let e2e: BotE2E;
let fake: FakeDiscord;
let dataDir: string;

const member = (n: number, name: string) => ({ id: String(200000000000000700n + BigInt(n)), username: name });
const alice = member(1, 'alice');
const bob = member(2, 'bob');

const { isCallback, isEditOriginal, isFollowUp } = interactionRequests(APPLICATION_ID);
const answerButtons = (message: any) => buttons(message).filter((b) => b.custom_id.startsWith('quiz:a:'));
const questionIdOf = (message: any): string => answerButtons(message)[0].custom_id.split(':')[2];
const readDb = <T>(fn: (db: Database.Database) => T): T => withBotDb(dataDir, fn);

function stored(message: any): { correctIndex: number; conceptId: string } {
  const row = readDb((db) => db.prepare('SELECT * FROM quiz_questions WHERE id = ?').get(questionIdOf(message))) as any;
  return { correctIndex: JSON.parse(row.question_json).correctIndex, conceptId: row.concept_id };
}

/** Sends `/quiz` with these options and waits for the public question (or for the private refusal). */
async function quiz(user: { id: string; username: string }, options: Array<{ name: string; value: string }>) {
  const sent = fake.sendCommand({ name: 'quiz', options: options.map((o) => ({ type: 3, ...o })), user });
  await fake.waitForRequest(isCallback(sent.id), 5000);
  return sent;
}

/** Everything that posts a question shares a 3-second per-member cooldown (QUIZ_COOLDOWN_MS). */
const cooldown = () => new Promise((r) => setTimeout(r, 3100));

async function postedBy(token: string) {
  await fake.waitForRequest(isEditOriginal(token), 10_000);
  return fake.originalMessage(token);
}

async function refusalOf(token: string): Promise<any> {
  await fake.waitForRequest((r) => r.method === 'DELETE' && r.path === `/webhooks/${fake.applicationId}/${token}/messages/@original`);
  return (await fake.waitForRequest(isFollowUp(token))).body;
}

async function answer(message: any, choice: number, user: { id: string; username: string }) {
  const sent = fake.sendComponent({ customId: `quiz:a:${questionIdOf(message)}:${choice}`, messageId: message.id, user });
  await fake.waitForRequest(isCallback(sent.id), 5000);
  return (await fake.waitForRequest(isFollowUp(sent.token), 5000)).body;
}

beforeAll(async () => {
  e2e = await setUpBotE2E({ applicationId: APPLICATION_ID, token: TOKEN, dataDirPrefix: 'studybot-mistakes-e2e-' });
  ({ fake, dataDir } = e2e);
  await e2e.startBot();
}, 40_000);

afterAll(async () => {
  await e2e?.close();
});

describe('reviewing my mistakes on (fake) Discord', () => {
  let missed: { correctIndex: number; conceptId: string };

  it('a member with no wrong answer is told so privately, and nothing is posted', async () => {
    const sent = await quiz(bob, [{ name: 'mode', value: 'mistakes' }]);
    const refusal = await refusalOf(sent.token);
    expect(refusal.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(refusal.content).toMatch(/Nothing to review/);
  });

  it('a wrong answer schedules the concept as an FSRS card rated Again (learning, back in 10 minutes)', async () => {
    // A note without flashcards: a member's own cards (self-rated, never "wrong") would come first elsewhere.
    const sent = await quiz(alice, [{ name: 'topic', value: 'fpn' }]);
    const message = await postedBy(sent.token);
    missed = stored(message);
    const verdict = await answer(message, (missed.correctIndex + 1) % 4, alice);
    expect(verdict.embeds[0].title).toMatch(/Not quite/);
    const card = readDb((db) =>
      db.prepare('SELECT * FROM quiz_cards WHERE user_id = ? AND concept_id = ?').get(alice.id, missed.conceptId),
    ) as any;
    expect(card.state).toBe(LEARNING);
    expect(new Date(card.due).getTime() - new Date(card.last_review).getTime()).toBe(10 * 60_000);
  });

  it('/quiz mode:mistakes re-asks the concept the member got wrong, and "Next question" stays on mistakes', {
    timeout: 20_000,
  }, async () => {
    await cooldown();
    const sent = await quiz(alice, [{ name: 'mode', value: 'mistakes' }]);
    const message = await postedBy(sent.token);
    expect(stored(message).conceptId).toBe(missed.conceptId);
    expect(buttons(message).at(-1)).toMatchObject({ label: 'Next question', custom_id: 'quiz:mistakes' });
  });

  it('/mystats offers "Review my mistakes"; the button posts a question on the missed concept', { timeout: 30_000 }, async () => {
    const sent = fake.sendCommand({ name: 'mystats', user: alice });
    await fake.waitForRequest(isCallback(sent.id));
    const stats = (await fake.waitForRequest(isEditOriginal(sent.token))).body;
    const fields = Object.fromEntries(stats.embeds[0].fields.map((f: any) => [f.name, f.value]));
    expect(fields['To review']).toBe('1 concept you got wrong');
    const review = buttons(stats).find((b) => b.custom_id === 'quiz:mistakes');
    expect(review).toMatchObject({ label: 'Review my mistakes' });

    await cooldown();
    const click = fake.sendComponent({ customId: 'quiz:mistakes', user: alice });
    expect((await fake.waitForRequest(isCallback(click.id))).body.type).toBe(5);
    const message = await postedBy(click.token);
    expect(stored(message).conceptId).toBe(missed.conceptId);

    // Answered right, the concept leaves the list: the review then has nothing left.
    const verdict = await answer(message, stored(message).correctIndex, alice);
    expect(verdict.embeds[0].title).toMatch(/Correct/);
    await cooldown();
    const again = await quiz(alice, [{ name: 'mode', value: 'mistakes' }]);
    expect((await refusalOf(again.token)).content).toMatch(/Nothing to review/);
  });
});
