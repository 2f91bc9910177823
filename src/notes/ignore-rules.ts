import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ignore from 'ignore';

/** The file at the notes root that says, in gitignore syntax, what is not indexed. */
export const IGNORE_FILE = '.studybotignore';

/**
 * Left out of every notes folder: tool folders (git, Obsidian's settings and
 * trash, npm), blog drafts, and, as before ignore files existed, every hidden
 * file or folder (`!.name/` in .studybotignore brings one back).
 */
export const DEFAULT_IGNORES: readonly string[] = ['.*', '.git/', '.obsidian/', '.trash/', 'node_modules/', '_drafts/'];

/** Answers "is this path (relative to the notes root, `/` separators) left out?"; a folder's path ends with `/`. */
export type IgnoreRules = (relativePath: string) => boolean;

/** The defaults plus the notes folder's .studybotignore, when it has one. */
export async function loadIgnoreRules(notesDir: string): Promise<IgnoreRules> {
  let own = '';
  try {
    own = await readFile(path.join(notesDir, IGNORE_FILE), 'utf8');
  } catch {
    // No ignore file: the defaults alone.
  }
  return ignoreRules(own);
}

/** Rules from the text of an ignore file, after the defaults (so the file can re-include with `!`). */
export function ignoreRules(ignoreFileText: string): IgnoreRules {
  const matcher = ignore().add([...DEFAULT_IGNORES]).add(ignoreFileText);
  return (relativePath) => relativePath !== '' && relativePath !== './' && matcher.ignores(relativePath);
}
