/**
 * Specification (issue #14, "Generated questions follow their sources"): the
 * stable question key, the persisted bank (regenerated only where a section
 * changed) and the 👎 reports that retire a question in a server. The bank
 * is built over a real temp notes folder, a real StudyIndex and a real SQLite file.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConceptBank } from '../src/concepts/bank.js';
import { openDatabase, type StudyDatabase } from '../src/db/database.js';
import { StudyIndex } from '../src/index/study-index.js';
import type { Chunk, ParsedNote } from '../src/notes/types.js';
import { QuestionBankStore, REPORTS_TO_RETIRE, type BankRow } from '../src/quiz/bank-store.js';
import { askFromBank, QuestionBank, rebuildQuestionBank } from '../src/quiz/question-bank.js';
import { GENERATOR_VERSION, questionKey, sectionFingerprint, sectionTextsOf } from '../src/quiz/question-key.js';
import { QuizStore } from '../src/quiz/store.js';
import type { Question } from '../src/quiz/types.js';
import { track } from './support/open-databases.js';
import { notesDir } from './support/quiz-notes.js';
import { tempDir } from './support/temp-dir.js';

function note(file: string, sections: Array<[string[], string, number]>): ParsedNote {
  const chunks: Chunk[] = sections.map(([headingPath, text, startLine], i) => ({
    id: `c${i}`,
    file,
    title: file,
    headingPath,
    startLine,
    endLine: startLine + 1,
    text,
    part: 0,
  }));
  return { meta: { file, title: file, tags: [], aliases: [] }, chunks };
}

describe('the stable question key', () => {
  const a = note('a.md', [
    [['A', 'One'], '第一节的文字。', 3],
    [['A', 'Two'], '第二节的文字。', 8],
  ]);
  const one = { file: 'a.md', headingPath: ['A', 'One'] };
  const two = { file: 'a.md', headingPath: ['A', 'Two'] };

  it('is concept id, type and a fingerprint of the source section', () => {
    const fp = sectionFingerprint(sectionTextsOf([a]), [one])!;
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
    expect(questionKey('c1', 'cloze', fp)).toBe(`c1:cloze:${fp}`);
    expect(GENERATOR_VERSION).toBeGreaterThanOrEqual(1);
  });

  it('changes when its section is edited, moved under another heading, or removed; not when another section changes', () => {
    const before = sectionFingerprint(sectionTextsOf([a]), [one]);
    const otherEdited = note('a.md', [
      [['A', 'One'], '第一节的文字。', 3],
      [['A', 'Two'], '第二节改过了。', 8],
    ]);
    expect(sectionFingerprint(sectionTextsOf([otherEdited]), [one])).toBe(before);
    expect(sectionFingerprint(sectionTextsOf([otherEdited]), [two])).not.toBe(sectionFingerprint(sectionTextsOf([a]), [two]));
    const edited = note('a.md', [
      [['A', 'One'], '第一节的文字，改过。', 3],
      [['A', 'Two'], '第二节的文字。', 8],
    ]);
    expect(sectionFingerprint(sectionTextsOf([edited]), [one])).not.toBe(before);
    const moved = note('a.md', [[['B', 'One'], '第一节的文字。', 3]]);
    expect(sectionFingerprint(sectionTextsOf([moved]), [{ file: 'a.md', headingPath: ['B', 'One'] }])).not.toBe(before);
    expect(sectionFingerprint(sectionTextsOf([moved]), [one])).toBeNull();
  });

  it('does not change when only the lines above the section move', () => {
    const shifted = note('a.md', [
      [['A', 'One'], '第一节的文字。', 5],
      [['A', 'Two'], '第二节的文字。', 10],
    ]);
    expect(sectionFingerprint(sectionTextsOf([shifted]), [one])).toBe(sectionFingerprint(sectionTextsOf([a]), [one]));
  });

  it('covers every part of a long section', () => {
    const parts = (second: string): ParsedNote => ({
      ...a,
      chunks: [
        { ...a.chunks[0]!, part: 0 },
        { ...a.chunks[0]!, id: 'c9', part: 1, text: second, startLine: 5 },
      ],
    });
    expect(sectionFingerprint(sectionTextsOf([parts('后半段。')]), [one])).not.toBe(
      sectionFingerprint(sectionTextsOf([parts('后半段改了。')]), [one]),
    );
  });
});

function question(conceptId: string, over: Partial<Question> = {}): Question {
  return {
    id: `q-${conceptId}`,
    conceptId,
    type: 'definition-to-term',
    stem: `关于 ${conceptId} 的题干`,
    options: ['甲', '乙', '丙', '丁'],
    correctIndex: 0,
    optionConceptIds: [conceptId, 'x', 'y', 'z'],
    source: { file: 'a.md', headingPath: ['A'], startLine: 3, endLine: 3 },
    ...over,
  };
}

const row = (conceptId: string, key = `${conceptId}:definition-to-term:f1`): BankRow => ({
  conceptId,
  type: 'definition-to-term',
  key,
  question: question(conceptId),
  sectionLine: 2,
});

describe('the bank store', () => {
  let db: StudyDatabase;
  let t = Date.parse('2026-12-01T10:00:00Z');
  const open = () => {
    db = track(openDatabase(tempDir('quiz-bank-store-')));
    t = Date.parse('2026-12-01T10:00:00Z');
    // Each read of the clock is one minute later.
    const tick = () => {
      t += 60_000;
      return new Date(t);
    };
    return new QuestionBankStore(db, tick);
  };

  it('keeps exactly the rows it is given, rewriting only the changed ones', () => {
    const store = open();
    expect(store.replace([row('a'), row('b'), { ...row('c'), question: null }])).toEqual({ written: 3, deleted: 0 });
    expect(store.rows().map((r) => [r.conceptId, r.question?.stem ?? null])).toEqual([
      ['a', '关于 a 的题干'],
      ['b', '关于 b 的题干'],
      ['c', null],
    ]);
    expect(store.replace([row('a'), row('b', 'b:definition-to-term:f2')])).toEqual({ written: 1, deleted: 1 });
    expect(store.rows().map((r) => r.key)).toEqual(['a:definition-to-term:f1', 'b:definition-to-term:f2']);
  });

  it(`retires a question in a server after ${REPORTS_TO_RETIRE} members report it, and a second click changes nothing`, () => {
    const store = open();
    store.replace([row('a')]);
    const key = row('a').key;
    expect(store.report({ guildId: 'g', userId: 'u1', key, manager: false })).toEqual({ status: 'reported', retired: false });
    expect(store.report({ guildId: 'g', userId: 'u1', key, manager: false })).toEqual({ status: 'already', retired: false });
    expect(store.retiredKeys('g')).toEqual(new Set());
    expect(store.report({ guildId: 'other', userId: 'u2', key, manager: false })).toEqual({ status: 'reported', retired: false });
    expect(store.retiredKeys('g')).toEqual(new Set());
    const retiringAt = new Date(t + 60_000); // the clock's next tick
    expect(store.report({ guildId: 'g', userId: 'u2', key, manager: false })).toEqual({ status: 'reported', retired: true });
    expect(store.retiredKeys('g')).toEqual(new Set([key]));
    expect(store.retiredKeys('other')).toEqual(new Set());
    expect(store.report({ guildId: 'g', userId: 'u1', key, manager: false })).toEqual({ status: 'already', retired: true });
    const [listed] = store.retired('g');
    expect(listed).toMatchObject({ key, reports: 2, question: { stem: '关于 a 的题干' } });
    // Retired when the second member reported it, not at the first report or a later click.
    expect(listed!.retiredAt).toEqual(retiringAt);
  });

  it('retires at once on a report from a member with Manage Server', () => {
    const store = open();
    store.replace([row('a')]);
    expect(store.report({ guildId: 'g', userId: 'admin', key: row('a').key, manager: true })).toEqual({
      status: 'reported',
      retired: true,
    });
    expect(store.retired('g')).toEqual([expect.objectContaining({ key: row('a').key, reports: 1 })]);
  });

  it('lists only retired keys the bank still holds: a regenerated question is back in the rotation', () => {
    const store = open();
    store.replace([row('a')]);
    store.report({ guildId: 'g', userId: 'admin', key: row('a').key, manager: true });
    store.replace([row('a', 'a:definition-to-term:f2')]);
    expect(store.retired('g')).toEqual([]);
    expect(store.retiredKeys('g').has('a:definition-to-term:f2')).toBe(false);
  });

  it('remembers the key of each posted question', () => {
    const store = open();
    const asked = new QuizStore(db).recordQuestion({ guildId: 'g', channelId: 'c', question: question('a') });
    store.recordPostedKey(asked.id, 'a:definition-to-term:f1');
    expect(store.postedKey(asked.id)).toBe('a:definition-to-term:f1');
    expect(store.postedKey('nope')).toBeNull();
  });
});

describe('asking from the bank', () => {
  it('skips retired questions; the concept may still be asked through another type', () => {
    const concepts = buildConceptBank([], []);
    const bank = new QuestionBank([
      { key: 'a:d', type: 'definition-to-term', question: question('a') },
      { key: 'a:c', type: 'cloze', question: question('a', { type: 'cloze' }) },
      { key: 'b:d', type: 'definition-to-term', question: question('b') },
    ]);
    const seen = new Set<string>();
    for (let seed = 0; seed < 20; seed++) seen.add(askFromBank(concepts, bank, ['a', 'b'], { seed, retired: new Set(['a:d']) })!.key);
    expect(seen).toEqual(new Set(['a:c']));
    expect(askFromBank(concepts, bank, ['a', 'b'], { seed: 1, retired: new Set(['a:d', 'a:c']) })!.key).toBe('b:d');
    expect(askFromBank(concepts, bank, ['a'], { seed: 1, retired: new Set(['a:d', 'a:c']) })).toBeNull();
  });
});

const SECTION = [
  'FPN 特征金字塔网络',
  '自顶向下路径与侧向连接（Top-down Pathway & Lateral Connections）',
  '侧向连接（Lateral Connection）',
];
const inEditedSection = (q: Question) => q.source.file === 'fpn.md' && q.source.headingPath.join('/') === SECTION.join('/');
const visible = (q: Question) => JSON.stringify([q.stem, q.options, q.correctIndex, q.optionConceptIds]);

/** A copy of notes/ to edit, indexed (keyword leg) into a fresh data folder, with the bot's database there. */
async function indexedCopyOfNotes() {
  const notes = tempDir('quiz-bank-notes-');
  cpSync(notesDir, notes, { recursive: true });
  const dataDir = tempDir('quiz-bank-data-');
  const index = await StudyIndex.open({ notesDir: notes, dataDir, embeddingModel: null });
  const db = track(openDatabase(dataDir));
  await index.sync();
  return { notes, index, db };
}

describe('rebuilding the bank after a note is edited (real notes folder, StudyIndex and SQLite file)', () => {
  it('keeps untouched questions byte for byte, regenerates only the edited section, and members keep their FSRS cards', {
    timeout: 60_000,
  }, async () => {
    const { notes, index, db } = await indexedCopyOfNotes();
    try {
      const store = new QuestionBankStore(db);
      const concepts = buildConceptBank(index.notes, index.glossaryPairs());
      const first = rebuildQuestionBank(store, concepts, index.notes);
      expect(first.report).toMatchObject({ kept: 0, generated: concepts.concepts.length * 3, dropped: 0 });
      expect(first.bank.size).toBeGreaterThan(100);
      const before = store.rows();

      // Unchanged notes: nothing is generated, nothing written.
      const again = rebuildQuestionBank(store, buildConceptBank(index.notes, index.glossaryPairs()), index.notes);
      expect(again.report).toMatchObject({ kept: before.length, generated: 0, dropped: 0 });
      expect(store.rows()).toEqual(before);

      // A member answered a question on a concept of an untouched section and one on the edited section's concept.
      const quiz = new QuizStore(db);
      const lateral = concepts.concepts.find((c) => c.term.startsWith('侧向连接'))!;
      const untouched = before.find((r) => r.question && !inEditedSection(r.question) && r.conceptId !== lateral.id)!;
      for (const conceptId of [untouched.conceptId, lateral.id]) {
        const asked = quiz.recordQuestion({ guildId: 'g', channelId: 'c', question: question(conceptId) });
        quiz.recordAnswer({ questionId: asked.id, userId: 'alice', choice: 0 });
      }
      const cards = [untouched.conceptId, lateral.id].map((id) => quiz.getCard('g', 'alice', id));
      expect(cards.every((c) => c !== null)).toBe(true);

      const file = path.join(notes, 'fpn.md');
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace('把通道数统一降到 $d=256$', '把通道数统一压缩到 $d=256$'));
      await index.sync();
      const after = buildConceptBank(index.notes, index.glossaryPairs());
      expect(after.byId.get(lateral.id)!.definition).toContain('压缩到');
      const rebuilt = rebuildQuestionBank(store, after, index.notes);
      const rows = new Map(store.rows().map((r) => [`${r.conceptId}/${r.type}`, r]));

      const fromElsewhere = before.filter((r) => r.question && !inEditedSection(r.question));
      expect(fromElsewhere.length).toBeGreaterThan(before.length / 3);
      for (const r of fromElsewhere) {
        const now = rows.get(`${r.conceptId}/${r.type}`);
        expect({ key: now?.key, question: now?.question }, `${r.conceptId}/${r.type}`).toEqual({ key: r.key, question: r.question });
      }
      const fromEdited = before.filter((r) => r.question && inEditedSection(r.question));
      expect(fromEdited.length).toBeGreaterThan(0);
      for (const r of fromEdited) expect(rows.get(`${r.conceptId}/${r.type}`)?.key).not.toBe(r.key);
      const own = rows.get(`${lateral.id}/definition-to-term`)!;
      expect(own.question!.stem).toContain('压缩到');
      expect(visible(own.question!)).not.toBe(visible(before.find((r) => r.key === own.key)?.question ?? question('none')));
      // Only what came from the edited section, or tried on it without a question, was made again.
      expect(rebuilt.report.generated).toBeLessThan(before.length / 10);
      expect(rebuilt.report.dropped).toBe(0);

      expect([untouched.conceptId, lateral.id].map((id) => quiz.getCard('g', 'alice', id))).toEqual(cards);
    } finally {
      index.close();
    }
  });

  it('follows a section whose lines moved (same key and text, source lines shifted), and drops the questions of a removed note', {
    timeout: 60_000,
  }, async () => {
    const { notes, index, db } = await indexedCopyOfNotes();
    try {
      const store = new QuestionBankStore(db);
      rebuildQuestionBank(store, buildConceptBank(index.notes, index.glossaryPairs()), index.notes);
      const before = store.rows().filter((r) => r.question?.source.file === 'fpn.md' && r.question.source.startLine > 60);
      expect(before.length).toBeGreaterThan(0);

      const file = path.join(notes, 'fpn.md');
      const lines = readFileSync(file, 'utf8').split('\n');
      const top = lines.findIndex((l) => l.startsWith('# FPN'));
      lines.splice(top + 1, 0, '', '（复习时先读这一段。）', '');
      writeFileSync(file, lines.join('\n'));
      await index.sync();
      rebuildQuestionBank(store, buildConceptBank(index.notes, index.glossaryPairs()), index.notes);
      const now = new Map(store.rows().map((r) => [r.key, r]));
      for (const r of before) {
        const moved = now.get(r.key);
        expect(moved && visible(moved.question!), r.key).toBe(visible(r.question!));
        expect(moved!.question!.source.startLine).toBe(r.question!.source.startLine + 3);
      }

      // A note removed: the rows of its concepts are dropped, and no question keeps one of them as a distractor.
      const concepts = buildConceptBank(index.notes, index.glossaryPairs());
      const leaving = new Set((concepts.byTopic.get('detr.md') ?? []).map((c) => c.id));
      expect(leaving.size).toBeGreaterThan(0);
      const rowsBefore = store.rows();
      rmSync(path.join(notes, 'detr.md'));
      await index.sync();
      const { report } = rebuildQuestionBank(store, buildConceptBank(index.notes, index.glossaryPairs()), index.notes);
      expect(report.dropped).toBe(rowsBefore.filter((r) => leaving.has(r.conceptId)).length);
      const left = store.rows();
      expect(left.filter((r) => leaving.has(r.conceptId))).toEqual([]);
      expect(left.filter((r) => r.question?.optionConceptIds.some((id) => leaving.has(id)))).toEqual([]);
    } finally {
      index.close();
    }
  });
});
