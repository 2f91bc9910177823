import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FormulaCache } from './formula-cache.js';

/**
 * Formula cards as files in `dir` (e.g. DATA_DIR/formulas). Keys are hex
 * hashes made by the renderer, so they are safe file names; anything else is refused.
 */
export function fileFormulaCache(dir: string): FormulaCache {
  const pathOf = (key: string) => {
    if (!/^[a-z0-9][a-z0-9.-]{0,127}$/.test(key)) throw new Error(`not a formula cache key: ${JSON.stringify(key)}`);
    return join(dir, key);
  };
  return {
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async put(key, bytes) {
      await mkdir(dir, { recursive: true });
      // Written aside then renamed, so a crash never leaves half a PNG under the key;
      // the random name keeps two answers drawing the same card at once apart.
      const temp = `${pathOf(key)}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, pathOf(key));
    },
  };
}
