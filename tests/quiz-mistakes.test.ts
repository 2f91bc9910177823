/**
 * Specification for the review of mistakes (issue #14) below the bot:
 * `QuizStore.mistakes` lists the concepts a member got wrong and has not
 * answered right since, most forgotten first (lowest FSRS retrievability), and
 * `pickQuestion` in mistakes mode asks the first of them that makes a question.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pickQuestion } from '../src/bot/quiz-pick.js';
import { buildConceptBank, type QuizConceptBank } from '../src/concepts/bank.js';
import type { Question } from '../src/quiz/question-types.js';
import { applyQuizMigrations, QuizStore } from '../src/quiz/store.js';
import { loadGlossaryPairs, loadNotes, notesDir, questionsOf } from './support/quiz-notes.js';
import { tempDir } from './support/temp-dir.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let db: Database.Database;
let t: number;
let store: QuizStore;
const now = () => new Date(t);

beforeEach(() => {
  db = new Database(path.join(tempDir('quiz-mistakes-'), 'studybot.db'));
  applyQuizMigrations(db);
  t = new Date('2025-03-05T10:00:00Z').getTime();
  store = new QuizStore(db, { now });
});

afterEach(() => {
  db.close();
});

function fakeQuestion(conceptId: string): Question {
  return {
    id: `q-${conceptId}`,
    conceptId,
    type: 'definition-to-term',
    stem: '以下哪个概念符合这段描述？\n> ＿＿＿指……',
    options: ['A', 'B', 'C', 'D'],
    correctIndex: 0,
    optionConceptIds: [conceptId, 'x', 'y', 'z'],
    source: { file: 'fpn.md', headingPath: ['FPN'], startLine: 1, endLine: 1 },
  };
}

/** `user` answers a question on `conceptId`, right or wrong, now. */
function answer(user: string, conceptId: string, right: boolean, question: Question = fakeQuestion(conceptId)) {
  const asked = store.recordQuestion({ guildId: 'g', channelId: 'c', question });
  return store.recordAnswer({
    questionId: asked.id,
    userId: user,
    choice: right ? question.correctIndex : (question.correctIndex + 1) % 4,
  });
}

describe('QuizStore.mistakes', () => {
  it('lists only concepts whose latest answer was wrong, most forgotten (lowest retrievability) first', () => {
    answer('u', 'old-miss', false);
    t += 2 * DAY;
    answer('u', 'never-missed', true);
    answer('u', 'fixed', false);
    t += HOUR;
    answer('u', 'fixed', true);
    answer('u', 'new-miss', false);
    // A member learned `lapsed` (Good), then forgot it: a lapse in review, not a first mistake.
    answer('u', 'lapsed', true);
    t += 5 * DAY;
    answer('u', 'lapsed', false);
    t += DAY;

    const list = store.mistakes({ guildId: 'g', userId: 'u' });
    expect(list.map((m) => m.conceptId).sort()).toEqual(['lapsed', 'new-miss', 'old-miss']);
    const r = list.map((m) => m.retrievability);
    expect(r).toEqual([...r].sort((a, b) => a - b));
    expect(list[0]!.conceptId).toBe('old-miss'); // wrong the longest ago: the most forgotten
    for (const m of list) expect(m.retrievability).toBe(store.srs.retrievability(store.getCard('g', 'u', m.conceptId)!, now()));
  });

  it('is per member and per server, and can be limited to concepts still in the notes', () => {
    answer('u', 'a', false);
    answer('u', 'b', false);
    expect(store.mistakes({ guildId: 'g', userId: 'someone-else' })).toEqual([]);
    expect(store.mistakes({ guildId: 'other', userId: 'u' })).toEqual([]);
    expect(store.mistakes({ guildId: 'g', userId: 'u', conceptIds: ['b'] }).map((m) => m.conceptId)).toEqual(['b']);
  });

  it('a wrong answer rates the card Again: it is due again in 10 minutes', () => {
    const result = answer('u', 'a', false);
    expect(result).toMatchObject({ status: 'recorded', correct: false });
    if (result.status === 'recorded') expect(result.nextDue.getTime() - t).toBe(10 * 60_000);
  });

  it('memberStats counts them for /mystats', () => {
    answer('u', 'a', false);
    answer('u', 'b', true);
    expect(store.memberStats({ guildId: 'g', userId: 'u' }).mistakes).toBe(1);
  });
});

describe('pickQuestion in mistakes mode', () => {
  let bank: QuizConceptBank;
  let questions: ReturnType<typeof questionsOf>;
  beforeAll(async () => {
    const notes = await loadNotes(notesDir);
    bank = buildConceptBank(notes, await loadGlossaryPairs(notesDir));
    questions = questionsOf(bank, notes);
  });

  it('asks about the most forgotten concept the member got wrong; none left is its own reason', () => {
    const askable = bank.concepts.filter((c) => questions.bank.of(c.id).length > 0);
    const older = askable[0]!;
    const newer = askable.find((c) => c.topic !== older.topic)!;
    expect(
      pickQuestion(bank, store, { questions, guildId: 'g', userId: 'u', target: { kind: 'mistakes', file: null }, seed: 's' }),
    ).toEqual({
      ok: false,
      reason: 'no-mistakes',
    });
    answer('u', older.id, false);
    t += DAY;
    answer('u', newer.id, false);
    t += HOUR;
    const pick = pickQuestion(bank, store, { questions, guildId: 'g', userId: 'u', target: { kind: 'mistakes', file: null }, seed: 's' });
    expect(pick.ok && pick.question.conceptId).toBe(older.id);
    const inNewerNote = pickQuestion(bank, store, {
      questions,
      guildId: 'g',
      userId: 'u',
      target: { kind: 'mistakes', file: newer.topic },
      seed: 's',
    });
    expect(inNewerNote.ok && inNewerNote.question.conceptId).toBe(newer.id);
  });
});
