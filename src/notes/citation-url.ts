import path from 'node:path';
import { withoutNoteExtension } from './note-file.js';

/**
 * NOTES_URL: where the notes are published, so a citation can be a link.
 * Either a template such as `https://github.com/you/notes/blob/{commit}/{path}#L{start}-L{end}`
 * or `obsidian` (optionally `obsidian:Vault name`) for links that open the note in Obsidian.
 */
export type NotesUrl = { kind: 'template'; template: string } | { kind: 'obsidian'; vault: string | null };

/** What a citation link is made from: the cited lines and what the index knows of their note. */
export interface CitedLines {
  /** Relative to the notes folder, with `/`. */
  file: string;
  startLine: number;
  endLine: number;
  /** The commit whose version of the file was indexed (notes in git, file unchanged since). */
  commit?: string;
  permalink?: string;
}

export type CitationLink = { ok: true; url: string } | { ok: false; reason: string };

export const PLACEHOLDERS = ['path', 'start', 'end', 'commit', 'permalink'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

const HELP =
  'NOTES_URL must be "obsidian" (or "obsidian:Vault name"), or a URL template with placeholders among ' +
  `${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}, e.g. https://github.com/you/notes/blob/{commit}/{path}#L{start}-L{end}`;

/** Reads NOTES_URL; unset or empty means "no links", a malformed value is an error that says how to write it. */
export function parseNotesUrl(raw: string | undefined): { ok: true; notesUrl: NotesUrl | null } | { ok: false; message: string } {
  const value = raw?.trim() ?? '';
  if (!value) return { ok: true, notesUrl: null };
  const obsidian = /^obsidian(?::(.*))?$/i.exec(value);
  if (obsidian) return { ok: true, notesUrl: { kind: 'obsidian', vault: obsidian[1]?.trim() || null } };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return { ok: false, message: `${HELP} (got "${value}": not a URL).` };
  const unknown = [...value.matchAll(/\{([^{}]*)\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length) return { ok: false, message: `${HELP} (got unknown ${unknown.map((n) => `{${n}}`).join(', ')}).` };
  if (!/\{(path|permalink)\}/.test(value))
    return { ok: false, message: `${HELP} (it needs {path} or {permalink} to tell the notes apart).` };
  return { ok: true, notesUrl: { kind: 'template', template: value } };
}

/** Each path segment percent-encoded (spaces, Chinese, `#`, `?`), the `/` between them kept. */
export function encodePath(relative: string): string {
  return relative
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** A permalink may already be percent-encoded: decode what decodes, so it is encoded once. */
function encodePermalink(permalink: string): string {
  const decoded = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return permalink
    .replace(/^\/+/, '')
    .split('/')
    .map((s) => encodeURIComponent(decoded(s)))
    .join('/');
}

/**
 * The link of one citation, or why there is none: a template that needs
 * {commit} when the file had uncommitted changes at indexing (a link to another
 * version would show other lines), or {permalink} for a note without one.
 */
export function citationLink(notesUrl: NotesUrl, cited: CitedLines, notesDir: string): CitationLink {
  if (notesUrl.kind === 'obsidian') {
    const vault = notesUrl.vault ?? path.basename(path.resolve(notesDir));
    return {
      ok: true,
      url: `obsidian://open?vault=${encodeURIComponent(vault)}&file=${encodeURIComponent(withoutNoteExtension(cited.file))}`,
    };
  }
  const values: Record<Placeholder, string | undefined> = {
    path: encodePath(cited.file),
    start: String(cited.startLine),
    end: String(cited.endLine),
    commit: cited.commit,
    permalink: cited.permalink === undefined ? undefined : encodePermalink(cited.permalink),
  };
  const missing = PLACEHOLDERS.filter((p) => notesUrl.template.includes(`{${p}}`) && values[p] === undefined);
  if (missing.includes('commit'))
    return {
      ok: false,
      reason: `${cited.file} differed from the git HEAD when it was indexed (or is not in git), so no commit shows these lines`,
    };
  if (missing.includes('permalink')) return { ok: false, reason: `${cited.file} has no permalink in its front matter` };
  return { ok: true, url: notesUrl.template.replace(/\{(path|start|end|commit|permalink)\}/g, (_m, p: Placeholder) => values[p]!) };
}
