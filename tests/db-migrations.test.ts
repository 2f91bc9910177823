/**
 * Specification of migration ids: every step carries the `user_version` it
 * leads to, ids are frozen (a database already in use records them), and a
 * database written before ids existed opens with the current code, rows intact.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DailyStore } from '../src/daily/store.js';
import { askMessageRepository } from '../src/db/ask-messages.js';
import { DB_FILE, openDatabase, type StudyDatabase } from '../src/db/database.js';
import { feedbackRepository } from '../src/db/feedback.js';
import { orderedMigrations } from '../src/db/migration.js';
import { MIGRATIONS } from '../src/db/migrations.js';
import { QuestionBankStore } from '../src/quiz/bank-store.js';
import { QuizStore } from '../src/quiz/store.js';
import { repoRoot } from './support/paths.js';
import { track } from './support/open-databases.js';
import { tempDir } from './support/temp-dir.js';

const step = (id: number, name = `step ${id}`) => ({ id, name, sql: `CREATE TABLE t${id} (x)` });

let dir: string;

beforeEach(() => {
  dir = tempDir('studybot-migrations-');
});

describe('migration ids', () => {
  it('are unique and contiguous from 1, in the order the steps run', () => {
    const ids = MIGRATIONS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
  });

  it('are frozen: each released step keeps the user_version it had when steps were numbered by position', () => {
    const created = (sql: string) => [...sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/g)].map((m) => m[1]);
    expect(MIGRATIONS.slice(0, 3).map((m) => [m.id, created(m.sql)])).toEqual([
      [1, ['ask_messages', 'feedback']],
      [2, ['daily_schedules', 'daily_posts', 'daily_rotation', 'daily_rotation_shown']],
      [3, ['quiz_questions', 'quiz_answers', 'quiz_cards']],
    ]);
    expect(MIGRATIONS.slice(0, 3).map((m) => m.name.split(':')[0])).toEqual(['ask', 'daily', 'quiz']);
  });

  it('a list with a repeated or missing id is refused, naming the ids', () => {
    expect(() => orderedMigrations([step(1), step(2), step(2)])).toThrow(/1\.\.3 .* got 1, 2, 2/);
    expect(() => orderedMigrations([step(1), step(3)])).toThrow(/got 1, 3/);
    expect(() => orderedMigrations([step(0), step(1)])).toThrow(/got 0, 1/);
    expect(() => openDatabase(dir, { migrations: [...MIGRATIONS, step(MIGRATIONS.length + 2)] })).toThrow(/no gap or repeat/);
  });

  it('steps listed out of order still run by id', () => {
    const applied: number[] = [];
    track(openDatabase(dir, { migrations: [step(3), step(1), step(2)], onMigrate: (v) => applied.push(v) }));
    expect(applied).toEqual([1, 2, 3]);
    expect(orderedMigrations([step(2), step(1)]).map((m) => m.id)).toEqual([1, 2]);
  });
});

describe('a database written before migrations had ids (tests/fixtures/studybot-v1.sqlite)', () => {
  function openFixture(): StudyDatabase {
    copyFileSync(path.join(repoRoot, 'tests/fixtures/studybot-v1.sqlite'), path.join(dir, DB_FILE));
    return track(openDatabase(dir));
  }

  it('migrates to the latest version and keeps every row', () => {
    const db = openFixture();
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect(
      Object.fromEntries(
        [
          'ask_messages',
          'feedback',
          'quiz_questions',
          'quiz_answers',
          'quiz_cards',
          'daily_schedules',
          'daily_posts',
          'daily_rotation',
          'daily_rotation_shown',
        ].map((t) => [t, count(t)]),
      ),
    ).toEqual({
      ask_messages: 2,
      feedback: 2,
      quiz_questions: 1,
      quiz_answers: 2,
      quiz_cards: 2,
      daily_schedules: 1,
      daily_posts: 1,
      daily_rotation: 1,
      daily_rotation_shown: 1,
    });
  });

  it('its rows read back through the repositories and stores', () => {
    const db = openFixture();
    expect(askMessageRepository(db).find('ask-msg-1')).toEqual({
      question: '什么是 FPN？',
      userId: 'alice',
      guildId: 'g1',
      channelId: 'c1',
      createdAt: '2026-03-02T09:00:00.000Z',
    });
    expect(feedbackRepository(db).recent(10, -1)).toEqual([
      expect.objectContaining({ messageId: 'ask-msg-2', userId: 'bob', citation: null }),
    ]);

    const quiz = new QuizStore(db, { now: () => new Date('2026-03-05T09:00:00Z') });
    const asked = quiz.getQuestionByMessage('quiz-msg-1');
    expect(asked?.question).toMatchObject({
      correctIndex: 0,
      options: expect.arrayContaining(['两阶段检测器']),
      source: { file: 'fpn.md' },
    });
    expect(quiz.tally('quiz-q-1')).toMatchObject({ counts: [1, 0, 1, 0], total: 2, correctUsers: ['alice'] });
    const card = quiz.getCard('g1', 'alice', 'fpn.md#特征金字塔网络');
    expect(card).toMatchObject({ due: new Date('2026-03-04T09:00:00.000Z'), reps: 1, state: 2 });

    const daily = new DailyStore(db);
    expect(daily.getSchedule('g1')).toMatchObject({ channelId: 'c1', time: '09:00', timezone: 'Asia/Shanghai', enabled: true });
    expect(daily.getPost('g1', '2026-03-02')).toMatchObject({ status: 'posted', messageId: 'daily-msg-1' });
    expect(daily.shownInCycle('g1')).toEqual(['fpn.md#特征金字塔网络']);
  });

  it('gains the question bank and the reports of bad questions (step 5); questions posted before have no key, so no 👎', () => {
    const db = openFixture();
    const step5 = MIGRATIONS.find((m) => m.id === 5)!;
    expect(step5.name).toMatch(/^quiz: /);
    expect([...step5.sql.matchAll(/CREATE TABLE IF NOT EXISTS (\w+)/g)].map((m) => m[1])).toEqual([
      'quiz_bank',
      'quiz_question_keys',
      'quiz_reports',
    ]);
    const bank = new QuestionBankStore(db);
    expect(bank.rows()).toEqual([]);
    expect(bank.postedKey('quiz-q-1')).toBeNull();
    expect(bank.report({ guildId: 'g1', userId: 'alice', key: 'k', manager: true })).toEqual({ status: 'reported', retired: true });
    expect(new QuizStore(db).getQuestion('quiz-q-1')?.question.source.file).toBe('fpn.md');
  });
});
