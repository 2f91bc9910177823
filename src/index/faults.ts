import { statfsSync } from 'node:fs';

/**
 * What went wrong with the files of an index, as far as recovery cares:
 * only `corrupt` means the files are worth nothing and are rebuilt. A full
 * disk, a read-only folder or an I/O error say nothing about the index, which
 * is kept: deleting a valid index because the disk is full loses it for good.
 */
export type IndexFault = 'corrupt' | 'disk-full' | 'read-only' | 'io';

/** The fault an error from better-sqlite3 or node:fs stands for; null when it is none of them (a bug, say). */
export function faultOf(err: unknown): IndexFault | null {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'disk-full';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || ['EROFS', 'EACCES', 'EPERM'].includes(code))
    return 'read-only';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'io';
  return null;
}

/**
 * An index failure that someone running StudyBot can act on: its message says
 * what happened and what to do, so front ends print it as it is, without a trace.
 */
export class IndexProblem extends Error {}

/** Raised when the index files are damaged; the next sync (or open, in any process) rebuilds them. */
export class IndexDamagedError extends IndexProblem {}

/** Raised when the index cannot be written or read for a reason that is not its fault; the files are kept. */
export class IndexUnavailableError extends IndexProblem {
  constructor(
    readonly fault: Exclude<IndexFault, 'corrupt'>,
    message: string,
  ) {
    super(message);
  }
}

/**
 * An I/O error on a disk with no space left is the full disk (SQLite reports
 * some of those writes as SQLITE_IOERR, not SQLITE_FULL).
 */
function refine(fault: IndexFault, dataDir: string): IndexFault {
  if (fault !== 'io') return fault;
  try {
    const fs = statfsSync(dataDir);
    return fs.bavail * fs.bsize < 1024 * 1024 ? 'disk-full' : 'io';
  } catch {
    return 'io';
  }
}

/**
 * One clear message for an operator about a fault that is not the index's:
 * `doing` says what could not be done; `kept` whether a usable index stays
 * in place (false when there was none, or an unfinished first build was removed).
 */
export function unavailable(
  fault: Exclude<IndexFault, 'corrupt'>,
  dataDir: string,
  doing: string,
  err?: unknown,
  kept = true,
): IndexUnavailableError {
  const refined = refine(fault, dataDir) as Exclude<IndexFault, 'corrupt'>;
  const detail = err instanceof Error ? ` (${err.message.split('\n')[0]})` : '';
  const [what, fix] =
    refined === 'disk-full'
      ? ['The disk is full', 'free some space and try again.']
      : refined === 'read-only'
        ? ['DATA_DIR is read-only', 'make the folder writable or set DATA_DIR to another folder.']
        : ['Disk I/O error', 'check the disk and try again.'];
  const then = kept ? `The index there is kept; ${fix}` : `${fix.charAt(0).toUpperCase()}${fix.slice(1)}`;
  return new IndexUnavailableError(refined, `${what}: could not ${doing} in ${dataDir}${detail}. ${then}`);
}

/** Turns a file-system or SQLite error into IndexUnavailableError when it is one of the faults that keep the index. */
export function asUnavailable(err: unknown, dataDir: string, doing: string, kept = true): unknown {
  const fault = faultOf(err);
  return fault && fault !== 'corrupt' ? unavailable(fault, dataDir, doing, err, kept) : err;
}
