import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Chunk, NoteMeta } from '../notes/types.js';
import { writeFileAtomic } from './atomic.js';

/** Bump when the layout of the files below changes. */
export const SCHEMA_VERSION = 1;

export interface Manifest {
  schemaVersion: number;
  chunkerVersion: number;
  analyzerVersion: number;
  /** Absolute notes folder the index was built from. */
  notesDir: string;
  /** Embedding model of the vector files, or null when there are none. */
  model: string | null;
  dims: number | null;
  files: number;
  chunks: number;
  updatedAt: string;
}

/** Everything known about one note file, enough to skip it when unchanged. */
export interface FileRecord {
  file: string;
  size: number;
  mtimeMs: number;
  sha1: string;
  meta: NoteMeta;
  chunks: Chunk[];
  /** Glossary pairs mined from this note, kept so loading needs no re-mining. */
  pairs: Array<[english: string, chinese: string]>;
}

export interface SkippedFile {
  file: string;
  size: number;
  mtimeMs: number;
  reason: string;
}

export interface NotesState {
  files: FileRecord[];
  skipped: SkippedFile[];
}

/** The files under DATA_DIR; one place that knows their names. */
export function storePaths(dataDir: string) {
  return {
    dataDir,
    manifest: path.join(dataDir, 'manifest.json'),
    notes: path.join(dataDir, 'notes.json'),
    keyword: path.join(dataDir, 'keyword.json'),
    vectors: path.join(dataDir, 'vectors.hnsw'),
    vectorLabels: path.join(dataDir, 'vectors.labels.json'),
    models: path.join(dataDir, 'models'),
  };
}
export type StorePaths = ReturnType<typeof storePaths>;

export class IndexCorruptError extends Error {}

export function readManifest(paths: StorePaths): Manifest | null {
  if (!existsSync(paths.manifest)) return null;
  const manifest = readJson<Manifest>(paths.manifest);
  if (typeof manifest.schemaVersion !== 'number' || typeof manifest.notesDir !== 'string') {
    throw new IndexCorruptError(`${paths.manifest} is not a StudyBot manifest`);
  }
  return manifest;
}

export function readNotesState(paths: StorePaths): NotesState {
  const state = readJson<NotesState>(paths.notes);
  if (!Array.isArray(state.files) || !Array.isArray(state.skipped)) throw new IndexCorruptError(`${paths.notes} is malformed`);
  return state;
}

export function readJson<T>(file: string): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new IndexCorruptError(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new IndexCorruptError(`${file} is not valid JSON (${(err as Error).message})`);
  }
}

export function writeJson(file: string, value: unknown): void {
  writeFileAtomic(file, JSON.stringify(value));
}

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
}

/** Removes the index files (not the model cache or the bot database). */
export function clearIndex(paths: StorePaths): void {
  for (const file of [paths.manifest, paths.notes, paths.keyword, paths.vectors, paths.vectorLabels]) rmSync(file, { force: true });
}

export function clearVectors(paths: StorePaths): void {
  rmSync(paths.vectors, { force: true });
  rmSync(paths.vectorLabels, { force: true });
}
