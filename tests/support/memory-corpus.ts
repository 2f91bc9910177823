/**
 * A Corpus held in memory, for specifying ask() and its parts without an
 * index: Latin words and runs of Chinese characters are the tokens.
 */
import type { Chunk, ChunkWithMeta } from '../../src/notes/types.js';
import type { Corpus, KeywordHit } from '../../src/search/corpus.js';
import type { QueryGroup } from '../../src/text/analyzer.js';
import type { SpellingEntry } from '../../src/text/spelling.js';
import { pinyinKey } from '../../src/text/pinyin.js';

export interface Section {
  id: string;
  file?: string;
  headingPath?: string[];
  text: string;
  part?: number;
}

interface CorpusOptions {
  /** Terms the notes use far more than everyday language. */
  topical?: string[];
  /** Translations of a typed token. */
  glossary?: Record<string, string[]>;
  /** Dictionary guesses of a typed token. */
  guesses?: Record<string, string[]>;
  /** The dense leg's ranking for every question; absent: no dense leg. */
  dense?: string[];
  /** Everyday paragraph share of words everyday language knows; any other word is unknown to it. */
  everyday?: Record<string, number>;
  /** English words of the glossary, for spelling correction. */
  glossaryWords?: string[];
}

const STOP_WORDS = new Set(['a', 'an', 'and', 'do', 'how', 'i', 'is', 'of', 'the', 'to', 'what', 'with']);

/** Lower-cased Latin words and runs of Chinese characters, stop words dropped. */
function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+|[\u4e00-\u9fff]+/g) ?? []).filter((t) => !STOP_WORDS.has(t));
}

export function memoryCorpus(sections: Section[], options: CorpusOptions = {}): Corpus {
  const found: ChunkWithMeta[] = sections.map((s) => {
    const file = s.file ?? 'notes.md';
    const chunk: Chunk = {
      id: s.id,
      file,
      title: 'Notes',
      headingPath: s.headingPath ?? ['Notes', s.id],
      startLine: 1,
      endLine: 1,
      text: s.text,
      part: s.part ?? 0,
    };
    return { chunk, meta: { file, title: 'Notes', tags: [], aliases: [] } };
  });
  const tokensOf = ({ chunk, meta }: ChunkWithMeta) => tokenize(`${chunk.headingPath.join(' ')} ${meta.title} ${chunk.text}`);
  const idf = (t: string) => {
    const df = found.filter((f) => tokensOf(f).includes(t)).length;
    return Math.log(1 + (found.length - df + 0.5) / (df + 0.5));
  };
  const topical = new Set(options.topical ?? []);
  const sectionsWith = (t: string) => found.filter((f) => tokensOf(f).includes(t)).length;
  const vocabulary = new Map<string, number>();
  for (const f of found) for (const t of new Set(tokensOf(f))) vocabulary.set(t, (vocabulary.get(t) ?? 0) + 1);
  for (const w of options.glossaryWords ?? []) if (!vocabulary.has(w)) vocabulary.set(w, 0);
  const englishByLength = new Map<number, SpellingEntry[]>();
  const chineseByPinyin = new Map<string, SpellingEntry[]>();
  for (const [word, sections] of vocabulary) {
    const [map, key] = /^[a-z]+$/.test(word) ? ([englishByLength, word.length] as const) : ([chineseByPinyin, pinyinKey(word)] as const);
    const list = (map as Map<unknown, SpellingEntry[]>).get(key) ?? [];
    list.push({ word, sections });
    (map as Map<unknown, SpellingEntry[]>).set(key, list);
  }
  const everyday = options.everyday ?? {};
  return {
    analyzeQuery: (question): QueryGroup[] =>
      tokenize(question).map((t) => ({
        surface: t,
        tokens: [t],
        expansions: options.glossary?.[t] ?? [],
        guesses: options.guesses?.[t] ?? [],
      })),
    tokenize,
    sectionTokens: (f) => new Set(tokensOf(f)),
    textTokens: (f) => new Set(tokenize(f.chunk.text)),
    // Its ids name nothing: any two chunks may be parts of one section.
    mayShareSection: () => true,
    ownHeadingTokens: (path) => new Set(path.length > 1 ? tokenize(path[path.length - 1]!) : []),
    idf,
    sectionsWith,
    spellingVocabulary: () => ({ englishByLength, glossaryWords: new Set(options.glossaryWords ?? []), chineseByPinyin }),
    everydayShare: (t) => everyday[t] ?? 1e-6,
    isEverydayWord: (t) => t in everyday,
    isEverydaySpelling: (w) => w in everyday,
    isTopical: (t) => topical.has(t),
    // Term frequency times IDF, typed words twice their translations and dictionary guesses, as the keyword index
    // weighs them: enough of BM25 to rank by.
    keywordHits: (groups, limit) => {
      const weights = new Map<string, number>();
      for (const g of groups) {
        for (const t of g.guesses) weights.set(t, Math.max(weights.get(t) ?? 0, 1));
        for (const t of g.expansions) weights.set(t, Math.max(weights.get(t) ?? 0, 1));
        for (const t of g.tokens) weights.set(t, 2);
      }
      const hits: KeywordHit[] = [];
      for (const f of found) {
        const tokens = tokensOf(f);
        let score = 0;
        const matched = new Set<string>();
        for (const t of tokens) {
          const w = weights.get(t);
          if (w === undefined) continue;
          score += w * idf(t);
          matched.add(t);
        }
        if (score > 0) hits.push({ id: f.chunk.id, score, matched });
      }
      return hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
    },
    denseHits: async () => options.dense ?? null,
    chunk: (id) => found.find((f) => f.chunk.id === id),
  };
}
