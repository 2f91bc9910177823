import type { QueryGroup } from '../text/analyzer.js';

/**
 * A question word is specific when fewer than one everyday paragraph in a
 * hundred holds it (a round figure, like abstain's "ten times"). "tea",
 * "oven", 户口 and "temperature" are specific; "best", "long", 需要 are not.
 */
export const SPECIFIC_SHARE = 0.01;

/**
 * A one-character Chinese word (吐, 治, 训) is a morpheme of a dozen senses,
 * and the colloquial ones are rarer in jieba's written corpus than in speech:
 * the notes lacking one does not make a question foreign to them.
 */
const SINGLE_HAN = /^[\u3400-\u9fff]$/;

export interface HingeCount {
  /** The question's specific ideas: what it hinges on. */
  hinges: number;
  /** Of those, the ones the answering sections hold (typed or translated). */
  accounted: number;
  /** Of those, the ones no section of the notes holds in any form. */
  foreign: number;
}

/** Tokens that stand for what the student meant: the typed ones, or a correction's when the typed word was a typo. */
function meant(g: QueryGroup): string[] {
  return g.tokens.length > 0 ? g.tokens : g.expansions;
}

/**
 * A section holds an idea when it holds half its distinct typed tokens (a
 * long Chinese word and its parts), a translation, or a dictionary sense: a
 * guess may not vouch that the notes are on topic (abstain.ts), but it does
 * show that an English word of the question is not foreign to the section.
 */
function holds(section: ReadonlySet<string>, g: QueryGroup): boolean {
  const distinct = [...new Set(g.tokens)];
  const typed = distinct.length > 0 && distinct.filter((t) => section.has(t)).length * 2 >= distinct.length;
  return typed || g.expansions.some((t) => section.has(t)) || g.guesses.some((t) => section.has(t));
}

/**
 * No note uses the idea: not the word itself (for a Chinese word, the whole
 * word: 蒸馏水 is foreign even though 蒸馏 is not), nor a translation or sense.
 */
function isForeign(g: QueryGroup, lexicon: Lexicon): boolean {
  const whole = meant(g).reduce((a, b) => (b.length > a.length ? b : a));
  return lexicon.sectionsWith(whole) === 0 && [...g.expansions, ...g.guesses].every((t) => lexicon.sectionsWith(t) === 0);
}

/** What the hinge rule needs to know of a word. */
export interface Lexicon {
  everydayShare(token: string): number;
  isEverydayWord(token: string): boolean;
  sectionsWith(token: string): number;
}

/**
 * Counts the question's specific ideas and how many of them the given
 * sections (the first few results) hold. A word that neither everyday
 * language nor the notes know (a fragment of Chinese segmentation, a typo
 * nothing could correct) says nothing about the topic and is not counted.
 */
export function countHinges(groups: QueryGroup[], sections: ReadonlyArray<ReadonlySet<string>>, lexicon: Lexicon): HingeCount {
  let hinges = 0;
  let accounted = 0;
  let foreign = 0;
  const specific = (t: string) => (lexicon.isEverydayWord(t) || lexicon.sectionsWith(t) > 0) && lexicon.everydayShare(t) < SPECIFIC_SHARE;
  for (const g of groups) {
    if (!meant(g).some(specific)) continue;
    const held = sections.some((s) => holds(s, g));
    // Held, a single character still shows the sections speak of the question; missing, it says little.
    if (!held && meant(g).every((t) => SINGLE_HAN.test(t))) continue;
    hinges++;
    if (held) accounted++;
    else if (isForeign(g, lexicon)) foreign++;
  }
  return { hinges, accounted, foreign };
}

/**
 * The notes cover a question only if what it hinges on is more theirs than
 * foreign: "what water temperature for green tea" shares "temperature" with
 * a note on softmax temperature, but "tea" is just as specific and no note
 * ever uses it. A tie is not coverage: one shared topical word beside one the
 * notes never use is the near miss this rule is for. A specific word the notes
 * use elsewhere, but not in the answering sections, counts half against them:
 * long chatty questions carry several.
 */
export function accountsForHinges({ hinges, accounted, foreign }: HingeCount): boolean {
  const elsewhere = hinges - accounted - foreign;
  return foreign === 0 || accounted > foreign + ELSEWHERE_WEIGHT * elsewhere;
}

/** A specific word the notes use, but not where they answer: half as telling as one they never use. */
const ELSEWHERE_WEIGHT = 0.5;
