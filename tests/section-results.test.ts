import { describe, expect, it } from 'vitest';
import { sectionKey } from '../src/notes/section.js';
import type { Chunk, ChunkWithMeta } from '../src/notes/types.js';
import { type SectionReads, sectionResults } from '../src/search/section-results.js';
import type { RankedId } from '../src/search/sides-first.js';

const chunk = (id: string, heading: string, text: string, part = 0): ChunkWithMeta => ({
  chunk: { id, file: 'note.md', title: 'Note', headingPath: ['Note', heading], startLine: 1, endLine: 2, text, part } satisfies Chunk,
  meta: { file: 'note.md', title: 'Note', tags: [], aliases: [] },
});

/** Reads over a fixed set of chunks, recording which are read; a part's quote is its text, scored by how often it says "answer". */
function readsOf(chunks: ChunkWithMeta[]): SectionReads & { read: string[] } {
  const byId = new Map(chunks.map((c) => [c.chunk.id, c]));
  const read: string[] = [];
  const chunkOf = (id: string) => {
    read.push(id);
    return byId.get(id);
  };
  return {
    read,
    chunkOf,
    // As ask() does: a chunk's section is read off the chunk.
    sectionOf: (id) => sectionKey(chunkOf(id)!.chunk),
    // As the index does: ids that share their first half may be parts of one section.
    mayShareSection: (a, b) => a.split('-')[0] === b.split('-')[0],
    tokensOf: () => new Set(),
    quoteOf: (c) => ({ quote: c.text, score: c.text.split('answer').length - 1 }),
    coverage: () => 0,
  };
}

const ranked = (...ids: string[]): RankedId[] => ids.map((id, i) => ({ id, score: 1 - i / 10 }));

describe('section results', () => {
  it('quotes a long section from its part that holds the most, and lists the section once', () => {
    const reads = readsOf([
      chunk('aaaa-1', 'Long', 'the code part', 1),
      chunk('bbbb-1', 'Other', 'another section'),
      chunk('aaaa-2', 'Long', 'the answer, the answer', 0),
    ]);
    const { results } = sectionResults(ranked('aaaa-1', 'bbbb-1', 'aaaa-2'), 5, [], new Map(), reads);
    expect(results.map((r) => r.quote)).toEqual(['the answer, the answer', 'another section']);
  });

  it('reads no chunk of another section to find a section’s parts', () => {
    const reads = readsOf([chunk('aaaa-1', 'First', 'answer'), chunk('bbbb-1', 'Second', 'text'), chunk('cccc-1', 'Third', 'text')]);
    sectionResults(ranked('aaaa-1', 'bbbb-1', 'cccc-1'), 1, [], new Map(), reads);
    expect(reads.read.filter((id) => id !== 'aaaa-1')).toEqual([]);
  });

  it('keeps two sections apart when their ids share a section half', () => {
    // Two headings whose 40-bit section hashes collide: rare, but then they are still two sections.
    const reads = readsOf([chunk('dddd-1', 'One', 'one answer'), chunk('dddd-2', 'Two', 'two answer, answer')]);
    const { results } = sectionResults(ranked('dddd-1', 'dddd-2'), 5, [], new Map(), reads);
    expect(results.map((r) => r.headingPath.at(-1))).toEqual(['One', 'Two']);
    expect(results[0]!.quote).toBe('one answer');
  });
});
