import { headingWords } from '../notes/section.js';
import type { Chunk } from '../notes/types.js';
import type { QueryGroup } from '../text/analyzer.js';
import { type Aspect, answersAspect } from './aspects.js';
import type { Corpus } from './corpus.js';
import { scoredPassage } from './quote.js';

/**
 * The passage holding the most IDF weight of the question's tokens, each
 * counted once (see bestPassage). What the question asks about its topic
 * (the reason, the use, …; search/aspects.ts) is one more idea of it, as
 * heavy as an average one: a passage saying "1×1 卷积的作用主要为以下两点" answers
 * "what does a 1x1 convolution do" better than one that only names it. It
 * counts even in a passage that does not name the topic: in the section on
 * PolarMask's pros and cons, "**缺点**：星形凸假设…" answers "polarmask pros
 * and cons" though only its last sentence says "PolarMask".
 */
export function quoteOf(
  chunk: Chunk,
  groups: QueryGroup[],
  asked: ReadonlySet<Aspect>,
  corpus: Corpus,
  idf: (t: string) => number,
  /** Whether the opening sentence holds the words of the heading it continues (the ablation switches it off). */
  headingLead = true,
): { quote: string; score: number } {
  const weights = new Map<string, number>();
  for (const g of groups) {
    for (const t of g.guesses) weights.set(t, Math.max(weights.get(t) ?? 0, 0.3 * idf(t)));
    for (const t of g.expansions) weights.set(t, Math.max(weights.get(t) ?? 0, 0.6 * idf(t)));
    for (const t of g.tokens) weights.set(t, idf(t));
  }
  const aspectWeight = weights.size > 0 ? [...weights.values()].reduce((a, b) => a + b, 0) / weights.size : 0;
  // A section's opening sentence continues its heading ("### 平衡交叉熵" then "最直接的办法是给正负样本加权重"):
  // it is about what the heading names, though it does not repeat it.
  const own =
    headingLead && chunk.part === 0 && chunk.headingPath.length > 1 ? headingWords(chunk.headingPath[chunk.headingPath.length - 1]!) : '';
  const headingTerms = new Map(corpus.tokenize(own).flatMap((t) => (weights.has(t) ? [[t, weights.get(t)!] as const] : [])));
  return scoredPassage(
    chunk.text,
    (unit) => {
      const held = new Map<string, number>();
      for (const t of corpus.tokenize(unit)) if (weights.has(t)) held.set(t, weights.get(t)!);
      // The key cannot be a token: tokens are lower-case words.
      if (answersAspect(unit, asked)) held.set('\u0000aspect', aspectWeight);
      return held;
    },
    undefined,
    headingTerms,
  );
}
