import type { NoteMeta } from '../notes/types.js';
import { createAnalyzer, segmentChinese, type Analyzer } from '../text/analyzer.js';
import { loadBackground, type Background } from '../text/background.js';

/** What the topical-term rule reads of everyday language: how often a word is used there. */
type EverydayUse = Pick<Background, 'paragraphShare'>;
import { dictionaryPairs, isDictionaryWord, type DictionaryPair } from '../text/dictionary.js';
import { addPair, curatedGlossary, emptyGlossary, mineGlossary } from '../text/glossary.js';
import { pinyinKey } from '../text/pinyin.js';
import type { SpellingEntry, SpellingVocabulary } from '../text/spelling.js';
import type { KeywordIndex } from './keyword.js';
import type { GlossaryPair } from './store.js';

/**
 * A term is topical for these notes when the notes use it at least this many
 * times more often than everyday language does (per paragraph), in at least
 * two sections. Ten is a round "an order of magnitude", not a fitted value.
 */
export const TOPICAL_LIFT = 10;
const MIN_SECTIONS = 2;

/**
 * An English word found in at least one everyday paragraph in ten (SUBTLEX-US)
 * gets no dictionary guesses. A round "one in ten": 0.05 and 0.02 measured
 * within one question of it on both question sets.
 */
const EVERYDAY_SHARE = 0.1;

export interface CorpusStats {
  sections: number;
  sectionsWith(token: string): number;
}

/** How many times more often the notes use `token` than everyday language (per paragraph). */
export function lift(token: string, corpus: CorpusStats, background: EverydayUse): number {
  const df = corpus.sectionsWith(token);
  return df === 0 ? 0 : df / corpus.sections / background.paragraphShare(token);
}

export function isTopical(token: string, corpus: CorpusStats, background: EverydayUse): boolean {
  return corpus.sectionsWith(token) >= MIN_SECTIONS && lift(token, corpus, background) >= TOPICAL_LIFT;
}

/**
 * Every topical term of an index, computed when the index changes so that
 * answering a question never loads the everyday-language tables (~0.5 s).
 * The query side only asks whether a term is topical (search/abstain.ts).
 */
export function topicalTerms(terms: Iterable<string>, corpus: CorpusStats, background: EverydayUse): Set<string> {
  const topical = new Set<string>();
  for (const t of terms) if (isTopical(t, corpus, background)) topical.add(t);
  return topical;
}

/**
 * What the query side derives from the vocabulary, computed here so answering
 * never loads the tables behind it: the notes' topical terms, and dictionary
 * pairs for Chinese words not looked up before (an edit rarely brings any).
 */
export function refreshVocabulary(keyword: KeywordIndex, tokenize: (text: string) => string[]): void {
  const df = keyword.documentFrequencies();
  const corpus = { sections: keyword.size, sectionsWith: (t: string) => df.get(t) ?? 0 };
  const background = loadBackground();
  keyword.setTopical(topicalTerms(df.keys(), corpus, background));
  const fresh = keyword.notLookedUp([...df.keys()].filter(isDictionaryWord));
  if (fresh.length === 0) return;
  const everyday = (gloss: string) => {
    const tokens = tokenize(gloss);
    return tokens.length === 1 && background.paragraphShare(tokens[0]!) >= EVERYDAY_SHARE;
  };
  keyword.addDictionary(fresh, dictionaryPairs(fresh, everyday));
}

/** What the curated list says words mean, which mining checks its cuts against; read only, built once, not per note. */
const CURATED_MEANINGS = curatedGlossary();

/** The English ↔ Chinese pairs of one note's `中文（English）` patterns, stored with the note. */
export function minedPairs(meta: NoteMeta, text: string): GlossaryPair[] {
  const glossary = mineGlossary(emptyGlossary(), [{ meta, text }], segmentChinese, CURATED_MEANINGS);
  const pairs: GlossaryPair[] = [];
  for (const [en, zhs] of glossary.englishToChinese) for (const zh of zhs) pairs.push([en, zh]);
  return pairs;
}

/** The analyzer for questions: the curated glossary, the notes' mined pairs and their dictionary pairs. */
export function queryAnalyzer(
  mined: Iterable<GlossaryPair>,
  dictionary: Iterable<DictionaryPair>,
  known: (token: string) => boolean,
): Analyzer {
  const glossary = curatedGlossary();
  for (const [en, zh] of mined) addPair(glossary, en, zh);
  return createAnalyzer(glossary, dictionary, known);
}

const CJK_WORD = /^[\u3400-\u9fff]{2,4}$/;
const LATIN_WORD = /^[a-z]{3,}$/;

/**
 * The words a misspelt question may be corrected to (search/spelling.ts): the
 * index's own terms with their section counts, plus the glossary's English
 * words, and the Chinese terms by how they sound. Computed from the index's
 * vocabulary after each change, so a question never scans the notes.
 */
export function spellingVocabulary(
  df: ReadonlyMap<string, number>,
  glossaryEnglish: Iterable<string>,
  glossaryChinese: Iterable<{ term: string; sections: number }> = [],
): SpellingVocabulary {
  const english = new Map<string, number>();
  const chinese = new Map<string, SpellingEntry[]>();
  const addChinese = (word: string, sections: number) => {
    const key = pinyinKey(word);
    const list = chinese.get(key) ?? [];
    if (!list.some((e) => e.word === word)) list.push({ word, sections });
    chinese.set(key, list);
  };
  for (const [word, sections] of df) {
    if (LATIN_WORD.test(word)) english.set(word, sections);
    else if (CJK_WORD.test(word)) addChinese(word, sections);
  }
  // A glossary term the index holds only in pieces (泛型编程 as 泛型 + 编程) is still a word of the notes:
  // 泛型编成 and 梯度小时 are slips for it, though no single index term sounds like them.
  for (const { term, sections } of glossaryChinese) if (CJK_WORD.test(term) && sections > 0) addChinese(term, sections);
  const glossaryWords = new Set<string>();
  for (const phrase of glossaryEnglish) {
    for (const word of phrase.toLowerCase().split(/[^a-z]+/)) {
      if (!LATIN_WORD.test(word)) continue;
      glossaryWords.add(word);
      if (!english.has(word)) english.set(word, 0);
    }
  }
  const englishByLength = new Map<number, SpellingEntry[]>();
  for (const [word, sections] of english) {
    const list = englishByLength.get(word.length) ?? [];
    list.push({ word, sections });
    englishByLength.set(word.length, list);
  }
  return { englishByLength, glossaryWords, chineseByPinyin: chinese };
}

/**
 * The Chinese terms of the curated glossary and the notes' mined pairs that
 * the notes use: every piece the index cuts them into is in some section
 * (`sections`: the fewest sections any piece is in, at most the term's own).
 */
export function glossaryChinese(
  mined: Iterable<GlossaryPair>,
  tokenize: (text: string) => string[],
  sectionsWith: (token: string) => number,
): Array<{ term: string; sections: number }> {
  const terms = new Set([...curatedGlossary().chineseToEnglish.keys(), ...[...mined].map(([, zh]) => zh)]);
  return [...terms].map((term) => {
    const pieces = tokenize(term);
    return { term, sections: pieces.length ? Math.min(...pieces.map(sectionsWith)) : 0 };
  });
}

/** The English words of the curated glossary and the notes' mined pairs. */
export function glossaryEnglish(mined: Iterable<GlossaryPair>): string[] {
  return [...curatedGlossary().englishToChinese.keys(), ...[...mined].map(([en]) => en)];
}
