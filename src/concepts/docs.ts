/**
 * A note as the concept miner reads it: its sections (a heading path and the
 * prose paragraphs under it), rebuilt from the note's chunks.
 */
import type { Chunk, NoteMeta } from '../notes/types.js';
import { proseParagraphs, type ProseParagraph } from './text.js';

export interface NoteInput {
  meta: NoteMeta;
  chunks: ReadonlyArray<Chunk>;
}

export interface Section {
  headingPath: string[];
  paragraphs: ProseParagraph[];
}

export interface Doc {
  meta: NoteMeta;
  sections: Section[];
}

/** The note's sections, in order; the parts of a long section are joined again. */
export function readDoc(note: NoteInput): Doc {
  const sections: Section[] = [];
  let current: Section | undefined;
  let key = '';
  for (const chunk of note.chunks) {
    const k = chunk.headingPath.join('\u001f');
    if (!current || k !== key || chunk.part === 0) {
      current = { headingPath: chunk.headingPath, paragraphs: [] };
      sections.push(current);
      key = k;
    }
    for (const p of proseParagraphs(chunk)) current.paragraphs.push({ ...p, index: current.paragraphs.length });
  }
  return { meta: note.meta, sections };
}
