import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Chunk, NoteMeta } from '../notes/types.js';

/** Bump when the tables below change: an index of another version is rebuilt. */
export const SCHEMA_VERSION = 3;

export interface Manifest {
  schemaVersion: number;
  chunkerVersion: number;
  analyzerVersion: number;
  /** Absolute notes folder the index was built from. */
  notesDir: string;
  /** Embedding model of the vector files, or null when there are none. */
  model: string | null;
  dims: number | null;
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

/** The files under DATA_DIR; one place that knows their names. */
export function storePaths(dataDir: string) {
  return {
    dataDir,
    /** Manifest, file records, chunks and the BM25 index, in one SQLite file. */
    database: path.join(dataDir, 'index.sqlite'),
    vectors: path.join(dataDir, 'vectors.hnsw'),
    vectorLabels: path.join(dataDir, 'vectors.labels.json'),
    models: path.join(dataDir, 'models'),
  };
}
export type StorePaths = ReturnType<typeof storePaths>;

export class IndexCorruptError extends Error {}

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

  private constructor(readonly db: Database.Database) {
    this.statements = {
      getManifest: db.prepare<[], { key: string; value: string }>('SELECT key, value FROM manifest'),
      setManifest: db.prepare('INSERT OR REPLACE INTO manifest (key, value) VALUES (?, ?)'),
      files: db.prepare<[], { file: string; size: number; mtime_ms: number; sha1: string | null; meta: string | null; skipped: string | null }>(
        'SELECT * FROM files ORDER BY file',
      ),
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
   * Opens (or creates) the index database. Throws IndexCorruptError when the
   * file is not a readable SQLite database; the caller removes it and rebuilds.
   */
  static open(paths: StorePaths): IndexStore {
    mkdirSync(paths.dataDir, { recursive: true });
    let db: Database.Database | undefined;
    try {
      db = new Database(paths.database, { timeout: 5000 });
      // WAL: the bot can answer while `studybot index` writes, and a crash mid-write loses nothing.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
      return new IndexStore(db);
    } catch (err) {
      db?.close();
      throw new IndexCorruptError(`${paths.database} is not a readable index database (${(err as Error).message})`);
    }
  }

  /** Deletes the database (and its WAL files) and the vector files; keeps the model cache. */
  static remove(paths: StorePaths): void {
    for (const suffix of ['', '-wal', '-shm']) rmSync(paths.database + suffix, { force: true });
    clearVectors(paths);
  }

  close(): void {
    this.db.close();
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
      chunk.id, chunk.file, ord, chunk.title, JSON.stringify(chunk.headingPath), chunk.startLine, chunk.endLine, chunk.part, chunk.text,
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

export function clearVectors(paths: StorePaths): void {
  rmSync(paths.vectors, { force: true });
  rmSync(paths.vectorLabels, { force: true });
}

export function hasVectorFiles(paths: StorePaths): boolean {
  return existsSync(paths.vectors) && existsSync(paths.vectorLabels);
}
