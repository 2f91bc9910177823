/**
 * Specification (issue #14): generated questions follow their sources. When
 * one section of a note changes, the concept ids stay (members' FSRS cards and
 * answers are keyed by them, so their history survives), the questions built
 * from that section change with it, and every question that neither comes from
 * nor borrows a distractor from that section is generated exactly as before.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConceptBank, type QuizConceptBank } from '../src/concepts/bank.js';
import { generateAll } from '../src/quiz/generate.js';
import type { Question } from '../src/quiz/question-types.js';
import { loadGlossaryPairs, loadNotes, notesDir } from './support/quiz-notes.js';
import { tempDir } from './support/temp-dir.js';

const SECTION = [
  'FPN 特征金字塔网络',
  '自顶向下路径与侧向连接（Top-down Pathway & Lateral Connections）',
  '侧向连接（Lateral Connection）',
];

async function bankOf(dir: string) {
  return buildConceptBank(await loadNotes(dir), await loadGlossaryPairs(dir));
}

const inSection = (bank: QuizConceptBank, conceptId: string) => {
  const c = bank.byId.get(conceptId);
  return c !== undefined && c.source.file === 'fpn.md' && c.source.headingPath.join('/') === SECTION.join('/');
};

/** A question touches the section when its answer or a distractor is defined there, or its passage comes from there. */
const touches = (bank: QuizConceptBank, q: Question) =>
  q.optionConceptIds.some((id) => inSection(bank, id)) ||
  (q.source.file === 'fpn.md' && q.source.headingPath.join('/') === SECTION.join('/'));

describe('editing one section of a note', () => {
  it("keeps every concept id, changes that section's questions, and leaves the others as they were", async () => {
    const dir = tempDir('quiz-follow-');
    cpSync(notesDir, dir, { recursive: true });
    const before = await bankOf(dir);
    const questionsBefore = generateAll(before, { seed: 1 });

    const file = path.join(dir, 'fpn.md');
    const text = readFileSync(file, 'utf8');
    const edited = text.replace('把通道数统一降到 $d=256$', '把通道数统一压缩到 $d=256$');
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const after = await bankOf(dir);
    const questionsAfter = generateAll(after, { seed: 1 });

    expect(after.concepts.map((c) => c.id).sort()).toEqual(before.concepts.map((c) => c.id).sort());
    const lateral = before.concepts.find((c) => c.term.startsWith('侧向连接'))!;
    expect(after.byId.get(lateral.id)!.definition).toContain('压缩到');

    const key = (q: Question) => `${q.conceptId}/${q.type}`;
    const afterByKey = new Map(questionsAfter.map((q) => [key(q), q]));
    const untouched = questionsBefore.filter((q) => !touches(before, q));
    expect(untouched.length).toBeGreaterThan(questionsBefore.length / 2);
    expect(untouched.filter((q) => afterByKey.get(key(q))?.id !== q.id).map(key)).toEqual([]);

    const ownBefore = questionsBefore.filter((q) => q.conceptId === lateral.id && q.type === 'definition-to-term');
    expect(ownBefore).toHaveLength(1);
    expect(afterByKey.get(key(ownBefore[0]!))!.stem).toContain('压缩到');
  });
});
