/**
 * SQLite persistence of the question bank and of 👎 reports: for each
 * (concept, question type) the question the generator made with its stable key
 * (question-key.ts), or a note that it could make none; the key behind each
 * posted question; and members' reports per server, from which retirement is
 * derived (never stored twice). Synchronous, like QuizStore.
 */
import type Database from 'better-sqlite3';
import type { Migration } from '../db/migration.js';
import type { Question, QuestionType } from './types.js';

/** The bank's step of the bot's migration list (id frozen, see Migration). */
export const QUIZ_BANK_MIGRATION: Migration = {
  id: 5,
  name: 'quiz: persisted question bank and reports of bad questions',
  sql: `
  CREATE TABLE IF NOT EXISTS quiz_bank (
    concept_id    TEXT NOT NULL,
    type          TEXT NOT NULL,
    question_key  TEXT NOT NULL,   -- question-key.ts; for a missing question, the key of what it was tried on
    question_json TEXT,            -- the Question; NULL when the generator could make none from that source
    section_line  INTEGER,         -- first line of the source section when made, to follow it when lines above move
    built_at      TEXT NOT NULL,
    PRIMARY KEY (concept_id, type)
  );
  CREATE INDEX IF NOT EXISTS quiz_bank_by_key ON quiz_bank (question_key);
  -- The stable key of each posting (quiz_questions.id), for its 👎 button.
  CREATE TABLE IF NOT EXISTS quiz_question_keys (
    question_id  TEXT PRIMARY KEY REFERENCES quiz_questions (id) ON DELETE CASCADE,
    question_key TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS quiz_reports (
    guild_id     TEXT NOT NULL,
    question_key TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    manager      INTEGER NOT NULL CHECK (manager IN (0, 1)),  -- had Manage Server when reporting
    reported_at  TEXT NOT NULL,
    PRIMARY KEY (guild_id, question_key, user_id)             -- one report per member per question
  );
  `,
};

/** Reports from this many different members retire a question in their server; one from a member with Manage Server does at once. */
export const REPORTS_TO_RETIRE = 2;

/** One row of the bank: the question of `type` about `conceptId`, or null when none could be made. */
export interface BankRow {
  conceptId: string;
  type: QuestionType;
  key: string;
  question: Question | null;
  /** First line of the question's source section when it was made (null for a missing question). */
  sectionLine: number | null;
}

export type ReportResult =
  | { status: 'reported'; retired: boolean }
  /** The member had reported this question already: nothing changed. */
  | { status: 'already'; retired: boolean };

/** A question retired in a server, for /quiz mode:report. */
export interface RetiredQuestion {
  key: string;
  question: Question;
  /** When the report that retired it came in. */
  retiredAt: Date;
  reports: number;
}

const iso = (d: Date) => d.toISOString();

export class QuestionBankStore {
  private readonly s: ReturnType<typeof prepareStatements>;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.s = prepareStatements(db);
  }

  rows(): BankRow[] {
    return (this.s.rows.all() as StoredRow[]).map(fromStoredRow);
  }

  /** Makes the bank exactly `rows` in one transaction: rows whose key and question are unchanged are left as they are. */
  replace(rows: readonly BankRow[]): { written: number; deleted: number } {
    return this.db.transaction(() => {
      const before = new Map((this.s.rows.all() as StoredRow[]).map((r) => [`${r.concept_id}\u0000${r.type}`, r]));
      let written = 0;
      const builtAt = iso(this.now());
      for (const row of rows) {
        const id = `${row.conceptId}\u0000${row.type}`;
        const json = row.question ? JSON.stringify(row.question) : null;
        const old = before.get(id);
        before.delete(id);
        if (old && old.question_key === row.key && old.question_json === json && old.section_line === row.sectionLine) continue;
        this.s.put.run(row.conceptId, row.type, row.key, json, row.sectionLine, builtAt);
        written++;
      }
      for (const gone of before.values()) this.s.delete.run(gone.concept_id, gone.type);
      return { written, deleted: before.size };
    })();
  }

  /** Remembers the key of a posted question (quiz_questions.id), for its 👎 button. */
  recordPostedKey(questionId: string, key: string): void {
    this.s.putPostedKey.run(questionId, key);
  }

  postedKey(questionId: string): string | null {
    return (this.s.postedKey.get(questionId) as { question_key: string } | undefined)?.question_key ?? null;
  }

  /**
   * A member's 👎 on a question. The first report per member counts (a second
   * click changes nothing); `manager`: the member has Manage Server.
   */
  report(input: { guildId: string; userId: string; key: string; manager: boolean }): ReportResult {
    return this.db.transaction((): ReportResult => {
      const inserted = this.s.insertReport.run(input.guildId, input.key, input.userId, input.manager ? 1 : 0, iso(this.now())).changes > 0;
      const retired = this.retiredAt(input.guildId, input.key) !== null;
      return { status: inserted ? 'reported' : 'already', retired };
    })();
  }

  /** The keys retired in this server. */
  retiredKeys(guildId: string): Set<string> {
    return new Set(this.s.retiredKeys.all(guildId, REPORTS_TO_RETIRE) as string[]);
  }

  /**
   * The questions of the bank retired in this server, most recently retired
   * first. A key the bank no longer holds (its section changed) is not listed:
   * that question is gone, and its successor is back in the rotation.
   */
  retired(guildId: string): RetiredQuestion[] {
    const rows = this.s.retiredInBank.all(guildId, REPORTS_TO_RETIRE) as Array<{ question_key: string; question_json: string }>;
    const out: RetiredQuestion[] = [];
    for (const r of rows) {
      const retiredAt = this.retiredAt(guildId, r.question_key);
      if (!retiredAt) continue;
      out.push({
        key: r.question_key,
        question: JSON.parse(r.question_json) as Question,
        retiredAt,
        reports: this.s.reportCount.get(guildId, r.question_key) as number,
      });
    }
    return out.sort((a, b) => b.retiredAt.getTime() - a.retiredAt.getTime() || (a.key < b.key ? -1 : 1));
  }

  /** When the question became retired: the first report from a manager, or the REPORTS_TO_RETIRE-th report, whichever came first. */
  private retiredAt(guildId: string, key: string): Date | null {
    const reports = this.s.reportsOf.all(guildId, key) as Array<{ manager: number; reported_at: string }>;
    const i = reports.findIndex((r, n) => r.manager === 1 || n + 1 >= REPORTS_TO_RETIRE);
    return i < 0 ? null : new Date(reports[i]!.reported_at);
  }
}

interface StoredRow {
  concept_id: string;
  type: QuestionType;
  question_key: string;
  question_json: string | null;
  section_line: number | null;
}

function fromStoredRow(r: StoredRow): BankRow {
  return {
    conceptId: r.concept_id,
    type: r.type,
    key: r.question_key,
    question: r.question_json === null ? null : (JSON.parse(r.question_json) as Question),
    sectionLine: r.section_line,
  };
}

function prepareStatements(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  const retiredWhere = `FROM quiz_reports WHERE guild_id = ?
    GROUP BY question_key HAVING COUNT(*) >= ? OR MAX(manager) = 1`;
  return {
    rows: p('SELECT concept_id, type, question_key, question_json, section_line FROM quiz_bank ORDER BY concept_id, type'),
    put: p(`INSERT INTO quiz_bank (concept_id, type, question_key, question_json, section_line, built_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (concept_id, type) DO UPDATE SET question_key = excluded.question_key, question_json = excluded.question_json,
        section_line = excluded.section_line, built_at = excluded.built_at`),
    delete: p('DELETE FROM quiz_bank WHERE concept_id = ? AND type = ?'),
    putPostedKey: p('INSERT OR REPLACE INTO quiz_question_keys (question_id, question_key) VALUES (?, ?)'),
    postedKey: p('SELECT question_key FROM quiz_question_keys WHERE question_id = ?'),
    insertReport: p(`INSERT OR IGNORE INTO quiz_reports (guild_id, question_key, user_id, manager, reported_at) VALUES (?, ?, ?, ?, ?)`),
    reportsOf: p('SELECT manager, reported_at FROM quiz_reports WHERE guild_id = ? AND question_key = ? ORDER BY reported_at, rowid'),
    reportCount: p('SELECT COUNT(*) FROM quiz_reports WHERE guild_id = ? AND question_key = ?').pluck(),
    retiredKeys: p(`SELECT question_key ${retiredWhere}`).pluck(),
    retiredInBank: p(`SELECT b.question_key, b.question_json FROM quiz_bank b
      JOIN (SELECT question_key ${retiredWhere}) r ON r.question_key = b.question_key
      WHERE b.question_json IS NOT NULL`),
  };
}
