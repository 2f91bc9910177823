import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHUNKER_VERSION } from '../notes/chunker-version.js';
import { readNote, scanNotes, type NoteStat } from '../notes/load.js';
import type { Chunk, NoteMeta } from '../notes/types.js';
import { ANALYZER_VERSION, createAnalyzer, segmentChinese, type Analyzer } from '../text/analyzer.js';
import { loadBackground } from '../text/background.js';
import { topicalTerms } from '../search/abstain.js';
import { addPair, curatedGlossary, emptyGlossary, mineGlossary } from '../text/glossary.js';
import { loadEmbedder, type Embedder } from '../search/embedder.js';
import { KeywordIndex } from '../search/keyword.js';
import { VectorIndex } from '../search/vectors.js';
import { silentLogger, type Logger } from '../log.js';
import {
  clearIndex, clearVectors, ensureDir, IndexCorruptError, readJson, readManifest, readNotesState, SCHEMA_VERSION,
  storePaths, writeJson, type FileRecord, type Manifest, type NotesState, type SkippedFile, type StorePaths,
} from './store.js';
import { writeFileAtomic } from './atomic.js';

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

/**
 * The notes of one folder, indexed for search under one data folder: chunk
 * metadata, the BM25 index and (when a model loads) the vector index, kept in
 * step with the notes by `sync()`, which re-reads only changed files and
 * re-embeds only changed chunks.
 */
export class StudyIndex {
  private state: NotesState = { files: [], skipped: [] };
  private chunksById = new Map<string, { chunk: Chunk; meta: NoteMeta }>();
  /** Vector files left on disk while their model cannot load: kept in the manifest, not used. */
  private dormantVectors: { model: string; dims: number } | null = null;
  private analyzerCache: Analyzer | null = null;

  private constructor(
    readonly notesDir: string,
    readonly paths: StorePaths,
    private keyword: KeywordIndex,
    private vectors: VectorIndex | null,
    readonly embedder: Embedder | null,
    private readonly logger: Logger,
    private readonly onProgress: (p: Progress) => void,
    private readonly baseAnalyzer: Analyzer,
  ) {}

  /**
   * Opens the index in `dataDir`, loading what is on disk. A missing,
   * corrupt or outdated index is not an error: it is cleared with a message
   * and the next `sync()` rebuilds it.
   */
  static async open(options: StudyIndexOptions): Promise<StudyIndex> {
    const logger = options.logger ?? silentLogger;
    const notesDir = path.resolve(options.notesDir);
    const paths = storePaths(path.resolve(options.dataDir));
    ensureDir(paths.dataDir);
    const embedder = await tryLoadEmbedder(options.embeddingModel, paths.models, logger);
    // Tokenising never uses the glossary, so one analyzer can load the keyword index.
    const analyzer = createAnalyzer(emptyGlossary());
    const index = new StudyIndex(
      notesDir, paths, KeywordIndex.empty(analyzer), null, embedder, logger, options.onProgress ?? (() => {}), analyzer,
    );
    index.loadFromDisk(analyzer);
    return index;
  }

  private loadFromDisk(analyzer: Analyzer): void {
    const { paths } = this;
    let manifest: Manifest | null;
    try {
      manifest = readManifest(paths);
      if (!manifest) return;
      const outdated =
        manifest.schemaVersion !== SCHEMA_VERSION ? 'index format changed'
          : manifest.chunkerVersion !== CHUNKER_VERSION ? 'chunker changed'
            : manifest.analyzerVersion !== ANALYZER_VERSION ? 'analyzer changed'
              : manifest.notesDir !== this.notesDir ? `it was built from ${manifest.notesDir}` : null;
      if (outdated) {
        this.logger.info(`Rebuilding the index in ${paths.dataDir}: ${outdated}.`);
        clearIndex(paths);
        return;
      }
      const state = readNotesState(paths);
      const keyword = KeywordIndex.fromData(readJson<unknown>(paths.keyword), analyzer);
      const chunkCount = state.files.reduce((n, f) => n + f.chunks.length, 0);
      if (keyword.size !== chunkCount) throw new IndexCorruptError(`keyword index has ${keyword.size} chunks, metadata ${chunkCount}`);
      this.state = state;
      this.keyword = keyword;
      this.reindexChunks();
    } catch (err) {
      // Whatever is wrong with the files, they are only a cache of the notes: rebuild.
      this.logger.warn(`The index in ${paths.dataDir} is damaged (${(err as Error).message}); rebuilding it.`);
      clearIndex(paths);
      this.state = { files: [], skipped: [] };
      this.keyword = KeywordIndex.empty(analyzer);
      return;
    }
    this.loadVectors(manifest);
  }

  private loadVectors(manifest: Manifest): void {
    const { paths, embedder } = this;
    if (!manifest.model || !manifest.dims || !existsSync(paths.vectors)) return;
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
    const rebuilt = this.state.files.length === 0 && this.state.skipped.length === 0;
    const scan = await scanNotes(this.notesDir);
    const oldByFile = new Map(this.state.files.map((f) => [f.file, f]));
    const oldSkipped = new Map(this.state.skipped.map((s) => [s.file, s]));
    const kept = new Map<string, FileRecord | SkippedFile>();
    const toRead = scan.filter((stat) => {
      const previous = oldByFile.get(stat.file) ?? oldSkipped.get(stat.file);
      const unchanged = previous && previous.size === stat.size && previous.mtimeMs === stat.mtimeMs;
      if (unchanged) kept.set(stat.file, previous);
      return !unchanged;
    });
    let done = 0;
    for (const stat of toRead) {
      if (done % 25 === 0) this.onProgress({ phase: 'reading', done, total: toRead.length });
      done++;
      kept.set(stat.file, await this.readRecord(stat, oldByFile.get(stat.file)));
    }
    if (toRead.length) this.onProgress({ phase: 'reading', done, total: toRead.length });
    const files: FileRecord[] = [];
    const skipped: SkippedFile[] = [];
    for (const stat of scan) {
      const record = kept.get(stat.file)!;
      if ('reason' in record) skipped.push(record);
      else files.push(record);
    }

    const old = this.state;
    const recordsChanged =
      files.length !== old.files.length || files.some((f, i) => f !== old.files[i]) ||
      skipped.length !== old.skipped.length || skipped.some((s, i) => s !== old.skipped[i]);
    const { added, removed } = this.applyKeywordChanges(files);
    if (added + removed > 0 || !this.keyword.hasTopical) {
      const background = loadBackground();
      this.keyword.refreshTopical((terms) => topicalTerms(terms, this.keyword, background));
    }
    this.state = { files, skipped };
    this.reindexChunks();
    const embedded = await this.updateVectors();
    if (recordsChanged || embedded > 0 || !existsSync(this.paths.manifest)) this.save();
    return {
      files: files.length,
      chunks: this.chunksById.size,
      added,
      removed,
      embedded,
      skipped,
      rebuilt,
      ms: performance.now() - started,
    };
  }

  /** Reads and chunks one new or modified note; a note that cannot be read is skipped with a warning. */
  private async readRecord(stat: NoteStat, old: FileRecord | undefined): Promise<FileRecord | SkippedFile> {
    const read = await readNote(this.notesDir, stat.file);
    if (!read.ok) {
      this.logger.warn(`Skipping ${read.file}: ${read.reason}.`);
      return { file: stat.file, size: stat.size, mtimeMs: stat.mtimeMs, reason: read.reason };
    }
    const sha1 = createHash('sha1').update(read.note.text).digest('hex');
    // Touched but not edited: keep the record (and its chunks) as they are.
    if (old && old.sha1 === sha1) return { ...old, size: stat.size, mtimeMs: stat.mtimeMs };
    try {
      // Loaded on first use: the Markdown parser is ~0.15 s of start-up a no-change sync does not need.
      const { chunkNote } = await import('../notes/chunk.js');
      const parsed = chunkNote(read.note);
      const pairs = minedPairs(parsed.meta, read.note.text);
      return { file: stat.file, size: stat.size, mtimeMs: stat.mtimeMs, sha1, meta: parsed.meta, chunks: parsed.chunks, pairs };
    } catch (err) {
      const reason = `could not be parsed (${(err as Error).message})`;
      this.logger.warn(`Skipping ${stat.file}: ${reason}.`);
      return { file: stat.file, size: stat.size, mtimeMs: stat.mtimeMs, reason };
    }
  }

  /** Updates BM25 for chunks that appeared or disappeared, and for notes whose names changed. */
  private applyKeywordChanges(files: FileRecord[]): { added: number; removed: number } {
    const before = new Map<string, { chunk: Chunk; meta: NoteMeta }>(this.chunksById);
    const after = new Map<string, { chunk: Chunk; meta: NoteMeta }>();
    for (const f of files) for (const chunk of f.chunks) after.set(chunk.id, { chunk, meta: f.meta });
    let added = 0;
    let removed = 0;
    for (const [id, old] of before) {
      const next = after.get(id);
      if (!next || !sameNames(old.meta, next.meta)) {
        this.keyword.remove(old.chunk, old.meta);
        if (!next) removed++;
      }
    }
    for (const [id, next] of after) {
      const old = before.get(id);
      if (!old || !sameNames(old.meta, next.meta)) {
        this.keyword.add(next.chunk, next.meta);
        if (!old) added++;
      }
    }
    return { added, removed };
  }

  /** Embeds chunks the vector index lacks and drops those that are gone. */
  private async updateVectors(): Promise<number> {
    const { embedder } = this;
    if (!embedder) return 0;
    if (!this.vectors) this.vectors = VectorIndex.create(embedder.dims, this.chunksById.size + 16);
    const vectors = this.vectors;
    const missing = [...this.chunksById.values()].filter(({ chunk }) => !vectors.has(chunk.id));
    for (const id of vectorIds(vectors, this.chunksById)) vectors.remove(id);
    const batch = 64;
    for (let i = 0; i < missing.length; i += batch) {
      const slice = missing.slice(i, i + batch);
      const embedded = await embedder.embed(slice.map(({ chunk }) => passageText(chunk)), 'passage');
      slice.forEach(({ chunk }, j) => vectors.add(chunk.id, embedded[j]!));
      this.onProgress({ phase: 'embedding', done: Math.min(i + batch, missing.length), total: missing.length });
    }
    // Deleted points still cost memory and search time; compact when they pile up.
    if (vectors.wasted > 1000 && vectors.wasted > vectors.size / 4) this.vectors = vectors.compacted();
    return missing.length;
  }

  private reindexChunks(): void {
    this.chunksById = new Map();
    for (const f of this.state.files) for (const chunk of f.chunks) this.chunksById.set(chunk.id, { chunk, meta: f.meta });
    this.analyzerCache = null;
  }

  private save(): void {
    const { paths } = this;
    writeJson(paths.notes, this.state);
    writeFileAtomic(paths.keyword, this.keyword.toJSON());
    if (this.vectors) this.vectors.save(paths.vectors, paths.vectorLabels);
    const manifest: Manifest = {
      schemaVersion: SCHEMA_VERSION,
      chunkerVersion: CHUNKER_VERSION,
      analyzerVersion: ANALYZER_VERSION,
      notesDir: this.notesDir,
      model: this.vectors ? this.embedder!.model : (this.dormantVectors?.model ?? null),
      dims: this.vectors ? this.vectors.dims : (this.dormantVectors?.dims ?? null),
      files: this.state.files.length,
      chunks: this.chunksById.size,
      updatedAt: new Date().toISOString(),
    };
    // The manifest goes last: it is what marks the other files as a complete index.
    writeJson(paths.manifest, manifest);
  }

  /** The analyzer with the glossary of these notes, built on first use after each change. */
  get analyzer(): Analyzer {
    if (!this.analyzerCache) {
      const glossary = curatedGlossary();
      for (const f of this.state.files) for (const [en, zh] of f.pairs) addPair(glossary, en, zh);
      this.analyzerCache = createAnalyzer(glossary);
    }
    return this.analyzerCache;
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
    return this.chunksById.get(id);
  }

  get chunkCount(): number {
    return this.chunksById.size;
  }

  get notes(): ReadonlyArray<FileRecord> {
    return this.state.files;
  }

  get skipped(): ReadonlyArray<SkippedFile> {
    return this.state.skipped;
  }
}

/** What the dense leg embeds for a chunk: its place in the note gives the text its topic. */
export function passageText(chunk: Chunk): string {
  return `${chunk.headingPath.join(' > ')}\n${chunk.text}`;
}

function minedPairs(meta: NoteMeta, text: string): Array<[string, string]> {
  const glossary = mineGlossary(emptyGlossary(), [{ meta, text }], segmentChinese);
  const pairs: Array<[string, string]> = [];
  for (const [en, zhs] of glossary.englishToChinese) for (const zh of zhs) pairs.push([en, zh]);
  return pairs;
}

function sameNames(a: NoteMeta, b: NoteMeta): boolean {
  return a.title === b.title && a.aliases.join('\u0000') === b.aliases.join('\u0000');
}

function vectorIds(vectors: VectorIndex, live: Map<string, unknown>): string[] {
  return vectors.ids().filter((id) => !live.has(id));
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
