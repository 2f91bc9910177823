import jieba from '@node-rs/jieba';
import jiebaDict from '@node-rs/jieba/dict.js';
import { stemmer } from 'stemmer';
import type { DictionaryPair } from './dictionary.js';
import type { Glossary } from './glossary.js';
import { withSpacesRead } from '../notes/spaces.js';
import { GREEK_LETTERS } from './greek.js';
import { CHINESE_STOPWORDS, ENGLISH_STOPWORDS } from './stopwords.js';

/** Bump when tokens, indexed fields or mined glossary pairs change, so persisted keyword indexes are rebuilt. */
export const ANALYZER_VERSION = 46;

/**
 * One idea of a question: the words the student typed plus their translations.
 * The abstention check asks how much of the question's ideas a section covers,
 * so a phrase and its translations count once, not once per token.
 */
export interface QueryGroup {
  /** What the student typed, for display and debugging. */
  surface: string;
  /** Tokens of the typed words. */
  tokens: string[];
  /** Tokens of glossary translations (other language) of the typed words. */
  expansions: string[];
  /**
   * The expansions, one list per translation ("区域建议网络" → 区域/建议/网络):
   * a translation is found where its words are, not where one of them is.
   * Absent, each expansion stands alone (a corrected spelling, a numeral).
   */
  translations?: string[][];
  /**
   * Dictionary senses of typed English words the glossary does not know
   * (离散 for "discrete"): likely, not certain, so they rank but never
   * decide on their own that the notes cover a question.
   */
  guesses: string[];
}

export interface Analyzer {
  /** Index-time tokens for a piece of note text. */
  tokenize(text: string): string[];
  /** Query-time analysis with cross-language expansion. */
  analyzeQuery(question: string): QueryGroup[];
}

/** Chinese word segmentation (jieba, precise mode, guessing unknown words unless told not to), for callers that need words rather than index tokens. */
export function segmentChinese(text: string, guess = true): string[] {
  return jiebaSegmenter().cut(text, guess);
}

/** Longest glossary term, in jieba words, looked for in a Chinese question. */
const MAX_TERM_WORDS = 4;
/** Shorter glossary terms are found only as jieba's words: 大 must not split 扩大, nor 池化 be read in 金字塔池化 twice. */
const MIN_CUT_TERM_CHARS = 3;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
// Runs of CJK characters, or of Latin letters/digits (with inner ' _ -), anything else separates.
const RUNS = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+(?:[_'-][a-z0-9]+)*/g;

/**
 * Mixed Chinese/English analyzer: NFKC + lower case, jieba search-mode
 * segmentation for Chinese, Porter stemming for English, stop words dropped.
 * Queries are expanded across languages by the glossary, and English words it
 * lacks by the dictionary pairs of the notes' vocabulary.
 */
export function createAnalyzer(
  glossary: Glossary,
  dictionary: Iterable<DictionaryPair> = [],
  /** Whether the notes hold an index token; absent, every token counts as known. */
  known: (token: string) => boolean = () => true,
): Analyzer {
  const jieba = jiebaSegmenter();
  const stemPhrase = (phrase: string) => latinTokens(normalize(phrase)).join(' ');

  // Glossary indexes built once per analyzer: stemmed English phrase → Chinese tokens,
  // Chinese term → English tokens. Longest phrases are tried first.
  const enPhrases = new Map<string, string[][]>();
  for (const [en, zhs] of glossary.englishToChinese) {
    const key = stemPhrase(en);
    if (!key) continue;
    const list = enPhrases.get(key) ?? [];
    // A term may open with Latin words ("TensorFlow 模型"): they are words of the translation too.
    for (const zh of zhs) list.push(unique(tokenize(zh)));
    enPhrases.set(key, list);
  }
  const maxPhraseWords = Math.max(1, ...[...enPhrases.keys()].map((k) => k.split(' ').length));
  // Dictionary words are index terms already (they come from the notes' vocabulary): no re-cutting.
  const guessPhrases = new Map<string, string[]>();
  for (const [en, zh] of dictionary) {
    const key = stemPhrase(en);
    if (key) guessPhrases.set(key, [...(guessPhrases.get(key) ?? []), zh]);
  }
  const maxGuessWords = Math.max(1, ...[...guessPhrases.keys()].map((k) => k.split(' ').length));

  function chineseTokens(text: string): string[] {
    const out: string[] = [];
    for (const word of jieba.cutForSearch(text, true)) {
      const w = word.trim();
      if (!w || !CJK.test(w) || CHINESE_STOPWORDS.has(w)) continue;
      out.push(w);
      // Bigrams inside long words let 归一化 still match when a question segments it as 归一 + 化.
      if (w.length > 2) for (let i = 0; i + 2 <= w.length; i++) out.push(w.slice(i, i + 2));
    }
    return out;
  }

  // Glossary terms of three characters or more by their first character, longest first.
  const longTerms = new Map<string, string[]>();
  for (const term of glossary.chineseToEnglish.keys()) {
    if (term.length < MIN_CUT_TERM_CHARS || !CJK.test(term[0]!)) continue;
    const list = longTerms.get(term[0]!) ?? [];
    list.push(term);
    longTerms.set(term[0]!, list);
  }
  for (const list of longTerms.values()) list.sort((a, b) => b.length - a.length);
  const cut = (text: string) =>
    jieba
      .cut(text, true)
      .map((w) => w.trim())
      .filter(Boolean);

  /**
   * jieba's words of a Chinese run, except that a glossary term of three
   * characters or more starting where a word starts is kept whole, though
   * jieba's guess at an unknown word cut across it (卷积化是 → 卷积 + 化是). One
   * starting inside a word is not: 输入输出通道数 is 输入输出 + 通道 + 数, not
   * 输入 + 输出通道数.
   */
  function cutAroundTerms(run: string): string[] {
    const words: string[] = [];
    let rest = run;
    while (rest) {
      const cutRest = cut(rest);
      let at = 0;
      let term: string | undefined;
      for (const word of cutRest) {
        at = rest.indexOf(word, at);
        term = (longTerms.get(word[0]!) ?? []).find((t) => t.length > word.length && rest.startsWith(t, at));
        if (term) break;
        words.push(word);
        at += word.length;
      }
      if (!term) break;
      words.push(term);
      rest = rest.slice(at + term.length);
    }
    return words;
  }

  /**
   * A word jieba made up from its model of unknown words (化是 of 卷积化是, 做弱 of
   * 做弱监督) that the notes never use: its dictionary words instead (化 + 是,
   * 做 + 弱), some of which the notes do use. A word of jieba's dictionary, or
   * one the notes use, stays whole.
   */
  function guessedApart(word: string): string[] {
    if ([...word].length < 2 || chineseTokens(word).some(known)) return [word];
    const pieces = jieba.cut(word, false).filter((w) => CJK.test(w));
    // Only a function word glued to a content word: 猫砂盆 is a word the notes lack, not three.
    if (!pieces.some((w) => CHINESE_STOPWORDS.has(w))) return [word];
    return pieces.filter((w) => !CHINESE_STOPWORDS.has(w));
  }

  function tokenize(text: string): string[] {
    const out: string[] = [];
    for (const run of normalize(text).match(RUNS) ?? []) {
      if (CJK.test(run)) out.push(...chineseTokens(run));
      else out.push(...latinTokens(run));
    }
    return out;
  }

  function analyzeQuery(question: string): QueryGroup[] {
    const groups: QueryGroup[] = [];
    let latin: string[] = [];
    const flushLatin = () => {
      groups.push(...englishGroups(latin));
      latin = [];
    };
    for (const run of normalize(question).match(RUNS) ?? []) {
      if (CJK.test(run)) {
        flushLatin();
        groups.push(...chineseGroups(run));
      } else latin.push(...latinTokens(run));
    }
    flushLatin();
    return groups;
  }

  /**
   * One group per jieba word, except where consecutive words spell a glossary
   * term (焦点 + 损失 = 焦点损失): that becomes one group with its English
   * translations. Matching whole words keeps a one-character term like 大 from
   * splitting 扩大.
   */
  function chineseGroups(run: string): QueryGroup[] {
    const words = cutAroundTerms(run);
    const groups: QueryGroup[] = [];
    let i = 0;
    while (i < words.length) {
      let n = Math.min(MAX_TERM_WORDS, words.length - i);
      for (; n >= 1; n--) if (glossary.chineseToEnglish.has(words.slice(i, i + n).join(''))) break;
      if (n >= 1) {
        const term = words.slice(i, i + n).join('');
        const translations = [...glossary.chineseToEnglish.get(term)!].map((en) => unique(latinTokens(normalize(en))));
        const tokens = chineseTokens(term);
        if (tokens.length) groups.push({ surface: term, tokens, expansions: unique(translations.flat()), translations, guesses: [] });
        i += n;
        continue;
      }
      const word = words[i]!;
      if (CJK.test(word) && !CHINESE_STOPWORDS.has(word)) {
        for (const piece of guessedApart(word)) groups.push({ surface: piece, tokens: chineseTokens(piece), expansions: [], guesses: [] });
      }
      i++;
    }
    return groups;
  }

  /**
   * One group per English word, except where consecutive words form a
   * glossary phrase ("focal loss"): that becomes one group carrying its
   * Chinese translations. Single glossary words are expanded too. Where the
   * dictionary knows a longer phrase than the glossary, or the glossary knows
   * none, the dictionary's senses are the group's guesses.
   */
  function englishGroups(words: string[]): QueryGroup[] {
    const out: QueryGroup[] = [];
    let i = 0;
    while (i < words.length) {
      const known = longestPhrase(words, i, enPhrases, maxPhraseWords);
      const guessed = longestPhrase(words, i, guessPhrases, maxGuessWords);
      const size = Math.max(known, guessed, 1);
      const key = words.slice(i, i + size).join(' ');
      const numeral = size === 1 ? NUMERALS.get(key) : undefined;
      const translations = known === size ? enPhrases.get(key)! : numeral ? [[numeral]] : [];
      const guesses = known < size && guessed === size ? unique(guessPhrases.get(key)!) : [];
      out.push({ surface: key, tokens: words.slice(i, i + size), expansions: unique(translations.flat()), translations, guesses });
      i += size;
    }
    return out;
  }

  return { tokenize, analyzeQuery };
}

/**
 * A number written as a word is the digit notes write ("initialised to zero"
 * meets "全都初始化为 0"): a closed class. "one" and "two" are stop words
 * already ("one-stage" is everywhere).
 */
const NUMERALS = new Map(
  ['zero', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'].map((w, i) => [w, String(i === 0 ? 0 : i + 2)]),
);

/** The dictionary takes ~0.3 s to load; share one segmenter per process. */
let segmenter: InstanceType<typeof jieba.Jieba> | undefined;
function jiebaSegmenter(): InstanceType<typeof jieba.Jieba> {
  segmenter ??= jieba.Jieba.withDict(jiebaDict.dict);
  return segmenter;
}

function normalize(text: string): string {
  // "3×3", "3\times3" and "3x3" are the same kernel size to a student.
  // "&emsp;&emsp;" indents a paragraph: it is no word of it.
  return (
    withSpacesRead(text)
      .normalize('NFKC')
      .toLowerCase()
      .replace(/\\times\s*|\s*×\s*/g, 'x')
      // LaTeX's braced subscript C_{5} is C_5 written out.
      .replace(/_\{([a-z0-9]+)\}/g, '_$1')
      // A Greek letter is its name: the notes write "超参数 γ 与 α 的选择" and "β1", a student types "gamma" and
      // "beta1", and a formula says \gamma. NFKC has made ϵ an ε and lower case Δ a δ already. A letter beside a
      // Latin or Greek one is a word of its own ("Δx" is delta x); a digit after it stays ("β1" is beta1).
      .replace(/([a-z0-9])?([α-ω])(?=([a-zα-ω])?)/g, (_, before?: string, letter = '', after?: string) =>
        [before ? `${before} ` : '', GREEK_NAMES[letter]!, after ? ' ' : ''].join(''),
      )
  );
}

/** A Greek letter's name, lower case: ο, which TeX writes as an o, and ς, σ at a word's end, besides TeX's. */
const GREEK_NAMES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(GREEK_LETTERS).map(([name, letter]) => [letter, name])),
  ο: 'omicron',
  ς: 'sigma',
};

/**
 * "doesn't", "can't", and "doesnt", "cant" as typed in a chat: an auxiliary
 * verb with "not", a function word like the stop words it is made of. Only
 * the auxiliaries, so "went" and "want" are words.
 */
const NEGATED_AUXILIARY = /^(?:do|does|did|is|are|was|were|has|have|had|could|should|would|must|need|might|ca|wo|sha)n'?t$/;

/** English words of a Latin run: stop words dropped, the rest stemmed. */
function latinTokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of withNamesJoined(text).match(/[a-z0-9]+(?:[_'][a-z0-9]+)*/g) ?? []) {
    // A contraction is its first word: "I'm", "you're", "we've", "they'll", "I'd" are stop words, as "I" is.
    const word = raw.replace(/'(?:s|m|re|ve|ll|d)$/, '');
    if (ENGLISH_STOPWORDS.has(word) || NEGATED_AUXILIARY.test(word)) continue;
    // batch_size is also "batch" and "size", VGG16 also "vgg" and fc6 "fc"; keep the
    // compound for exact matches (Lucene's word-delimiter filter, preserving the original).
    const parts = word.includes('_') ? [word, ...word.split('_').filter((p) => p && !ENGLISH_STOPWORDS.has(p))] : [word];
    // A symbol with a numeric subscript, $P_2$ in a formula, is what prose and questions write as P2.
    const subscripted = /^([a-z])_(\d+)$/.exec(word);
    if (subscripted) parts.push(subscripted[1]! + subscripted[2]!);
    for (const part of [...parts]) {
      const family = /^([a-z]{2,})\d+$/.exec(part)?.[1];
      if (family && !ENGLISH_STOPWORDS.has(family)) parts.push(family);
    }
    for (const part of parts) out.push(/^[a-z]+$/.test(part) && part.length > 3 ? stem(part) : part);
  }
  return out;
}

/**
 * A name hyphenated at a single letter (R-CNN, U-Net, k-means, t-SNE) is also
 * the name written whole: apart, its letter says nothing and its word is
 * another name's ("cnn" is every CNN, "means" a stop word), and "the original
 * r-cnn" met "CNN 为什么有效" first.
 */
function withNamesJoined(text: string): string {
  if (!text.includes('-')) return text;
  return text.replace(/(?<![a-z0-9])[a-z0-9]+(?:-[a-z0-9]+)+(?![a-z0-9])/g, (name) =>
    name.split('-').some((part) => part.length === 1) ? `${name} ${name.replace(/-/g, '')}` : name,
  );
}

/**
 * Porter's stem, with two exceptions.
 * - The plural of a three-letter word is that word: "rays" and "ray" meet
 *   (Porter makes "rays" rai, and leaves "ray" alone, as every word of three
 *   letters, whose stems would meet acronyms: "guy" → gui is GUI, "ape" → ap is AP).
 * - A verb form of a noun in -nce stems as the noun: Porter drops -ance/-ence
 *   only while the final e is there, so "imbalanced" would be imbalanc and
 *   never meet "imbalance" (imbal), nor "referenced" "reference".
 */
function stem(word: string): string {
  const nounInNce = /^[a-z]+nc(?:ed|ing)$/.test(word) ? word.replace(/(?:ed|ing)$/, 'e') : null;
  if (nounInNce) return stemmer(nounInNce);
  const stemmed = stemmer(word);
  return stemmed.length < 4 && /^[a-z]{3}s$/.test(word) && !word.endsWith('ss') ? word.slice(0, 3) : stemmed;
}

/** Length in words of the longest phrase of `phrases` starting at `words[i]`, or 0. */
function longestPhrase(words: string[], i: number, phrases: Map<string, unknown>, maxWords: number): number {
  for (let n = Math.min(maxWords, words.length - i); n >= 1; n--) if (phrases.has(words.slice(i, i + n).join(' '))) return n;
  return 0;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
