/**
 * What answering a question reads of its sections (search/section-lookup.ts):
 * a section's heading, the heading that vouches for it, its text and its
 * place, each read from the index once per question.
 */
import { describe, expect, it } from 'vitest';
import type { Corpus } from '../src/search/corpus.js';
import { SectionLookup } from '../src/search/section-lookup.js';
import { memoryCorpus } from './support/memory-corpus.js';

const notes = memoryCorpus([
  { id: 'intro', headingPath: ['focal loss notes'], text: 'retinanet and the focal loss' },
  { id: 'why', headingPath: ['focal loss notes', 'why focal loss'], text: 'easy negatives swamp the loss' },
  { id: 'def', headingPath: ['focal loss notes', 'reinforcement basics', 'definition'], text: 'an agent acts' },
]);

describe('SectionLookup', () => {
  it("gives a section's own heading words, and a note's intro the note's title, which heads it", () => {
    const lookup = new SectionLookup(notes);
    expect([...lookup.headingTokensOf('why')]).toEqual(['why', 'focal', 'loss']);
    expect([...lookup.headingTokensOf('intro')]).toEqual([]);
    expect([...lookup.headingOrTitleTokensOf('intro')]).toEqual(['focal', 'loss', 'notes']);
  });

  it('lets a heading that only says what it does ("definition") borrow the words of the heading above it', () => {
    const lookup = new SectionLookup(notes);
    expect([...lookup.vouchingHeadingOf('def')].sort()).toEqual(['basics', 'definition', 'reinforcement']);
    expect([...lookup.vouchingHeadingOf('why')]).toEqual(['why', 'focal', 'loss']);
  });

  it('tells where a section lives: its note and the headings above its own', () => {
    const lookup = new SectionLookup(notes);
    expect(lookup.ownHeadingOf('def')).toBe('definition');
    expect(lookup.ownHeadingOf('intro')).toBeNull();
    expect(lookup.pathTokensOf('def', true)).toEqual(new Set(['notes', 'focal', 'loss', 'reinforcement', 'basics']));
    expect(lookup.ownAspectsOf('why')).toEqual(new Set(['reason']));
  });

  it('reads each section from the index once, however often it is asked about', () => {
    let reads = 0;
    const counting: Corpus = {
      ...notes,
      chunk: (id) => {
        reads++;
        return notes.chunk(id);
      },
    };
    const lookup = new SectionLookup(counting);
    lookup.headingTokensOf('why');
    lookup.textTokensOf('why');
    lookup.pathTokensOf('why');
    lookup.sectionOf('why');
    expect(reads).toBe(1);
    expect(lookup.chunkOf('gone')).toBeUndefined();
    expect(lookup.sectionOf('gone')).toBe('gone');
  });
});
