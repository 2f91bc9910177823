import type { QueryGroup } from '../text/analyzer.js';
import { HAN, HAN_WORD } from '../text/han.js';

/** Credit for an idea found only through a translation: likely, not certain. */
const TRANSLATION_CREDIT = 0.8;
/** Credit for an idea found only through a dictionary guess: one sense among several. */
const GUESS_CREDIT = 0.5;
/** A word of up to this many dictionary senses keeps the whole guess credit in the ranking (guessCreditBySenses). */
const SENSES_TRUSTED = 3;

/** What a section holding one of a group's dictionary guesses earns of the idea: the same for every group. */
export const flatGuessCredit = (_g: QueryGroup): number => GUESS_CREDIT;

/**
 * The guess credit shared among a word's senses past the first few: "sense"
 * has eleven (意义, 感知, 检测, 道理, …), so a section holding one of them is
 * weak evidence that it speaks of what "make sense" means, and "when does batch
 * normalization make sense to use" ranked "批归一化和群组归一化比较" above "3.6.13
 * Batch Normalization在什么时候用比较合适？" for it. A word of few senses
 * ("recommend": 推荐, 建议, …) keeps the whole credit. The ranking reads this;
 * abstention keeps the flat credit, since a guess held is what tells a question
 * the notes use its word at all.
 */
export const guessCreditBySenses = (g: QueryGroup): number => GUESS_CREDIT * Math.min(1, SENSES_TRUSTED / g.guesses.length);

/**
 * How much of the question a section covers, from 0 to 1: each idea of the
 * question weighs its IDF (a rare word says more about the topic than a common
 * one), and counts as covered by the share of its tokens the section contains.
 * This is the abstention signal: a section that matches only "loss" of
 * "how to lose weight fast" covers little of the question.
 */
export function coverage(
  groups: QueryGroup[],
  sectionTokens: ReadonlySet<string>,
  idf: (token: string) => number,
  guessCredit: (g: QueryGroup) => number = flatGuessCredit,
): number {
  let total = 0;
  let covered = 0;
  for (const g of groups) {
    // A corrected typo has no typed tokens: it weighs what its correction weighs (search/spelling.ts).
    const weight = ideaWeight(g, idf);
    if (!(weight > 0)) continue;
    total += weight;
    const typed = g.tokens.length ? g.tokens.filter((t) => sectionTokens.has(t)).length / g.tokens.length : 0;
    const translated = TRANSLATION_CREDIT * Math.max(0, ...translationsOf(g).map((words) => shareIn(words, sectionTokens)));
    const guessed = g.guesses.some((t) => sectionTokens.has(t)) ? guessCredit(g) : 0;
    covered += weight * Math.max(typed, translated, guessed);
  }
  return total > 0 ? covered / total : 0;
}

/** Tokens that stand for what the student meant: the typed ones, or a correction's when the typed word was a typo. */
export function meant(g: QueryGroup): string[] {
  return g.tokens.length > 0 ? g.tokens : g.expansions;
}

/** An idea's weight: its heaviest meant token's (0 for a group with none). */
export function ideaWeight(g: QueryGroup, idf: (token: string) => number): number {
  return Math.max(0, ...meant(g).map(idf));
}

/** A group's translations, each as its tokens; expansions that came without their phrase stand alone. */
export function translationsOf(g: QueryGroup): string[][] {
  const phrased = g.translations?.map((words) => words.filter((t) => g.expansions.includes(t))).filter((w) => w.length > 0) ?? [];
  const inPhrase = new Set(phrased.flat());
  return [...phrased, ...g.expansions.filter((t) => !inPhrase.has(t)).map((t) => [t])];
}

/**
 * A group with more translations, each found where its words are (as
 * translationsOf reads them): a heading-confirmed guess, a versioned name's
 * other spelling, a compound. Its expansions stand alone as before.
 */
export function withTranslations(g: QueryGroup, more: readonly string[][]): QueryGroup {
  if (more.length === 0) return g;
  return {
    ...g,
    expansions: [...new Set([...g.expansions, ...more.flat()])],
    translations: [...(g.translations ?? g.expansions.map((t) => [t])), ...more],
  };
}

function shareIn(words: readonly string[], tokens: ReadonlySet<string>): number {
  // Only a word of three characters or more has search-mode parts: most translations have none.
  const whole = words.some((t) => t.length > 2 && HAN.test(t)) ? wholeWords(words) : words;
  return whole.filter((t) => tokens.has(t)).length / whole.length;
}

/**
 * Tokens less their search-mode parts: 全卷积神经网络 is 全 + 卷积 + 神经网络,
 * not also 神经, 网络, 神经网 and 经网, which made "2.1.2 什么是神经网络" hold
 * five of its seven tokens, more of FCN than "9.3 FCN"'s 全卷积网络 did; 迟化层
 * of 迟化层/迟化/化层, both of 数据/增广, every English word.
 */
export function wholeWords(tokens: readonly string[]): string[] {
  const distinct = [...new Set(tokens)];
  if (!distinct.some((t) => HAN_WORD.test(t))) return distinct;
  return distinct.filter((t) => !distinct.some((other) => other !== t && other.includes(t)));
}

/** Whether `tokens` hold a translation, or an idea's typed words: at least half of its words. */
export function holdsHalfOf(words: readonly string[], tokens: ReadonlySet<string>): boolean {
  return words.length > 0 && shareIn(words, tokens) >= 0.5;
}
