import type { Glossary } from '../text/glossary.js';
import { pinyinKey } from '../text/pinyin.js';

/**
 * A typo check that is not a question set (`npm run eval -- --typos`): the
 * curated glossary's words that the notes use, each mistyped once by a fixed
 * pseudo-random rule, so the speller is measured on slips nobody chose.
 * Everything here is pure; run.ts asks the index.
 */
export interface Slip {
  lang: 'en' | 'zh';
  /** The word as the notes write it. */
  term: string;
  /** The same word with one slip. */
  typo: string;
}

/** A linear congruential generator: the same slips on every run and machine. */
export function seededRandom(seed: number): () => number {
  let state = seed % 2147483648;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** One slip inside an English word (never its first or last letter): a letter dropped, two swapped, or one changed to a vowel. */
export function englishSlip(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 3);
  if (kind === 0) return word.slice(0, at) + word.slice(at + 1);
  if (kind === 1) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return word.slice(0, at) + 'aeiou'[Math.floor(random() * 5)] + word.slice(at + 1);
}

/** One character of a Chinese term replaced by another with the same toneless pinyin, as a pinyin input method offers it. */
export function chineseSlip(term: string, random: () => number, homophones: ReadonlyMap<string, readonly string[]>): string | null {
  const at = Math.floor(random() * term.length);
  const others = (homophones.get(pinyinKey(term[at]!)) ?? []).filter((c) => c !== term[at]);
  if (others.length === 0) return null;
  return term.slice(0, at) + others[Math.floor(random() * others.length)] + term.slice(at + 1);
}

/**
 * The slips to try: English glossary words of six letters or more and
 * Chinese glossary terms of two to four characters that `used` says the
 * notes hold; the homophones come from the glossary's own characters.
 */
export function glossarySlips(glossary: Glossary, used: (term: string) => boolean, seed = 7): Slip[] {
  const random = seededRandom(seed);
  const english = [...new Set([...glossary.englishToChinese.keys()].flatMap((p) => p.split(/[^a-z]+/)))].filter(
    (w) => w.length >= 6 && used(w),
  );
  const slips: Slip[] = [];
  for (const term of english) {
    const typo = englishSlip(term, random);
    if (typo !== term) slips.push({ lang: 'en', term, typo });
  }
  const chineseTerms = [...glossary.chineseToEnglish.keys()];
  const homophones = new Map<string, string[]>();
  for (const c of new Set(chineseTerms.join(''))) {
    if (!/\p{Script=Han}/u.test(c)) continue;
    const key = pinyinKey(c);
    homophones.set(key, [...(homophones.get(key) ?? []), c]);
  }
  for (const term of chineseTerms.filter((t) => /^\p{Script=Han}{2,4}$/u.test(t) && used(t))) {
    const typo = chineseSlip(term, random, homophones);
    if (typo) slips.push({ lang: 'zh', term, typo });
  }
  return slips;
}

export interface SlipTally {
  lang: 'en' | 'zh';
  n: number;
  /** Corrected back to the word. */
  corrected: number;
  /** Corrected to another word. */
  wrong: number;
  /** Left as typed. */
  left: number;
}

export type SlipOutcome = 'corrected' | 'wrong' | 'left';

export function tallySlips(outcomes: Array<{ lang: 'en' | 'zh'; outcome: SlipOutcome }>): SlipTally[] {
  return (['en', 'zh'] as const).map((lang) => {
    const mine = outcomes.filter((o) => o.lang === lang);
    const count = (outcome: SlipOutcome) => mine.filter((o) => o.outcome === outcome).length;
    return { lang, n: mine.length, corrected: count('corrected'), wrong: count('wrong'), left: count('left') };
  });
}
