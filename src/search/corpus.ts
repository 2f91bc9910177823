import type { ChunkWithMeta } from '../notes/types.js';
import type { QueryGroup } from '../text/analyzer.js';
import type { SpellingVocabulary } from '../text/spelling.js';

/** A BM25 hit: the chunk, its score and which of the query's tokens it holds. */
export interface KeywordHit {
  id: string;
  score: number;
  matched: ReadonlySet<string>;
}

/**
 * What answering a question needs from indexed notes. search/ defines it and
 * StudyIndex (index/) fills it without either folder importing the other, so
 * `ask()` can be specified against a small corpus held in memory.
 */
export interface Corpus {
  /** The question's ideas with their glossary translations and dictionary guesses (query-time analysis). */
  analyzeQuery(question: string): QueryGroup[];
  /** Index tokens of a piece of note text, cut as the keyword index cut the notes; nothing is expanded. */
  tokenize(text: string): string[];
  /** Every token of a chunk as the keyword index sees it: heading path, note names and text. */
  sectionTokens(found: ChunkWithMeta): Set<string>;
  /** The tokens of the chunk's own text (prose and code): what the section itself says, without its headings or names. */
  textTokens(found: ChunkWithMeta): Set<string>;
  /** Tokens of the section's own heading; none for a note's introduction (a path of one heading). */
  ownHeadingTokens(headingPath: readonly string[]): Set<string>;
  idf(token: string): number;
  /** How many sections hold the token (0: the notes never use it). */
  sectionsWith(token: string): number;
  /** What a misspelt question word may be corrected to (search/spelling.ts). */
  spellingVocabulary(): SpellingVocabulary;
  /** The chance that an everyday paragraph holds the token (SUBTLEX-US, jieba): low means specific. */
  everydayShare(token: string): number;
  /** Whether everyday language has the token at all: a word neither it nor the notes know is likely a typo. */
  isEverydayWord(token: string): boolean;
  /** Whether everyday language has the word as typed (not stemmed): a misspelling may stem like a real word. */
  isEverydaySpelling(word: string): boolean;
  /** Whether the notes use the token far more than everyday language does. */
  isTopical(token: string): boolean;
  /** The best BM25 hits for the (possibly feature-stripped) query groups, best first. */
  keywordHits(groups: QueryGroup[], limit: number): KeywordHit[];
  /** Chunk ids nearest to the question by meaning, best first; null when there is no dense leg. */
  denseHits(question: string, limit: number): Promise<string[] | null>;
  chunk(id: string): ChunkWithMeta | undefined;
  /**
   * False only when two chunks surely lie in different sections, told without
   * reading them (an index may know it from their ids): a long section's parts
   * are looked for among many chunks found by meaning alone.
   */
  mayShareSection(a: string, b: string): boolean;
}
