/** Which files are notes: Markdown, named `.md` or `.markdown` in any case. */
const NOTE_EXTENSION = /\.(md|markdown)$/i;

/** True when `name` (a file name or path) is a note's. */
export function isNoteFile(name: string): boolean {
  return NOTE_EXTENSION.test(name);
}

/** `name` without its note extension ("cv/fcn.md" → "cv/fcn"); other names are returned as they are. */
export function withoutNoteExtension(name: string): string {
  return name.replace(NOTE_EXTENSION, '');
}
