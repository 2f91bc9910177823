import { SPECIFIC_SHARE } from './hinges.js';

/**
 * How much a word says about what a question is about, from 0 to 1, read
 * from how much everyday language uses it: 1 for a specific word (fewer than
 * one everyday paragraph in a hundred holds it: "tanh", 蒸馏, "quicker"),
 * falling on a log scale to 0 for a word every paragraph holds ("ones",
 * 时候 at one in ten: 0.25). Squared, so a common word fades fast: IDF is
 * measured on the notes alone, where a chatty question's "something",
 * "usually" or 导师 are rare and would otherwise outweigh its subject.
 */
export function specificity(everydayShare: number): number {
  const scale = Math.log(everydayShare) / Math.log(SPECIFIC_SHARE);
  return Math.min(1, Math.max(0, scale)) ** 2;
}
