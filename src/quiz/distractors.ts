/**
 * Distractors: three wrong options that are plausible (same kind, same or
 * related note, same look as the answer) and never the answer under another
 * name, chosen by the seed among the best few.
 */
import { hasCjk, mentions, normalizeName } from '../concepts/text.js';
import { shuffle, type Rng } from '../random.js';
import { ownTexts, type Prepared, type PreparedBank } from './prepare.js';
import { couldAlsoBeRight, optionProblems } from './quality.js';

/** A distractor: its option text and the concept it comes from. */
export interface Picked {
  option: string;
  id: string;
}

/** How one kind of question turns a concept into an option, and what makes a distractor fit. */
export interface DistractorSpec {
  optionOf: (p: Prepared) => string | null;
  correct: string;
  /**
   * The passage the stem quotes (before blanking). A distractor named in it is
   * out: it is part of the answer's description and could read as correct.
   */
  passage: string | null;
  formatOf: (option: string) => string;
}

/**
 * Three distractors: same kind whenever the bank has three others of that kind
 * (otherwise same kind first, then related topics), the most plausible first
 * (same note, related note, same look), chosen by the seed among the best.
 */
export function pickDistractors(bank: PreparedBank, answer: Prepared, rng: Rng, spec: DistractorSpec): Picked[] | null {
  const kind = answer.concept.kind;
  const sameKindOthers = (bank.byKind.get(kind) ?? []).filter((p) => p !== answer);
  const strictKind = sameKindOthers.length >= 3;
  const pool = strictKind ? sameKindOthers : [...bank.byId.values()].filter((p) => p !== answer);
  const correctNorm = normalizeName(spec.correct);
  const answerFormat = spec.formatOf(spec.correct);
  const affinity = bank.affinity.get(answer.concept.topic);
  const neighbours = bank.neighbours.get(answer.concept.topic);
  const answerTexts = ownTexts(bank, answer);
  const answerHead = headOf(answer.concept.term);
  const scored: Array<{ option: string; norm: string; score: number; id: string; related: boolean }> = [];
  for (const p of pool) {
    if (couldAlsoBeRight(answer, p, answerTexts, { descriptions: spec.passage === null })) continue;
    if (spec.passage !== null && p.names.some((n) => mentions(spec.passage!, n))) continue;
    const option = spec.optionOf(p);
    if (!option) continue;
    const norm = normalizeName(option);
    if (!norm || norm === correctNorm) continue;
    if (answer.norms.includes(norm)) continue;
    if (optionProblems(option).length > 0) continue;
    const related = p.concept.topic === answer.concept.topic || (neighbours?.has(p.concept.topic) ?? false);
    let score = 0;
    if (p.concept.kind === kind) score += 4;
    if (p.concept.topic === answer.concept.topic) score += 5;
    else score += Math.min(4, affinity?.get(p.concept.topic) ?? 0) - 2;
    if (spec.formatOf(option) === answerFormat) score += 3;
    // Things of the same sort end alike: 检测器 with 检测器, 函数 with 函数, 网络 with 网络.
    if (answerHead && headOf(p.concept.term) === answerHead) score += 2;
    // A module among modules, an operation among operations, a task among tasks.
    const sorts = [sortOf(answer.concept.term), sortOf(p.concept.term)];
    if (sorts[0] && sorts[1]) score += sorts[0] === sorts[1] ? 3 : -3;
    score -= Math.abs(option.length - spec.correct.length) / (spec.passage === null ? 30 : 12);
    scored.push({ option, norm, score, id: p.concept.id, related });
  }
  // Only distractors from the same or a neighbouring note when there are enough of them: one from an
  // unrelated note is eliminated at a glance. Otherwise the same kind from further away (quizzes then
  // ask such questions last, see generate.ts).
  if (scored.filter((c) => c.related).length >= 3) scored.splice(0, scored.length, ...scored.filter((c) => c.related));
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  // Choose among the best few, so repeated quizzes vary without getting silly.
  const chosen: typeof scored = [];
  const top = scored.slice(0, 6);
  const rest = scored.slice(top.length);
  for (const candidate of [...shuffle(top, rng), ...rest]) {
    if (chosen.length === 3) break;
    if (chosen.some((c) => c.norm === candidate.norm || c.norm.includes(candidate.norm) || candidate.norm.includes(c.norm))) continue;
    chosen.push(candidate);
  }
  if (chosen.length < 3) return null;
  return chosen.map((c) => ({ option: c.option, id: c.id }));
}

/** True when every distractor of a question comes from the answer's note or a neighbouring one. */
export function distractorsNearby(bank: PreparedBank, conceptId: string, optionConceptIds: readonly string[]): boolean {
  const answer = bank.byId.get(conceptId);
  if (!answer) return false;
  const near = bank.neighbours.get(answer.concept.topic);
  return optionConceptIds.every((id) => {
    const topic = bank.byId.get(id)?.concept.topic;
    return topic === answer.concept.topic || (topic !== undefined && (near?.has(topic) ?? false));
  });
}

/** Coarse sorts of thing, told by how a Chinese name ends. */
const SORTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['part', /(?:器|层|分支|子网|网络|模块|头|注意力)$/],
  ['task', /(?:分类|回归|分割|检测|解析)$/],
  ['operation', /(?:池化|采样|拼接|卷积化|传播)$/],
  ['box', /(?:框|查询)$/],
];

/** The sort of thing a term names (a network part, a task, an operation, a box), when its Chinese name says. */
function sortOf(term: string): string | null {
  const zh = term.replace(/[（(][^（）()]*[）)]/g, '').replace(/[^\p{Script=Han}]/gu, '');
  return SORTS.find(([, re]) => re.test(zh))?.[0] ?? null;
}

/** The last Chinese character of a term's Chinese name (its head noun's end), or null. */
function headOf(term: string): string | null {
  const zh = term.replace(/[（(][^（）()]*[）)]/g, '').replace(/[^\p{Script=Han}]/gu, '');
  return hasCjk(zh) ? zh.slice(-1) : null;
}
