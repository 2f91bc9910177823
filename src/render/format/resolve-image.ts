import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { ImageRef } from './types.js';

/** Default cap on an attached image: within Discord's upload limit for servers without boosts (10 MiB now, 8 MiB before 2024). */
export const DISCORD_UPLOAD_BYTES = 8 * 1024 * 1024;

const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp)$/i;

export interface ImageResolverOptions {
  /** The notes folder; nothing outside it is ever read. */
  notesRoot: string;
  /** Larger files are not attached. */
  maxBytes?: number;
}

export type ResolvedImage =
  /** A file to attach: `path` is its real path inside the notes folder. */
  | { kind: 'file'; path: string; name: string; bytes: number; alt: string }
  /** A remote image, to show as a link. */
  | { kind: 'link'; url: string; alt: string }
  /** Not shown, and why (for a log line). */
  | { kind: 'refused'; reason: string; alt: string };

/**
 * Finds the file an image reference in note `noteFile` (relative to the notes
 * folder) points at: next to the note first, then from the notes folder's top
 * (where Obsidian puts `![[file.png]]`). The real path, symlinks followed,
 * must lie inside the notes folder, so a note cannot make the bot upload
 * `../../.env` or a link to `/etc`.
 */
export async function resolveImage(ref: ImageRef, noteFile: string, options: ImageResolverOptions): Promise<ResolvedImage> {
  if (ref.kind === 'remote') {
    return /^https?:\/\//i.test(ref.url)
      ? { kind: 'link', url: ref.url, alt: ref.alt }
      : { kind: 'refused', reason: `not an http(s) link: ${ref.url.slice(0, 80)}`, alt: ref.alt };
  }
  if (!IMAGE_EXTENSIONS.test(ref.path)) return { kind: 'refused', reason: `not an image file: ${ref.path}`, alt: ref.alt };
  if (isAbsolute(ref.path)) return { kind: 'refused', reason: `absolute path: ${ref.path}`, alt: ref.alt };
  const root = await realpath(options.notesRoot);
  const maxBytes = options.maxBytes ?? DISCORD_UPLOAD_BYTES;
  const candidates = [resolve(root, dirname(noteFile), ref.path), resolve(root, ref.path)];
  let reason = `not found: ${ref.path}`;
  for (const candidate of candidates) {
    const real = await realpath(candidate).catch(() => null);
    if (real === null) continue;
    if (!isInside(root, real)) {
      reason = `outside the notes folder: ${ref.path}`;
      continue;
    }
    const info = await stat(real);
    if (!info.isFile()) continue;
    if (info.size > maxBytes) return { kind: 'refused', reason: `${ref.path} is ${info.size} bytes, over ${maxBytes}`, alt: ref.alt };
    return { kind: 'file', path: real, name: basename(real), bytes: info.size, alt: ref.alt };
  }
  return { kind: 'refused', reason, alt: ref.alt };
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
