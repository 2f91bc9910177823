import type { QueryGroup } from '../text/analyzer.js';

/**
 * The question's ideas that at least one of the candidate sections holds
 * (typed, translated or as a dictionary sense); all of them when none is held.
 *
 * An idea no candidate holds cannot tell candidates apart. A chatty question's
 * asides ("my teammate keeps cranking up…", "pointless", "neighbours") are
 * words the notes never use, so they carry the highest IDF of the question:
 * left in, they shrink every heading's share of the question alike, down to a
 * tenth, and the heading that restates what is asked ("3.5.4 盲目增大
 * Batch_Size 有何坏处？") no longer outweighs a section that merely repeats
 * the question's words more often. How much of the question a heading names
 * is therefore measured against the part of the question the notes can
 * answer. Whether the notes cover the question at all is still judged on all
 * of it (coverage, abstain.ts, hinges.ts).
 */
export function ideasHeldByAny(groups: QueryGroup[], sections: ReadonlyArray<ReadonlySet<string>>): QueryGroup[] {
  const held = groups.filter((g) => sections.some((s) => [...g.tokens, ...g.expansions, ...g.guesses].some((t) => s.has(t))));
  return held.length > 0 ? held : groups;
}
