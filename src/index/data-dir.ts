import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../log.js';
import { removeStaleTempFiles, writeFileAtomic } from './atomic.js';
import type { IndexDisk } from './disk.js';
import { asUnavailable, faultOf, IndexProblem, unavailable, type IndexUnavailableError } from './faults.js';
import { isIndexFileName, type StorePaths } from './store.js';

/** What the marker file says; its presence is what lets recovery delete index files in DATA_DIR. */
const MARKER = { app: 'StudyBot', content: 'search index: index.sqlite, vectors.<generation>.*', format: 1 };

/** Files of the JSON index format (schema 1), and the shape that shows a file is ours. */
const LEGACY_FILES: Record<string, (json: Record<string, unknown>) => boolean> = {
  'manifest.json': (j) => typeof j.schemaVersion === 'number' && typeof j.chunkerVersion === 'number' && typeof j.notesDir === 'string',
  'notes.json': (j) => Array.isArray(j.files),
  'keyword.json': (j) => typeof j.minisearch === 'object' && j.minisearch !== null && Array.isArray(j.docFreq),
};

/** DATA_DIR holds files StudyBot did not write: nothing there is deleted, and the index is not opened. */
export class ForeignDataDirError extends IndexProblem {}

/**
 * Makes sure DATA_DIR is ours to manage before anything in it is deleted:
 * it holds the marker, or it holds no index files yet (then the marker is
 * written), or its index files are recognisably StudyBot's (an index from
 * before the marker, or the old JSON format, which is removed). Anything
 * else is refused with a message naming the folder and the file.
 */
export function claimDataDir(paths: StorePaths, logger: Logger, readOnly: boolean): void {
  const { dataDir } = paths;
  if (hasMarker(paths)) {
    if (!readOnly) removeLegacyFiles(paths, logger);
    return;
  }
  const names = existsSync(dataDir) ? readdirSync(dataDir) : [];
  for (const name of names.filter((n) => n in LEGACY_FILES)) {
    if (!isLegacyFile(path.join(dataDir, name))) throw foreign(dataDir, name, `it is not a StudyBot index file`);
  }
  if (names.includes('index.sqlite') && !isOurDatabase(paths.database))
    throw foreign(dataDir, 'index.sqlite', 'it is not a StudyBot index');
  const vectorsOnly = names.some((n) => isIndexFileName(n) && n.startsWith('vectors.')) && !names.includes('index.sqlite');
  if (vectorsOnly) throw foreign(dataDir, names.find((n) => n.startsWith('vectors.'))!, 'no StudyBot index goes with it');
  if (readOnly) return;
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileAtomic(paths.marker, `${JSON.stringify(MARKER, null, 2)}\n`);
  } catch (err) {
    throw asUnavailable(err, dataDir, 'create the index folder', false);
  }
  removeLegacyFiles(paths, logger);
}

/** Deletes temp files that crashed writers of index files left behind; says how many. */
export function removeCrashLeftovers(paths: StorePaths, logger: Logger): void {
  const removed = removeStaleTempFiles(paths.dataDir, isIndexFileName);
  if (removed.length) logger.info(`Removed ${removed.length} unfinished temp file(s) of an interrupted index write in ${paths.dataDir}.`);
}

function hasMarker(paths: StorePaths): boolean {
  try {
    const marker = JSON.parse(readFileSync(paths.marker, 'utf8')) as { app?: unknown };
    return marker.app === MARKER.app;
  } catch {
    return false;
  }
}

function removeLegacyFiles(paths: StorePaths, logger: Logger): void {
  const present = Object.keys(LEGACY_FILES).filter((name) => existsSync(path.join(paths.dataDir, name)));
  const ours = present.filter((name) => isLegacyFile(path.join(paths.dataDir, name)));
  if (ours.length === 0) return;
  logger.info(`Rebuilding the index in ${paths.dataDir}: index format changed (removing ${ours.join(', ')}).`);
  for (const name of ours) rmSync(path.join(paths.dataDir, name), { force: true });
}

function isLegacyFile(file: string): boolean {
  const recognise = LEGACY_FILES[path.basename(file)];
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return (
      recognise !== undefined &&
      typeof json === 'object' &&
      json !== null &&
      !Array.isArray(json) &&
      recognise(json as Record<string, unknown>)
    );
  } catch {
    return false;
  }
}

/** An index.sqlite from before the marker: a SQLite file whose manifest table names a schema and a notes folder. */
function isOurDatabase(file: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const keys = new Set(
      db
        .prepare<[], { key: string }>('SELECT key FROM manifest')
        .all()
        .map((r) => r.key),
    );
    return keys.has('schemaVersion') && keys.has('notesDir');
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

function foreign(dataDir: string, file: string, why: string): ForeignDataDirError {
  return new ForeignDataDirError(
    `${dataDir} holds ${file}, but ${why}, and the folder has no .studybot-index marker. ` +
      'StudyBot deletes only files it created, so it will not use this folder for its index: ' +
      'set DATA_DIR (or --data) to another folder, or move that file away.',
  );
}

/**
 * Null when DATA_DIR can be written; otherwise why not (read-only, full),
 * which makes the index read-only rather than a failure.
 */
export function writeProblem(paths: StorePaths, disk: IndexDisk): IndexUnavailableError | null {
  try {
    mkdirSync(paths.dataDir, { recursive: true });
    disk.probeWrite(paths.dataDir);
    return null;
  } catch (err) {
    const fault = faultOf(err);
    if (fault === 'read-only' || fault === 'disk-full' || fault === 'io') return unavailable(fault, paths.dataDir, 'write', err);
    throw err;
  }
}
