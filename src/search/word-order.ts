/**
 * "vector to sequence" and "sequence to vector" hold the same words: only
 * their order tells "6.2.3 vector-to-sequence结构" from "6.2.4
 * sequence-to-vector结构". The share of the question's neighbouring typed
 * Latin words (stop words gone) that a heading holds side by side, in the
 * question's order, from 0 to 1; 0 for a question with fewer than two.
 */
export function wordOrderShare(question: readonly string[], heading: readonly string[]): number {
  return inQuestionOrder(question)?.(heading) ?? 0;
}

/**
 * The share above for one question and many headings: the question's pairs
 * are read once. Null for a question with fewer than two Latin words, whose
 * order tells nothing.
 */
export function inQuestionOrder(question: readonly string[]): ((heading: readonly string[]) => number) | null {
  const asked = latin(question);
  if (asked.length < 2) return null;
  const pairs = asked.slice(1).map((word, i) => `${asked[i]} ${word}`);
  return (heading) => {
    const said = latin(heading);
    const held = new Set(said.slice(1).map((word, i) => `${said[i]} ${word}`));
    return pairs.filter((p) => held.has(p)).length / pairs.length;
  };
}

/** The Latin-script tokens of a list, in order: only they have an order to keep. */
function latin(tokens: readonly string[]): string[] {
  return tokens.filter((t) => /^[a-z0-9_']+$/.test(t));
}
