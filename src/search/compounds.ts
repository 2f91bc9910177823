import type { QueryGroup } from '../text/analyzer.js';
import type { Corpus } from './corpus.js';
import { withTranslations } from './coverage.js';
import { HAN } from '../text/han.js';

/**
 * "exponential distribution": 指数, a dictionary sense of "exponential", and
 * 分布, a translation of "distribution", make 指数分布, a word of the notes.
 * Each sense confirms the other, so the compound translates both words: it
 * weighs what a glossary translation weighs, where 指数 alone is one guess
 * among several (成倍, …) and 分布 alone is in every section on data. Only
 * neighbours in the question, in their order (English puts the modifier first,
 * as Chinese does), and only a compound some section holds.
 */
export function withCompounds(groups: QueryGroup[], corpus: Pick<Corpus, 'sectionsWith'>): QueryGroup[] {
  const senses = groups.map((g) => [...g.expansions, ...g.guesses].filter((t) => HAN.test(t)));
  const found = groups.map(() => [] as string[][]);
  for (let i = 0; i + 1 < groups.length; i++) {
    for (const a of senses[i]!) {
      for (const b of senses[i + 1]!) {
        // An index term: the notes hold the compound whole. Its pieces are the words' own senses already.
        if (corpus.sectionsWith(a + b) === 0) continue;
        found[i]!.push([a + b]);
        found[i + 1]!.push([a + b]);
      }
    }
  }
  return groups.map((g, i) => withTranslations(g, found[i]!));
}
