/**
 * The invariants every generated question holds, checked again on each one
 * before it is returned:
 *   - the answer's names never appear in the stem, in any spelling;
 *   - distractors are not the answer under another name, do not appear in the
 *     stem, and are of the answer's kind whenever the bank has three others of it;
 *   - options are pairwise distinct, with no dangling Markdown, of one sort (concepts/sort.ts);
 *   - the stem does not repeat the wording of the correct option alone;
 *   - the teacher's rules of quality.ts: no distractor that could also be right,
 *     well-formed options, a stem that stands alone with exactly one blank, no trivia.
 */
import type { QuizConceptBank } from '../concepts/bank.js';
import { mentions, normalizeName } from '../concepts/text.js';
import { ownTexts, preparedBank } from './prepare.js';
import {
  couldAlsoBeRight,
  echoGivesAway,
  namedWithoutHead,
  optionProblems,
  partlyNamed,
  passageProblems,
  quotedPassage,
  sameCategory,
  topicGivesAway,
} from './quality.js';
import type { Question } from './types.js';

/** True when any of `names` appears in `text` (case, spaces and punctuation ignored). */
export function leaks(text: string, names: readonly string[]): boolean {
  return names.some((n) => mentions(text, n));
}

/** What is wrong with a question (empty when nothing is). The generator returns only questions that pass. */
export function validateQuestion(bank: QuizConceptBank, q: Question): string[] {
  const problems: string[] = [];
  const prepared = preparedBank(bank);
  const answer = prepared.byId.get(q.conceptId);
  if (!answer) return ['unknown concept'];
  if (q.options.length !== 4) problems.push('not four options');
  if (!Number.isInteger(q.correctIndex) || q.correctIndex < 0 || q.correctIndex > 3) problems.push('bad correctIndex');
  const norms = q.options.map(normalizeName);
  if (new Set(norms).size !== norms.length || norms.some((n) => !n)) problems.push('options not distinct');
  if (q.type !== 'term-to-definition') {
    if (leaks(q.stem, answer.names)) problems.push('answer leaks into the stem');
  } else {
    const correct = q.options[q.correctIndex] ?? '';
    if (normalizeName(q.stem).includes(normalizeName(correct))) problems.push('answer text in the stem');
    if (q.options.some((o) => leaks(o, answer.names))) problems.push('an option names the answer');
  }
  const ids = q.optionConceptIds ?? [];
  if (ids.length !== 4 || ids[q.correctIndex] !== q.conceptId || ids.filter((id) => id === q.conceptId).length !== 1) {
    problems.push('not exactly one option from the answer concept');
  }
  const sameKindOthers = (prepared.byKind.get(answer.concept.kind) ?? []).length - 1;
  const answerTexts = ownTexts(prepared, answer);
  for (const id of ids) {
    if (id === q.conceptId) continue;
    const d = prepared.byId.get(id);
    if (!d) {
      problems.push('unknown distractor concept');
      continue;
    }
    const why = couldAlsoBeRight(answer, d, answerTexts, { descriptions: q.type === 'term-to-definition' });
    if (why) problems.push(`distractor ${d.concept.term} could also be right: ${why}`);
    if (d.norms.some((n) => answer.norms.includes(n))) problems.push(`distractor ${d.concept.term} is another name of the answer`);
    if (sameKindOthers >= 3 && d.concept.kind !== answer.concept.kind)
      problems.push(`distractor ${d.concept.term} is not a ${answer.concept.kind}`);
    if (q.type !== 'term-to-definition' && (leaks(q.stem, d.names) || namedWithoutHead(q.stem, d)))
      problems.push(`distractor ${d.concept.term} appears in the stem`);
    if (q.type === 'term-to-definition' && sameCategory(answer, d))
      problems.push(`distractor ${d.concept.term} is described as the same sort of thing`);
  }
  if (/\*\*|\$/.test(q.stem) || (q.stem.match(/`/g) ?? []).length % 2 !== 0) problems.push('dangling Markdown in the stem');
  for (const o of q.options)
    if (/\*\*|\$/.test(o) || (o.match(/`/g) ?? []).length % 2 !== 0) problems.push('dangling Markdown in an option');
  for (const o of q.options) problems.push(...optionProblems(o));
  const passage = quotedPassage(q.stem);
  const readAgainstOptions = q.type === 'term-to-definition' ? answer.concept.term : (passage ?? '');
  if (echoGivesAway(readAgainstOptions, q.options, q.correctIndex)) problems.push("the stem repeats the answer's wording only");
  if (q.type !== 'term-to-definition') {
    if (passage === null) problems.push('no quoted passage in the stem');
    else problems.push(...passageProblems(passage, 1));
    if (passage !== null && partlyNamed(passage, answer)) problems.push("the stem gives away part of the answer's name");
    const distractors = ids.filter((id) => id !== q.conceptId).flatMap((id) => prepared.byId.get(id) ?? []);
    for (const part of passage === null ? [] : topicGivesAway(passage, answer, distractors, prepared))
      problems.push(`the stem names ${part.concept.term}, a part of the answer no distractor's note speaks of`);
  }
  return problems;
}
