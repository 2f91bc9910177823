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
  /** Blog categories from front matter; absent when there are none. */
  categories?: string[];
  /** Front matter `permalink`: where a blog publishes the note (NOTES_URL's {permalink}). */
  permalink?: string;
  /** Notes this one links to or embeds ([[wikilinks]]), so a citation can link on later. */
  links?: string[];
  /** The git commit whose version of the file was indexed; absent when the file differed from HEAD or is not in git. */
  commit?: string;
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
  /** Why the note is left out of the index (a draft, an unpublished post), when it is. */
  excludedBecause?: string;
}
