/**
 * Word order (search/word-order.ts): "vector to sequence" is not
 * "sequence to vector", though both hold the same words.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { wordOrderShare } from '../src/search/word-order.js';
import { memoryCorpus } from './support/memory-corpus.js';

describe('wordOrderShare', () => {
  it('is the share of the question’s neighbouring words a heading holds side by side in the same order', () => {
    expect(wordOrderShare(['vector', 'sequence', 'rnn'], ['vector', 'sequence', '结构'])).toBe(0.5);
    expect(wordOrderShare(['vector', 'sequence', 'rnn'], ['sequence', 'vector', '结构'])).toBe(0);
    expect(wordOrderShare(['vector', 'sequence'], ['vector', '到', 'sequence'])).toBe(1);
  });

  it('is 0 for a question of fewer than two Latin words', () => {
    expect(wordOrderShare(['rnn'], ['rnn'])).toBe(0);
    expect(wordOrderShare(['循环', '网络'], ['循环', '网络'])).toBe(0);
  });
});

const notes = memoryCorpus([
  {
    id: 's2v',
    headingPath: ['RNN', 'sequence to vector'],
    text: 'The RNN reads a sequence and outputs one vector.',
  },
  { id: 'v2s', headingPath: ['RNN', 'vector to sequence'], text: 'Given one vector, the RNN emits a sequence.' },
  { id: 'pool', headingPath: ['CNN', 'pooling'], text: 'Pooling shrinks feature maps.' },
]);

describe('ask() on words whose order is the question', () => {
  it('puts first the section whose heading holds them in the order asked', async () => {
    expect((await ask(notes, 'what is a vector to sequence rnn')).results[0]?.chunkId).toBe('v2s');
    expect((await ask(notes, 'what is a sequence to vector rnn')).results[0]?.chunkId).toBe('s2v');
  });

  it('cannot tell the two apart when switched off (the ablation): both questions get the same first section', async () => {
    const off = { features: { wordOrder: false } };
    const [a, b] = await Promise.all([
      ask(notes, 'what is a vector to sequence rnn', off),
      ask(notes, 'what is a sequence to vector rnn', off),
    ]);
    expect(a.results[0]?.chunkId).toBe(b.results[0]?.chunkId);
  });
});
