/**
 * Databases a test opens, closed after each test: `track(openDatabase(dir))`.
 * The afterEach is registered when a test file imports this module.
 */
import { afterEach } from 'vitest';
import type { StudyDatabase } from '../../src/db/database.js';

const open: StudyDatabase[] = [];

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

export function track(db: StudyDatabase): StudyDatabase {
  open.push(db);
  return db;
}
