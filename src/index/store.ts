import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Chunk, NoteMeta } from '../notes/types.js';
import { realDisk, type IndexDisk } from './disk.js';
import { faultOf, unavailable } from './faults.js';
import { isUnchangedSinceCheck, recordCheck } from './page-check.js';

/**
 * Bump when the tables below (or the keyword index's) change: an index of another version is rebuilt.
 * 4: a regular FTS5 table (exact bm25 statistics after deletes) and vector files named by generation.
 */
export const SCHEMA_VERSION = 4;

export interface Manifest {
  schemaVersion: number;
  chunkerVersion: number;
  analyzerVersion: number;
  /** Absolute notes folder the index was built from. */
  notesDir: string;
  /** Embedding model of the vector files, or null when there are none. */
  model: string | null;
  dims: number | null;
  /** Which `vectors.<generation>.*` pair is the current one; null when there is none. */
  vectorsGeneration: number | null;
}

/** What is known about one indexed note file, enough to skip it when unchanged. */
export interface FileInfo {
  file: string;
  size: number;
  mtimeMs: number;
  sha1: string;
  meta: NoteMeta;
}

/** An English ↔ Chinese pair mined from a note's `中文（English）` patterns. */
export type GlossaryPair = [english: string, chinese: string];

/** A note with its chunks, as the bot's topic lists and quizzes read it. */
export interface FileRecord extends FileInfo {
  chunks: Chunk[];
}

export interface SkippedFile {
  file: string;
  size: number;
  mtimeMs: number;
  reason: string;
}

/**
 * The files under DATA_DIR; one place that knows their names. DATA_DIR is
 * shared (the bot's studybot.db lives there too): index recovery deletes only
 * these files, and only in a folder that holds the marker.
 */
export function storePaths(dataDir: string) {
  return {
    dataDir,
    /** Names StudyBot and the format: the proof that the files below are ours to delete. */
    marker: path.join(dataDir, '.studybot-index'),
    /** Manifest, file records, chunks and the BM25 index, in one SQLite file. */
    database: path.join(dataDir, 'index.sqlite'),
    /** Present when a query found the database damaged: the next open or sync rebuilds it. */
    damaged: path.join(dataDir, 'index.damaged'),
    /** The database file as it was when quick_check last passed: an unchanged file is not checked again. */
    checked: path.join(dataDir, 'index.checked'),
    /** The embedding model that last failed to load, and when: not retried for a day. */
    modelFailure: path.join(dataDir, 'model-failure.json'),
    models: path.join(dataDir, 'models'),
  };
}
export type StorePaths = ReturnType<typeof storePaths>;

/** The pair of vector files of one generation; the manifest names the current generation. */
export function vectorFiles(paths: StorePaths, generation: number): { index: string; labels: string } {
  return {
    index: path.join(paths.dataDir, `vectors.${generation}.hnsw`),
    labels: path.join(paths.dataDir, `vectors.${generation}.labels.json`),
  };
}

/** vectors.<generation>.hnsw / .labels.json, and the unnumbered pair of schema 3 (generation null). */
const VECTOR_FILE = /^vectors\.(?:(\d+)\.)?(?:hnsw|labels\.json)$/;

/** The generation of a vector file's name; undefined when it is not one; null for the unnumbered pair of schema 3. */
export function vectorGenerationOf(name: string): number | null | undefined {
  const match = VECTOR_FILE.exec(name);
  if (!match) return undefined;
  return match[1] === undefined ? null : Number(match[1]);
}

/** Whether a file name in DATA_DIR is one the index writes (temp files of atomic writes included, by their base). */
export function isIndexFileName(name: string): boolean {
  return (
    vectorGenerationOf(name) !== undefined ||
    /^index\.sqlite(-wal|-shm)?$/.test(name) ||
    name === 'index.damaged' ||
    name === 'model-failure.json'
  );
}

export class IndexCorruptError extends Error {}

export interface OpenStoreOptions {
  /** Open for reading only (DATA_DIR read-only or full): nothing is written, not even the WAL. */
  readOnly?: boolean;
  disk?: IndexDisk;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS files (
    file TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ms REAL NOT NULL,
    sha1 TEXT, meta TEXT,
    skipped TEXT -- the reason when the file could not be indexed; the other columns are then null
  ) WITHOUT ROWID;
  -- Rows, not a JSON column of files: opening the index need not parse them, and notes
  -- repeat pairs, which the analyzer wants once (a walk in key order, no sort).
  CREATE TABLE IF NOT EXISTS glossary_pairs (
    english TEXT NOT NULL, chinese TEXT NOT NULL, file TEXT NOT NULL, PRIMARY KEY (english, chinese, file)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS glossary_pairs_by_file ON glossary_pairs (file);
  CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, file TEXT NOT NULL, ord INTEGER NOT NULL, title TEXT NOT NULL,
    heading_path TEXT NOT NULL, start_line INTEGER NOT NULL, end_line INTEGER NOT NULL,
    part INTEGER NOT NULL, text TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS chunks_by_file ON chunks (file, ord);
`;

interface ChunkRow {
  id: string;
  file: string;
  title: string;
  heading_path: string;
  start_line: number;
  end_line: number;
  part: number;
  text: string;
}

/**
 * The index database: one SQLite file holding the manifest, what was read
 * from each note and its chunks (the keyword index adds its own tables to
 * the same file). Chunks are read when asked for, not loaded at start, so
 * opening a large index costs next to nothing.
 */
export class IndexStore {
  private readonly statements;

  private constructor(
    readonly db: Database.Database,
    private readonly paths: StorePaths,
    /** False when quick_check was skipped on open: the file had not changed since it last passed. */
    readonly pagesChecked: boolean,
  ) {
    this.statements = {
      getManifest: db.prepare<[], { key: string; value: string }>('SELECT key, value FROM manifest'),
      setManifest: db.prepare('INSERT OR REPLACE INTO manifest (key, value) VALUES (?, ?)'),
      files: db.prepare<
        [],
        { file: string; size: number; mtime_ms: number; sha1: string | null; meta: string | null; skipped: string | null }
      >('SELECT * FROM files ORDER BY file'),
      putFile: db.prepare('INSERT OR REPLACE INTO files (file, size, mtime_ms, sha1, meta, skipped) VALUES (?, ?, ?, ?, ?, ?)'),
      deleteFile: db.prepare('DELETE FROM files WHERE file = ?'),
      insertPair: db.prepare('INSERT OR IGNORE INTO glossary_pairs (english, chinese, file) VALUES (?, ?, ?)'),
      deletePairs: db.prepare('DELETE FROM glossary_pairs WHERE file = ?'),
      distinctPairs: db.prepare<[], { english: string; chinese: string }>('SELECT DISTINCT english, chinese FROM glossary_pairs'),
      chunk: db.prepare<[string], ChunkRow>('SELECT * FROM chunks WHERE id = ?'),
      chunkIdsOf: db.prepare<[string], { id: string }>('SELECT id FROM chunks WHERE file = ?'),
      allChunks: db.prepare<[], ChunkRow>('SELECT * FROM chunks ORDER BY file, ord'),
      allChunkIds: db.prepare<[], { id: string }>('SELECT id FROM chunks'),
      chunkCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM chunks'),
      insertChunk: db.prepare(
        'INSERT OR REPLACE INTO chunks (id, file, ord, title, heading_path, start_line, end_line, part, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteChunk: db.prepare('DELETE FROM chunks WHERE id = ?'),
    };
  }

  /**
   * Opens (or creates) the index database and checks its pages (quick_check).
   * Throws IndexCorruptError when the file is damaged or not a SQLite
   * database (the caller removes it and rebuilds), IndexUnavailableError when
   * the disk is full or read-only (the file is kept).
   */
  static open(paths: StorePaths, options: OpenStoreOptions = {}): IndexStore {
    let db: Database.Database | undefined;
    try {
      db = options.readOnly ? openReadOnly(paths.database) : new Database(paths.database, { timeout: 5000 });
      if (!options.readOnly) {
        (options.disk ?? realDisk).tuneDatabase(db);
        // WAL: the bot can answer while `studybot index` writes, and a crash mid-write loses nothing.
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.exec(SCHEMA);
      }
      // Damage inside pages otherwise shows only when a question reads them (~40 ms at 10k sections, see README).
      // The check reads every page (seconds on a large vault), so a file unchanged since it last passed is trusted.
      const pagesChecked = !isUnchangedSinceCheck(paths);
      if (pagesChecked) {
        const check = db.pragma('quick_check', { simple: true });
        if (check !== 'ok') throw new IndexCorruptError(`${paths.database} is damaged (quick_check: ${String(check).split('\n')[0]})`);
      }
      return new IndexStore(db, paths, pagesChecked);
    } catch (err) {
      db?.close();
      if (err instanceof IndexCorruptError) throw err;
      const fault = faultOf(err);
      if (fault === 'corrupt') throw new IndexCorruptError(`${paths.database} is damaged (${(err as Error).message})`);
      if (fault) throw unavailable(fault, paths.dataDir, 'open the index', err);
      throw err;
    }
  }

  /** Deletes the database (and its WAL files) and the vector files; keeps the model cache and everything else. */
  static remove(paths: StorePaths): void {
    for (const suffix of ['', '-wal', '-shm']) rmSync(paths.database + suffix, { force: true });
    rmSync(paths.damaged, { force: true });
    rmSync(paths.checked, { force: true });
    clearVectors(paths);
  }

  /** The database file, to name it in messages and to notice when it is replaced. */
  get file(): string {
    return this.paths.database;
  }

  /**
   * Remembers the file as it passed quick_check on open, so the next open need not read every page again.
   * Called once the open is accepted: a refused run (another notes folder) leaves DATA_DIR exactly as it was.
   */
  trustPagesAsChecked(): void {
    if (this.pagesChecked) recordCheck(this.paths);
  }

  close(): void {
    this.db.close();
  }

  /** Changes whenever another connection (another process) commits to the file; our own commits leave it. */
  get dataVersion(): number {
    return Number(this.db.pragma('data_version', { simple: true }));
  }

  /** Gives back the space a failed write left in the WAL (best effort: on a full disk even this may fail). */
  shrinkWal(): void {
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Nothing more to do: the next successful checkpoint shrinks it.
    }
  }

  /** Runs `fn` as one transaction: readers see all of a sync's changes or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  readManifest(): Manifest | null {
    const rows = new Map(this.statements.getManifest.all().map((r) => [r.key, r.value]));
    if (rows.size === 0) return null;
    const number = (key: string) => (rows.get(key) === undefined ? NaN : Number(rows.get(key)));
    const manifest: Manifest = {
      schemaVersion: number('schemaVersion'),
      chunkerVersion: number('chunkerVersion'),
      analyzerVersion: number('analyzerVersion'),
      notesDir: rows.get('notesDir') ?? '',
      model: rows.get('model') || null,
      dims: rows.get('dims') ? Number(rows.get('dims')) : null,
      vectorsGeneration: rows.get('vectorsGeneration') ? Number(rows.get('vectorsGeneration')) : null,
    };
    if (!Number.isInteger(manifest.schemaVersion) || !manifest.notesDir) throw new IndexCorruptError('the index manifest is incomplete');
    return manifest;
  }

  writeManifest(manifest: Manifest): void {
    for (const [key, value] of Object.entries(manifest)) this.statements.setManifest.run(key, value === null ? '' : String(value));
  }

  /** Every note file known to the index, indexed or skipped, in path order. */
  files(): { indexed: FileInfo[]; skipped: SkippedFile[] } {
    const indexed: FileInfo[] = [];
    const skipped: SkippedFile[] = [];
    for (const row of this.statements.files.all()) {
      if (row.skipped !== null) skipped.push({ file: row.file, size: row.size, mtimeMs: row.mtime_ms, reason: row.skipped });
      else indexed.push({ file: row.file, size: row.size, mtimeMs: row.mtime_ms, sha1: row.sha1!, meta: JSON.parse(row.meta!) });
    }
    return { indexed, skipped };
  }

  putFile(info: FileInfo): void {
    this.statements.putFile.run(info.file, info.size, info.mtimeMs, info.sha1, JSON.stringify(info.meta), null);
  }

  putSkipped(skipped: SkippedFile): void {
    this.statements.putFile.run(skipped.file, skipped.size, skipped.mtimeMs, null, null, skipped.reason);
    this.statements.deletePairs.run(skipped.file);
  }

  deleteFile(file: string): void {
    this.statements.deleteFile.run(file);
    this.statements.deletePairs.run(file);
  }

  /** Replaces the glossary pairs mined from one note. */
  putPairs(file: string, pairs: GlossaryPair[]): void {
    this.statements.deletePairs.run(file);
    for (const [en, zh] of pairs) this.statements.insertPair.run(en, zh, file);
  }

  /** Every distinct mined pair of the notes. */
  glossaryPairs(): GlossaryPair[] {
    return this.statements.distinctPairs.all().map(({ english, chinese }) => [english, chinese]);
  }

  chunk(id: string): Chunk | undefined {
    const row = this.statements.chunk.get(id);
    return row && toChunk(row);
  }

  chunkIdsOf(file: string): string[] {
    return this.statements.chunkIdsOf.all(file).map((r) => r.id);
  }

  allChunks(): Chunk[] {
    return this.statements.allChunks.all().map(toChunk);
  }

  allChunkIds(): string[] {
    return this.statements.allChunkIds.all().map((r) => r.id);
  }

  get chunkCount(): number {
    return this.statements.chunkCount.get()!.n;
  }

  putChunk(chunk: Chunk, ord: number): void {
    this.statements.insertChunk.run(
      chunk.id,
      chunk.file,
      ord,
      chunk.title,
      JSON.stringify(chunk.headingPath),
      chunk.startLine,
      chunk.endLine,
      chunk.part,
      chunk.text,
    );
  }

  deleteChunk(id: string): void {
    this.statements.deleteChunk.run(id);
  }
}

function toChunk(row: ChunkRow): Chunk {
  return {
    id: row.id,
    file: row.file,
    title: row.title,
    headingPath: JSON.parse(row.heading_path) as string[],
    startLine: row.start_line,
    endLine: row.end_line,
    text: row.text,
    part: row.part,
  };
}

/** Deletes the vector files of every generation, or only those older than `before`. */
export function clearVectors(paths: StorePaths, before?: number): void {
  let names: string[];
  try {
    names = readdirSync(paths.dataDir);
  } catch {
    return;
  }
  for (const name of names) {
    const generation = vectorGenerationOf(name);
    if (generation === undefined) continue;
    // A newer generation than the manifest's may be another process's, not yet committed.
    if (before === undefined || generation === null || generation < before) rmSync(path.join(paths.dataDir, name), { force: true });
  }
}

export function hasVectorFiles(paths: StorePaths, generation: number): boolean {
  const files = vectorFiles(paths, generation);
  return existsSync(files.index) && existsSync(files.labels);
}

/** The identity of the database file: a rebuild by another process replaces it. */
export function databaseIdentity(paths: StorePaths): number | null {
  try {
    return statSync(paths.database).ino;
  } catch {
    return null;
  }
}

/**
 * A connection that writes nothing to DATA_DIR. SQLite cannot even read a WAL
 * database without creating its `-shm` file, which a read-only or full disk
 * refuses; so when no WAL is pending (the last writer closed cleanly) the
 * file is read into memory. A pending WAL holds committed pages the file
 * lacks: then the file is opened read-only in place, which needs the `-shm`.
 */
function openReadOnly(file: string): Database.Database {
  if (walPending(file)) return new Database(file, { readonly: true, fileMustExist: true });
  const image = readFileSync(file);
  // Bytes 18-19 mark WAL mode, which an in-memory image cannot use; 1 is the rollback journal.
  if (image.length > 19) image[18] = image[19] = 1;
  return new Database(image);
}

function walPending(file: string): boolean {
  try {
    return statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
  }
}
