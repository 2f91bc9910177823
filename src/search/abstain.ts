import type { QueryGroup } from '../text/analyzer.js';
import type { Background } from '../text/background.js';

/**
 * A term is topical for these notes when the notes use it at least this many
 * times more often than everyday language does (per paragraph), in at least
 * two sections. Ten is a round "an order of magnitude", not a fitted value.
 */
export const TOPICAL_LIFT = 10;
const MIN_SECTIONS = 2;

export interface CorpusStats {
  sections: number;
  sectionsWith(token: string): number;
}

/** How many times more often the notes use `token` than everyday language (per paragraph). */
export function lift(token: string, corpus: CorpusStats, background: Background): number {
  const df = corpus.sectionsWith(token);
  return df === 0 ? 0 : df / corpus.sections / background.paragraphShare(token);
}

export function isTopical(token: string, corpus: CorpusStats, background: Background): boolean {
  return corpus.sectionsWith(token) >= MIN_SECTIONS && lift(token, corpus, background) >= TOPICAL_LIFT;
}

/**
 * The abstention rule: the notes cover a question when its best section
 * shares at least one topical term with it (typed, or a glossary translation).
 * Off-topic questions ("how do I bake bread", 如何办理护照) can still match
 * everyday words like "rule" or 需要, but not the notes' own vocabulary.
 */
export function coversQuestion(groups: QueryGroup[], sectionTokens: Set<string>, isTopicalTerm: (token: string) => boolean): boolean {
  return groups.some((g) => [...g.tokens, ...g.expansions].some((t) => sectionTokens.has(t) && isTopicalTerm(t)));
}

/**
 * Every topical term of an index, computed when the index changes so that
 * answering a question never loads the everyday-language tables (~0.5 s).
 */
export function topicalTerms(terms: Iterable<string>, corpus: CorpusStats, background: Background): Set<string> {
  const topical = new Set<string>();
  for (const t of terms) if (isTopical(t, corpus, background)) topical.add(t);
  return topical;
}
