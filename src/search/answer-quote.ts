import { headingWords } from '../notes/section.js';
import type { Chunk } from '../notes/types.js';
import type { QueryGroup } from '../text/analyzer.js';
import { type Aspect, answersAspect } from './aspects.js';
import type { Corpus } from './corpus.js';
import { scoredPassage } from './quote.js';

/**
 * The passage holding the most IDF weight of the question's ideas (see
 * bestPassage), each counted once: a typed word at its weight, an idea found
 * through its translations at the heaviest of those it holds. The score
 * returned, which the parts of a long section are compared by, counts every
 * term instead, as before. What the question asks about its topic
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
  /** Whether a passage counts each idea of the question once, however many of its translations it holds (the ablation switches it off). */
  ideasOnce = true,
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
  // What a unit holds, read once for both weighings below: its tokens, and whether it says what is asked.
  const units = new Map<string, { tokens: ReadonlySet<string>; answers: boolean }>();
  const unitOf = (text: string) => {
    if (!units.has(text)) units.set(text, { tokens: new Set(corpus.tokenize(text)), answers: answersAspect(text, asked) });
    return units.get(text)!;
  };
  // Each term of the question the passage holds, at its weight: a part saying an idea in both languages holds
  // more of the question. The parts of a long section are compared by this (section-results.ts).
  const byTerm = (tokens: ReadonlySet<string>) => {
    const held = new Map<string, number>();
    for (const t of tokens) if (weights.has(t)) held.set(t, weights.get(t)!);
    return held;
  };
  // Each idea once, within the part: 批, 大小 and 批量 are one idea, "batch size", and a list saying 批大小 beside
  // "(batch size)" holds it no more than "batch size 的取舍：…太大则…" does, which also holds 太大.
  const byIdea = (tokens: ReadonlySet<string>) => {
    const held = new Map<string, number>();
    groups.forEach((g, i) => {
      for (const t of g.tokens) if (tokens.has(t) && weights.has(t)) held.set(t, weights.get(t)!);
      let translated = 0;
      for (const t of [...g.expansions, ...g.guesses])
        if (tokens.has(t) && !g.tokens.includes(t)) translated = Math.max(translated, weights.get(t)!);
      // The key cannot be a token: tokens are lower-case words.
      if (translated > 0) held.set(`\u0000idea${i}`, translated);
    });
    return held;
  };
  // The heading lends the opening its terms one by one, for both weighings: lent by idea too, the opening lost
  // ties it won, and fewer quotes held their answer.
  const lent = byTerm(new Set(corpus.tokenize(own)));
  const passage = (terms: (tokens: ReadonlySet<string>) => Map<string, number>) =>
    scoredPassage(
      chunk.text,
      (unit) => {
        const { tokens, answers } = unitOf(unit);
        const held = terms(tokens);
        if (answers) held.set('\u0000aspect', aspectWeight);
        return held;
      },
      undefined,
      lent,
    );
  const part = passage(byTerm);
  return ideasOnce ? { quote: passage(byIdea).quote, score: part.score } : part;
}
