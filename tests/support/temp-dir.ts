/**
 * Temp folders that clean themselves up: `tempDir(prefix)` makes one and an
 * afterEach registered by this module deletes every folder made during the test.
 *
 * The hook is registered when a test file imports this module, i.e. before the
 * file's own hooks; vitest runs after-hooks in reverse order of registration
 * (`sequence.hooks: 'stack'`, the default), so the folders are removed only after
 * each file's own afterEach has closed its databases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder under the OS temp folder, deleted after the current test. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
