import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths.js';

interface LockPackage {
  hasInstallScript?: boolean;
}

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const packageJson = JSON.parse(read('package.json')) as { allowScripts?: Record<string, boolean>; license?: string };
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockPackage> };

/** `node_modules/a/node_modules/@s/b` → `@s/b`. */
function packageName(lockPath: string): string {
  return lockPath.slice(lockPath.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

describe('what `npm install` runs and prints', () => {
  it('every dependency with an install script is approved or denied in allowScripts, so npm 11 prints no "not yet covered" warning', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([p, pkg]) => p !== '' && pkg.hasInstallScript)
      .map(([p]) => packageName(p));
    expect(withScripts.length).toBeGreaterThan(0);
    const uncovered = withScripts.filter((name) => packageJson.allowScripts?.[name] === undefined);
    expect(uncovered).toEqual([]);
  });

  it('onnxruntime-node may not run its install script: it only downloads CUDA libraries, and StudyBot runs on CPU', () => {
    expect(packageJson.allowScripts?.['onnxruntime-node']).toBe(false);
  });

  it('the native modules StudyBot needs may build', () => {
    expect(packageJson.allowScripts?.['better-sqlite3']).toBe(true);
    expect(packageJson.allowScripts?.['hnswlib-node']).toBe(true);
  });

  it('.npmrc holds only keys npm knows, so npm never warns "Unknown project config"', () => {
    const keys = read('.npmrc')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split('=')[0]!.trim());
    expect(keys.filter((k) => !['fund', 'audit'].includes(k))).toEqual([]);
  });

  it('the license package.json names is in the repository', () => {
    expect(packageJson.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License/);
  });
});
