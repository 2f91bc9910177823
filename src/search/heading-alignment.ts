import type { QueryGroup } from '../text/analyzer.js';
import { translationsOf, withTranslations } from './coverage.js';

/**
 * No dictionary has every term of a field: "curse of dimensionality" is 维数灾难,
 * and nothing translates "curse" to 灾难, so "how do you avoid the curse of
 * dimensionality" hinged on a word the notes seemed never to use, and was
 * refused with "2.21.2 怎样避免维数灾难" first. The first section's own heading
 * settles it when it aligns with the question: every word of the heading but
 * one is a word of the question (typed or translated), every specific word
 * of the question but one reaches the notes, and the two left over sit beside
 * the same matched word, "curse" before "dimensionality", 灾难 after 维数.
 * The left-over heading word is then a translation of the left-over question
 * word. One word each, side by side, beside a heading that is otherwise the
 * question's: a near miss ("focal loss of hair") has no heading word left
 * over, and a heading about something else has several.
 */
export function withHeadingAligned(
  groups: QueryGroup[],
  headingTokens: readonly string[],
  reachesNotes: (g: QueryGroup) => boolean,
): QueryGroup[] {
  const words = wholeWords(headingTokens);
  const heldBy = words.map((w) => groups.findIndex((g) => holdsWord(g, w)));
  const leftInHeading = heldBy.flatMap((g, i) => (g < 0 ? [i] : []));
  const leftInQuestion = groups.flatMap((g, i) => (!reachesNotes(g) && !heldBy.includes(i) ? [i] : []));
  // Two words of the heading or more are the question's: one shared word ("RoI Pooling" for "ROI on a rental
  // property", "归一化有哪些类型" for "a normal cervical dilation rate") aligns anything with anything.
  if (leftInHeading.length !== 1 || leftInQuestion.length !== 1 || words.length < 3) return groups;
  const [p] = leftInHeading as [number];
  const [q] = leftInQuestion as [number];
  // Side by side: the heading word next to the left-over one is held by the question word next to its left-over one.
  const besideInHeading = [heldBy[p - 1], heldBy[p + 1]].filter((g): g is number => g !== undefined && g >= 0);
  if (!besideInHeading.some((g) => g === q - 1 || g === q + 1)) return groups;
  return groups.map((g, i) => (i === q ? withTranslations(g, [[words[p]!]]) : g));
}

/** Whether a heading word is one of the question's ideas: typed, or one of its translations or guesses. */
function holdsWord(g: QueryGroup, word: string): boolean {
  return g.tokens.includes(word) || g.guesses.includes(word) || translationsOf(g).some((t) => t.includes(word));
}

/** Tokens in order, less the search-mode parts of a longer Chinese word (维数灾难's 维数, 灾难 when jieba keeps it whole). */
function wholeWords(tokens: readonly string[]): string[] {
  const distinct = [...new Set(tokens)].filter((t) => !/^\d+$/.test(t));
  return distinct.filter((t) => !distinct.some((other) => other !== t && other.length > t.length && other.includes(t)));
}
