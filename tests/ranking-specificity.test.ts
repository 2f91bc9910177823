/**
 * Specificity (search/specificity.ts): ranking weighs a word by what it says
 * of the question's topic, so a chatty question's everyday words do not
 * outweigh its subject.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { SPECIFIC_SHARE } from '../src/search/hinges.js';
import { specificity } from '../src/search/specificity.js';
import { memoryCorpus } from './support/memory-corpus.js';

describe('specificity', () => {
  it('is 1 for a word fewer than one everyday paragraph in a hundred holds', () => {
    expect(specificity(SPECIFIC_SHARE)).toBe(1);
    expect(specificity(0.000001)).toBe(1);
  });

  it('falls on a log scale, squared, to 0 for a word every paragraph holds', () => {
    expect(specificity(0.1)).toBeCloseTo(0.25);
    expect(specificity(1)).toBe(0);
    expect(specificity(0.05)).toBeGreaterThan(specificity(0.1));
  });
});

describe('ask() on a chatty question', () => {
  // "usually" and "something" are rare in the notes (high IDF) but everywhere in everyday language.
  const everyday = { usually: 0.015, something: 0.23, learns: 0.031, better: 0.05, than: 0.2, tanh: 0.000001, sigmoid: 0.000001 };
  const corpus = memoryCorpus(
    [
      { id: 'chat', headingPath: ['Notes', 'Training tips'], text: 'usually something learns.' },
      { id: 'tanh', headingPath: ['Notes', 'Activations: tanh'], text: 'tanh is centred, sigmoid is not.' },
      { id: 'filler', text: 'Pooling layers shrink feature maps.' },
      { id: 'filler2', text: 'Anchors are boxes.' },
    ],
    { everyday, topical: ['tanh', 'sigmoid'] },
  );
  const question = 'usually something learns with tanh better than sigmoid';

  // BM25's own down-weighting of everyday words (termhood) is off here, so the rerank alone decides.
  const asTyped = { termhood: false };

  it('ranks the section on its subject above one holding its everyday words', async () => {
    expect((await ask(corpus, question, { features: asTyped })).results[0]?.chunkId).toBe('tanh');
  });

  it('leaves plain IDF to rank when switched off (the ablation)', async () => {
    expect((await ask(corpus, question, { features: { ...asTyped, specificity: false } })).results[0]?.chunkId).toBe('chat');
  });
});
