/**
 * The daily-concept tables on a real SQLite file, opened as the bot runs it (WAL;
 * also keeps per-take commits cheap). Every connection is closed after each test,
 * before the temp folders of ./temp-dir.ts are removed (imported first, so its
 * after-hook runs after this one).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { DAILY_MIGRATIONS } from '../../src/daily/store.js';
import { tempDir } from './temp-dir.js';

const connections: Database.Database[] = [];

afterEach(() => {
  for (const db of connections.splice(0)) if (db.open) db.close();
});

/** A database file path in a fresh temp folder (nothing is created until it is opened). */
export const dailyDbFile = (prefix: string): string => path.join(tempDir(prefix), 'bot.db');

/** Opens (or re-opens) `file` in WAL mode with the daily migrations applied; closed after the test. */
export function openDailyDb(file: string): Database.Database {
  const db = new Database(file);
  connections.push(db);
  db.pragma('journal_mode = WAL');
  for (const m of DAILY_MIGRATIONS) db.exec(m);
  return db;
}
