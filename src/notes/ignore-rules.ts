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

/** The defaults, a vault's template folders, and the notes folder's .studybotignore, when it has one. */
export async function loadIgnoreRules(notesDir: string): Promise<IgnoreRules> {
  let own = '';
  try {
    own = await readFile(path.join(notesDir, IGNORE_FILE), 'utf8');
  } catch {
    // No ignore file: the defaults alone.
  }
  const templates = (await templateFolders(notesDir)).map((folder) => `/${folder.replace(/[\\*?[\]!#]/g, '\\$&')}/`);
  // The ignore file comes last, so "!Templates/" in it brings the folder back.
  return ignoreRules([...templates, own].join('\n'));
}

/**
 * Where Obsidian's Templates plugin and the Templater plugin keep a vault's
 * templates, as their settings in .obsidian/ name it: a template's "{{title}}"
 * and empty headings are no one's notes. Settings that are missing or not JSON name none.
 */
async function templateFolders(notesDir: string): Promise<string[]> {
  const folders: string[] = [];
  for (const [file, key] of TEMPLATE_SETTINGS) {
    try {
      const folder: unknown = JSON.parse(await readFile(path.join(notesDir, file), 'utf8'))?.[key];
      const relative = typeof folder === 'string' ? folder.trim().replace(/^\/+|\/+$/g, '') : '';
      if (relative && !relative.split('/').includes('..')) folders.push(relative);
    } catch {
      // Not there, or not JSON: that plugin names no folder.
    }
  }
  return folders;
}

/** Each template plugin's settings file in a vault, and the key naming its folder. */
const TEMPLATE_SETTINGS: ReadonlyArray<readonly [string, string]> = [
  ['.obsidian/templates.json', 'folder'],
  ['.obsidian/plugins/templater-obsidian/data.json', 'templates_folder'],
];

/** Rules from the text of an ignore file, after the defaults (so the file can re-include with `!`). */
export function ignoreRules(ignoreFileText: string): IgnoreRules {
  // The scan runs before every answer: without rules of its own, a folder gets the defaults as a name check, ~100x cheaper than the matcher.
  if (!hasPatterns(ignoreFileText)) return defaultsOnly;
  const matcher = ignore()
    .add([...DEFAULT_IGNORES])
    .add(ignoreFileText);
  return (relativePath) => relativePath !== '' && relativePath !== './' && matcher.ignores(relativePath);
}

const DEFAULT_FOLDERS = new Set(['node_modules', '_drafts']);

/** DEFAULT_IGNORES as a name check: a hidden name, or one of the default folders, anywhere on the path. */
function defaultsOnly(relativePath: string): boolean {
  const isFolder = relativePath.endsWith('/');
  const names = relativePath.split('/').filter(Boolean);
  return names.some((name, i) => name.startsWith('.') || (DEFAULT_FOLDERS.has(name) && (isFolder || i < names.length - 1)));
}

/** True when an ignore file has a line that is neither blank nor a comment. */
function hasPatterns(text: string): boolean {
  return text.split(/\r?\n/).some((line) => line.trim() !== '' && !line.startsWith('#'));
}
