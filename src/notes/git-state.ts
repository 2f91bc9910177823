import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The HEAD commit of the git work tree holding the notes, and the blob of every note file in it. */
export interface GitState {
  commit: string;
  /** Git blob id by path relative to the notes folder (`/` separators). */
  blobs: ReadonlyMap<string, string>;
}

/**
 * Reads HEAD and its file list under `notesDir` with the `git` command, or
 * null when the folder is not in a git work tree, has no commit yet, or git is
 * not installed: then citations simply carry no commit.
 */
export async function readGitState(notesDir: string): Promise<GitState | null> {
  try {
    const head = await run('git', ['-C', notesDir, 'rev-parse', '--verify', 'HEAD'], { encoding: 'utf8' });
    // Run inside the notes folder, ls-tree lists that subtree with paths relative to it.
    const tree = await run('git', ['-C', notesDir, 'ls-tree', '-r', '-z', 'HEAD'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const blobs = new Map<string, string>();
    for (const entry of tree.stdout.split('\0')) {
      const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
      if (match) blobs.set(match[2]!, match[1]!);
    }
    return { commit: head.stdout.trim(), blobs };
  } catch {
    return null;
  }
}

/** Git's id of a file with these bytes (sha1 of "blob <length>\0" and the bytes). */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * The commit whose version of `file` is exactly `text`, i.e. HEAD when the
 * working file matches it; undefined when the file has uncommitted changes
 * (a link to HEAD would then show other lines than the ones quoted).
 */
export function commitHolding(state: GitState | null, file: string, text: string): string | undefined {
  const blob = state?.blobs.get(file);
  return blob !== undefined && blob === gitBlobId(Buffer.from(text, 'utf8')) ? state!.commit : undefined;
}
