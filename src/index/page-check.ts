import { readFileSync, statSync, writeFileSync } from 'node:fs';

/**
 * What identifies the database's bytes without reading them: size, mtime and
 * inode of the file and of its WAL. Any write (a sync, another process, bytes
 * scribbled over a page) changes one of them.
 */
interface FileIdentity {
  size: number;
  mtimeMs: number;
  ino: number;
}

/** The database file and where the identity of its last clean check is kept (see storePaths). */
export interface CheckedPaths {
  database: string;
  checked: string;
}

function identityOf(file: string): FileIdentity | null {
  try {
    const { size, mtimeMs, ino } = statSync(file);
    return { size, mtimeMs, ino };
  } catch {
    return null;
  }
}

function currentIdentity(paths: Pick<CheckedPaths, 'database'>): string {
  const wal = identityOf(`${paths.database}-wal`);
  // Opening creates an empty WAL and the last close deletes it: neither changes a page.
  return JSON.stringify({ database: identityOf(paths.database), wal: wal?.size ? wal : null });
}

/** True when the database is byte-for-byte the file a previous quick_check passed (as far as the file system tells). */
export function isUnchangedSinceCheck(paths: CheckedPaths): boolean {
  try {
    return readFileSync(paths.checked, 'utf8').trim() === currentIdentity(paths);
  } catch {
    return false;
  }
}

/** Remembers the database as it is now, after quick_check passed. Best effort: without the record the next open checks again. */
export function recordCheck(paths: CheckedPaths): void {
  try {
    writeFileSync(paths.checked, `${currentIdentity(paths)}\n`);
  } catch {
    // A full or read-only DATA_DIR: nothing is lost but the time of the next check.
  }
}
