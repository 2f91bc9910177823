import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { orderedMigrations, type Migration } from './migration.js';
import { MIGRATIONS } from './migrations.js';

export type StudyDatabase = Database.Database;

export const DB_FILE = 'studybot.db';

export interface OpenDatabaseOptions {
  /** How long to wait for another connection's write lock before giving up. */
  busyTimeoutMs?: number;
  migrations?: readonly Migration[];
  /** Told about each migration applied, e.g. to log it. */
  onMigrate?: (version: number, name: string) => void;
}

/** Why the database cannot be used, phrased for whoever runs the bot. Always names the file. */
export class DatabaseError extends Error {
  constructor(
    readonly kind: 'locked' | 'corrupt' | 'too-new' | 'unavailable',
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

/**
 * Opens (creating if needed) `dataDir/studybot.db` in WAL mode and brings its
 * schema up to date. Any failure is a DatabaseError that says what to do.
 */
export function openDatabase(dataDir: string, options: OpenDatabaseOptions = {}): StudyDatabase {
  const file = path.join(path.resolve(dataDir), DB_FILE);
  // A list with a gap or a repeat in its ids is a programming error, not a problem with the file.
  const migrations = options.migrations ? orderedMigrations(options.migrations) : MIGRATIONS;
  let db: StudyDatabase | undefined;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
    // WAL: readers (e.g. someone inspecting feedback with sqlite3) never block the bot's writes.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
    migrate(db, file, migrations, options.onMigrate);
    return db;
  } catch (err) {
    db?.close();
    throw explain(err, file);
  }
}

function migrate(db: StudyDatabase, file: string, migrations: readonly Migration[], onMigrate?: (version: number, name: string) => void) {
  const current = userVersion(db);
  if (current > migrations.length) {
    throw new DatabaseError(
      'too-new',
      file,
      `The database ${file} has schema version ${current}, but this StudyBot only knows versions up to ${migrations.length}: ` +
        'it was written by a newer StudyBot. Run the newer version again, or point DATA_DIR at another folder.',
    );
  }
  // Ordered ids are 1..n, so the steps still to run are those with an id above the file's version.
  for (const step of migrations.filter((m) => m.id > current)) {
    // IMMEDIATE takes the write lock first, so two processes starting together cannot both run a step.
    db.transaction(() => {
      if (userVersion(db) >= step.id) return;
      db.exec(step.sql);
      db.pragma(`user_version = ${step.id}`);
    }).immediate();
    onMigrate?.(step.id, step.name);
  }
}

function userVersion(db: StudyDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function explain(err: unknown, file: string): Error {
  if (err instanceof DatabaseError) return err;
  const code = (err as { code?: unknown }).code;
  const reason = (err as Error).message;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new DatabaseError(
      'locked',
      file,
      `The database ${file} is locked by another program (${reason}). Is another StudyBot running with the same DATA_DIR? ` +
        'Stop it (or close whatever has the file open for writing) and start again.',
    );
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new DatabaseError(
      'corrupt',
      file,
      `The database ${file} is damaged (${reason}). It holds quiz history and review schedules, daily-post schedules, 👍/👎 feedback and answer buttons' state; the notes index is separate and unaffected. ` +
        `To start fresh: stop the bot, move ${DB_FILE} (and ${DB_FILE}-wal, ${DB_FILE}-shm if present) out of ${path.dirname(file)}, ` +
        'and start again; an empty database is created (quiz scores and schedules start over). Keep the old file to try to recover it with the sqlite3 ".recover" command.',
    );
  }
  return new DatabaseError(
    'unavailable',
    file,
    `Cannot open the database ${file} (${reason}). Check that DATA_DIR exists and that the bot's user can write to it.`,
  );
}
