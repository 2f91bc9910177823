import { closeSync, fsyncSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { realDisk, type IndexDisk } from './disk.js';

const TEMP_FILE = /\.(\d+)\.(\d+)\.tmp$/;

/**
 * Writes a file so that readers see either the old or the new content, never
 * half of it: write a sibling temp file, flush it, then rename over the target.
 * `content` may be a writer callback for libraries that only write to a path.
 */
export function writeFileAtomic(
  file: string,
  content: string | Uint8Array | ((tmpPath: string) => void),
  disk: Pick<IndexDisk, 'rename'> = realDisk,
): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    if (typeof content === 'function') content(tmp);
    else writeFileSync(tmp, content);
    // Without the flush a power cut can leave the renamed file empty.
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    disk.rename(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Deletes the temp files of atomic writes in `dir` whose writer is gone: a
 * crash just before the rename leaves them behind, several MB each. A live
 * writer's file (another process syncing now) is left alone.
 */
export function removeStaleTempFiles(dir: string, isOurs: (name: string) => boolean): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_FILE.exec(name);
    if (!match || !isOurs(name.slice(0, match.index))) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && processIsAlive(pid)) continue;
    rmSync(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
