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

/** Lists Markdown files under `notesDir`, sorted, leaving out what the ignore rules (ignore-rules.ts) name. */
export async function scanNotes(notesDir: string): Promise<NoteStat[]> {
  let top;
  try {
    top = await stat(notesDir);
  } catch {
    throw new NotesDirError(`Notes folder not found: ${notesDir}. Pass --notes DIR or set NOTES_DIR.`);
  }
  if (!top.isDirectory()) throw new NotesDirError(`Notes path is not a folder: ${notesDir}`);
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
 * skipping the note.
 */
export async function readNote(notesDir: string, file: string): Promise<ReadResult> {
  let bytes: Buffer;
  try {
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
  return { ok: true, note: { file, text: text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') } };
}
