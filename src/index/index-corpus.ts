import { sectionHashOf } from '../notes/chunk.js';
import type { ChunkWithMeta, NoteMeta } from '../notes/types.js';
import { headingPathWords, headingWords } from '../notes/section.js';
import type { Analyzer, QueryGroup } from '../text/analyzer.js';
import { loadBackground, type Background } from '../text/background.js';
import type { SpellingVocabulary } from '../text/spelling.js';
import type { KeywordHit } from './keyword.js';
import type { LiveIndex } from './live-index.js';
import { glossaryChinese, glossaryEnglish, queryAnalyzer, spellingVocabulary } from './vocabulary.js';

/** Texts up to this long are remembered once cut into words: headings and sentences, not whole sections. */
const MEMO_MAX_CHARS = 200;
/** Enough for every heading of a 10k-section vault; past it the memo starts over rather than grow. */
const MEMO_MAX_ENTRIES = 50_000;

/**
 * The reads that search/ask() makes of an index (the Corpus of
 * search/corpus.ts), over the live files. The match is structural, so
 * neither folder imports the other. What it derives from the index's
 * vocabulary is built on first use and forgotten whenever the index changes.
 */
export class IndexCorpus {
  private queryAnalyzerCache: Analyzer | null = null;
  private spellingCache: SpellingVocabulary | null = null;
  /** Everyday-language frequencies, loaded on the first question that needs them (~0.5 s, once per process). */
  private backgroundCache: Background | null = null;
  /**
   * Headings, titles and sentences already cut into words: every question reads the headings of its fifty
   * candidates, and jieba is most of what that costs. The index's analyzer never changes, so neither do they.
   */
  private readonly tokenMemo = new Map<string, readonly string[]>();

  constructor(
    private readonly live: LiveIndex,
    /** The front matter of an indexed note, as the current file records hold it. */
    private readonly metaOf: (file: string) => NoteMeta | undefined,
  ) {}

  /** The index changed: the query analyzer and spelling vocabulary are built again on first use. */
  forgetVocabulary(): void {
    this.queryAnalyzerCache = null;
    this.spellingCache = null;
  }

  analyzeQuery(question: string): QueryGroup[] {
    // Built on first use after each change: the glossary grows with the notes' own pairs.
    // It reads the index's vocabulary as the question is analysed, through the same guard as every read.
    this.queryAnalyzerCache ??= this.live.guard(() =>
      queryAnalyzer(this.live.store.glossaryPairs(), this.live.keyword.dictionary(), (t) => this.sectionsWith(t) > 0),
    );
    return this.queryAnalyzerCache.analyzeQuery(question);
  }

  tokenize(text: string): string[] {
    if (text.length > MEMO_MAX_CHARS) return this.live.analyzer.tokenize(text);
    let tokens = this.tokenMemo.get(text);
    if (!tokens) {
      if (this.tokenMemo.size >= MEMO_MAX_ENTRIES) this.tokenMemo.clear();
      tokens = this.live.analyzer.tokenize(text);
      this.tokenMemo.set(text, tokens);
    }
    return [...tokens];
  }

  sectionTokens({ chunk, meta }: ChunkWithMeta): Set<string> {
    // The index holds them already cut, by the same analyzer; a chunk not (or no longer) in it is cut here.
    return (
      this.live.guard(() => this.live.keyword.indexedTokens(chunk.id)) ??
      new Set(this.tokenize(`${headingPathWords(chunk.headingPath)} ${meta.title} ${meta.aliases.join(' ')} ${chunk.text}`))
    );
  }

  textTokens({ chunk }: ChunkWithMeta): Set<string> {
    return this.live.guard(() => this.live.keyword.indexedTextTokens(chunk.id)) ?? new Set(this.tokenize(chunk.text));
  }

  /**
   * A section titled "Focal Loss 的定义" is about focal loss in a way the
   * note's intro, which only shares the note title, is not.
   */
  ownHeadingTokens(headingPath: readonly string[]): Set<string> {
    return new Set(headingPath.length > 1 ? this.tokenize(headingWords(headingPath[headingPath.length - 1]!)) : []);
  }

  idf(token: string): number {
    return this.live.guard(() => this.live.keyword.idf(token));
  }

  sectionsWith(token: string): number {
    return this.live.guard(() => this.live.keyword.sectionsWith(token));
  }

  /** Built on first use after each change, from the index's vocabulary and the glossary. */
  spellingVocabulary(): SpellingVocabulary {
    this.spellingCache ??= this.live.guard(() => {
      const mined = this.live.store.glossaryPairs();
      return spellingVocabulary(
        this.live.keyword.documentFrequencies(),
        glossaryEnglish(mined),
        glossaryChinese(
          mined,
          (text) => this.tokenize(text),
          (t) => this.live.keyword.sectionsWith(t),
        ),
      );
    });
    return this.spellingCache;
  }

  everydayShare(token: string): number {
    this.backgroundCache ??= loadBackground();
    return this.backgroundCache.paragraphShare(token);
  }

  isEverydayWord(token: string): boolean {
    this.backgroundCache ??= loadBackground();
    return this.backgroundCache.knows(token);
  }

  isEverydaySpelling(word: string): boolean {
    this.backgroundCache ??= loadBackground();
    return this.backgroundCache.knowsSpelling(word);
  }

  isTopical(token: string): boolean {
    return this.live.guard(() => this.live.keyword.isTopical(token));
  }

  keywordHits(groups: QueryGroup[], limit: number): KeywordHit[] {
    return this.live.guard(() => this.live.keyword.query(groups, limit));
  }

  denseHits(question: string, limit: number): Promise<string[] | null> {
    return this.live.dense.search(question, limit);
  }

  chunk(id: string): ChunkWithMeta | undefined {
    const chunk = this.live.guard(() => this.live.store.chunk(id));
    const meta = chunk && this.metaOf(chunk.file);
    return chunk && meta ? { chunk, meta } : undefined;
  }

  /** A chunk id's first half hashes its section (notes/chunk.ts): parts share it, other sections almost never. */
  mayShareSection(a: string, b: string): boolean {
    return sectionHashOf(a) === sectionHashOf(b);
  }
}
