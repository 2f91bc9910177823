import { DAILY_MIGRATIONS } from '../daily/index.js';
import { QUIZ_MIGRATIONS } from '../quiz/index.js';

/**
 * The database schema, as the ordered list of steps that build it.
 *
 * `migrations[i]` takes a database from `user_version` i to i + 1, so a new
 * feature (quiz, daily concept, ...) appends its step at the end and never
 * edits a released one: a database out in the wild may already have run it.
 */
export interface Migration {
  /** What the step adds, for the log. */
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'ask answers and feedback',
    sql: `
      -- The question behind each /ask answer, so its buttons keep working after a restart.
      CREATE TABLE ask_messages (
        message_id TEXT PRIMARY KEY,
        question   TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        guild_id   TEXT,
        channel_id TEXT,
        created_at TEXT NOT NULL
      );

      -- 👍 / 👎 on a quoted section: one vote per person per result of an answer (a second click changes it).
      CREATE TABLE feedback (
        id         INTEGER PRIMARY KEY,
        message_id TEXT NOT NULL,
        question   TEXT NOT NULL,
        chunk_id   TEXT NOT NULL,
        -- Where the section was when the vote was cast; chunk ids alone do not say.
        citation   TEXT,
        vote       INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        user_id    TEXT NOT NULL,
        guild_id   TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (message_id, chunk_id, user_id)
      );
      CREATE INDEX feedback_by_vote ON feedback (vote, created_at);
    `,
  },
  ...DAILY_MIGRATIONS.map((sql) => ({ name: 'daily concept posts', sql })),
  ...QUIZ_MIGRATIONS.map((sql) => ({ name: 'quiz', sql })),
];
