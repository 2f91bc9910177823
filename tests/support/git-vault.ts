/** Notes folders that are git work trees, for the citation-link specs (NOTES_URL's `{commit}`). */
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.js';

/** Runs git in `cwd` with a fixed author, so commits work on a machine with no git identity. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim();
}

/** Copies the fixture vault into `dir`, commits it, and returns the commit. */
export function committedVault(dir: string): string {
  cpSync(path.join(repoRoot, 'tests/fixtures/vault'), dir, { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'vault');
  return git(dir, 'rev-parse', 'HEAD');
}
