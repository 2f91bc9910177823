/**
 * Specification for src/quiz/generate.ts: EVERY question the bank can produce
 * (each concept × each type, where possible), from notes/ and from the external
 * dl500 corpus, must hold the invariants a student relies on. The checks here are
 * written independently of the generator's own validation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConceptBank, type QuizConceptBank } from '../src/concepts/bank.js';
import { generateAll, generateQuestion, generateQuiz } from '../src/quiz/generate.js';
import { QUESTION_TYPES, type Question } from '../src/quiz/question-types.js';
import { buttonLabels, optionsInStem, renderQuestion } from '../src/render/quiz-question.js';
import { namesOf, norm, occurs } from './support/concept-names.js';
import { DL500_SKIP_MESSAGE, dl500Dir, hasDl500, loadGlossaryPairs, loadNotes, notesDir } from './support/quiz-notes.js';

function checkQuestion(bank: QuizConceptBank, q: Question): string[] {
  const problems: string[] = [];
  const answer = bank.byId.get(q.conceptId);
  if (!answer) return ['answer concept not in bank'];
  const answerNames = namesOf(answer);
  const answerNorms = new Set(answerNames.map(norm));
  if (q.options.length !== 4) problems.push('options != 4');
  if (new Set(q.options.map(norm)).size !== 4) problems.push('options not all distinct');
  if (q.optionConceptIds.filter((id) => id === q.conceptId).length !== 1) problems.push('not exactly one correct option');
  if (q.optionConceptIds[q.correctIndex] !== q.conceptId) problems.push('correctIndex does not point at the answer');
  if (q.type === 'definition-to-term' && q.options[q.correctIndex] !== answer.term) problems.push('correct option is not the term');
  if (q.type !== 'term-to-definition') {
    for (const n of answerNames) if (occurs(q.stem, n)) problems.push(`answer name "${n}" leaks into the stem`);
  } else {
    for (const o of q.options) for (const n of answerNames) if (occurs(o, n)) problems.push(`an option names the answer ("${n}")`);
  }
  const sameKind = bank.concepts.filter((c) => c.kind === answer.kind && c.id !== answer.id).length;
  q.optionConceptIds.forEach((id, i) => {
    if (i === q.correctIndex) return;
    const d = bank.byId.get(id);
    if (!d) {
      problems.push('distractor not in bank');
      return;
    }
    const dNames = namesOf(d);
    if (dNames.some((n) => answerNorms.has(norm(n)))) problems.push(`distractor "${d.term}" is an alias of the answer`);
    if (sameKind >= 3 && d.kind !== answer.kind) problems.push(`distractor "${d.term}" (${d.kind}) is not a ${answer.kind}`);
    if (q.type === 'definition-to-term' && dNames.some((n) => occurs(answer.definition, n))) {
      problems.push(`distractor "${d.term}" is named in the answer's definition`);
    }
    if (norm(q.options[i]!) === norm(q.options[q.correctIndex]!)) problems.push('distractor text identical to the answer');
  });
  const labels = buttonLabels(q);
  if (labels.length !== 4 || labels.some((l) => l.length === 0 || l.length > 80)) problems.push('button label > 80 chars');
  const optionTooLong = q.options.some((o) => o.replace(/`/g, '').length > 80);
  if (optionTooLong !== optionsInStem(q)) problems.push('optionsInStem does not match option length');
  if (optionsInStem(q) && labels.join('') !== 'ABCD') problems.push('long options need A–D buttons');
  if (optionsInStem(q) && !q.options.every((o) => renderQuestion(q).includes(o))) problems.push('A–D options not shown with the stem');
  for (const text of [q.stem, ...q.options]) {
    if (/\*\*|\$|\\[a-zA-Z]+/.test(text)) problems.push(`raw Markdown/LaTeX in "${text.slice(0, 40)}"`);
    if ((text.match(/`/g) ?? []).length % 2 !== 0) problems.push(`unpaired code mark in "${text.slice(0, 40)}"`);
  }
  if (q.source.startLine < 1 || q.source.endLine < q.source.startLine) problems.push('bad source lines');
  return problems;
}

function checkAll(bank: QuizConceptBank, questions: Question[]) {
  const failures: string[] = [];
  for (const q of questions) {
    const problems = checkQuestion(bank, q);
    if (problems.length > 0)
      failures.push(
        `${q.type} ${bank.byId.get(q.conceptId)?.term}: ${problems.join('; ')}\n${renderQuestion(q)}\n${q.options.join(' | ')}`,
      );
  }
  return failures;
}

describe('every question from notes/', () => {
  let bank: QuizConceptBank;
  let all: Question[];
  beforeAll(async () => {
    bank = buildConceptBank(await loadNotes(notesDir), await loadGlossaryPairs(notesDir));
    all = generateAll(bank, { seed: 1 });
  });

  it('holds the invariants', () => {
    expect(checkAll(bank, all)).toEqual([]);
  });

  it('covers the bank: most concepts get questions, every type occurs', () => {
    const covered = new Set(all.map((q) => q.conceptId));
    expect(covered.size / bank.concepts.length).toBeGreaterThan(0.85);
    for (const type of QUESTION_TYPES) expect(all.filter((q) => q.type === type).length, type).toBeGreaterThan(bank.concepts.length / 3);
  });

  it('holds them for other seeds too', () => {
    for (const seed of [2, 'abc', 99]) expect(checkAll(bank, generateAll(bank, { seed }))).toEqual([]);
  });

  it('is deterministic for a seed, and the seed changes option order', () => {
    const a = generateQuiz(bank, { n: 20, seed: 5 });
    const b = generateQuiz(bank, { n: 20, seed: 5 });
    expect(b).toEqual(a);
    const c = generateQuiz(bank, { n: 20, seed: 6 });
    expect(c.map((q) => q.id)).not.toEqual(a.map((q) => q.id));
    const positions = new Set(all.map((q) => q.correctIndex));
    expect(positions).toEqual(new Set([0, 1, 2, 3]));
  });

  it('reads like a teacher wrote it: Chinese prompts, a quoted passage with a blank', () => {
    const d2t = all.find((q) => q.type === 'definition-to-term')!;
    expect(d2t.stem).toMatch(/^以下哪个概念符合这段描述？\n> .*＿＿＿/s);
    const cloze = all.find((q) => q.type === 'cloze')!;
    expect(cloze.stem).toMatch(/^选择最合适的词填入空白处：\n> .*＿＿＿/s);
    const t2d = all.find((q) => q.type === 'term-to-definition')!;
    expect(t2d.stem).toMatch(/^下列哪一项是对「.+」的正确描述？$/);
  });

  it('filters by topic', () => {
    const qs = generateQuiz(bank, { n: 10, seed: 1, topic: 'fpn' });
    expect(qs.length).toBeGreaterThan(0);
    for (const q of qs) expect(bank.byId.get(q.conceptId)!.topic).toBe('fpn.md');
  });

  it('returns null rather than a bad question', () => {
    expect(generateQuestion(bank, 'no-such-concept', 'cloze')).toBeNull();
  });
});

describe.runIf(hasDl500)('every question from the dl500 corpus', () => {
  let bank: QuizConceptBank;
  let all: Question[];
  beforeAll(async () => {
    bank = buildConceptBank(await loadNotes(dl500Dir), await loadGlossaryPairs(dl500Dir));
    all = generateAll(bank, { seed: 1 });
  }, 120_000);

  it('builds a bank of a useful size', () => {
    expect(bank.concepts.length).toBeGreaterThan(80);
    expect(all.length).toBeGreaterThan(bank.concepts.length);
  });

  it('holds the invariants', () => {
    expect(checkAll(bank, all)).toEqual([]);
  });
});

// When the corpus is absent, say so as a skipped test naming the path it looked in.
if (!hasDl500) {
  describe('dl500 corpus', () => {
    it.skipIf(true)(DL500_SKIP_MESSAGE, () => {});
  });
}
