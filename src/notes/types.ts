/** One Markdown note as read from the notes folder. */
export interface NoteSource {
  /** Path relative to the notes folder, always with `/` separators. */
  file: string;
  text: string;
}

export interface NoteMeta {
  file: string;
  title: string;
  tags: string[];
  aliases: string[];
}

/**
 * A retrievable piece of a note: one heading section, or one part of a long
 * section. Everything a caller needs to quote and cite it.
 */
export interface Chunk {
  /** Stable across re-indexing while file, heading path and text stay the same. */
  id: string;
  file: string;
  title: string;
  /** Headings from the note's top heading down to this section's own. */
  headingPath: string[];
  /** 1-based, inclusive, in the original file. */
  startLine: number;
  endLine: number;
  /** The Markdown source of the section body (headings excluded). */
  text: string;
  /** Index of this part when a long section was split; 0 otherwise. */
  part: number;
}

/** A chunk with the metadata of its note: what a search result cites. */
export interface ChunkWithMeta {
  chunk: Chunk;
  meta: NoteMeta;
}

export interface ParsedNote {
  meta: NoteMeta;
  chunks: Chunk[];
}
