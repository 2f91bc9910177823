import { DAILY_MIGRATION_STEPS } from '../daily/store.js';
import { QUIZ_BANK_MIGRATION } from '../quiz/bank-store.js';
import { QUIZ_MIGRATION_STEPS } from '../quiz/store.js';
import { GUILD_SETTINGS_MIGRATION } from './guild-settings.js';
import { orderedMigrations, type Migration } from './migration.js';

export type { Migration } from './migration.js';

const ASK_AND_FEEDBACK: Migration = {
  id: 1,
  name: 'ask: answers and feedback',
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
};

/**
 * The database schema: every feature's named steps, run in id order. Each
 * feature numbers its own steps (see Migration): listing them here puts
 * nothing in place by position, and a list whose ids have a gap or a repeat
 * fails when this module loads.
 */
export const MIGRATIONS: readonly Migration[] = orderedMigrations([
  ASK_AND_FEEDBACK,
  ...DAILY_MIGRATION_STEPS,
  ...QUIZ_MIGRATION_STEPS,
  GUILD_SETTINGS_MIGRATION,
  QUIZ_BANK_MIGRATION,
]);
