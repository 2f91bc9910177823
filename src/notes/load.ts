import type { Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadIgnoreRules } from './ignore-rules.js';
import { isNoteFile } from './note-file.js';
import type { NoteSource } from './types.js';

/** What a scan of the notes folder sees of each file, cheap enough to do before every question. */
export interface NoteStat {
  file: string;
  size: number;
  mtimeMs: number;
}

export class NotesDirError extends Error {}

/**
 * Limits on one note, so that a single pathological file cannot stall
 * indexing: the Markdown parser's time grows with the cube of list nesting
 * depth (a 1 MB note of nested lists: over 30 s), and its memory with size.
 */
export interface NoteLimits {
  maxBytes: number;
  /** Deepest nesting of lists and block quotes, as estimated by `nestingDepth`. */
  maxNesting: number;
}

/**
 * 2 MB of ordinary notes parses in 3–7 s (about a thousand sections per MB);
 * nesting 64 (estimated) in under 0.1 s. Real notes nest fewer than 10 levels.
 */
export const DEFAULT_NOTE_LIMITS: NoteLimits = { maxBytes: 2 * 1024 * 1024, maxNesting: 64 };

/** Throws NotesDirError unless `notesDir` is an existing folder: checked before an index is touched. */
export async function checkNotesDir(notesDir: string): Promise<void> {
  let top: Stats;
  try {
    top = await stat(notesDir);
  } catch {
    throw new NotesDirError(`Notes folder not found: ${notesDir}. Pass --notes DIR or set NOTES_DIR.`);
  }
  if (!top.isDirectory()) throw new NotesDirError(`Notes path is not a folder: ${notesDir}`);
}

/** Lists Markdown files under `notesDir`, sorted, leaving out what the ignore rules (ignore-rules.ts) name. */
export async function scanNotes(notesDir: string): Promise<NoteStat[]> {
  await checkNotesDir(notesDir);
  const ignored = await loadIgnoreRules(notesDir);
  const paths: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(notesDir, full).split(path.sep).join('/');
      if (ignored(entry.isDirectory() ? `${relative}/` : relative)) continue;
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && isNoteFile(entry.name)) paths.push(full);
    }
  };
  await walk(notesDir);
  // Stat in parallel: this scan runs before every answer, and one await per file adds up in a big vault.
  const found = await Promise.all(
    paths.map(async (full): Promise<NoteStat> => {
      const s = await stat(full);
      return { file: path.relative(notesDir, full).split(path.sep).join('/'), size: s.size, mtimeMs: s.mtimeMs };
    }),
  );
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export type ReadResult = { ok: true; note: NoteSource } | { ok: false; file: string; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads one note as strict UTF-8. A file that is not text (invalid UTF-8, NUL
 * bytes) is reported, never guessed at: quoting mojibake would be worse than
 * skipping the note. So is a note over one of the limits, whose size is
 * checked before it is read.
 */
export async function readNote(notesDir: string, file: string, limits: NoteLimits = DEFAULT_NOTE_LIMITS): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    const { size } = await stat(path.join(notesDir, file));
    if (size > limits.maxBytes)
      return { ok: false, file, reason: `is ${megabytes(size)} MB; the limit is ${megabytes(limits.maxBytes)} MB (MAX_NOTE_MB)` };
    bytes = await readFile(path.join(notesDir, file));
  } catch (err) {
    return { ok: false, file, reason: `cannot read: ${(err as Error).message}` };
  }
  if (bytes.includes(0)) return { ok: false, file, reason: 'contains NUL bytes (binary file?)' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, file, reason: 'is not valid UTF-8 (re-save it as UTF-8)' };
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const depth = nestingDepth(text);
  if (depth > limits.maxNesting) {
    return { ok: false, file, reason: `nests lists or quotes about ${depth} levels deep; the limit is ${limits.maxNesting}` };
  }
  return { ok: true, note: { file, text } };
}

/** MB with up to two decimals: enough to tell a note just over the limit from the limit. */
function megabytes(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 100) / 100);
}

const TAB = 4;

/**
 * How deeply a note nests lists and block quotes, estimated in one pass
 * without parsing: for each line that opens a container, its list and quote
 * markers plus its indentation in steps of two columns (the least a nested
 * list item needs). It overestimates lists indented by four, never the
 * pathological cases: "- - - - x" and staircases of indented items.
 */
export function nestingDepth(text: string): number {
  let deepest = 0;
  for (const line of text.split('\n')) {
    let i = 0;
    let column = 0;
    let markers = 0;
    let indent = -1;
    for (;;) {
      while (line[i] === ' ' || line[i] === '\t') column += line[i++] === '\t' ? TAB : 1;
      if (indent < 0) indent = column;
      const marker = /^(?:(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)|>)/.exec(line.slice(i, i + 11));
      if (!marker) break;
      markers++;
      i += marker[0].length;
      column += marker[0].length;
    }
    if (markers > 0) deepest = Math.max(deepest, markers + Math.floor(indent / 2));
  }
  return deepest;
}
