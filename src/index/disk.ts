import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

/**
 * The few disk operations whose failures the index must survive, in one
 * place so that fault-injection tests can make them fail (or crash the
 * process) exactly where a real disk would. Production uses `realDisk`.
 */
export interface IndexDisk {
  /** The commit step of every atomic file write. */
  rename(from: string, to: string): void;
  /** Throws (as node:fs does: EROFS, EACCES, ENOSPC) when files cannot be created in `dir`. */
  probeWrite(dir: string): void;
  /** Runs on every index database connection opened for writing. */
  tuneDatabase(db: Database.Database): void;
}

export const realDisk: IndexDisk = {
  rename: renameSync,
  probeWrite(dir) {
    // One byte: on a full disk an empty file can still be created (it needs no data block).
    const probe = path.join(dir, `.studybot-write-probe.${process.pid}`);
    try {
      writeFileSync(probe, 'x');
    } finally {
      rmSync(probe, { force: true });
    }
  },
  tuneDatabase() {},
};
