import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CHUNKER_VERSION } from '../notes/chunker-version.js';
import { readNote, scanNotes, type NoteStat } from '../notes/load.js';
import type { Chunk, NoteMeta } from '../notes/types.js';
import { ANALYZER_VERSION, createAnalyzer, segmentChinese, type Analyzer } from '../text/analyzer.js';
import { loadBackground } from '../text/background.js';
import { topicalTerms } from '../search/abstain.js';
import { dictionaryPairs, isDictionaryWord } from '../text/dictionary.js';
import { addPair, curatedGlossary, emptyGlossary, mineGlossary } from '../text/glossary.js';
import { loadEmbedder, type Embedder } from '../search/embedder.js';
import { KeywordIndex } from '../search/keyword.js';
import { VectorIndex } from '../search/vectors.js';
import { silentLogger, type Logger } from '../log.js';
import {
  clearVectors, hasVectorFiles, IndexCorruptError, IndexStore, SCHEMA_VERSION, storePaths,
  type FileInfo, type FileRecord, type GlossaryPair, type Manifest, type SkippedFile, type StorePaths,
} from './store.js';

export interface Progress {
  phase: 'reading' | 'embedding';
  done: number;
  total: number;
}

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

/** What reading one new or modified note produced. */
type ReadOutcome =
  | { kind: 'indexed'; info: FileInfo; chunks: Chunk[]; pairs: GlossaryPair[] }
  | { kind: 'touched'; info: FileInfo }
  | { kind: 'skipped'; skipped: SkippedFile };

/**
 * An English word found in at least one everyday paragraph in ten (SUBTLEX-US)
 * gets no dictionary guesses. A round "one in ten": 0.05 and 0.02 measured
 * within one question of it on both question sets.
 */
const EVERYDAY_SHARE = 0.1;

/** Files of the JSON index format (schema 1), removed when found. */
const LEGACY_FILES = ['manifest.json', 'notes.json', 'keyword.json'];

/**
 * The notes of one folder, indexed for search under one data folder: file
 * records, chunks and the BM25 index in one SQLite file, and (when a model
 * loads) the vector index beside it, kept in step with the notes by `sync()`,
 * which re-reads only changed files and re-embeds only changed chunks.
 */
export class StudyIndex {
  private files: FileInfo[] = [];
  private skippedFiles: SkippedFile[] = [];
  private metaByFile = new Map<string, NoteMeta>();
  private notesCache: FileRecord[] | null = null;
  private analyzerCache: Analyzer | null = null;
  private vectors: VectorIndex | null = null;
  /** Vector files left on disk while their model cannot load: kept in the manifest, not used. */
  private dormantVectors: { model: string; dims: number } | null = null;

  private constructor(
    readonly notesDir: string,
    readonly paths: StorePaths,
    private readonly store: IndexStore,
    private readonly keyword: KeywordIndex,
    readonly embedder: Embedder | null,
    private readonly logger: Logger,
    private readonly onProgress: (p: Progress) => void,
    private readonly baseAnalyzer: Analyzer,
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
    // Tokenising never uses the glossary, so one analyzer serves the keyword index.
    const analyzer = createAnalyzer(emptyGlossary());
    const { store, keyword, manifest } = openStore(paths, notesDir, analyzer, logger);
    const index = new StudyIndex(notesDir, paths, store, keyword, embedder, logger, options.onProgress ?? (() => {}), analyzer);
    index.loadFiles();
    if (manifest) index.loadVectors(manifest);
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
    this.analyzerCache = null;
  }

  private loadVectors(manifest: Manifest): void {
    const { paths, embedder } = this;
    if (!manifest.model || !manifest.dims || !hasVectorFiles(paths)) return;
    if (embedder && (embedder.model !== manifest.model || embedder.dims !== manifest.dims)) {
      this.logger.info(`Embedding model changed (${manifest.model} → ${embedder.model}); re-embedding all notes.`);
      clearVectors(paths);
      return;
    }
    if (!embedder) {
      // Keep the vectors on disk for when the model is back; they are useless without it.
      this.dormantVectors = { model: manifest.model, dims: manifest.dims };
      return;
    }
    try {
      this.vectors = VectorIndex.load(paths.vectors, paths.vectorLabels, manifest.dims);
    } catch (err) {
      this.logger.warn(`The vector index is damaged (${(err as Error).message}); re-embedding all notes.`);
      clearVectors(paths);
    }
  }

  /** Brings the index in line with the notes folder. Cheap when nothing changed. */
  async sync(): Promise<SyncReport> {
    const started = performance.now();
    const rebuilt = this.files.length === 0 && this.skippedFiles.length === 0;
    const scan = await scanNotes(this.notesDir);
    const known = new Map<string, FileInfo | SkippedFile>();
    for (const f of this.files) known.set(f.file, f);
    for (const s of this.skippedFiles) known.set(s.file, s);
    const toRead = scan.filter((stat) => {
      const previous = known.get(stat.file);
      return !(previous && previous.size === stat.size && previous.mtimeMs === stat.mtimeMs);
    });
    const seen = new Set(scan.map((s) => s.file));
    const gone = [...known.keys()].filter((file) => !seen.has(file));

    const outcomes: ReadOutcome[] = [];
    for (const [done, stat] of toRead.entries()) {
      if (done % 25 === 0) this.onProgress({ phase: 'reading', done, total: toRead.length });
      const previous = known.get(stat.file);
      outcomes.push(await this.read(stat, previous && 'sha1' in previous ? previous : undefined));
    }
    if (toRead.length) this.onProgress({ phase: 'reading', done: toRead.length, total: toRead.length });

    let added = 0;
    let removed = 0;
    const changed = toRead.length > 0 || gone.length > 0;
    if (changed || !this.store.readManifest()) {
      this.store.transaction(() => {
        for (const file of gone) {
          removed += this.dropChunks(file, new Set());
          this.store.deleteFile(file);
        }
        for (const outcome of outcomes) {
          const counts = this.apply(outcome, known.get(outcome.kind === 'skipped' ? outcome.skipped.file : outcome.info.file));
          added += counts.added;
          removed += counts.removed;
        }
        if (added + removed > 0 || !this.keyword.hasTopical) this.refreshVocabulary();
        this.writeManifest();
      });
      this.loadFiles();
    }
    const embedded = await this.updateVectors();
    return {
      files: this.files.length,
      chunks: this.keyword.size,
      added,
      removed,
      embedded,
      skipped: this.skippedFiles,
      rebuilt,
      ms: performance.now() - started,
    };
  }

  /** Reads and chunks one new or modified note; a note that cannot be read is skipped with a warning. */
  private async read(stat: NoteStat, old: FileInfo | undefined): Promise<ReadOutcome> {
    const skip = (reason: string): ReadOutcome => {
      this.logger.warn(`Skipping ${stat.file}: ${reason}.`);
      return { kind: 'skipped', skipped: { file: stat.file, size: stat.size, mtimeMs: stat.mtimeMs, reason } };
    };
    const read = await readNote(this.notesDir, stat.file);
    if (!read.ok) return skip(read.reason);
    const sha1 = createHash('sha1').update(read.note.text).digest('hex');
    // Touched but not edited: keep the record (and its chunks) as they are.
    if (old && old.sha1 === sha1) return { kind: 'touched', info: { ...old, size: stat.size, mtimeMs: stat.mtimeMs } };
    try {
      // Loaded on first use: the Markdown parser is ~0.15 s of start-up a no-change sync does not need.
      const { chunkNote } = await import('../notes/chunk.js');
      const parsed = chunkNote(read.note);
      const pairs = minedPairs(parsed.meta, read.note.text);
      return { kind: 'indexed', info: { file: stat.file, size: stat.size, mtimeMs: stat.mtimeMs, sha1, meta: parsed.meta }, chunks: parsed.chunks, pairs };
    } catch (err) {
      return skip(`could not be parsed (${(err as Error).message})`);
    }
  }

  /** Writes one read note to the store: only chunks that appeared or disappeared touch BM25. */
  private apply(outcome: ReadOutcome, previous: FileInfo | SkippedFile | undefined): { added: number; removed: number } {
    if (outcome.kind === 'skipped') {
      const removed = this.dropChunks(outcome.skipped.file, new Set());
      this.store.putSkipped(outcome.skipped);
      return { added: 0, removed };
    }
    this.store.putFile(outcome.info);
    if (outcome.kind === 'touched') return { added: 0, removed: 0 };
    const { info, chunks } = outcome;
    this.store.putPairs(info.file, outcome.pairs);
    // New names (title, aliases) are part of every chunk's BM25 document: re-add them all.
    const renamed = previous !== undefined && 'meta' in previous && !sameNames(previous.meta, info.meta);
    const oldIds = new Set(this.store.chunkIdsOf(info.file));
    const newIds = new Set(chunks.map((c) => c.id));
    const removed = this.dropChunks(info.file, newIds);
    let added = 0;
    chunks.forEach((chunk, ord) => {
      this.store.putChunk(chunk, ord);
      if (!oldIds.has(chunk.id)) added++;
      if (!oldIds.has(chunk.id) || renamed) {
        if (renamed) this.keyword.remove(chunk.id);
        this.keyword.add(chunk, info.meta);
      }
    });
    return { added, removed };
  }

  /** Removes a file's chunks that are not in `keep`; returns how many. */
  private dropChunks(file: string, keep: Set<string>): number {
    let removed = 0;
    for (const id of this.store.chunkIdsOf(file)) {
      if (keep.has(id)) continue;
      this.keyword.remove(id);
      this.store.deleteChunk(id);
      removed++;
    }
    return removed;
  }

  /**
   * What the query side derives from the vocabulary, computed here so answering
   * never loads the tables behind it: the notes' topical terms, and dictionary
   * pairs for Chinese words not looked up before (an edit rarely brings any).
   */
  private refreshVocabulary(): void {
    const df = this.keyword.documentFrequencies();
    const corpus = { sections: this.keyword.size, sectionsWith: (t: string) => df.get(t) ?? 0 };
    const background = loadBackground();
    this.keyword.setTopical(topicalTerms(df.keys(), corpus, background));
    const fresh = this.keyword.notLookedUp([...df.keys()].filter(isDictionaryWord));
    if (fresh.length === 0) return;
    // Everyday English words (even, look, take) have a dozen dictionary senses each: too many to guess from.
    const everyday = (gloss: string) => {
      const tokens = this.baseAnalyzer.tokenize(gloss);
      return tokens.length === 1 && background.paragraphShare(tokens[0]!) >= EVERYDAY_SHARE;
    };
    this.keyword.addDictionary(fresh, dictionaryPairs(fresh).filter(([english]) => !everyday(english)));
  }

  private writeManifest(): void {
    this.store.writeManifest({
      schemaVersion: SCHEMA_VERSION,
      chunkerVersion: CHUNKER_VERSION,
      analyzerVersion: ANALYZER_VERSION,
      notesDir: this.notesDir,
      model: this.vectors ? this.embedder!.model : (this.dormantVectors?.model ?? null),
      dims: this.vectors ? this.vectors.dims : (this.dormantVectors?.dims ?? null),
    });
  }

  /** Embeds chunks the vector index lacks, drops those that are gone, and saves it when it changed. */
  private async updateVectors(): Promise<number> {
    const { embedder } = this;
    if (!embedder) return 0;
    const live = this.store.allChunkIds();
    const hadVectors = this.vectors !== null;
    if (!this.vectors) this.vectors = VectorIndex.create(embedder.dims, live.length + 16);
    const vectors = this.vectors;
    const liveSet = new Set(live);
    const stale = vectors.ids().filter((id) => !liveSet.has(id));
    for (const id of stale) vectors.remove(id);
    const missing = live.filter((id) => !vectors.has(id));
    const batch = 64;
    for (let i = 0; i < missing.length; i += batch) {
      const slice = missing.slice(i, i + batch).map((id) => this.store.chunk(id)!);
      const embedded = await embedder.embed(slice.map(passageText), 'passage');
      slice.forEach((chunk, j) => vectors.add(chunk.id, embedded[j]!));
      this.onProgress({ phase: 'embedding', done: Math.min(i + batch, missing.length), total: missing.length });
    }
    if (!hadVectors || stale.length > 0 || missing.length > 0) {
      // Deleted points still cost memory and search time; compact when they pile up.
      if (vectors.wasted > 1000 && vectors.wasted > vectors.size / 4) this.vectors = vectors.compacted();
      this.vectors.save(this.paths.vectors, this.paths.vectorLabels);
      // The manifest names the model last: it is what marks the vector files as complete.
      this.writeManifest();
    }
    return missing.length;
  }

  /** The analyzer with the glossary of these notes, built on first use after each change. */
  get analyzer(): Analyzer {
    if (!this.analyzerCache) {
      const glossary = curatedGlossary();
      for (const [en, zh] of this.store.glossaryPairs()) addPair(glossary, en, zh);
      this.analyzerCache = createAnalyzer(glossary, this.keyword.dictionary());
    }
    return this.analyzerCache;
  }

  /** Every distinct English–Chinese pair mined from the notes (the concept bank reads them too). */
  get glossaryPairs(): GlossaryPair[] {
    return this.store.glossaryPairs();
  }

  get keywordIndex(): KeywordIndex {
    return this.keyword;
  }

  get vectorIndex(): VectorIndex | null {
    return this.vectors;
  }

  get tokenizer(): Analyzer {
    return this.baseAnalyzer;
  }

  chunk(id: string): { chunk: Chunk; meta: NoteMeta } | undefined {
    const chunk = this.store.chunk(id);
    const meta = chunk && this.metaByFile.get(chunk.file);
    return chunk && meta ? { chunk, meta } : undefined;
  }

  get chunkCount(): number {
    return this.keyword.size;
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

  get skipped(): ReadonlyArray<SkippedFile> {
    return this.skippedFiles;
  }
}

/**
 * Opens the store and its keyword index, clearing them (with a message) when
 * they are damaged, from an older format, or built from another notes folder.
 */
function openStore(paths: StorePaths, notesDir: string, analyzer: Analyzer, logger: Logger) {
  if (LEGACY_FILES.some((f) => existsSync(path.join(paths.dataDir, f)))) {
    logger.info(`Rebuilding the index in ${paths.dataDir}: index format changed.`);
    for (const f of LEGACY_FILES) rmSync(path.join(paths.dataDir, f), { force: true });
    clearVectors(paths);
  }
  let outdated: string | null = null;
  try {
    const store = IndexStore.open(paths);
    try {
      const manifest = store.readManifest();
      outdated =
        !manifest ? null
          : manifest.schemaVersion !== SCHEMA_VERSION ? 'index format changed'
            : manifest.chunkerVersion !== CHUNKER_VERSION ? 'chunker changed'
              : manifest.analyzerVersion !== ANALYZER_VERSION ? 'analyzer changed'
                : manifest.notesDir !== notesDir ? `it was built from ${manifest.notesDir}` : null;
      if (!outdated) {
        const keyword = new KeywordIndex(store.db, analyzer);
        const chunks = store.chunkCount;
        if (keyword.size !== chunks) throw new IndexCorruptError(`keyword index has ${keyword.size} chunks, the chunk table ${chunks}`);
        return { store, keyword, manifest };
      }
    } catch (err) {
      store.close();
      throw err;
    }
    store.close();
    logger.info(`Rebuilding the index in ${paths.dataDir}: ${outdated}.`);
  } catch (err) {
    // Whatever is wrong with the files, they are only a cache of the notes: rebuild.
    logger.warn(`The index in ${paths.dataDir} is damaged (${(err as Error).message}); rebuilding it.`);
  }
  IndexStore.remove(paths);
  const store = IndexStore.open(paths);
  return { store, keyword: new KeywordIndex(store.db, analyzer), manifest: null };
}

/** What the dense leg embeds for a chunk: its place in the note gives the text its topic. */
export function passageText(chunk: Chunk): string {
  return `${chunk.headingPath.join(' > ')}\n${chunk.text}`;
}

export function minedPairs(meta: NoteMeta, text: string): GlossaryPair[] {
  const glossary = mineGlossary(emptyGlossary(), [{ meta, text }], segmentChinese);
  const pairs: GlossaryPair[] = [];
  for (const [en, zhs] of glossary.englishToChinese) for (const zh of zhs) pairs.push([en, zh]);
  return pairs;
}

function sameNames(a: NoteMeta, b: NoteMeta): boolean {
  return a.title === b.title && a.aliases.join('\u0000') === b.aliases.join('\u0000');
}

async function tryLoadEmbedder(model: string | null, cacheDir: string, logger: Logger): Promise<Embedder | null> {
  if (!model) return null;
  try {
    return await loadEmbedder(model, { cacheDir });
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0];
    logger.warn(
      `Dense (semantic) search is off: could not load the embedding model "${model}" (${reason}). ` +
        'Keyword search still works. To enable it, run once with internet access so the model is downloaded ' +
        `and cached in ${cacheDir}, or set EMBEDDING_MODEL to a local model folder.`,
    );
    return null;
  }
}
