import { headingPathWords, sectionKey } from '../notes/section.js';
import type { ChunkWithMeta } from '../notes/types.js';
import { type Aspect, aspectsOf } from './aspects.js';
import type { Corpus } from './corpus.js';

/**
 * What answering one question reads of the sections it weighs: their rows,
 * the words of their headings, text and place in the note. The rerank, the
 * overview rule, a comparison's sides and the abstention rules all ask the
 * same few sections the same things, so each read is made once per question
 * (a lookup lives as long as one ask()).
 */
export class SectionLookup {
  private readonly chunks = new Map<string, ChunkWithMeta | undefined>();
  private readonly headingTokens = new Map<string, ReadonlySet<string>>();
  private readonly textTokens = new Map<string, ReadonlySet<string>>();
  /** Keyed by id, then "above" or not: a comparison's side rules ask each candidate's place several times. */
  private readonly pathTokens = new Map<string, ReadonlySet<string>>();
  private readonly titleTokens = new Map<string, ReadonlySet<string>>();

  constructor(private readonly corpus: Corpus) {}

  /** The section's row in the index, or undefined for an id the index no longer holds. */
  chunkOf(id: string): ChunkWithMeta | undefined {
    if (!this.chunks.has(id)) this.chunks.set(id, this.corpus.chunk(id));
    return this.chunks.get(id);
  }

  /** The section a chunk is part of: the parts of a long section share it. */
  sectionOf(id: string): string {
    const found = this.chunkOf(id);
    return found ? sectionKey(found.chunk) : id;
  }

  /** The tokens of the section's own heading (none for a note's intro). */
  headingTokensOf(id: string): ReadonlySet<string> {
    if (!this.headingTokens.has(id)) this.headingTokens.set(id, this.corpus.ownHeadingTokens(this.chunkOf(id)?.chunk.headingPath ?? []));
    return this.headingTokens.get(id)!;
  }

  /** The own heading's tokens, or for a note's intro the note's title, which heads it. */
  headingOrTitleTokensOf(id: string): ReadonlySet<string> {
    const path = this.chunkOf(id)?.chunk.headingPath ?? [];
    return path.length === 1 ? new Set(this.corpus.tokenize(path[0]!)) : this.headingTokensOf(id);
  }

  /** A section's own heading with its parent's: "10.1.1 定义" says only that it defines, "10.1 强化学习的主要特点" what. */
  vouchingHeadingOf(id: string): ReadonlySet<string> {
    const path = this.chunkOf(id)?.chunk.headingPath ?? [];
    if (path.length <= 2) return this.headingOrTitleTokensOf(id);
    return new Set([...this.headingTokensOf(id), ...this.corpus.ownHeadingTokens(path.slice(0, -1))]);
  }

  /**
   * The words of a section's own text: its note's title and aliases, which every section of the note is
   * indexed with, say nothing of what the section itself speaks of.
   */
  textTokensOf(id: string): ReadonlySet<string> {
    if (!this.textTokens.has(id)) {
      const found = this.chunkOf(id);
      this.textTokens.set(id, found ? this.corpus.textTokens(found) : new Set());
    }
    return this.textTokens.get(id)!;
  }

  /** The words of a section's note title and heading path; `above` leaves its own heading out: where it lives. */
  pathTokensOf(id: string, above = false): ReadonlySet<string> {
    const key = `${above ? 'above' : 'path'}\u0000${id}`;
    if (!this.pathTokens.has(key)) {
      const found = this.chunkOf(id);
      const path = found ? (above ? found.chunk.headingPath.slice(0, -1) : found.chunk.headingPath) : [];
      this.pathTokens.set(key, found ? new Set(this.corpus.tokenize(`${found.meta.title} ${headingPathWords(path)}`)) : new Set());
    }
    return this.pathTokens.get(key)!;
  }

  /** The words of the title of the section's note. */
  titleTokensOf(id: string): ReadonlySet<string> {
    if (!this.titleTokens.has(id)) this.titleTokens.set(id, new Set(this.corpus.tokenize(this.chunkOf(id)?.meta.title ?? '')));
    return this.titleTokens.get(id)!;
  }

  /** The section's own heading; a note's intro has none (its title is the note's). */
  ownHeadingOf(id: string): string | null {
    const path = this.chunkOf(id)?.chunk.headingPath ?? [];
    return path.length > 1 ? path[path.length - 1]! : null;
  }

  /** What the section's own heading says it answers ("为什么…？", "…的优点", "…比较"). */
  ownAspectsOf(id: string): Set<Aspect> {
    const heading = this.ownHeadingOf(id);
    return heading !== null ? aspectsOf(heading) : new Set<Aspect>();
  }
}
