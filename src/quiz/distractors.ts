/**
 * Distractors: three wrong options that are plausible (same kind, same or
 * related note, same look as the answer) and never the answer under another
 * name, chosen by the seed among the best few.
 */
import { conceptSort, type ConceptSort } from '../concepts/sort.js';
import { hasCjk, mentions, normalizeName } from '../concepts/text.js';
import { shuffle, type Rng } from '../random.js';
import { NEIGHBOUR_LINKS, ownTexts, type Prepared, type PreparedBank } from './prepare.js';
import { couldAlsoBeRight, namedWithoutHead, optionProblems, sameCategory, sharedWords } from './quality.js';

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
  /**
   * What the student reads against the options (the blanked passage, or the term
   * asked about): when it repeats wording of the correct option, a distractor
   * must repeat some too, or the words give the answer away.
   */
  stem: string;
}

/** A candidate distractor and what choosing among them needs. */
interface Scored {
  option: string;
  norm: string;
  score: number;
  id: string;
  /** From the answer's note or a neighbouring one. */
  related: boolean;
  ownNote: boolean;
  /** The words it shares with the stem that the answer shares too. */
  words: string[];
}

/**
 * Three distractors: of the answer's sort when the bank has three fair ones, otherwise
 * the same kind whenever the bank has three others of that kind (otherwise same kind
 * first, then related topics); the most plausible first (same note, related note, same
 * look), chosen by the seed among the best.
 */
export function pickDistractors(bank: PreparedBank, answer: Prepared, rng: Rng, spec: DistractorSpec): Picked[] | null {
  return pickAmong(bank, answer, rng, spec, true) ?? pickAmong(bank, answer, rng, spec, false);
}

/**
 * `sameSort`: only concepts of the answer's sort and kind (see `ofOneSort`). Without it,
 * a concept whose sort the bank has too few others of (a loss, a kind of detector) still
 * gets a question, with the nearest sorts it has; quizzes ask such questions after the
 * others (see `distractorsNearby`).
 */
function pickAmong(bank: PreparedBank, answer: Prepared, rng: Rng, spec: DistractorSpec, sameSort: boolean): Picked[] | null {
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
  const answerSort = sortOf(answer);
  const answerWords = sharedWords(spec.correct, spec.stem);
  const scored: Scored[] = [];
  for (const p of pool) {
    if (couldAlsoBeRight(answer, p, answerTexts, { descriptions: spec.passage === null })) continue;
    // A task among network parts, a quantity among models: another sort is eliminated at a glance.
    const sort = sortOf(p);
    if (sameSort && !ofOneSort(answer, p)) continue;
    if (spec.passage === null && sameCategory(answer, p)) continue;
    if (spec.passage !== null && (p.names.some((n) => mentions(spec.passage!, n)) || namedWithoutHead(spec.passage, p))) continue;
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
    // A module among modules, an operation among operations, a task among tasks; a name
    // that does not say its sort is a weaker match than one that says the same.
    if (answerSort && sort === answerSort) score += 3;
    else if (answerSort || sort) score -= 3;
    // Options of like length, counted in steps so that a one-word edit of a note does not reorder
    // the candidates of questions that do not use it.
    const step = spec.passage === null ? 30 : 12;
    score -= Math.floor(Math.abs(option.length - spec.correct.length) / (step / 3)) / 3;
    const words = sharedWords(option, spec.stem).filter((w) => answerWords.includes(w));
    if (words.length > 0) score += 2;
    scored.push({ option, norm, score, id: p.concept.id, related, ownNote: p.concept.topic === answer.concept.topic, words });
  }
  // Only distractors from the same or a neighbouring note when there are enough of them: one from an
  // unrelated note is eliminated at a glance. Otherwise the same kind from further away (quizzes then
  // ask such questions last, see generate.ts).
  const everyCandidate = [...scored].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  // Nearest first: the note itself and notes that use its terms; a neighbour's neighbour only when
  // those do not give three (FPN's parts in a DETR question are told apart by their note).
  const links = bank.affinity.get(answer.concept.topic);
  const direct = scored.filter((c) => c.ownNote || (links?.get(bank.byId.get(c.id)!.concept.topic) ?? 0) >= NEIGHBOUR_LINKS);
  if (direct.length >= 3) scored.splice(0, scored.length, ...direct);
  else if (scored.filter((c) => c.related).length >= 3) scored.splice(0, scored.length, ...scored.filter((c) => c.related));
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  // Choose among the best few, so repeated quizzes vary without getting silly.
  const chosen: Scored[] = [];
  const top = scored.slice(0, 6);
  const rest = scored.slice(top.length);
  // One distractor at least from the answer's own note when it has one: the question then tests
  // the difference the note itself draws, not which note a name comes from.
  const fromOwnNote = scored.find((c) => c.ownNote);
  for (const candidate of [...(fromOwnNote ? [fromOwnNote] : []), ...shuffle(top, rng), ...rest]) {
    if (chosen.includes(candidate)) continue;
    if (chosen.length === 3) break;
    if (chosen.some((c) => c.norm === candidate.norm || c.norm.includes(candidate.norm) || candidate.norm.includes(c.norm))) continue;
    chosen.push(candidate);
  }
  if (chosen.length < 3) return null;
  // Each word the stem shares with the answer must be shared by a distractor too, or the word gives
  // the answer away: swap in such a distractor, from further away if no nearby one has it.
  const nested = (a: string, b: string) => a === b || a.includes(b) || b.includes(a);
  for (const word of answerWords) {
    if (chosen.some((c) => c.words.includes(word))) continue;
    // The last distractor (the least likely) that shares none of the answer's words makes room.
    const spare = chosen.map((c) => c.words.length === 0).lastIndexOf(true);
    const alternative = everyCandidate.find(
      (c) => c.words.includes(word) && !chosen.includes(c) && chosen.every((k, i) => i === spare || !nested(k.norm, c.norm)),
    );
    if (spare < 0 || !alternative) return null;
    chosen[spare] = alternative;
  }
  return chosen.map((c) => ({ option: c.option, id: c.id }));
}

/**
 * True when every distractor of a question is a fair one: from the answer's note or a
 * neighbouring one, and of the answer's sort. Quizzes ask such questions first.
 */
export function distractorsNearby(bank: PreparedBank, conceptId: string, optionConceptIds: readonly string[]): boolean {
  const answer = bank.byId.get(conceptId);
  if (!answer) return false;
  // Only notes that use the answer's note's terms (or whose terms it uses) directly: a neighbour's
  // neighbour is a topic apart (FPN's parts in a DETR question are eliminated by their note).
  const links = bank.affinity.get(answer.concept.topic);
  return optionConceptIds.every((id) => {
    if (id === conceptId) return true;
    const d = bank.byId.get(id);
    if (!d || !ofOneSort(answer, d)) return false;
    return d.concept.topic === answer.concept.topic || (links?.get(d.concept.topic) ?? 0) >= NEIGHBOUR_LINKS;
  });
}

/**
 * True when `d` is of `answer`'s sort and kind (a name that does not say its sort goes with
 * others that do not): a task among network parts, or a loss among models, is eliminated at a glance.
 */
export function ofOneSort(answer: Prepared, d: Prepared): boolean {
  const sort = sortOf(answer);
  return sortOf(d) === sort && d.concept.kind === answer.concept.kind;
}

/** The sort of thing a concept names (see concepts/sort.ts). */
export function sortOf(p: Prepared): ConceptSort | null {
  return conceptSort(p.names, p.concept.kind);
}

/** The last Chinese character of a term's Chinese name (its head noun's end), or null. */
function headOf(term: string): string | null {
  const zh = term.replace(/[（(][^（）()]*[）)]/g, '').replace(/[^\p{Script=Han}]/gu, '');
  return hasCjk(zh) ? zh.slice(-1) : null;
}
