/**
 * "vector to sequence" and "sequence to vector" hold the same words: only
 * their order tells "6.2.3 vector-to-sequence结构" from "6.2.4
 * sequence-to-vector结构". The share of the question's neighbouring typed
 * Latin words (stop words gone) that a heading holds side by side, in the
 * question's order, from 0 to 1; 0 for a question with fewer than two.
 */
export function wordOrderShare(question: readonly string[], heading: readonly string[]): number {
  const asked = latin(question);
  if (asked.length < 2 || heading.length < 2) return 0;
  const held = new Set<string>();
  const said = latin(heading);
  for (let i = 0; i + 1 < said.length; i++) held.add(`${said[i]} ${said[i + 1]}`);
  let pairs = 0;
  for (let i = 0; i + 1 < asked.length; i++) if (held.has(`${asked[i]} ${asked[i + 1]}`)) pairs++;
  return pairs / (asked.length - 1);
}

/** The Latin-script tokens of a list, in order: only they have an order to keep (see wordOrderShare). */
export function latin(tokens: readonly string[]): string[] {
  return tokens.filter((t) => /^[a-z0-9_']+$/.test(t));
}
