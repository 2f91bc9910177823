/**
 * End-to-end specification of the student's own flashcards (issue #14, "the
 * student's own cards first"), with the REAL bot process against the fake
 * Discord, as in bot-quiz-e2e.test.ts: `/quiz topic:` on a note with cards
 * posts a card before any generated question; "Show answer" gives the clicker
 * the answer privately with the four FSRS ratings; Good schedules the card
 * ahead, Again brings it back first once due; buttons work after a restart,
 * and the notes are never written. Schedules are read from the database.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCards, type NoteCard } from '../src/notes/cards.js';
import type { FakeDiscord } from './support/fake-discord.js';
import {
  buttons,
  fakeBotToken,
  interactionRequests,
  notesDir,
  setUpBotE2E,
  stopBot,
  withBotDb,
  type BotE2E,
} from './support/bot-process.js';

const APPLICATION_ID = '100000000000000005';
const TOKEN = fakeBotToken(APPLICATION_ID, 'Cards-e2e-t0ken-never-in-logs_7d21');
const EPHEMERAL = 64;
const NOTE = 'cpp-review.md';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** ts-fsrs states: after Again a new card is learning; after Good it is in review. */
const LEARNING = 1;
const REVIEW = 2;

let e2e: BotE2E;
let fake: FakeDiscord;
let dataDir: string;

const member = (n: number, name: string) => ({ id: String(200000000000000900n + BigInt(n)), username: name });
const alice = member(1, 'alice');
const bob = member(2, 'bob');

const { isCallback, isEditOriginal, isFollowUp } = interactionRequests(APPLICATION_ID);
const readDb = <T>(fn: (db: Database.Database) => T): T => withBotDb(dataDir, fn);
const notesHash = () =>
  ['cpp-review.md', 'retinanet-focal-loss.md'].map((f) =>
    createHash('sha256')
      .update(readFileSync(path.join(notesDir, f)))
      .digest('hex'),
  );
const noteCards: NoteCard[] = parseCards({ file: NOTE, text: readFileSync(path.join(notesDir, NOTE), 'utf8') }).cards;
const showId = (message: any): string | undefined => buttons(message).find((b) => b.custom_id.startsWith('card:show:'))?.custom_id;
const cardIdOf = (message: any) => showId(message)?.slice('card:show:'.length);
const scheduleOf = (userId: string, cardId: string): any =>
  readDb((db) => db.prepare('SELECT * FROM quiz_cards WHERE user_id = ? AND concept_id = ?').get(userId, `card:${cardId}`));

/** Everything that posts a question shares a 3-second per-member cooldown (QUIZ_COOLDOWN_MS). */
const cooldown = () => new Promise((r) => setTimeout(r, 3100));

async function quiz(user: { id: string; username: string }, topic?: string) {
  const sent = fake.sendCommand({ name: 'quiz', options: topic === undefined ? [] : [{ type: 3, name: 'topic', value: topic }], user });
  await fake.waitForRequest(isCallback(sent.id), 5000);
  await fake.waitForRequest(isEditOriginal(sent.token), 10_000);
  return fake.originalMessage(sent.token);
}

/** Clicks "Show answer" and returns the private answer message. */
async function showAnswer(post: any, user: { id: string; username: string }) {
  const click = fake.sendComponent({ customId: showId(post)!, messageId: post.id, user });
  const callback = await fake.waitForRequest(isCallback(click.id), 5000);
  await fake.waitForRequest(isEditOriginal(click.token), 5000);
  return { callback: callback.body, message: fake.originalMessage(click.token) };
}

/** Clicks a rating on the private answer and returns what the answer message became. */
async function rate(answer: any, label: 'Again' | 'Hard' | 'Good' | 'Easy', user: { id: string; username: string }) {
  const rating = buttons(answer).find((b) => b.label === label);
  const click = fake.sendComponent({ customId: rating.custom_id, messageId: answer.id, user });
  expect((await fake.waitForRequest(isCallback(click.id), 5000)).body.type).toBe(6);
  return (await fake.waitForRequest(isEditOriginal(click.token), 5000)).body;
}

let before: string[];

beforeAll(async () => {
  before = notesHash();
  e2e = await setUpBotE2E({ applicationId: APPLICATION_ID, token: TOKEN, dataDirPrefix: 'studybot-cards-e2e-' });
  ({ fake, dataDir } = e2e);
  await e2e.startBot();
}, 40_000);

afterAll(async () => {
  await e2e?.close();
});

describe("the student's own flashcards on (fake) Discord", () => {
  let first: any;
  let second: any;

  it('/quiz topic:<a note with cards> posts its first card publicly, with its source and "Show answer"', async () => {
    first = await quiz(alice, 'cpp-review');
    const card = noteCards[0]!;
    expect(cardIdOf(first)).toBe(card.id);
    const embed = first.embeds[0];
    expect(embed.author.name).toContain('A card from your notes');
    expect(embed.description).toBe(card.question);
    expect(embed.fields[0].value).toContain(`\`${NOTE}:${card.startLine}-${card.endLine}\``);
    expect(embed.fields[0].value).toContain('复习卡片');
    expect(buttons(first).map((b) => b.label)).toEqual(['Show answer', 'Next question']);
    expect(buttons(first).at(-1).custom_id).toBe(`quiz:next:${NOTE}`);
    expect(buttons(first).some((b) => b.custom_id.startsWith('quiz:a:'))).toBe(false);
  });

  it('"Show answer" gives the clicker the answer privately, with Again / Hard / Good / Easy', async () => {
    const { callback, message } = await showAnswer(first, alice);
    expect(callback.type).toBe(5);
    expect(callback.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(message.embeds[0].description).toContain(noteCards[0]!.answer);
    expect(buttons(message).map((b) => b.label)).toEqual(['Again', 'Hard', 'Good', 'Easy']);
    first.answer = message;
    // The message as shown, for a second click that races the first one's edit (see below).
    first.shown = structuredClone(message);
  });

  it('Good schedules the card days ahead, for that member only; the next /quiz asks another card', { timeout: 20_000 }, async () => {
    const rated = await rate(first.answer, 'Good', alice);
    expect(rated.embeds[0].description).toMatch(/Rated \*\*Good\*\*: this card comes back <t:\d+:R>\./);
    expect(rated.components).toEqual([]);
    const schedule = scheduleOf(alice.id, noteCards[0]!.id);
    expect(schedule.state).toBe(REVIEW);
    expect(new Date(schedule.due).getTime() - new Date(schedule.last_review).getTime()).toBeGreaterThanOrEqual(DAY);
    expect(scheduleOf(bob.id, noteCards[0]!.id)).toBeUndefined();

    await cooldown();
    second = await quiz(alice, 'cpp-review');
    expect(cardIdOf(second)).toBe(noteCards[1]!.id);
  });

  it('a rating clicked twice counts once', async () => {
    const reps = scheduleOf(alice.id, noteCards[0]!.id).reps;
    const click = fake.sendComponent({
      customId: buttons(first.shown).find((b) => b.label === 'Easy').custom_id,
      // Clicked before the first rating removed the buttons: Discord sends the message as it was shown.
      message: first.shown,
      user: alice,
    });
    await fake.waitForRequest(isCallback(click.id), 5000);
    const told = (await fake.waitForRequest(isFollowUp(click.token), 5000)).body;
    expect(told.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(told.content).toMatch(/You already rated this card; it comes back <t:\d+:R>/);
    expect(scheduleOf(alice.id, noteCards[0]!.id).reps).toBe(reps);
  });

  it('Again brings the card back in 10 minutes; once due it is asked first, before cards never seen', { timeout: 20_000 }, async () => {
    const { message } = await showAnswer(second, alice);
    const rated = await rate(message, 'Again', alice);
    expect(rated.embeds[0].description).toMatch(/Rated \*\*Again\*\*/);
    const schedule = scheduleOf(alice.id, noteCards[1]!.id);
    expect(schedule.state).toBe(LEARNING);
    expect(new Date(schedule.due).getTime() - new Date(schedule.last_review).getTime()).toBe(10 * MINUTE);

    // Not due yet: the next card never seen comes first.
    await cooldown();
    expect(cardIdOf(await quiz(alice, 'cpp-review'))).toBe(noteCards[2]!.id);
    // Ten minutes later (the schedule moved back instead of the clock forward), the card rated Again comes first.
    readDb((db) =>
      db
        .prepare('UPDATE quiz_cards SET due = ? WHERE user_id = ? AND concept_id = ?')
        .run(new Date(Date.now() - 1000).toISOString(), alice.id, `card:${noteCards[1]!.id}`),
    );
    await cooldown();
    expect(cardIdOf(await quiz(alice, 'cpp-review'))).toBe(noteCards[1]!.id);
  });

  it('/quiz with no topic asks a new member their cards first, "Next question" staying on what is due', { timeout: 20_000 }, async () => {
    const post = await quiz(bob);
    expect(cardIdOf(post)).toBe(noteCards[0]!.id);
    expect(buttons(post).at(-1).custom_id).toBe('quiz:next:*');

    // "Next question" without rating moves on: the card just posted is passed over for a while, not posted again.
    await cooldown();
    const next = fake.sendComponent({ customId: 'quiz:next:*', messageId: post.id, user: bob });
    expect((await fake.waitForRequest(isCallback(next.id), 5000)).body.type).toBe(5);
    await fake.waitForRequest(isEditOriginal(next.token), 10_000);
    expect(cardIdOf(fake.originalMessage(next.token))).toBe(noteCards[1]!.id);
  });

  it('/mystats counts the card reviews, apart from quiz answers', async () => {
    const sent = fake.sendCommand({ name: 'mystats', user: alice });
    await fake.waitForRequest(isCallback(sent.id));
    const stats = (await fake.waitForRequest(isEditOriginal(sent.token))).body;
    const fields = Object.fromEntries(stats.embeds[0].fields.map((f: any) => [f.name, f.value]));
    expect(fields['Your cards']).toBe('2 reviews of cards from your notes');
    expect(fields.Answered).toBe('0');
  });

  it('"Show answer" on a card posted before a restart still works', { timeout: 40_000 }, async () => {
    await stopBot(e2e.bots[0]!);
    await e2e.startBot();
    const { message } = await showAnswer(second, bob);
    expect(message.embeds[0].description).toContain(noteCards[1]!.answer.split('\n')[0]!);
    expect(buttons(message)).toHaveLength(4);
  });

  it('never writes into the notes', () => {
    expect(notesHash()).toEqual(before);
  });
});
