import path from 'node:path';
import type { ChunkWithMeta } from '../notes/types.js';
import { checkNotesDir, DEFAULT_NOTE_LIMITS, type NoteLimits } from '../notes/load.js';
import type { QueryGroup } from '../text/analyzer.js';
import { silentLogger, type Logger } from '../log.js';
import type { DenseLeg } from './dense-leg.js';
import { realDisk, type IndexDisk } from './disk.js';
import type { Embedder } from './embedder.js';
import { faultOf, unavailable, type IndexUnavailableError } from './faults.js';
import { IndexCorpus } from './index-corpus.js';
import type { KeywordHit, KeywordIndex } from './keyword.js';
import { LiveIndex } from './live-index.js';
import { NoteRecords, type ListedNote } from './note-records.js';
import { storePaths, type FileRecord, type GlossaryPair, type IndexStore, type SkippedFile, type StorePaths } from './store.js';
import { applyChanges, readChanges, type Progress, type SyncTarget } from './sync.js';
import type { VectorIndex } from './vectors.js';
import type { SpellingVocabulary } from '../text/spelling.js';

export interface StudyIndexOptions {
  notesDir: string;
  dataDir: string;
  /** Hub id or local folder; null turns the dense leg off on purpose. */
  embeddingModel: string | null;
  logger?: Logger;
  onProgress?: (progress: Progress) => void;
  /** Notes larger than this are skipped with a warning (default 2 MB; MAX_NOTE_MB). */
  maxNoteBytes?: number;
  /** Notes nesting lists or quotes deeper than this are skipped with a warning (default 64). */
  maxNoteNesting?: number;
  /** Replace the index in `dataDir` even when it was built from another notes folder (`--rebuild`). */
  rebuild?: boolean;
  /** Try the embedding model even if it failed to load less than a day ago (`studybot index`). */
  retryModel?: boolean;
  /** Fault injection for tests: replaces the disk operations whose failures the index survives. */
  disk?: Partial<IndexDisk>;
}

export interface SyncOptions {
  /** Try the embedding model again if it is not loaded (/reindex). */
  retryModel?: boolean;
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

export type { ListedNote } from './note-records.js';

/**
 * The notes of one folder, indexed for search under one data folder: file
 * records, chunks and the BM25 index in one SQLite file, and (when a model
 * loads) the vector index beside it, kept in step with the notes by `sync()`,
 * which re-reads only changed files and re-embeds only changed chunks.
 *
 * It heals itself: damaged files are rebuilt, a full or read-only disk keeps
 * them (answering from a current index), and a change made by another
 * process (`studybot index` while the bot runs) is picked up before the next
 * answer.
 *
 * Its public methods from `analyzeQuery` to `chunk` are the Corpus that
 * search/ask() reads (search/corpus.ts). The match is structural, checked at
 * every `ask(index, …)`, so neither folder imports the other.
 */
export class StudyIndex {
  private records = new NoteRecords([], []);
  private readonly corpus: IndexCorpus;
  private notesChanges = 0;

  private constructor(
    private readonly live: LiveIndex,
    private readonly noteLimits: NoteLimits,
    private readonly logger: Logger,
    private readonly onProgress: (p: Progress) => void,
  ) {
    this.corpus = new IndexCorpus(live, (file) => this.records.meta(file));
  }

  /**
   * Opens the index in `dataDir`. A missing, corrupt or outdated index is not
   * an error: it is cleared with a message and the next `sync()` rebuilds it.
   * Refused before anything is touched: a notes folder that does not exist
   * (NotesDirError), a data folder holding another notes folder's index
   * (OtherNotesError) or files StudyBot did not write (ForeignDataDirError).
   */
  static async open(options: StudyIndexOptions): Promise<StudyIndex> {
    const logger = options.logger ?? silentLogger;
    const notesDir = path.resolve(options.notesDir);
    await checkNotesDir(notesDir);
    const live = await LiveIndex.open({
      notesDir,
      paths: storePaths(path.resolve(options.dataDir)),
      embeddingModel: options.embeddingModel,
      rebuild: options.rebuild ?? false,
      retryModel: options.retryModel,
      disk: { ...realDisk, ...options.disk },
      logger,
    });
    try {
      const noteLimits: NoteLimits = {
        maxBytes: options.maxNoteBytes ?? DEFAULT_NOTE_LIMITS.maxBytes,
        maxNesting: options.maxNoteNesting ?? DEFAULT_NOTE_LIMITS.maxNesting,
      };
      const index = new StudyIndex(live, noteLimits, logger, options.onProgress ?? (() => {}));
      index.loadFiles();
      return index;
    } catch (err) {
      live.store.close();
      throw err;
    }
  }

  /** The notes folder the index holds. */
  get notesDir(): string {
    return this.live.notesDir;
  }

  get paths(): StorePaths {
    return this.live.paths;
  }

  /** Set when DATA_DIR cannot be written: the index is used as it is. */
  get readOnly(): IndexUnavailableError | null {
    return this.live.readOnly;
  }

  close(): void {
    this.live.close();
  }

  private get store(): IndexStore {
    return this.live.store;
  }

  private get keyword(): KeywordIndex {
    return this.live.keyword;
  }

  private get dense(): DenseLeg {
    return this.live.dense;
  }

  private loadFiles(): void {
    const { indexed, skipped } = this.store.files();
    this.records = new NoteRecords(indexed, skipped);
    this.corpus.forgetVocabulary();
  }

  /**
   * Picks up a change another process made to the index (`studybot index` run
   * on the bot's DATA_DIR): one stat and one PRAGMA when nothing changed.
   * Returns whether it reloaded.
   */
  reloadIfChanged(): boolean {
    if (!this.live.reloadIfChanged()) return false;
    this.guard(() => this.loadFiles());
    this.notesChanges++;
    return true;
  }

  /** Brings the index in line with the notes folder. Cheap when nothing changed. */
  async sync(options: SyncOptions = {}): Promise<SyncReport> {
    this.reloadIfChanged();
    if (options.retryModel) await this.live.retryModel();
    if (this.live.damaged) this.reopenRebuilt();
    try {
      return await this.syncOnce();
    } catch (err) {
      this.forgetUncommitted();
      if (faultOf(err) !== 'corrupt') throw this.live.keepIndexAfter(err);
      this.live.noteDamage(err);
      this.reopenRebuilt();
      return await this.syncOnce();
    }
  }

  /** After a failed sync: what was counted or cached in memory during the rolled-back transaction is re-read. */
  private forgetUncommitted(): void {
    if (!this.store.db.open) return;
    try {
      this.keyword.refresh();
      this.loadFiles();
    } catch {
      // The database itself is failing; the caller reports why.
    }
  }

  private reopenRebuilt(): void {
    this.live.reopenRebuilt();
    this.loadFiles();
  }

  private async syncOnce(): Promise<SyncReport> {
    const started = performance.now();
    const rebuilt = this.records.isEmpty;
    const target: SyncTarget = {
      notesDir: this.notesDir,
      store: this.store,
      keyword: this.keyword,
      tokenize: (text) => this.tokenize(text),
      logger: this.logger,
      onProgress: this.onProgress,
      limits: this.noteLimits,
    };
    const changes = await readChanges(target, this.records);
    const changed = changes.outcomes.length > 0 || changes.gone.length > 0;
    let counts = { added: 0, removed: 0 };
    if (changed || !this.store.readManifest()) {
      if (this.readOnly) throw unavailable(this.readOnly.fault, this.paths.dataDir, 'update the index to the changed notes');
      counts = this.store.transaction(() => {
        const applied = applyChanges(target, changes);
        this.live.writeManifest();
        return applied;
      });
      this.loadFiles();
      // A touched but unedited note changes its record's mtime, not what the notes say.
      if (changes.gone.length > 0 || changes.outcomes.some((o) => o.kind !== 'touched')) this.notesChanges++;
    }
    // A read-only index answers with the vectors it has; chunks they lack are found by keywords alone.
    const { embedded, saved } = this.readOnly ? { embedded: 0, saved: false } : await this.dense.update(this.store, this.onProgress);
    if (saved) {
      // The manifest naming the new vector generation is the commit: until then the previous pair is current.
      this.live.writeManifest();
      this.dense.pruneOld();
    }
    return {
      files: this.records.indexed.length,
      chunks: this.keyword.size,
      ...counts,
      embedded,
      skipped: this.records.skipped,
      rebuilt,
      ms: performance.now() - started,
    };
  }

  private guard<T>(read: () => T): T {
    return this.live.guard(read);
  }

  /**
   * Counts the syncs that changed what the indexed notes say (a note added,
   * edited, removed or skipped): whatever was derived from `notes` is current
   * while it stays the same.
   */
  get generation(): number {
    return this.notesChanges;
  }

  // --- The Corpus that search/ask() reads (index-corpus.ts) ------------------------------

  analyzeQuery(question: string): QueryGroup[] {
    // The first call of every ask(): the cheap place to notice another process's re-index.
    this.reloadIfChanged();
    return this.corpus.analyzeQuery(question);
  }

  tokenize(text: string): string[] {
    return this.corpus.tokenize(text);
  }

  sectionTokens(found: ChunkWithMeta): Set<string> {
    return this.corpus.sectionTokens(found);
  }

  ownHeadingTokens(headingPath: readonly string[]): Set<string> {
    return this.corpus.ownHeadingTokens(headingPath);
  }

  idf(token: string): number {
    return this.corpus.idf(token);
  }

  sectionsWith(token: string): number {
    return this.corpus.sectionsWith(token);
  }

  spellingVocabulary(): SpellingVocabulary {
    return this.corpus.spellingVocabulary();
  }

  everydayShare(token: string): number {
    return this.corpus.everydayShare(token);
  }

  isEverydayWord(token: string): boolean {
    return this.corpus.isEverydayWord(token);
  }

  isTopical(token: string): boolean {
    return this.corpus.isTopical(token);
  }

  keywordHits(groups: QueryGroup[], limit: number): KeywordHit[] {
    return this.corpus.keywordHits(groups, limit);
  }

  denseHits(question: string, limit: number): Promise<string[] | null> {
    return this.corpus.denseHits(question, limit);
  }

  chunk(id: string): ChunkWithMeta | undefined {
    return this.corpus.chunk(id);
  }

  // --- Notes, for lists, quizzes and daily posts ------------------------------------------

  /** File and title of every indexed note, in path order, from the file records alone: no chunk is read. */
  noteList(): ListedNote[] {
    return this.records.list();
  }

  /** Every indexed note with its chunks, read from the store on first use after each change. */
  get notes(): ReadonlyArray<FileRecord> {
    return this.records.notes(() => this.guard(() => this.store.allChunks()));
  }

  /** Every distinct English ↔ Chinese pair mined from the notes, as stored at sync. */
  glossaryPairs(): GlossaryPair[] {
    return this.guard(() => this.store.glossaryPairs());
  }

  get skipped(): ReadonlyArray<SkippedFile> {
    return this.records.skipped;
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
