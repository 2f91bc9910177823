/**
 * How the quiz specs read a concept's names, written independently of the
 * generator's own (src/quiz/prepare.ts), so that a check does not share the
 * generator's mistakes.
 */
import type { Concept } from '../../src/concepts/types.js';

/** Lower case without spaces, punctuation or symbols. */
export const norm = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');

/** Names of a concept: the term, its parts, its aliases. */
export function namesOf(c: Concept): string[] {
  const parts = c.term
    .split(/[（）(),，]/)
    .map((p) => p.trim())
    .filter(Boolean);
  return [...new Set([c.term, ...parts, ...c.aliases])].filter((n) => norm(n).length >= 2);
}

/** Does `name` occur in `text` in any spelling? Short Latin names (CE, KD) only as whole words. */
export function occurs(text: string, name: string): boolean {
  const n = norm(name);
  if (/^[a-z0-9]{2,3}$/.test(n)) {
    const spaced = [...n].join('[\\s\\-_.·]*');
    return new RegExp(`(?<![a-z0-9])${spaced}(?![a-z0-9])`, 'i').test(text.normalize('NFKC'));
  }
  return norm(text).includes(n);
}
