import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CHUNKER_VERSION } from '../notes/chunker-version.js';
import { ANALYZER_VERSION, type Analyzer } from '../text/analyzer.js';
import type { Logger } from '../log.js';
import { claimDataDir, removeCrashLeftovers } from './data-dir.js';
import type { VectorModel } from './dense-leg.js';
import type { IndexDisk } from './disk.js';
import { faultOf, IndexProblem, unavailable, type IndexFault } from './faults.js';
import { KeywordIndex } from './keyword.js';
import { clearVectors, IndexCorruptError, IndexStore, SCHEMA_VERSION, type Manifest, type StorePaths } from './store.js';

export interface OpenedStore {
  store: IndexStore;
  keyword: KeywordIndex;
  /** Null when the index was (re)created empty: the next sync builds it. */
  manifest: Manifest | null;
}

export interface OpenPolicy {
  /** Replace whatever index DATA_DIR holds, even one built from another notes folder. */
  rebuild: boolean;
  /** DATA_DIR cannot be written: use a current index as it is, or fail with one clear message. */
  readOnly: boolean;
  /** Why it cannot be written, for that message. */
  readOnlyFault: Exclude<IndexFault, 'corrupt'>;
  disk: IndexDisk;
}

/** DATA_DIR holds the index of another notes folder, which a run pointed elsewhere must not destroy. */
export class OtherNotesError extends IndexProblem {}

/** The manifest of an index built now, by this code, from `notesDir`. */
export function currentManifest(notesDir: string, vectors: VectorModel): Manifest {
  return {
    schemaVersion: SCHEMA_VERSION,
    chunkerVersion: CHUNKER_VERSION,
    analyzerVersion: ANALYZER_VERSION,
    notesDir,
    model: vectors?.model ?? null,
    dims: vectors?.dims ?? null,
    vectorsGeneration: vectors?.generation ?? null,
  };
}

/** Why an index with this manifest must be rebuilt by this code, or null when it can be reused. */
function outdatedReason(manifest: Manifest): string | null {
  return manifest.schemaVersion !== SCHEMA_VERSION
    ? 'index format changed'
    : manifest.chunkerVersion !== CHUNKER_VERSION
      ? 'chunker changed'
      : manifest.analyzerVersion !== ANALYZER_VERSION
        ? 'analyzer changed'
        : null;
}

/**
 * Opens the store and its keyword index. An index that is damaged or of an
 * older format is only a cache of the notes: it is cleared (with a message
 * naming the file) and the next sync rebuilds it. A full or read-only disk is
 * not damage: the files are kept and IndexUnavailableError says what is wrong.
 * An index of another notes folder is never replaced unless `rebuild` asks to.
 */
export function openStore(paths: StorePaths, notesDir: string, analyzer: Analyzer, logger: Logger, policy: OpenPolicy): OpenedStore {
  const { readOnly } = policy;
  claimDataDir(paths, logger, readOnly);
  if (!readOnly) removeCrashLeftovers(paths, logger);
  const rebuild = (why: string, warn = false): OpenedStore => {
    if (readOnly) throw unavailable(policy.readOnlyFault, paths.dataDir, `rebuild the index (${why})`);
    (warn ? logger.warn : logger.info)(`Rebuilding the index in ${paths.dataDir}: ${why}.`);
    IndexStore.remove(paths);
    const store = IndexStore.open(paths, { disk: policy.disk });
    return { store, keyword: new KeywordIndex(store.db, analyzer), manifest: null };
  };
  const damage = recordedDamage(paths);
  if (damage !== null) return rebuild(`${paths.database} was found damaged (${damage})`, true);
  if (readOnly && !existsSync(paths.database)) throw unavailable(policy.readOnlyFault, paths.dataDir, 'build the index', undefined, false);

  let store: IndexStore;
  try {
    store = IndexStore.open(paths, { readOnly, disk: policy.disk });
  } catch (err) {
    if (err instanceof IndexCorruptError) return rebuild(`${err.message}`, true);
    throw err;
  }
  try {
    const manifest = store.readManifest();
    if (policy.rebuild && manifest) {
      store.close();
      return rebuild(manifest.notesDir !== notesDir ? `it was built from ${manifest.notesDir} (--rebuild)` : 'asked to (--rebuild)');
    }
    if (manifest && manifest.notesDir !== notesDir) {
      throw new OtherNotesError(
        `${paths.dataDir} holds the index of the notes in ${manifest.notesDir}, not ${notesDir}. ` +
          `Use another data folder for these notes (--data DIR or DATA_DIR), or replace that index with --rebuild.`,
      );
    }
    const outdated = manifest && outdatedReason(manifest);
    if (outdated) {
      store.close();
      return rebuild(outdated);
    }
    if (!manifest && readOnly) throw unavailable(policy.readOnlyFault, paths.dataDir, 'build the index', undefined, false);
    const keyword = new KeywordIndex(store.db, analyzer, { readOnly });
    const chunks = store.chunkCount;
    if (keyword.size !== chunks)
      throw new IndexCorruptError(`${paths.database} is damaged (keyword index has ${keyword.size} chunks, the chunk table ${chunks})`);
    // Vector files of older generations are left by a crash between a save and its manifest.
    if (!readOnly) clearVectors(paths, manifest?.vectorsGeneration ?? 0);
    if (!readOnly) store.trustPagesAsChecked();
    return { store, keyword, manifest };
  } catch (err) {
    if (store.db.open) store.close();
    if (err instanceof IndexCorruptError || faultOf(err) === 'corrupt') {
      const message = (err as Error).message;
      return rebuild(message.includes(paths.database) ? message : `${paths.database} is damaged (${message})`, true);
    }
    throw err;
  }
}

/**
 * Remembers that a query found the database damaged, so that the next open
 * in any process (the CLI, the bot) rebuilds it even if quick_check passes.
 */
export function recordDamage(paths: StorePaths, reason: string): void {
  try {
    writeFileSync(paths.damaged, `${reason}\n`);
  } catch {
    // Read-only or full: the damage is found again by the next query.
  }
}

function recordedDamage(paths: StorePaths): string | null {
  try {
    return readFileSync(paths.damaged, 'utf8').trim() || 'unknown damage';
  } catch {
    return null;
  }
}
