import type { QueryGroup } from '../text/analyzer.js';
import type { KeywordHit } from './corpus.js';
import { coverage, flatGuessCredit } from './coverage.js';

/**
 * What a heading that answers what the question asks (search/aspects.ts)
 * weighs: twice the heading bonus, since a heading "为什么要归一化？" restates
 * the question "why normalise" (0.5 was measured too, and lifted fewer
 * sections to the top).
 */
export const ASPECT_WEIGHT = 1;

const COVERAGE_WEIGHT = 1;
export const HEADING_WEIGHT = 0.5;
/** A tie-breaker: a heading holding the question's words in its order (search/word-order.ts). */
export const ORDER_WEIGHT = 0.25;
/** What the heading bonus weighs, given to the section that defines X instead (search/definition.ts). */
export const DEFINITION_WEIGHT = HEADING_WEIGHT;

/**
 * BM25 sums evidence per word, so one rare word repeated can outrank a
 * section that holds most of the question. Adding the section's coverage of
 * the question's ideas (a soft AND, like Lucene's old coord factor) to the
 * normalised BM25 score of every candidate corrects that; half as much
 * again for the ideas its own heading names prefers the section that is
 * about them to the note's intro that mentions them (for a definition
 * question, the bonus goes to the section that defines what it asks about).
 */
export function rerankByCoverage(
  /** The question's groups as a candidate reads them: its own heading may confirm a dictionary guess (search/hinges.ts). */
  groupsFor: (id: string) => QueryGroup[],
  hits: KeywordHit[],
  tokensOf: (id: string) => ReadonlySet<string>,
  headingBonusOf: (id: string) => number,
  idf: (t: string) => number,
  /** What a dictionary guess held earns of its idea (search/coverage.ts). */
  guessCredit: (g: QueryGroup) => number = flatGuessCredit,
): KeywordHit[] {
  const best = hits[0]?.score ?? 1;
  const rescored = hits.map((h) => ({
    ...h,
    score: h.score / best + COVERAGE_WEIGHT * coverage(groupsFor(h.id), tokensOf(h.id), idf, guessCredit) + headingBonusOf(h.id),
  }));
  return rescored.sort((a, b) => b.score - a.score);
}
