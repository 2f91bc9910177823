/**
 * SQLite persistence for /quiz: questions posted, members' answers (the first
 * click counts), FSRS cards per (guild, member, concept), leaderboard and
 * personal stats. The caller owns the connection and runs QUIZ_MIGRATION_STEPS in
 * its own migration list (tests can use `applyQuizMigrations`). Every call is
 * synchronous; an answer and the card update it causes share one transaction.
 * Times are stored as ISO-8601 UTC text (`Date.toISOString()`), which sorts as time.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import type { Migration } from '../db/migration.js';
import type { Question } from './question-types.js';
import { CardTable } from './card-table.js';
import { createSrs, orderForReview, type Card, type ReviewItem, type Srs } from './srs.js';

/** The quiz steps of the bot's migration list; ids are frozen (see Migration). */
export const QUIZ_MIGRATION_STEPS: readonly Migration[] = [
  {
    id: 3,
    name: 'quiz: questions, answers and review cards',
    sql: `
  CREATE TABLE IF NOT EXISTS quiz_questions (
    id            TEXT PRIMARY KEY,          -- one posting of a question
    guild_id      TEXT NOT NULL,
    channel_id    TEXT NOT NULL,
    message_id    TEXT,                      -- set once the message is posted
    concept_id    TEXT NOT NULL,
    topic         TEXT NOT NULL,             -- note file of the concept, for per-topic stats
    question_json TEXT NOT NULL,             -- the Question as posted (options, correct index, source)
    created_at    TEXT NOT NULL,
    expires_at    TEXT                       -- answers after this are not counted; NULL = never
  );
  CREATE INDEX IF NOT EXISTS quiz_questions_by_message ON quiz_questions (message_id);
  CREATE TABLE IF NOT EXISTS quiz_answers (
    question_id TEXT NOT NULL REFERENCES quiz_questions (id) ON DELETE CASCADE,
    guild_id    TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    choice      INTEGER NOT NULL CHECK (choice BETWEEN 0 AND 3),
    correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
    answered_at TEXT NOT NULL,
    UNIQUE (question_id, user_id)            -- each member's first click is the one that counts
  );
  CREATE INDEX IF NOT EXISTS quiz_answers_by_member ON quiz_answers (guild_id, user_id, answered_at);
  CREATE INDEX IF NOT EXISTS quiz_answers_by_time ON quiz_answers (guild_id, answered_at);
  CREATE TABLE IF NOT EXISTS quiz_cards (
    guild_id       TEXT NOT NULL,
    user_id        TEXT NOT NULL,
    concept_id     TEXT NOT NULL,
    due            TEXT NOT NULL,
    stability      REAL NOT NULL,
    difficulty     REAL NOT NULL,
    elapsed_days   INTEGER NOT NULL,
    scheduled_days INTEGER NOT NULL,
    learning_steps INTEGER NOT NULL,
    reps           INTEGER NOT NULL,
    lapses         INTEGER NOT NULL,
    state          INTEGER NOT NULL,
    last_review    TEXT,
    PRIMARY KEY (guild_id, user_id, concept_id)
  );
  CREATE INDEX IF NOT EXISTS quiz_cards_due ON quiz_cards (guild_id, user_id, due);
  `,
  },
];

/** The same steps as plain SQL, for setting up the tables without the bot's list (tests, tools). */
export const QUIZ_MIGRATIONS: string[] = QUIZ_MIGRATION_STEPS.map((step) => step.sql);

/** Runs QUIZ_MIGRATIONS directly (tests, tools). The bot runs them through its own migration list instead. */
export function applyQuizMigrations(db: Database.Database): void {
  db.transaction(() => {
    for (const sql of QUIZ_MIGRATIONS) db.exec(sql);
  })();
}

export interface AskedQuestion {
  id: string;
  guildId: string;
  channelId: string;
  messageId: string | null;
  conceptId: string;
  topic: string;
  question: Question;
  createdAt: Date;
  expiresAt: Date | null;
}

export type AnswerResult =
  | { status: 'recorded'; correct: boolean; correctIndex: number; choice: number; nextDue: Date }
  | { status: 'duplicate'; correct: boolean; correctIndex: number; choice: number; firstAnsweredAt: Date }
  | { status: 'expired'; correctIndex: number }
  | { status: 'unknown-question' };

export interface Tally {
  /** Members per option, index = option. */
  counts: [number, number, number, number];
  total: number;
  correct: number;
  correctIndex: number;
  /** Members who answered correctly, first click first. */
  correctUsers: string[];
}

export type LeaderboardPeriod = 'week' | 'all';

export interface LeaderboardRow {
  userId: string;
  correct: number;
  answered: number;
  accuracy: number;
}

export interface TopicStat {
  topic: string;
  answered: number;
  correct: number;
  accuracy: number;
}

export interface MemberStats {
  answered: number;
  correct: number;
  /** 0..1; 0 when nothing was answered. */
  accuracy: number;
  /** Days in a row, ending today (or yesterday, if nothing yet today), with at least one answer. */
  streakDays: number;
  bestStreakDays: number;
  /** Cards due now (only concepts in `conceptIds`, when given). */
  dueCount: number;
  /** Concepts the member got wrong and has not answered right since (see `QuizStore.mistakes`). */
  mistakes?: number;
  /** Lowest accuracy first; topics with at least `minAnswers` answers. */
  weakestTopics: TopicStat[];
}

/** A concept the member got wrong, and how well FSRS thinks they remember it now. */
export interface Mistake {
  conceptId: string;
  retrievability: number;
  wrongAt: Date;
}

export interface QuizStoreOptions {
  now?: () => Date;
  /** The scheduler; by default FSRS with the same clock. */
  srs?: Srs;
}

const iso = (d: Date) => d.toISOString();

export class QuizStore {
  readonly now: () => Date;
  readonly srs: Srs;
  /** Prepared once: the caller runs QUIZ_MIGRATIONS before constructing the store. */
  private readonly s: ReturnType<typeof prepareStatements>;
  private readonly cardTable: CardTable;

  constructor(
    private readonly db: Database.Database,
    options: QuizStoreOptions = {},
  ) {
    this.now = options.now ?? options.srs?.now ?? (() => new Date());
    this.srs = options.srs ?? createSrs({ now: this.now });
    this.s = prepareStatements(db);
    this.cardTable = new CardTable(db);
  }

  /** Records a question as posted (or about to be: set the message id later with `setMessageId`). */
  recordQuestion(input: {
    guildId: string;
    channelId: string;
    question: Question;
    messageId?: string | null;
    expiresAt?: Date | null;
    /** Defaults to a new UUID; use it in the buttons' custom ids. */
    id?: string;
  }): AskedQuestion {
    const id = input.id ?? randomUUID();
    const createdAt = this.now();
    const asked: AskedQuestion = {
      id,
      guildId: input.guildId,
      channelId: input.channelId,
      messageId: input.messageId ?? null,
      conceptId: input.question.conceptId,
      topic: input.question.source.file,
      question: input.question,
      createdAt,
      expiresAt: input.expiresAt ?? null,
    };
    this.s.insertQuestion.run(
      id,
      asked.guildId,
      asked.channelId,
      asked.messageId,
      asked.conceptId,
      asked.topic,
      JSON.stringify(input.question),
      iso(createdAt),
      asked.expiresAt ? iso(asked.expiresAt) : null,
    );
    return asked;
  }

  setMessageId(questionId: string, messageId: string): void {
    this.s.setMessageId.run(messageId, questionId);
  }

  getQuestion(questionId: string): AskedQuestion | null {
    const row = this.s.questionById.get(questionId) as QuestionRow | undefined;
    return row ? fromQuestionRow(row) : null;
  }

  getQuestionByMessage(messageId: string): AskedQuestion | null {
    const row = this.s.questionByMessage.get(messageId) as QuestionRow | undefined;
    return row ? fromQuestionRow(row) : null;
  }

  /**
   * A member's click on option `choice`. The first click per member counts
   * (and reviews their FSRS card for the concept); later clicks are reported as
   * duplicates with what the first one was. Clicks after `expiresAt` do not count.
   */
  recordAnswer(input: { questionId: string; userId: string; choice: number }): AnswerResult {
    const { questionId, userId, choice } = input;
    if (!Number.isInteger(choice) || choice < 0 || choice > 3) throw new RangeError(`choice must be 0..3, got ${choice}`);
    return this.db.transaction((): AnswerResult => {
      const asked = this.getQuestion(questionId);
      if (!asked) return { status: 'unknown-question' };
      const correctIndex = asked.question.correctIndex;
      const now = this.now();
      const previous = this.s.previousAnswer.get(questionId, userId) as
        | { choice: number; correct: number; answered_at: string }
        | undefined;
      if (previous) {
        return {
          status: 'duplicate',
          correct: previous.correct === 1,
          correctIndex,
          choice: previous.choice,
          firstAnsweredAt: new Date(previous.answered_at),
        };
      }
      if (asked.expiresAt && now.getTime() > asked.expiresAt.getTime()) return { status: 'expired', correctIndex };
      const correct = choice === correctIndex;
      this.s.insertAnswer.run(questionId, asked.guildId, userId, choice, correct ? 1 : 0, iso(now));
      const card = this.srs.review(this.getCard(asked.guildId, userId, asked.conceptId), correct, now);
      this.cardTable.put(asked.guildId, userId, asked.conceptId, card);
      return { status: 'recorded', correct, correctIndex, choice, nextDue: card.due };
    })();
  }

  tally(questionId: string): Tally | null {
    // Only the correct index is needed: read it without loading and parsing the whole question.
    const question = this.s.correctIndex.get(questionId) as { correct_index: number } | undefined;
    if (!question) return null;
    const rows = this.s.tallyAnswers.all(questionId) as Array<{ user_id: string; choice: number; correct: number }>;
    const counts: [number, number, number, number] = [0, 0, 0, 0];
    for (const r of rows) counts[r.choice as 0 | 1 | 2 | 3]++;
    const correctUsers = rows.filter((r) => r.correct === 1).map((r) => r.user_id);
    return { counts, total: rows.length, correct: correctUsers.length, correctIndex: question.correct_index, correctUsers };
  }

  /**
   * Share of wrong first answers per concept in one server: concept id →
   * wrong / answered. Concepts nobody answered are absent (a rate of 0 to the caller).
   */
  conceptWrongRates(guildId: string): Map<string, number> {
    const rows = this.s.wrongRates.all(guildId) as Array<{ conceptId: string; answered: number; correct: number }>;
    return new Map(rows.map((r) => [r.conceptId, (r.answered - r.correct) / r.answered]));
  }

  getCard(guildId: string, userId: string, conceptId: string): Card | null {
    return this.cardTable.get(guildId, userId, conceptId);
  }

  /**
   * What to ask this member next: concepts whose card is due (most overdue
   * first), then concepts they have never answered, in the order of `conceptIds`
   * (pass the bank's ids, shuffled if you like). Concepts not in `conceptIds` are skipped.
   */
  dueConcepts(input: { guildId: string; userId: string; conceptIds: Iterable<string>; limit?: number }): ReviewItem[] {
    return orderForReview(this.cardTable.all(input.guildId, input.userId), input.conceptIds, this.now(), input.limit);
  }

  /**
   * The concepts this member got wrong and has not answered right since (their
   * latest first answer to a question on it was wrong), most forgotten first:
   * lowest FSRS retrievability now, then the oldest mistake. Only concepts in
   * `conceptIds` when given (a note may have changed).
   */
  mistakes(input: { guildId: string; userId: string; conceptIds?: Iterable<string> }): Mistake[] {
    const rows = this.s.memberConceptAnswers.all(input.guildId, input.userId) as Array<{
      conceptId: string;
      correct: number;
      answeredAt: string;
    }>;
    const latest = new Map<string, { correct: boolean; answeredAt: string }>();
    for (const r of rows) latest.set(r.conceptId, { correct: r.correct === 1, answeredAt: r.answeredAt });
    const allowed = input.conceptIds ? new Set(input.conceptIds) : null;
    const now = this.now();
    const out: Mistake[] = [];
    for (const [conceptId, last] of latest) {
      if (last.correct || (allowed && !allowed.has(conceptId))) continue;
      const card = this.getCard(input.guildId, input.userId, conceptId);
      out.push({ conceptId, retrievability: card ? this.srs.retrievability(card, now) : 0, wrongAt: new Date(last.answeredAt) });
    }
    return out.sort(
      (a, b) => a.retrievability - b.retrievability || a.wrongAt.getTime() - b.wrongAt.getTime() || (a.conceptId < b.conceptId ? -1 : 1),
    );
  }

  /** Members by correct answers (then accuracy, then who got there first): this ISO week (Monday 00:00 in `timeZone`) or all time. */
  leaderboard(input: { guildId: string; period: LeaderboardPeriod; limit?: number; timeZone?: string }): LeaderboardRow[] {
    const since =
      input.period === 'week'
        ? DateTime.fromJSDate(this.now(), { zone: input.timeZone ?? 'UTC' })
            .startOf('week')
            .toUTC()
            .toJSDate()
        : new Date(0);
    const rows = this.s.leaderboard.all(input.guildId, iso(since), input.limit ?? 10) as Array<{
      user_id: string;
      correct: number;
      answered: number;
    }>;
    return rows.map((r) => ({
      userId: r.user_id,
      correct: r.correct,
      answered: r.answered,
      accuracy: r.answered ? r.correct / r.answered : 0,
    }));
  }

  /** A member's numbers for /quiz mystats. Days for the streak are calendar days in `timeZone` (default UTC). */
  memberStats(input: {
    guildId: string;
    userId: string;
    timeZone?: string;
    conceptIds?: Iterable<string>;
    topics?: number;
    minAnswers?: number;
  }): MemberStats {
    const zone = input.timeZone ?? 'UTC';
    const now = this.now();
    // One read of the member's answers gives the totals and the days of the streak.
    const answers = this.s.memberAnswers.all(input.guildId, input.userId) as Array<{ answered_at: string; correct: number }>;
    const totals = { answered: answers.length, correct: 0 };
    const days = new Set<string>();
    for (const a of answers) {
      totals.correct += a.correct;
      days.add(DateTime.fromISO(a.answered_at, { zone: 'utc' }).setZone(zone).toISODate()!);
    }
    const { current, best } = streaks(days, DateTime.fromJSDate(now, { zone }));

    const allowed = input.conceptIds ? new Set(input.conceptIds) : null;
    let dueCount = 0;
    for (const [conceptId, card] of this.cardTable.all(input.guildId, input.userId)) {
      if (allowed && !allowed.has(conceptId)) continue;
      if (this.srs.isDue(card, now)) dueCount++;
    }

    const topicRows = this.s.memberTopics.all(input.guildId, input.userId) as Array<{ topic: string; answered: number; correct: number }>;
    const weakestTopics = topicRows
      .filter((r) => r.answered >= (input.minAnswers ?? 1))
      .map((r) => ({ topic: r.topic, answered: r.answered, correct: r.correct, accuracy: r.correct / r.answered }))
      .sort((a, b) => a.accuracy - b.accuracy || b.answered - a.answered || (a.topic < b.topic ? -1 : 1))
      .slice(0, input.topics ?? 3);

    return {
      answered: totals.answered,
      correct: totals.correct,
      accuracy: totals.answered ? totals.correct / totals.answered : 0,
      streakDays: current,
      bestStreakDays: best,
      dueCount,
      mistakes: this.mistakes({ guildId: input.guildId, userId: input.userId, conceptIds: allowed ?? undefined }).length,
      weakestTopics,
    };
  }
}

/** The current run of consecutive days ending today or yesterday, and the longest run. */
export function streaks(days: ReadonlySet<string>, today: DateTime): { current: number; best: number } {
  const dayKey = (d: DateTime) => d.toISODate()!;
  let current = 0;
  let cursor = today.startOf('day');
  if (!days.has(dayKey(cursor))) cursor = cursor.minus({ days: 1 });
  while (days.has(dayKey(cursor))) {
    current++;
    cursor = cursor.minus({ days: 1 });
  }
  let best = 0;
  for (const d of days) {
    const date = DateTime.fromISO(d, { zone: 'utc' });
    if (days.has(dayKey(date.minus({ days: 1 })))) continue; // not the start of a run
    let run = 0;
    let c = date;
    while (days.has(dayKey(c))) {
      run++;
      c = c.plus({ days: 1 });
    }
    best = Math.max(best, run);
  }
  return { current, best: Math.max(best, current) };
}

interface QuestionRow {
  id: string;
  guild_id: string;
  channel_id: string;
  message_id: string | null;
  concept_id: string;
  topic: string;
  question_json: string;
  created_at: string;
  expires_at: string | null;
}

function fromQuestionRow(row: QuestionRow): AskedQuestion {
  return {
    id: row.id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    messageId: row.message_id,
    conceptId: row.concept_id,
    topic: row.topic,
    question: JSON.parse(row.question_json) as Question,
    createdAt: new Date(row.created_at),
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
  };
}

function prepareStatements(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    insertQuestion:
      p(`INSERT INTO quiz_questions (id, guild_id, channel_id, message_id, concept_id, topic, question_json, created_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    setMessageId: p('UPDATE quiz_questions SET message_id = ? WHERE id = ?'),
    questionById: p('SELECT * FROM quiz_questions WHERE id = ?'),
    questionByMessage: p('SELECT * FROM quiz_questions WHERE message_id = ?'),
    correctIndex: p(`SELECT json_extract(question_json, '$.correctIndex') AS correct_index FROM quiz_questions WHERE id = ?`),

    previousAnswer: p('SELECT choice, correct, answered_at FROM quiz_answers WHERE question_id = ? AND user_id = ?'),
    insertAnswer: p('INSERT INTO quiz_answers (question_id, guild_id, user_id, choice, correct, answered_at) VALUES (?, ?, ?, ?, ?, ?)'),
    tallyAnswers: p('SELECT user_id, choice, correct FROM quiz_answers WHERE question_id = ? ORDER BY answered_at, rowid'),
    wrongRates: p(`SELECT q.concept_id AS conceptId, COUNT(*) AS answered, SUM(a.correct) AS correct
      FROM quiz_answers a JOIN quiz_questions q ON q.id = a.question_id
      WHERE a.guild_id = ?
      GROUP BY q.concept_id`),

    leaderboard: p(`SELECT user_id, SUM(correct) AS correct, COUNT(*) AS answered, MAX(answered_at) AS last_at
      FROM quiz_answers WHERE guild_id = ? AND answered_at >= ?
      GROUP BY user_id
      ORDER BY correct DESC, CAST(SUM(correct) AS REAL) / COUNT(*) DESC, last_at ASC, user_id ASC
      LIMIT ?`),
    memberAnswers: p('SELECT answered_at, correct FROM quiz_answers WHERE guild_id = ? AND user_id = ?'),
    memberConceptAnswers: p(`SELECT q.concept_id AS conceptId, a.correct AS correct, a.answered_at AS answeredAt
      FROM quiz_answers a JOIN quiz_questions q ON q.id = a.question_id
      WHERE a.guild_id = ? AND a.user_id = ?
      ORDER BY a.answered_at, a.rowid`),
    memberTopics: p(`SELECT q.topic AS topic, COUNT(*) AS answered, SUM(a.correct) AS correct
      FROM quiz_answers a JOIN quiz_questions q ON q.id = a.question_id
      WHERE a.guild_id = ? AND a.user_id = ?
      GROUP BY q.topic`),
  };
}
