import { holdsHalfOf, meant, translationsOf, wholeWords, withTranslations } from './coverage.js';
import type { QueryGroup } from '../text/analyzer.js';
import { SINGLE_HAN } from '../text/han.js';

/**
 * A question word is specific when fewer than one everyday paragraph in a
 * hundred holds it (a round figure, like abstain's "ten times"). "tea",
 * "oven", 户口 and "temperature" are specific; "best", "long", 需要 are not.
 */
export const SPECIFIC_SHARE = 0.01;

export interface HingeCount {
  /** The question's specific ideas: what it hinges on. */
  hinges: number;
  /** Of those, the ones the answering sections hold (typed or translated). */
  accounted: number;
  /** Of those, the ones no section of the notes holds in any form. */
  foreign: number;
}

/**
 * The words a group stands for: a Chinese word is judged whole (its
 * search-mode parts, such as 化层 of a typo'd 迟化层, are fragments that say
 * nothing on their own), and a Chinese term of several words (数据增广: 数据 +
 * 增广) by each word; an English phrase by each of its words.
 */
function wordsOf(g: QueryGroup): string[] {
  return wholeWords(meant(g));
}

/**
 * A section holds an idea when it holds half its distinct typed tokens (a
 * long Chinese word and its parts) or a translation. A dictionary guess is
 * one sense among several ("engine" → 工程 of 特征工程, "therapy" → 治疗): it
 * shows that the word is not foreign to the notes (isForeign), not that a
 * section uses it in the question's sense, so it accounts for nothing.
 */
function holds(section: ReadonlySet<string>, g: QueryGroup): boolean {
  return holdsHalfOf([...new Set(g.tokens)], section) || translationsOf(g).some((words) => holdsHalfOf(words, section));
}

/**
 * No note uses the idea: not the word itself (for a Chinese word, the whole
 * word: 蒸馏水 is foreign even though 蒸馏 is not), nor a translation or sense.
 */
export function isForeign(g: QueryGroup, lexicon: Pick<Lexicon, 'sectionsWith'>): boolean {
  const words = meant(g);
  // A group left with no words (a correction whose translation is switched off) names nothing to miss.
  if (words.length === 0) return false;
  const whole = words.reduce((a, b) => (b.length > a.length ? b : a));
  return lexicon.sectionsWith(whole) === 0 && [...g.expansions, ...g.guesses].every((t) => lexicon.sectionsWith(t) === 0);
}

/** What the hinge rule needs to know of a word. */
export interface Lexicon {
  everydayShare(token: string): number;
  isEverydayWord(token: string): boolean;
  sectionsWith(token: string): number;
}

/** A word everyday language or the notes know, used in fewer than `share` of everyday paragraphs. */
function rarerThan(token: string, share: number, lexicon: Lexicon): boolean {
  // A number (the 0.5 of "paying 0.5%", the 200 of "bake at 200 degrees") says nothing of the topic, and
  // everyday tables hold no digits to show how common numbers are.
  if (/^\d+$/.test(token)) return false;
  const known = lexicon.isEverydayWord(token) || lexicon.sectionsWith(token) > 0 || isName(token);
  return known && lexicon.everydayShare(token) < share;
}

/**
 * A Latin word of four letters or more that neither everyday language nor
 * the notes know, and that spelling correction left as typed, is a name
 * (Instagram, Pixar, PayPal, VLOOKUP), not a fragment: a question about it
 * hinges on something no note names. Shorter ones (ui, fx) are too often
 * abbreviations of what the notes say in full.
 */
function isName(token: string): boolean {
  return /^[a-z]{4,}$/.test(token);
}

/**
 * Counts the question's specific ideas and how many of them the given
 * sections (the first few results) hold. A word that neither everyday
 * language nor the notes know, and is no name (a fragment of Chinese segmentation, a typo
 * nothing could correct) says nothing about the topic and is not counted.
 */
export function countHinges(groups: QueryGroup[], sections: ReadonlyArray<ReadonlySet<string>>, lexicon: Lexicon): HingeCount {
  let hinges = 0;
  let accounted = 0;
  let foreign = 0;
  for (const g of groups) {
    if (!wordsOf(g).some((t) => rarerThan(t, SPECIFIC_SHARE, lexicon))) continue;
    const held = sections.some((s) => holds(s, g));
    // Held, a single character still shows the sections speak of the question; missing, it says little: a
    // one-character word (吐, 治, 训) is a morpheme of a dozen senses, and the colloquial ones are rarer in jieba's
    // written corpus than in speech, so the notes lacking one does not make a question foreign to them.
    if (!held && meant(g).every((t) => SINGLE_HAN.test(t))) continue;
    hinges++;
    if (held) accounted++;
    else if (isForeign(g, lexicon)) foreign++;
  }
  return { hinges, accounted, foreign };
}

/**
 * A content word of a question: one not found in most everyday paragraphs
 * (fewer than one in twenty-five: "train", "test", 效果 are, "how", "use",
 * 出来, and "set", "read", 导致 at 4–5 % are not: "a good encoder setting"
 * holds no company for "encoder"). Co-occurrence is counted over these, not
 * only the specific ones: "train ... test set" beside "model" shows a section
 * on the question's topic.
 */
export const CONTENT_SHARE = 0.04;

/**
 * The most content words of the question that one of the sections holds
 * together. Two or more in one place show the notes use a shared word in the
 * question's sense: a note on temperature speaks of softmax, not of tea; the
 * section on virtual functions also speaks of the pointer they are called
 * through. A single Chinese character is left out (a morpheme of a dozen
 * senses: 算, 用).
 */
export function heldTogether(groups: QueryGroup[], sections: ReadonlyArray<ReadonlySet<string>>, lexicon: Lexicon): number {
  const content = groups.filter((g) => {
    const words = wordsOf(g);
    return !words.every((t) => SINGLE_HAN.test(t)) && words.some((t) => rarerThan(t, CONTENT_SHARE, lexicon));
  });
  return Math.max(0, ...sections.map((s) => content.filter((g) => holds(s, g)).length));
}

/**
 * Whether the sections hold one of the question's content words as typed:
 * a spelling correction alone ("Am I overmixing it?" read as "overfitting")
 * does not make a sentence about the notes.
 */
export function holdsTypedContent(groups: QueryGroup[], sections: ReadonlyArray<ReadonlySet<string>>, lexicon: Lexicon): boolean {
  return groups.some(
    (g) => g.tokens.length > 0 && wordsOf(g).some((t) => rarerThan(t, CONTENT_SHARE, lexicon)) && sections.some((s) => holds(s, g)),
  );
}

/**
 * The notes cover a question only if they account for what it hinges on.
 * With `together` (heldTogether of the first sections), the rule of
 * co-occurrence:
 * - every specific word is held by the first sections: covered;
 * - one section holds two or more of the question's content words together,
 *   one of its specific words among those held: covered unless the question
 *   has more specific words no note uses
 *   ("what water temperature should I use for green tea" has "temperature"
 *   alone in any section, "tea" in none; "my professor says virtual functions
 *   are slow-ish, what happens under the hood when I call one through a base
 *   pointer" has the virtual-function section hold "virtual function" and
 *   "pointer" against "hood" and "ish");
 * - otherwise the sections hold its words one at a time. That is how the
 *   notes answer a comparison (each side in its own section): covered when
 *   they hold most of its specific words. Any other question with a word no
 *   note uses is a near miss ("芯片封装测试": 封装 in the C++ notes, 测试 in
 *   another section, 芯片 in none), and so is one shared topical word beside
 *   a specific word the notes use only elsewhere (金字塔原理写作: 写作).
 * Without `together`, the count rule before it (the ablation): a tie between
 * held and foreign words is not coverage, and a word the notes use elsewhere
 * counts half against them.
 */
export function accountsForHinges({ hinges, accounted, foreign }: HingeCount, together?: number, comparison = false): boolean {
  const elsewhere = hinges - accounted - foreign;
  if (together === undefined) return foreign === 0 || accounted > foreign + ELSEWHERE_WEIGHT * elsewhere;
  if (foreign === 0 && elsewhere === 0) return true;
  // Company vouches for the sense of a shared specific word; with none shared, the foreign word decides.
  if (together >= 2 && accounted > 0) return together >= foreign;
  if (!comparison && foreign > 0) return false;
  return accounted > hinges - accounted;
}

/** In the count rule, a specific word the notes use, but not where they answer: half as telling as one they never use. */
const ELSEWHERE_WEIGHT = 0.5;

/**
 * The hinge rule over the first sections of an answer; `cooccurrence` false
 * is the count rule before it (the ablation); `comparison` when the question
 * compares sides (search/comparison.ts); `nothingForeign` for a part of a
 * question that must hinge on no word the notes lack (its asking sentence).
 */
export function accountsForQuestion(
  groups: QueryGroup[],
  sections: ReadonlyArray<ReadonlySet<string>>,
  lexicon: Lexicon,
  cooccurrence: boolean,
  { comparison = false, nothingForeign = false }: { comparison?: boolean; nothingForeign?: boolean } = {},
): boolean {
  const ideas = distinctIdeas(groups);
  const count = countHinges(ideas, sections, lexicon);
  if (nothingForeign && count.foreign > 0) return false;
  const together = cooccurrence ? heldTogether(ideas, sections, lexicon) : undefined;
  return accountsForHinges(count, together, comparison);
}

/**
 * Each idea once: "engine" and "engineer" stem alike, and 木地板 typed twice
 * is still one word the notes lack, so neither may count twice for or
 * against the notes.
 */
export function distinctIdeas(groups: QueryGroup[]): QueryGroup[] {
  const seen = new Set<string>();
  return groups.filter((g) => {
    const key = [...new Set(meant(g))].sort().join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A dictionary guess is one sense among several, so it accounts for nothing
 * in the hinge rule and is no topical term, unless the own heading of one of
 * the first sections holds it: a heading says what its section is about, and
 * "15.3.2 CUDA 核心是什么？" settles that "core" means 核心 in "what is a cuda
 * core". Such a guess counts as a translation of its word.
 */
export function withGuessesConfirmed(groups: QueryGroup[], headingTokens: ReadonlySet<string>): QueryGroup[] {
  // Most headings hold no guess: the groups as they are, without a copy (the ranking asks for every candidate).
  if (!groups.some((g) => g.guesses.some((t) => headingTokens.has(t)))) return groups;
  return groups.map((g) =>
    withTranslations(
      g,
      g.guesses.filter((t) => headingTokens.has(t)).map((t) => [t]),
    ),
  );
}
