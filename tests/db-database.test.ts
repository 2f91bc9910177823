/**
 * Specification of the SQLite layer: WAL, user_version migrations that later
 * features append to, the feedback and answer repositories, and clear errors
 * for a locked or corrupt file.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE, DatabaseError, openDatabase } from '../src/db/database.js';
import { MIGRATIONS } from '../src/db/migrations.js';
import { askMessageRepository } from '../src/db/ask-messages.js';
import { feedbackRepository } from '../src/db/feedback.js';
import { track } from './support/open-databases.js';
import { tempDir } from './support/temp-dir.js';

let dir: string;

beforeEach(() => {
  dir = tempDir('studybot-db-');
});

describe('openDatabase', () => {
  it('creates DATA_DIR/studybot.db in WAL mode with every migration applied', () => {
    const db = track(openDatabase(path.join(dir, 'nested')));
    expect(db.name).toBe(path.join(dir, 'nested', DB_FILE));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['ask_messages', 'feedback']));
  });

  it('re-opening runs nothing again and keeps the data', () => {
    const first = track(openDatabase(dir));
    feedbackRepository(first).record({ messageId: 'm', question: 'q', chunkId: 'c', citation: null, vote: 1, userId: 'u', guildId: null });
    first.close();
    const applied: number[] = [];
    const again = track(openDatabase(dir, { onMigrate: (v) => applied.push(v) }));
    expect(applied).toEqual([]);
    expect(feedbackRepository(again).recent(10)).toHaveLength(1);
  });

  it('applies only the migrations appended since the last start, in order', () => {
    track(openDatabase(dir)).close();
    // Table names no real migration uses (the quiz and daily ones are in MIGRATIONS already).
    const later = [
      ...MIGRATIONS,
      { id: MIGRATIONS.length + 1, name: 'later one', sql: 'CREATE TABLE later_one (id INTEGER PRIMARY KEY)' },
      { id: MIGRATIONS.length + 2, name: 'later two', sql: 'CREATE TABLE later_two (id INTEGER PRIMARY KEY)' },
    ];
    const applied: Array<[number, string]> = [];
    const db = track(openDatabase(dir, { migrations: later, onMigrate: (v, name) => applied.push([v, name]) }));
    expect(applied).toEqual([
      [MIGRATIONS.length + 1, 'later one'],
      [MIGRATIONS.length + 2, 'later two'],
    ]);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 2);
  });

  it('a failing migration leaves the database at the last good version', () => {
    const broken = [...MIGRATIONS, { id: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE ok_part (x); THIS IS NOT SQL' }];
    expect(() => openDatabase(dir, { migrations: broken })).toThrow(DatabaseError);
    const db = track(openDatabase(dir));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'ok_part'").pluck().get()).toBe(0);
  });

  it('a database from a newer StudyBot is refused, not damaged', () => {
    const db = track(openDatabase(dir));
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    expect(() => openDatabase(dir)).toThrow(expect.objectContaining({ kind: 'too-new', message: expect.stringMatching(/newer StudyBot/) }));
  });

  it('a file that is not a database: "corrupt", naming the file and what to do', () => {
    const file = path.join(dir, DB_FILE);
    writeFileSync(file, 'this is not a SQLite database at all'.repeat(200));
    let err: unknown;
    try {
      openDatabase(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatabaseError);
    expect(err).toMatchObject({ kind: 'corrupt', file });
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(/move studybot\.db .* and start again/);
  });

  it('a damaged page inside a valid file is also reported as corrupt', () => {
    const db = track(openDatabase(dir));
    const feedback = feedbackRepository(db);
    for (let i = 0; i < 500; i++)
      feedback.record({ messageId: `m${i}`, question: 'q'.repeat(200), chunkId: 'c', citation: null, vote: 1, userId: 'u', guildId: null });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    const file = path.join(dir, DB_FILE);
    const bytes = readFileSync(file);
    bytes.fill(0xab, 4096 * 3, 4096 * 6); // wreck some b-tree pages, keep the header
    writeFileSync(file, bytes);
    expect(() => openDatabase(dir)).toThrow(expect.objectContaining({ kind: 'corrupt', message: expect.stringContaining(file) }));
  });

  it('a database locked by another program: "locked", naming the file', () => {
    const file = path.join(dir, DB_FILE);
    const other = track(new Database(file));
    other.exec('BEGIN EXCLUSIVE'); // e.g. a half-finished write by another process, before our WAL switch
    let err: unknown;
    try {
      openDatabase(dir, { busyTimeoutMs: 50 });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ kind: 'locked', file });
    expect((err as Error).message).toMatch(/locked by another program.*another StudyBot running with the same DATA_DIR/);
    other.exec('ROLLBACK');
  });
});

describe('feedback repository', () => {
  it('stores question, section, vote, user, guild and time; a second vote by the same person replaces the first', () => {
    const feedback = feedbackRepository(track(openDatabase(dir)));
    const vote = {
      messageId: 'm1',
      question: 'what is focal loss',
      chunkId: 'c1',
      citation: 'retinanet-focal-loss.md:50-59',
      userId: 'u1',
      guildId: 'g1',
    };
    feedback.record({ ...vote, vote: 1 }, new Date('2025-01-01T10:00:00Z'));
    feedback.record({ ...vote, vote: -1 }, new Date('2025-01-01T10:01:00Z'));
    feedback.record({ ...vote, userId: 'u2', vote: -1 }, new Date('2025-01-01T10:02:00Z'));
    expect(feedback.recent(10)).toEqual([
      expect.objectContaining({ userId: 'u2', vote: -1 }),
      { id: expect.any(Number), ...vote, vote: -1, createdAt: '2025-01-01T10:01:00.000Z' },
    ]);
    expect(feedback.recent(10, 1)).toEqual([]);
    expect(feedback.recent(1, -1)).toHaveLength(1);
  });
});

describe('ask message repository', () => {
  it('remembers the question behind an answer message', () => {
    const answers = askMessageRepository(track(openDatabase(dir)));
    answers.remember('msg1', { question: 'what is FPN', userId: 'u', guildId: 'g', channelId: 'c' }, new Date('2025-02-03T04:05:06Z'));
    expect(answers.find('msg1')).toEqual({
      question: 'what is FPN',
      userId: 'u',
      guildId: 'g',
      channelId: 'c',
      createdAt: '2025-02-03T04:05:06.000Z',
    });
    expect(answers.find('unknown')).toBeUndefined();
  });
});
