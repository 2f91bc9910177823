import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CHUNKER_VERSION } from '../notes/chunker-version.js';
import { ANALYZER_VERSION, type Analyzer } from '../text/analyzer.js';
import type { Logger } from '../log.js';
import { KeywordIndex } from './keyword.js';
import { clearVectors, IndexCorruptError, IndexStore, SCHEMA_VERSION, type Manifest, type StorePaths } from './store.js';

/** Files of the JSON index format (schema 1), removed when found. */
const LEGACY_FILES = ['manifest.json', 'notes.json', 'keyword.json'];

/** The embedding model the vector files were made with; null when there are none. */
export type VectorModel = { model: string; dims: number } | null;

export interface OpenedStore {
  store: IndexStore;
  keyword: KeywordIndex;
  /** Null when the index was (re)created empty: the next sync builds it. */
  manifest: Manifest | null;
}

/** The manifest of an index built now, by this code, from `notesDir`. */
export function currentManifest(notesDir: string, vectors: VectorModel): Manifest {
  return {
    schemaVersion: SCHEMA_VERSION,
    chunkerVersion: CHUNKER_VERSION,
    analyzerVersion: ANALYZER_VERSION,
    notesDir,
    model: vectors?.model ?? null,
    dims: vectors?.dims ?? null,
  };
}

/** Why an index with this manifest cannot be reused for `notesDir`, or null when it can. */
function outdatedReason(manifest: Manifest, notesDir: string): string | null {
  return manifest.schemaVersion !== SCHEMA_VERSION ? 'index format changed'
    : manifest.chunkerVersion !== CHUNKER_VERSION ? 'chunker changed'
      : manifest.analyzerVersion !== ANALYZER_VERSION ? 'analyzer changed'
        : manifest.notesDir !== notesDir ? `it was built from ${manifest.notesDir}` : null;
}

/**
 * Opens the store and its keyword index, clearing them (with a message) when
 * they are damaged, from an older format, or built from another notes folder.
 */
export function openStore(paths: StorePaths, notesDir: string, analyzer: Analyzer, logger: Logger): OpenedStore {
  if (LEGACY_FILES.some((f) => existsSync(path.join(paths.dataDir, f)))) {
    logger.info(`Rebuilding the index in ${paths.dataDir}: index format changed.`);
    for (const f of LEGACY_FILES) rmSync(path.join(paths.dataDir, f), { force: true });
    clearVectors(paths);
  }
  try {
    const store = IndexStore.open(paths);
    let outdated: string | null;
    try {
      const manifest = store.readManifest();
      outdated = manifest && outdatedReason(manifest, notesDir);
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
