import type { QueryGroup } from '../text/analyzer.js';

/**
 * The abstention rule: the notes cover a question when its best section
 * shares at least one topical term with it (typed, or a glossary translation).
 * Off-topic questions ("how do I bake bread", 如何办理护照) can still match
 * everyday words like "rule" or 需要, but not the notes' own vocabulary, which
 * the index computes when the notes change (index/vocabulary.ts).
 */
export function coversQuestion(
  groups: QueryGroup[],
  sectionTokens: ReadonlySet<string>,
  isTopicalTerm: (token: string) => boolean,
): boolean {
  return groups.some((g) => [...g.tokens, ...g.expansions].some((t) => sectionTokens.has(t) && isTopicalTerm(t)));
}
