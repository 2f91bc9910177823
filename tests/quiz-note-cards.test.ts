/**
 * Specification of the member's own flashcards as quiz items, without Discord:
 * their FSRS schedules (src/quiz/card-reviews.ts), which card /quiz asks
 * (src/bot/card-pick.ts), and how cards and ratings look (src/render/quiz-card.ts).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { noteCardDeck, noteCardsOf } from '../src/bot/note-cards.js';
import { pickCard, RecentCards, SKIP_UNRATED_MS } from '../src/bot/card-pick.js';
import { parseCards, type NoteCard } from '../src/notes/cards.js';
import { NoteCardReviews } from '../src/quiz/card-reviews.js';
import { Rating, State } from '../src/quiz/srs.js';
import { applyQuizMigrations, QuizStore } from '../src/quiz/store.js';
import { customIds, parseCustomId } from '../src/render/custom-ids.js';
import { cardAnswerView, cardPostView, cardRatedView } from '../src/render/quiz-card.js';
import { statsView } from '../src/render/quiz.js';
import { buttons } from './support/buttons.js';
import { tempDir } from './support/temp-dir.js';

const G = 'guild-1';
const ALICE = 'alice';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const deck = noteCardDeck([
  ...parseCards({ file: 'a.md', text: '#flashcards\n# A\n\nQ1::A1\nQ2::A2 with $\\alpha^2$\n' }).cards,
  ...parseCards({ file: 'b.md', text: '#flashcards\n\nB ==one== and ==two==\n' }).cards,
]);
const [q1, q2, b1, b2] = deck.cards as [NoteCard, NoteCard, NoteCard, NoteCard];

let db: Database.Database;
let t: number;
let reviews: NoteCardReviews;

beforeEach(() => {
  db = new Database(':memory:');
  applyQuizMigrations(db);
  t = Date.parse('2026-03-02T09:00:00Z');
  reviews = new NoteCardReviews(db, { now: () => new Date(t) });
});

const rate = (cardId: string, grade: 1 | 2 | 3 | 4) =>
  reviews.rate({ guildId: G, userId: ALICE, cardId, grade, seenReps: reviews.card(G, ALICE, cardId)?.reps ?? 0 });
const pick = (target: { kind: 'due' } | { kind: 'note'; file: string }) =>
  pickCard(deck, reviews, { guildId: G, userId: ALICE, target })?.id;

describe('FSRS schedules of the member’s own cards', () => {
  it('Good schedules a new card days ahead; Again brings it back in 10 minutes, as a lapse later', () => {
    const good = rate(q1.id, Rating.Good);
    expect(good.status).toBe('rated');
    const again = rate(q2.id, Rating.Again);
    if (good.status !== 'rated' || again.status !== 'rated') throw new Error('not rated');
    expect(good.card.due.getTime() - t).toBeGreaterThanOrEqual(DAY);
    expect(again.card.due.getTime() - t).toBe(10 * MINUTE);
    expect(again.card.state).toBe(State.Learning);
  });

  it('a second rating of the same showing of the answer changes nothing', () => {
    reviews.rate({ guildId: G, userId: ALICE, cardId: q1.id, grade: Rating.Good, seenReps: 0 });
    const before = reviews.card(G, ALICE, q1.id);
    const second = reviews.rate({ guildId: G, userId: ALICE, cardId: q1.id, grade: Rating.Again, seenReps: 0 });
    expect(second).toEqual({ status: 'stale', card: before });
    expect(reviews.card(G, ALICE, q1.id)).toEqual(before);
  });

  it('keeps each member’s and each server’s schedule apart, and counts reviews for /mystats', () => {
    rate(q1.id, Rating.Good);
    t += 3 * DAY;
    rate(q1.id, Rating.Hard);
    expect(reviews.reviewedCount(G, ALICE)).toBe(2);
    expect(reviews.reviewedCount(G, 'bob')).toBe(0);
    expect(reviews.card('guild-2', ALICE, q1.id)).toBeNull();
  });

  it('never shows in the concept statistics: no answer, no due concept, nothing on the leaderboard', () => {
    const store = new QuizStore(db, { now: () => new Date(t) });
    rate(q1.id, Rating.Again);
    t += 11 * MINUTE;
    expect(store.leaderboard({ guildId: G, period: 'all' })).toEqual([]);
    const stats = store.memberStats({ guildId: G, userId: ALICE, conceptIds: ['c1'] });
    expect(stats).toMatchObject({ answered: 0, dueCount: 0, mistakes: 0 });
    expect(store.dueConcepts({ guildId: G, userId: ALICE, conceptIds: ['c1'] }).map((r) => r.conceptId)).toEqual(['c1']);
  });
});

describe('which card /quiz asks', () => {
  it('asks never-rated cards in the order written, in one note or in all of them', () => {
    expect(pick({ kind: 'due' })).toBe(q1.id);
    expect(pick({ kind: 'note', file: 'b.md' })).toBe(b1.id);
    expect(pick({ kind: 'note', file: 'nothing.md' })).toBeUndefined();
  });

  it('after Good asks the next card; once every card is scheduled ahead, none (generated questions follow)', () => {
    rate(q1.id, Rating.Good);
    expect(pick({ kind: 'note', file: 'a.md' })).toBe(q2.id);
    rate(q2.id, Rating.Easy);
    expect(pick({ kind: 'note', file: 'a.md' })).toBeUndefined();
    expect(pick({ kind: 'due' })).toBe(b1.id);
  });

  it('a card rated Again comes back first once due, before cards never seen', () => {
    rate(q1.id, Rating.Again);
    expect(pick({ kind: 'due' })).toBe(q2.id);
    t += 10 * MINUTE;
    expect(pick({ kind: 'due' })).toBe(q1.id);
  });

  it('forgets the schedule of a card that left the notes', () => {
    rate(b2.id, Rating.Again);
    t += DAY;
    expect(pick({ kind: 'due' })).toBe(b2.id);
    const smaller = noteCardDeck([q1]);
    expect(pickCard(smaller, reviews, { guildId: G, userId: ALICE, target: { kind: 'due' } })?.id).toBe(q1.id);
  });

  it('passes over a card posted to the member and not rated, until they rate it or 10 minutes pass', () => {
    const recent = new RecentCards();
    const next = () =>
      pickCard(deck, reviews, { guildId: G, userId: ALICE, target: { kind: 'due' }, passOver: recent.unrated(G, ALICE, new Date(t)) })?.id;
    recent.posting(G, ALICE, q1.id, new Date(t));
    expect(next()).toBe(q2.id);
    expect(recent.unrated(G, 'bob', new Date(t)).size).toBe(0);
    t += SKIP_UNRATED_MS;
    expect(next()).toBe(q1.id);
    recent.posting(G, ALICE, q1.id, new Date(t));
    recent.rated(G, ALICE, q1.id);
    expect(next()).toBe(q1.id);
  });

  it('is not used for mistakes or a daily concept', () => {
    for (const target of [{ kind: 'mistakes', file: null } as const, { kind: 'concept', conceptId: 'x' } as const])
      expect(pickCard(deck, reviews, { guildId: G, userId: ALICE, target })).toBeNull();
  });
});

describe('how cards look', () => {
  it('posts the question with its source and "Show answer"; formulas are readable, never raw LaTeX', () => {
    const view = cardPostView({ card: q2, nextTopic: 'a.md' });
    expect(view.embeds[0]!.description).toBe('Q2');
    expect(view.embeds[0]!.fields![0]!.value).toBe('A\n`a.md:5-5`');
    expect(buttons(view).map((b) => [b.label, b.custom_id])).toEqual([
      ['Show answer', `card:show:${q2.id}`],
      ['Next question', 'quiz:next:a.md'],
    ]);
    const answer = cardAnswerView({ card: q2, seenReps: 0 });
    expect(answer.embeds[0]!.description).toContain('A2 with α²');
    expect(answer.embeds[0]!.description).not.toContain('\\alpha');
  });

  it('offers the four FSRS ratings, each carrying the card and how often it was reviewed', () => {
    const view = cardAnswerView({ card: b1, seenReps: 3 });
    expect(view.embeds[0]!.description).toContain('B **one** and two');
    const ids = buttons(view).map((b) => b.custom_id);
    expect(buttons(view).map((b) => b.label)).toEqual(['Again', 'Hard', 'Good', 'Easy']);
    expect(ids.map((id) => parseCustomId(id))).toEqual(
      [1, 2, 3, 4].map((grade) => ({ kind: 'card-rate', cardId: b1.id, grade, seenReps: 3 })),
    );
    expect(parseCustomId(customIds.cardShow(b1.id))).toEqual({ kind: 'card-show', cardId: b1.id });
    expect(parseCustomId(`card:rate:${b1.id}:5:0`)).toBeNull();
  });

  it('a rating says when the card comes back and removes the buttons', () => {
    const due = new Date(t + 3 * DAY);
    const view = cardRatedView({ card: q1, grade: 3, due });
    expect(view.embeds[0]!.description).toContain(`Rated **Good**: this card comes back <t:${Math.floor(due.getTime() / 1000)}:R>.`);
    expect(view.components).toEqual([]);
  });

  it('"Next question" under a card on a note whose file name is too long for an id asks what is due', () => {
    expect(customIds.quizNextAfterCard(`${'x'.repeat(95)}.md`)).toBe('quiz:next:*');
    expect(customIds.quizNextAfterCard(null)).toBe('quiz:next:*');
  });

  it('/mystats shows cards reviewed, also for a member who only reviewed cards', () => {
    const empty = { answered: 0, correct: 0, accuracy: 0, streakDays: 0, bestStreakDays: 0, dueCount: 0, weakestTopics: [] };
    const view = statsView({ ...empty, cardsReviewed: 2 }, (f) => f);
    expect(view.embeds[0]!.fields!.find((f) => f.name === 'Your cards')?.value).toBe('2 reviews of cards from your notes');
    expect(statsView(empty, (f) => f).embeds[0]!.description).toMatch(/not answered any quiz question/);
  });
});

describe('the deck the bot asks from', () => {
  /** What the bot's deck reads of the index: the notes with their tags, the notes folder, the generation. */
  function fakeIndex(dir: string, files: Record<string, string[]>) {
    return {
      notesDir: dir,
      generation: 1,
      notes: Object.entries(files).map(([file, tags]) => ({ file, meta: { file, title: file, tags, aliases: [] } })),
    };
  }

  it('reads only the notes the index knows as flashcard notes, and rereads them only after the notes change', async () => {
    const dir = tempDir('studybot-cards-');
    writeFileSync(path.join(dir, 'tagged.md'), '#flashcards\n\nQ::A\n');
    writeFileSync(path.join(dir, 'plain.md'), 'Q::A\n');
    const index = fakeIndex(dir, { 'tagged.md': ['flashcards'], 'plain.md': [] });
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(l) });
    const deck = noteCardsOf(index as never, logger);
    expect((await deck()).cards.map((c) => [c.file, c.question])).toEqual([['tagged.md', 'Q']]);

    writeFileSync(path.join(dir, 'tagged.md'), '#flashcards\n\nQ::A\nQ2::A2\n::bad\n');
    expect((await deck()).cards).toHaveLength(1); // same generation: not read again
    index.generation = 2;
    expect((await deck()).cards.map((c) => c.question)).toEqual(['Q', 'Q2']);
    expect(lines.some((l) => /"line":5.*flashcard not read/.test(l))).toBe(true);
  });
});
