import type { QueryGroup } from '../text/analyzer.js';
import type { Corpus } from './corpus.js';
import type { Correction } from './spelling.js';

/**
 * A correction is a guess at what the student meant, so it weighs what a
 * translation weighs, less than a typed word: its tokens become the group's
 * expansions (half a typed word in BM25, 0.8 in coverage).
 */
export function withCorrectionsDemoted(groups: QueryGroup[], corrections: Correction[], corpus: Corpus): QueryGroup[] {
  if (corrections.length === 0) return groups;
  const corrected = new Set(corrections.flatMap((c) => corpus.tokenize(c.to)));
  return withTypedDemoted(groups, (t) => corrected.has(t));
}

/** The typed tokens `demote` picks, moved among their group's translations: they weigh what a translation weighs. */
function withTypedDemoted(groups: QueryGroup[], demote: (token: string) => boolean): QueryGroup[] {
  return groups.map((g) => {
    const moved = g.tokens.filter(demote);
    if (moved.length === 0) return g;
    return { ...g, tokens: g.tokens.filter((t) => !demote(t)), expansions: [...new Set([...moved, ...g.expansions])] };
  });
}

/**
 * The keyword leg leaves out a token found in more than half the sections
 * (BM25's IDF is below ln 2 there), so no hit is ever credited with it. Left
 * beside a rarer token of the same idea, it would count as missing from every
 * section that holds the idea as typed, and halve the coverage of 迁移学习
 * (迁移 + 学习) where 学习 is everywhere, below that of a section holding only
 * the English translation. A word that is common through and through stays:
 * it weighs the same everywhere.
 */
export function withoutStopTokens(groups: QueryGroup[], idf: (t: string) => number): QueryGroup[] {
  const specific = (t: string) => idf(t) >= Math.LN2;
  const keep = (tokens: string[]) => (tokens.some(specific) ? tokens.filter(specific) : tokens);
  return groups.map((g) => ({ ...g, tokens: keep(g.tokens), expansions: keep(g.expansions), guesses: keep(g.guesses) }));
}

/**
 * What BM25 is asked: a typed word the notes do not make their own (it is
 * not topical: everyday language uses it about as much, 导师, "keep",
 * "always", or only one section does) weighs what a translation weighs, half
 * a typed topical word. The index's IDF is measured on the notes alone, where
 * such a word is rare, so in a chatty question ("导师让我看 Faster R-CNN…")
 * it outweighed the terms the question is about. Coverage and the abstention
 * rules still read the groups as typed.
 */
export function withEverydayWordsHalved(groups: QueryGroup[], isTopical: (token: string) => boolean): QueryGroup[] {
  return withTypedDemoted(groups, (t) => !isTopical(t));
}

/** The groups that are not wholly made of `words` (a corrected typo, with no typed tokens, always stays). */
export function withoutWords(groups: QueryGroup[], words: ReadonlySet<string>): QueryGroup[] {
  return groups.filter((g) => g.tokens.length === 0 || !g.tokens.every((t) => words.has(t)));
}

/**
 * The ideas of the question that at least one of `hits` holds (typed, as a
 * translation or as a guess). Coverage is a share, so an idea no candidate
 * holds lowers every candidate's coverage by the same factor, and with it the
 * weight of coverage and headings against BM25 in the rerank; without it,
 * the section that holds most of what the notes can answer comes first.
 */
export function ideasHeld(groups: QueryGroup[], hits: ReadonlyArray<{ matched: ReadonlySet<string> }>): QueryGroup[] {
  return groups.filter((g) => {
    const words = [...g.tokens, ...g.expansions, ...g.guesses];
    return hits.some((h) => words.some((t) => h.matched.has(t)));
  });
}
