/**
 * Specification for src/quiz/store.ts: questions, answers (first click counts),
 * tallies, FSRS cards, leaderboard, member stats — on a real SQLite file with a
 * controllable clock, surviving a restart.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Question } from '../src/quiz/question-types.js';
import { applyQuizMigrations, QUIZ_MIGRATIONS, QuizStore, streaks } from '../src/quiz/store.js';
import { DateTime } from 'luxon';
import { tempDir } from './support/temp-dir.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

function clock(start: string) {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
    set: (iso: string) => {
      t = new Date(iso).getTime();
    },
  };
}

function question(conceptId: string, correctIndex = 1, file = 'fpn.md'): Question {
  return {
    id: `q-${conceptId}`,
    conceptId,
    type: 'definition-to-term',
    stem: '以下哪个概念符合这段描述？\n> ＿＿＿指……',
    options: ['A 项', 'B 项', 'C 项', 'D 项'],
    correctIndex,
    optionConceptIds: ['x', conceptId, 'y', 'z'],
    source: { file, headingPath: ['FPN'], startLine: 3, endLine: 3 },
  };
}

let file: string;
let db: Database.Database;
let c: ReturnType<typeof clock>;
let store: QuizStore;

beforeEach(() => {
  file = path.join(tempDir('quiz-store-'), 'studybot.db');
  db = new Database(file);
  db.pragma('foreign_keys = ON');
  applyQuizMigrations(db);
  c = clock('2025-03-05T10:00:00Z'); // a Wednesday
  store = new QuizStore(db, { now: c.now });
});

afterEach(() => {
  db.close();
});

describe('migrations', () => {
  it('are plain SQL strings that can be applied twice (the bot appends them to its own list)', () => {
    expect(QUIZ_MIGRATIONS.every((m) => typeof m === 'string')).toBe(true);
    expect(() => applyQuizMigrations(db)).not.toThrow();
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['quiz_questions', 'quiz_answers', 'quiz_cards']));
  });
});

describe('answers', () => {
  it('counts each member’s first click, reports later clicks as duplicates', () => {
    const asked = store.recordQuestion({ guildId: 'g', channelId: 'ch', question: question('fpn') });
    store.setMessageId(asked.id, 'm1');
    expect(store.getQuestionByMessage('m1')?.id).toBe(asked.id);

    const first = store.recordAnswer({ questionId: asked.id, userId: 'alice', choice: 1 });
    expect(first).toMatchObject({ status: 'recorded', correct: true, correctIndex: 1, choice: 1 });
    const again = store.recordAnswer({ questionId: asked.id, userId: 'alice', choice: 2 });
    expect(again).toMatchObject({ status: 'duplicate', correct: true, choice: 1, correctIndex: 1 });
    expect(store.recordAnswer({ questionId: asked.id, userId: 'bob', choice: 3 })).toMatchObject({ status: 'recorded', correct: false });
    expect(store.recordAnswer({ questionId: 'nope', userId: 'bob', choice: 0 })).toEqual({ status: 'unknown-question' });
    expect(() => store.recordAnswer({ questionId: asked.id, userId: 'bob', choice: 4 })).toThrow(RangeError);
  });

  it('tallies the options, the correct count and who was right first', () => {
    const asked = store.recordQuestion({ guildId: 'g', channelId: 'ch', question: question('fpn', 2) });
    store.recordAnswer({ questionId: asked.id, userId: 'a', choice: 0 });
    c.advance(1000);
    store.recordAnswer({ questionId: asked.id, userId: 'b', choice: 2 });
    c.advance(1000);
    store.recordAnswer({ questionId: asked.id, userId: 'c', choice: 2 });
    store.recordAnswer({ questionId: asked.id, userId: 'b', choice: 1 }); // duplicate: not counted
    expect(store.tally(asked.id)).toEqual({ counts: [1, 0, 2, 0], total: 3, correct: 2, correctIndex: 2, correctUsers: ['b', 'c'] });
    expect(store.tally('nope')).toBeNull();
  });

  it('does not count answers after the question expires', () => {
    const asked = store.recordQuestion({
      guildId: 'g',
      channelId: 'ch',
      question: question('fpn'),
      expiresAt: new Date(c.now().getTime() + HOUR),
    });
    c.advance(2 * HOUR);
    expect(store.recordAnswer({ questionId: asked.id, userId: 'a', choice: 1 })).toEqual({ status: 'expired', correctIndex: 1 });
    expect(store.tally(asked.id)?.total).toBe(0);
  });

  it('reviews the member’s FSRS card on the first click only', () => {
    const asked = store.recordQuestion({ guildId: 'g', channelId: 'ch', question: question('fpn') });
    const r = store.recordAnswer({ questionId: asked.id, userId: 'a', choice: 1 });
    const card = store.getCard('g', 'a', 'fpn')!;
    expect(card.reps).toBe(1);
    expect(r.status === 'recorded' && r.nextDue.getTime()).toBe(card.due.getTime());
    store.recordAnswer({ questionId: asked.id, userId: 'a', choice: 0 });
    expect(store.getCard('g', 'a', 'fpn')!.reps).toBe(1);
    expect(store.getCard('other-guild', 'a', 'fpn')).toBeNull();
  });
});

describe('wrong-answer rates', () => {
  it('per concept and server: wrong first answers / first answers; unanswered concepts are absent', () => {
    const ask = (conceptId: string, guildId = 'g') => store.recordQuestion({ guildId, channelId: 'ch', question: question(conceptId) }).id;
    const fpn = ask('fpn');
    store.recordAnswer({ questionId: fpn, userId: 'a', choice: 1 });
    store.recordAnswer({ questionId: fpn, userId: 'b', choice: 0 });
    store.recordAnswer({ questionId: fpn, userId: 'b', choice: 1 }); // a second click does not count
    store.recordAnswer({ questionId: ask('rpn'), userId: 'a', choice: 1 });
    store.recordAnswer({ questionId: ask('fpn', 'other'), userId: 'a', choice: 3 });
    expect(store.conceptWrongRates('g')).toEqual(
      new Map([
        ['fpn', 0.5],
        ['rpn', 0],
      ]),
    );
    expect(store.conceptWrongRates('other')).toEqual(new Map([['fpn', 1]]));
    expect(store.conceptWrongRates('nobody')).toEqual(new Map());
  });
});

describe('due concepts', () => {
  it('lists due concepts first (most overdue first), then new ones, per member and guild', () => {
    const ask = (concept: string, user: string, choice: number) => {
      const q = store.recordQuestion({ guildId: 'g', channelId: 'ch', question: question(concept) });
      store.recordAnswer({ questionId: q.id, userId: user, choice });
    };
    ask('wrong', 'a', 0); // due again within minutes
    ask('right', 'a', 1); // due in a few days
    c.advance(3 * DAY);
    const bank = ['new1', 'right', 'wrong', 'new2'];
    let due = store.dueConcepts({ guildId: 'g', userId: 'a', conceptIds: bank });
    expect(due.map((d) => d.conceptId)).toEqual(['wrong', 'right', 'new1', 'new2']);
    expect(due.map((d) => d.isNew)).toEqual([false, false, true, true]);
    // Answer "wrong" correctly now: it moves out of the due list.
    ask('wrong', 'a', 1);
    due = store.dueConcepts({ guildId: 'g', userId: 'a', conceptIds: bank, limit: 2 });
    expect(due.map((d) => d.conceptId)).toEqual(['right', 'new1']);
    // Another member has no cards yet.
    expect(store.dueConcepts({ guildId: 'g', userId: 'b', conceptIds: bank }).every((d) => d.isNew)).toBe(true);
  });
});

describe('leaderboard', () => {
  it('ranks by correct answers, this week vs all time', () => {
    const answer = (user: string, correct: boolean) => {
      const q = store.recordQuestion({ guildId: 'g', channelId: 'ch', question: question(`c${Math.random()}`) });
      store.recordAnswer({ questionId: q.id, userId: user, choice: correct ? 1 : 0 });
    };
    // Last week: old-timer scores 3.
    c.set('2025-02-25T12:00:00Z');
    answer('old', true);
    answer('old', true);
    answer('old', true);
    // This week (Mon 2025-03-03 onwards): new scores 2 of 2, mid scores 2 of 3.
    c.set('2025-03-04T08:00:00Z');
    answer('mid', true);
    answer('mid', false);
    answer('mid', true);
    answer('new', true);
    answer('new', true);
    // Another guild does not count.
    const other = store.recordQuestion({ guildId: 'h', channelId: 'ch', question: question('z') });
    store.recordAnswer({ questionId: other.id, userId: 'old', choice: 1 });

    c.set('2025-03-05T10:00:00Z');
    const week = store.leaderboard({ guildId: 'g', period: 'week' });
    expect(week.map((r) => r.userId)).toEqual(['new', 'mid']); // tie on 2 correct: better accuracy first
    expect(week[1]).toEqual({ userId: 'mid', correct: 2, answered: 3, accuracy: 2 / 3 });
    const all = store.leaderboard({ guildId: 'g', period: 'all' });
    expect(all.map((r) => r.userId)).toEqual(['old', 'new', 'mid']);
    expect(store.leaderboard({ guildId: 'g', period: 'all', limit: 1 })).toHaveLength(1);
  });

  it('starts the week on Monday in the given time zone', () => {
    c.set('2025-03-02T20:00:00Z'); // Sunday 20:00 UTC = Monday 05:00 in Shanghai
    const q = store.recordQuestion({ guildId: 'g', channelId: 'ch', question: question('a') });
    store.recordAnswer({ questionId: q.id, userId: 'u', choice: 1 });
    c.set('2025-03-04T00:00:00Z');
    expect(store.leaderboard({ guildId: 'g', period: 'week', timeZone: 'Asia/Shanghai' })).toHaveLength(1);
    expect(store.leaderboard({ guildId: 'g', period: 'week' })).toHaveLength(0); // UTC: that was last week
  });
});

describe('member stats', () => {
  const answerAt = (iso: string, user: string, correct: boolean, file = 'fpn.md') => {
    c.set(iso);
    const q = store.recordQuestion({ guildId: 'g', channelId: 'ch', question: question(`c-${iso}-${file}`, 1, file) });
    store.recordAnswer({ questionId: q.id, userId: user, choice: correct ? 1 : 0 });
  };

  it('counts answers, accuracy, a streak of days in a row, due cards and weakest topics', () => {
    answerAt('2025-03-01T10:00:00Z', 'u', true, 'fpn.md');
    answerAt('2025-03-02T10:00:00Z', 'u', false, 'detr.md');
    answerAt('2025-03-03T10:00:00Z', 'u', true, 'fpn.md');
    answerAt('2025-03-03T11:00:00Z', 'u', false, 'detr.md');
    answerAt('2025-03-04T23:30:00Z', 'u', true, 'cpp-review.md');
    c.set('2025-03-05T09:00:00Z'); // nothing yet today: yesterday's streak still stands
    const stats = store.memberStats({ guildId: 'g', userId: 'u' });
    expect(stats).toMatchObject({ answered: 5, correct: 3, accuracy: 3 / 5, streakDays: 4, bestStreakDays: 4 });
    expect(stats.weakestTopics[0]).toEqual({ topic: 'detr.md', answered: 2, correct: 0, accuracy: 0 });
    // Due now: both wrong answers (back after 10 minutes) and the right answer of the 1st (a few days on);
    // the right answers of the 3rd and 4th are not due yet.
    expect(stats.dueCount).toBe(3);
    c.set('2025-03-07T09:00:00Z'); // a day missed: the streak is broken
    expect(store.memberStats({ guildId: 'g', userId: 'u' }).streakDays).toBe(0);
    expect(store.memberStats({ guildId: 'g', userId: 'u' }).bestStreakDays).toBe(4);
    expect(store.memberStats({ guildId: 'g', userId: 'nobody' })).toMatchObject({
      answered: 0,
      accuracy: 0,
      streakDays: 0,
      dueCount: 0,
      weakestTopics: [],
    });
  });

  it('counts streak days in the member’s time zone', () => {
    // 23:30 UTC on the 4th is already the 5th in Shanghai.
    answerAt('2025-03-03T12:00:00Z', 'u', true);
    answerAt('2025-03-04T23:30:00Z', 'u', true);
    c.set('2025-03-05T12:00:00Z');
    expect(store.memberStats({ guildId: 'g', userId: 'u' }).streakDays).toBe(2); // UTC: 3rd, 4th
    expect(store.memberStats({ guildId: 'g', userId: 'u', timeZone: 'Asia/Shanghai' }).streakDays).toBe(1); // 3rd, 5th
  });

  it('computes streaks from day sets', () => {
    const today = DateTime.fromISO('2025-03-10', { zone: 'utc' });
    expect(streaks(new Set(['2025-03-08', '2025-03-09', '2025-03-10']), today)).toEqual({ current: 3, best: 3 });
    expect(streaks(new Set(['2025-03-01', '2025-03-02', '2025-03-09']), today)).toEqual({ current: 1, best: 2 });
    expect(streaks(new Set(), today)).toEqual({ current: 0, best: 0 });
  });
});

describe('restart', () => {
  it('keeps questions, answers, cards and first-click rules after reopening the database file', () => {
    const asked = store.recordQuestion({ guildId: 'g', channelId: 'ch', question: question('fpn'), messageId: 'm9' });
    store.recordAnswer({ questionId: asked.id, userId: 'a', choice: 1 });
    const card = store.getCard('g', 'a', 'fpn');
    db.close();

    db = new Database(file);
    db.pragma('foreign_keys = ON');
    applyQuizMigrations(db); // the bot's migration runner would skip them; running again must be harmless
    store = new QuizStore(db, { now: c.now });
    expect(store.getQuestion(asked.id)?.question).toEqual(question('fpn'));
    expect(store.getQuestionByMessage('m9')?.id).toBe(asked.id);
    expect(store.recordAnswer({ questionId: asked.id, userId: 'a', choice: 2 })).toMatchObject({ status: 'duplicate', choice: 1 });
    expect(store.tally(asked.id)?.total).toBe(1);
    expect(store.getCard('g', 'a', 'fpn')).toEqual(card);
    expect(store.leaderboard({ guildId: 'g', period: 'all' })).toEqual([{ userId: 'a', correct: 1, answered: 1, accuracy: 1 }]);
  });
});

describe('elapsed_days (removed from ts-fsrs cards in v6)', () => {
  const storedElapsed = () => db.prepare('SELECT elapsed_days FROM quiz_cards').pluck().all();

  it('is no longer stored: a card written now keeps 0 in the column old databases have', () => {
    const asked = store.recordQuestion({ guildId: 'g', channelId: 'ch', question: question('fpn') });
    store.recordAnswer({ questionId: asked.id, userId: 'a', choice: 1 });
    c.advance(3 * DAY);
    store.recordAnswer({
      questionId: store.recordQuestion({ guildId: 'g', channelId: 'ch', question: question('fpn') }).id,
      userId: 'a',
      choice: 1,
    });
    expect(store.getCard('g', 'a', 'fpn')!.reps).toBe(2);
    expect(storedElapsed()).toEqual([0]);
  });

  it('an old row that stored it reads back and is scheduled exactly like the card it was written from', () => {
    const first = store.srs.review(null, true, new Date('2025-03-01T10:00:00Z'));
    const second = store.srs.review(first, true, new Date('2025-03-04T10:00:00Z'));
    expect(second.elapsed_days).toBe(3);
    // The row as the code before this change wrote it: elapsed_days holds the card's value.
    db.prepare(`INSERT INTO quiz_cards (guild_id, user_id, concept_id, due, stability, difficulty, elapsed_days, scheduled_days,
      learning_steps, reps, lapses, state, last_review) VALUES ('g', 'a', 'fpn', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      second.due.toISOString(),
      second.stability,
      second.difficulty,
      second.elapsed_days,
      second.scheduled_days,
      second.learning_steps,
      second.reps,
      second.lapses,
      second.state,
      second.last_review!.toISOString(),
    );

    const read = store.getCard('g', 'a', 'fpn')!;
    expect({ ...read, elapsed_days: second.elapsed_days }).toEqual(second);
    const later = new Date(second.due.getTime() + 2 * DAY);
    expect(store.srs.review(read, false, later)).toEqual(store.srs.review(second, false, later));
    expect(store.srs.review(read, true, later)).toEqual(store.srs.review(second, true, later));
  });
});
