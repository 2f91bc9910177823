import type { Chunk, NoteMeta } from '../notes/types.js';
import type { FileInfo, FileRecord, IndexStore, SkippedFile } from './store.js';

/** A note as lists of notes show it. */
export interface ListedNote {
  file: string;
  title: string;
}

/**
 * The note files of an index as one read of its file table found them: the
 * ones indexed and the ones skipped. Replaced as a whole after every change,
 * so nothing derived from an older read (the notes with their chunks) outlives it.
 */
export class NoteRecords {
  private readonly metaByFile: Map<string, NoteMeta>;
  private withChunks: FileRecord[] | null = null;

  constructor(
    readonly indexed: FileInfo[],
    readonly skipped: SkippedFile[],
  ) {
    this.metaByFile = new Map(indexed.map((f) => [f.file, f.meta]));
  }

  static read(store: IndexStore): NoteRecords {
    const { indexed, skipped } = store.files();
    return new NoteRecords(indexed, skipped);
  }

  /** No file indexed or skipped: the next sync builds the index from scratch. */
  get isEmpty(): boolean {
    return this.indexed.length === 0 && this.skipped.length === 0;
  }

  meta(file: string): NoteMeta | undefined {
    return this.metaByFile.get(file);
  }

  /** File and title of every indexed note, in path order, from the file records alone: no chunk is read. */
  list(): ListedNote[] {
    return this.indexed.map((f) => ({ file: f.file, title: f.meta.title }));
  }

  /** Every indexed note with its chunks; `readAllChunks` is called on first use only. */
  notes(readAllChunks: () => Chunk[]): ReadonlyArray<FileRecord> {
    if (!this.withChunks) {
      const byFile = new Map<string, Chunk[]>();
      for (const chunk of readAllChunks()) {
        const list = byFile.get(chunk.file) ?? [];
        list.push(chunk);
        byFile.set(chunk.file, list);
      }
      this.withChunks = this.indexed.map((f) => ({ ...f, chunks: byFile.get(f.file) ?? [] }));
    }
    return this.withChunks;
  }
}
