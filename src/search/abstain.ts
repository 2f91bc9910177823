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

export function isTopical(token: string, corpus: CorpusStats, background: Background): boolean {
  const df = corpus.sectionsWith(token);
  if (df < MIN_SECTIONS) return false;
  return df / corpus.sections >= TOPICAL_LIFT * background.paragraphShare(token);
}

/**
 * The abstention rule: the notes cover a question when its best section
 * shares at least one topical term with it (typed, or a glossary translation).
 * Off-topic questions ("how do I bake bread", 如何办理护照) can still match
 * everyday words like "rule" or 需要, but not the notes' own vocabulary.
 */
export function coversQuestion(groups: QueryGroup[], sectionTokens: Set<string>, corpus: CorpusStats, background: Background): boolean {
  return groups.some((g) => [...g.tokens, ...g.expansions].some((t) => sectionTokens.has(t) && isTopical(t, corpus, background)));
}
