import path from 'node:path';
import type { Chunk, ChunkWithMeta, NoteMeta } from '../notes/types.js';
import { createAnalyzer, type Analyzer, type QueryGroup } from '../text/analyzer.js';
import { emptyGlossary } from '../text/glossary.js';
import { silentLogger, type Logger } from '../log.js';
import { DenseLeg, tryLoadEmbedder } from './dense-leg.js';
import type { Embedder } from './embedder.js';
import type { KeywordHit, KeywordIndex } from './keyword.js';
import { currentManifest, openStore } from './open-store.js';
import { storePaths, type FileInfo, type FileRecord, type GlossaryPair, type IndexStore, type SkippedFile, type StorePaths } from './store.js';
import { applyChanges, readChanges, type Progress, type SyncTarget } from './sync.js';
import type { VectorIndex } from './vectors.js';
import { loadBackground, type Background } from '../text/background.js';
import type { SpellingVocabulary } from '../text/spelling.js';
import { glossaryEnglish, queryAnalyzer, spellingVocabulary } from './vocabulary.js';

export interface StudyIndexOptions {
  notesDir: string;
  dataDir: string;
  /** Hub id or local folder; null turns the dense leg off on purpose. */
  embeddingModel: string | null;
  logger?: Logger;
  onProgress?: (progress: Progress) => void;
}

export interface SyncReport {
  files: number;
  chunks: number;
  /** Chunks new to the index in this sync (an edited section is removed and added). */
  added: number;
  removed: number;
  embedded: number;
  skipped: SkippedFile[];
  /** True when the whole index was built from scratch. */
  rebuilt: boolean;
  ms: number;
}

/** A note as lists of notes show it. */
export interface ListedNote {
  file: string;
  title: string;
}

/**
 * The notes of one folder, indexed for search under one data folder: file
 * records, chunks and the BM25 index in one SQLite file, and (when a model
 * loads) the vector index beside it, kept in step with the notes by `sync()`,
 * which re-reads only changed files and re-embeds only changed chunks.
 *
 * Its public methods from `analyzeQuery` to `chunk` are the Corpus that
 * search/ask() reads (search/corpus.ts). The match is structural, checked at
 * every `ask(index, …)`, so neither folder imports the other.
 */
export class StudyIndex {
  private files: FileInfo[] = [];
  private skippedFiles: SkippedFile[] = [];
  private metaByFile = new Map<string, NoteMeta>();
  private notesCache: FileRecord[] | null = null;
  private queryAnalyzerCache: Analyzer | null = null;
  private spellingCache: SpellingVocabulary | null = null;
  /** Everyday-language frequencies, loaded on the first question that needs them (~0.5 s, once per process). */
  private backgroundCache: Background | null = null;
  private notesChanges = 0;

  private constructor(
    readonly notesDir: string,
    readonly paths: StorePaths,
    private readonly store: IndexStore,
    private readonly keyword: KeywordIndex,
    private readonly dense: DenseLeg,
    /** Cuts note text into index tokens; it knows no glossary, which only questions need. */
    private readonly indexAnalyzer: Analyzer,
    private readonly logger: Logger,
    private readonly onProgress: (p: Progress) => void,
  ) {}

  /**
   * Opens the index in `dataDir`. A missing, corrupt or outdated index is not
   * an error: it is cleared with a message and the next `sync()` rebuilds it.
   */
  static async open(options: StudyIndexOptions): Promise<StudyIndex> {
    const logger = options.logger ?? silentLogger;
    const notesDir = path.resolve(options.notesDir);
    const paths = storePaths(path.resolve(options.dataDir));
    const embedder = await tryLoadEmbedder(options.embeddingModel, paths.models, logger);
    const indexAnalyzer = createAnalyzer(emptyGlossary());
    const { store, keyword, manifest } = openStore(paths, notesDir, indexAnalyzer, logger);
    const dense = DenseLeg.open(paths, manifest, embedder, logger);
    const index = new StudyIndex(notesDir, paths, store, keyword, dense, indexAnalyzer, logger, options.onProgress ?? (() => {}));
    index.loadFiles();
    return index;
  }

  close(): void {
    this.store.close();
  }

  private loadFiles(): void {
    const { indexed, skipped } = this.store.files();
    this.files = indexed;
    this.skippedFiles = skipped;
    this.metaByFile = new Map(indexed.map((f) => [f.file, f.meta]));
    this.notesCache = null;
    this.queryAnalyzerCache = null;
    this.spellingCache = null;
  }

  /** Brings the index in line with the notes folder. Cheap when nothing changed. */
  async sync(): Promise<SyncReport> {
    const started = performance.now();
    const rebuilt = this.files.length === 0 && this.skippedFiles.length === 0;
    const target: SyncTarget = {
      notesDir: this.notesDir,
      store: this.store,
      keyword: this.keyword,
      tokenize: (text) => this.tokenize(text),
      logger: this.logger,
      onProgress: this.onProgress,
    };
    const changes = await readChanges(target, { indexed: this.files, skipped: this.skippedFiles });
    const changed = changes.outcomes.length > 0 || changes.gone.length > 0;
    let counts = { added: 0, removed: 0 };
    if (changed || !this.store.readManifest()) {
      counts = this.store.transaction(() => {
        const applied = applyChanges(target, changes);
        this.writeManifest();
        return applied;
      });
      this.loadFiles();
      // A touched but unedited note changes its record's mtime, not what the notes say.
      if (changes.gone.length > 0 || changes.outcomes.some((o) => o.kind !== 'touched')) this.notesChanges++;
    }
    const { embedded, saved } = await this.dense.update(this.store, this.onProgress);
    // The manifest names the model last: it is what marks the vector files as complete.
    if (saved) this.writeManifest();
    return {
      files: this.files.length,
      chunks: this.keyword.size,
      ...counts,
      embedded,
      skipped: this.skippedFiles,
      rebuilt,
      ms: performance.now() - started,
    };
  }

  private writeManifest(): void {
    this.store.writeManifest(currentManifest(this.notesDir, this.dense.model));
  }

  /**
   * Counts the syncs that changed what the indexed notes say (a note added,
   * edited, removed or skipped): whatever was derived from `notes` is current
   * while it stays the same.
   */
  get generation(): number {
    return this.notesChanges;
  }

  // --- The Corpus that search/ask() reads -------------------------------------------------

  analyzeQuery(question: string): QueryGroup[] {
    // Built on first use after each change: the glossary grows with the notes' own pairs.
    this.queryAnalyzerCache ??= queryAnalyzer(this.store.glossaryPairs(), this.keyword.dictionary());
    return this.queryAnalyzerCache.analyzeQuery(question);
  }

  tokenize(text: string): string[] {
    return this.indexAnalyzer.tokenize(text);
  }

  sectionTokens({ chunk, meta }: ChunkWithMeta): Set<string> {
    return new Set(this.tokenize(`${chunk.headingPath.join(' ')} ${meta.title} ${meta.aliases.join(' ')} ${chunk.text}`));
  }

  /**
   * A section titled "Focal Loss 的定义" is about focal loss in a way the
   * note's intro, which only shares the note title, is not.
   */
  ownHeadingTokens(headingPath: readonly string[]): Set<string> {
    return new Set(headingPath.length > 1 ? this.tokenize(headingPath[headingPath.length - 1]!) : []);
  }

  idf(token: string): number {
    return this.keyword.idf(token);
  }

  sectionsWith(token: string): number {
    return this.keyword.sectionsWith(token);
  }

  /** Built on first use after each change, from the index's vocabulary and the glossary. */
  spellingVocabulary(): SpellingVocabulary {
    this.spellingCache ??= spellingVocabulary(this.keyword.documentFrequencies(), glossaryEnglish(this.store.glossaryPairs()));
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

  isTopical(token: string): boolean {
    return this.keyword.isTopical(token);
  }

  keywordHits(groups: QueryGroup[], limit: number): KeywordHit[] {
    return this.keyword.query(groups, limit);
  }

  denseHits(question: string, limit: number): Promise<string[] | null> {
    return this.dense.search(question, limit);
  }

  chunk(id: string): ChunkWithMeta | undefined {
    const chunk = this.store.chunk(id);
    const meta = chunk && this.metaByFile.get(chunk.file);
    return chunk && meta ? { chunk, meta } : undefined;
  }

  // --- Notes, for lists, quizzes and daily posts ------------------------------------------

  /** File and title of every indexed note, in path order, from the file records alone: no chunk is read. */
  noteList(): ListedNote[] {
    return this.files.map((f) => ({ file: f.file, title: f.meta.title }));
  }

  /** Every indexed note with its chunks, read from the store on first use after each change. */
  get notes(): ReadonlyArray<FileRecord> {
    if (!this.notesCache) {
      const byFile = new Map<string, Chunk[]>();
      for (const chunk of this.store.allChunks()) {
        const list = byFile.get(chunk.file) ?? [];
        list.push(chunk);
        byFile.set(chunk.file, list);
      }
      this.notesCache = this.files.map((f) => ({ ...f, chunks: byFile.get(f.file) ?? [] }));
    }
    return this.notesCache;
  }

  /** Every distinct English ↔ Chinese pair mined from the notes, as stored at sync. */
  glossaryPairs(): GlossaryPair[] {
    return this.store.glossaryPairs();
  }

  get skipped(): ReadonlyArray<SkippedFile> {
    return this.skippedFiles;
  }

  get chunkCount(): number {
    return this.keyword.size;
  }

  // --- The parts, for measuring and tests (search goes through the Corpus above) ----------

  get embedder(): Embedder | null {
    return this.dense.embedder;
  }

  get keywordIndex(): KeywordIndex {
    return this.keyword;
  }

  get vectorIndex(): VectorIndex | null {
    return this.dense.index;
  }
}
