import path from 'node:path';
import type { ChunkWithMeta } from '../notes/types.js';
import { checkNotesDir, DEFAULT_NOTE_LIMITS, type NoteLimits } from '../notes/load.js';
import type { QueryGroup } from '../text/analyzer.js';
import type { SpellingVocabulary } from '../text/spelling.js';
import { silentLogger, type Logger } from '../log.js';
import { realDisk, type IndexDisk } from './disk.js';
import type { Embedder } from './embedder.js';
import type { IndexUnavailableError } from './faults.js';
import { IndexCorpus } from './index-corpus.js';
import type { KeywordHit, KeywordIndex } from './keyword.js';
import { LiveIndex } from './live-index.js';
import { NoteRecords, type ListedNote } from './note-records.js';
import { storePaths, type FileRecord, type GlossaryPair, type SkippedFile, type StorePaths } from './store.js';
import type { Progress } from './sync.js';
import { syncIndex, type SyncOptions, type SyncReport, type SyncSubject } from './sync-run.js';
import type { VectorIndex } from './vectors.js';

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

export type { SyncOptions, SyncReport } from './sync-run.js';
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
 *
 * The work is done by its parts: the open files, followed across processes
 * and healed (live-index.ts); a sync and its recovery (sync-run.ts); the
 * Corpus reads (index-corpus.ts); the note file records (note-records.ts).
 */
export class StudyIndex {
  private records = new NoteRecords([], []);
  private readonly corpus: IndexCorpus;
  private readonly syncing: SyncSubject;
  private notesChanges = 0;

  private constructor(
    private readonly live: LiveIndex,
    settings: { limits: NoteLimits; logger: Logger; onProgress: (progress: Progress) => void },
  ) {
    this.corpus = new IndexCorpus(live, (file) => this.records.meta(file));
    this.syncing = {
      live,
      ...settings,
      records: () => this.records,
      reloadRecords: () => this.loadFiles(),
      reloadIfChanged: () => this.reloadIfChanged(),
      countNotesChange: () => {
        this.notesChanges++;
      },
    };
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
      const limits: NoteLimits = {
        maxBytes: options.maxNoteBytes ?? DEFAULT_NOTE_LIMITS.maxBytes,
        maxNesting: options.maxNoteNesting ?? DEFAULT_NOTE_LIMITS.maxNesting,
      };
      const index = new StudyIndex(live, { limits, logger, onProgress: options.onProgress ?? (() => {}) });
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

  private loadFiles(): void {
    this.records = NoteRecords.read(this.live.store);
    this.corpus.forgetVocabulary();
  }

  /**
   * Picks up a change another process made to the index (`studybot index` run
   * on the bot's DATA_DIR): one stat and one PRAGMA when nothing changed.
   * Returns whether it reloaded.
   */
  reloadIfChanged(): boolean {
    if (!this.live.reloadIfChanged()) return false;
    this.live.guard(() => this.loadFiles());
    this.notesChanges++;
    return true;
  }

  /** Brings the index in line with the notes folder. Cheap when nothing changed. */
  sync(options: SyncOptions = {}): Promise<SyncReport> {
    return syncIndex(this.syncing, options);
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

  textTokens(found: ChunkWithMeta): Set<string> {
    return this.corpus.textTokens(found);
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

  isEverydaySpelling(word: string): boolean {
    return this.corpus.isEverydaySpelling(word);
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

  mayShareSection(a: string, b: string): boolean {
    return this.corpus.mayShareSection(a, b);
  }

  // --- Notes, for lists, quizzes and daily posts ------------------------------------------

  /** File and title of every indexed note, in path order, from the file records alone: no chunk is read. */
  noteList(): ListedNote[] {
    return this.records.list();
  }

  /** Every indexed note with its chunks, read from the store on first use after each change. */
  get notes(): ReadonlyArray<FileRecord> {
    return this.records.notes(() => this.live.guard(() => this.live.store.allChunks()));
  }

  /** Every distinct English ↔ Chinese pair mined from the notes, as stored at sync. */
  glossaryPairs(): GlossaryPair[] {
    return this.live.guard(() => this.live.store.glossaryPairs());
  }

  get skipped(): ReadonlyArray<SkippedFile> {
    return this.records.skipped;
  }

  get chunkCount(): number {
    return this.live.keyword.size;
  }

  // --- The parts, for measuring and tests (search goes through the Corpus above) ----------

  get embedder(): Embedder | null {
    return this.live.dense.embedder;
  }

  get keywordIndex(): KeywordIndex {
    return this.live.keyword;
  }

  get vectorIndex(): VectorIndex | null {
    return this.live.dense.index;
  }
}
