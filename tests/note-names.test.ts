/**
 * A question that names a note by its own name (search/abstain.ts,
 * namesItsNote) is about that note, whatever story it tells.
 */
import { describe, expect, it } from 'vitest';
import { namesItsNote } from '../src/search/abstain.js';
import { ask } from '../src/search/ask.js';
import type { Corpus } from '../src/search/corpus.js';
import { memoryCorpus } from './support/memory-corpus.js';

const everydayWords = new Set(['focal', 'loss', 'functions']);
const isEveryday = (t: string) => everydayWords.has(t);

describe('namesItsNote', () => {
  it('holds when the question types every name of the title that everyday language does not know', () => {
    expect(namesItsNote(['polarmask'], new Set(['polarmask', 'holes']), isEveryday)).toBe(true);
    expect(namesItsNote(['retinanet', 'focal', 'loss'], new Set(['retinanet', 'anchors']), isEveryday)).toBe(true);
  });

  it('does not hold for a title of everyday words only, nor for a question that borrows its everyday words', () => {
    expect(namesItsNote(['loss', 'functions'], new Set(['loss', 'functions']), isEveryday)).toBe(false);
    expect(namesItsNote(['retinanet', 'focal', 'loss'], new Set(['focal', 'loss', 'hair']), isEveryday)).toBe(false);
    expect(namesItsNote(['第八章', '目标检测'], new Set(['第八章']), isEveryday)).toBe(false);
  });
});

describe('ask() on a question that names its note and tells a story', () => {
  // Words of the story everyday language knows, rare enough to be what a question hinges on; the notes have none.
  const everyday = { advisor: 0.002, worries: 0.003, ring: 0.006, shaped: 0.002, cells: 0.004, microscope: 0.0005 };
  const notes = memoryCorpus(
    [
      {
        id: 'limits',
        headingPath: ['PolarMask', 'Limits'],
        text: 'polarmask assumes star convex shapes, so objects with holes are not represented.',
      },
      { id: 'rays', headingPath: ['PolarMask', 'Rays'], text: 'polarmask predicts 36 rays from the center.' },
      { id: 'pool', headingPath: ['Layers', 'Pooling'], text: 'pooling shrinks feature maps.' },
    ],
    { everyday, topical: ['polarmask', 'holes', 'objects'] },
  );
  const titled: Corpus = {
    ...notes,
    chunk: (id) => {
      const found = notes.chunk(id);
      return found && { ...found, meta: { ...found.meta, title: found.chunk.headingPath[0]! } };
    },
  };
  const question = 'my advisor worries polarmask fails on ring shaped cells under a microscope: can polarmask represent objects with holes';

  it('answers it from the note it names', async () => {
    const answer = await ask(titled, question);
    expect(answer.answered).toBe(true);
    expect(answer.results[0]?.chunkId).toBe('limits');
  });

  it('refuses it when switched off (the ablation): the story words count against the notes', async () => {
    expect((await ask(titled, question, { features: { noteNames: false } })).answered).toBe(false);
  });
});
