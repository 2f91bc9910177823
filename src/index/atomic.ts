import { renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes a file so that readers see either the old or the new content, never
 * half of it: write a sibling temp file, then rename over the target.
 * `content` may be a writer callback for libraries that only write to a path.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array | ((tmpPath: string) => void)): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    if (typeof content === 'function') content(tmp);
    else writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
