/**
 * Distractors: three wrong options that are plausible (same kind, same or
 * related note, same look as the answer) and never the answer under another
 * name, chosen by the seed among the best few.
 */
import { mentions, normalizeName } from '../concepts/text.js';
import { shuffle, type Rng } from '../random.js';
import type { Prepared, PreparedBank } from './prepare.js';

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
  const scored: Array<{ option: string; norm: string; score: number; id: string }> = [];
  for (const p of pool) {
    if (p.norms.some((n) => answer.norms.includes(n))) continue; // the answer under another name
    if (spec.passage !== null && p.names.some((n) => mentions(spec.passage!, n))) continue;
    const option = spec.optionOf(p);
    if (!option) continue;
    const norm = normalizeName(option);
    if (!norm || norm === correctNorm) continue;
    if (answer.norms.includes(norm)) continue;
    let score = 0;
    if (p.concept.kind === kind) score += 4;
    if (p.concept.topic === answer.concept.topic) score += 3;
    score += Math.min(2, (affinity?.get(p.concept.topic) ?? 0) / 2);
    if (spec.formatOf(option) === answerFormat) score += 3;
    score -= Math.abs(option.length - spec.correct.length) / (spec.passage === null ? 30 : 12);
    scored.push({ option, norm, score, id: p.concept.id });
  }
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
