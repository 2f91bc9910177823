/**
 * A question of several sentences (search/ask.ts, askingSentence): its last
 * sentence asks it, and the story before it need not be in the notes.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { memoryCorpus } from './support/memory-corpus.js';

// Words everyday language knows, rare enough in it (under one paragraph in a hundred) to be what a question hinges on.
const everyday = {
  exam: 0.002,
  revision: 0.001,
  rushed: 0.002,
  teacher: 0.014,
  through: 0.2,
  measure: 0.005,
  does: 0.3,
  cook: 0.005,
  dinner: 0.008,
  should: 0.2,
  talked: 0.01,
  about: 0.3,
  variance: 0.0004,
};
const corpus = memoryCorpus(
  [
    { id: 'var', headingPath: ['Statistics', 'Variance'], text: 'variance measure of how far values spread from their mean.' },
    { id: 'mean', headingPath: ['Statistics', 'Mean'], text: 'the mean is the expected value of a variable.' },
    { id: 'pool', headingPath: ['Layers', 'Pooling'], text: 'pooling shrinks feature maps.' },
    { id: 'norm', headingPath: ['Layers', 'Normalization'], text: 'normalization rescales activations by their variance.' },
  ],
  { everyday, topical: ['variance', 'mean', 'pooling'] },
);

describe('ask() on a question of several sentences', () => {
  const story = 'revision for the exam, the teacher rushed through it. what does variance measure?';

  it('answers when the asking sentence hinges on nothing the notes lack, whatever the story before it', async () => {
    const answer = await ask(corpus, story);
    expect(answer.answered).toBe(true);
    expect(answer.results[0]?.chunkId).toBe('var');
  });

  it('refuses it when switched off (the ablation): the story words count against the notes', async () => {
    expect((await ask(corpus, story, { features: { askingSentence: false } })).answered).toBe(false);
  });

  it('still refuses a last sentence about something else, though the story names a topic of the notes', async () => {
    expect((await ask(corpus, 'the teacher talked about variance. what should I cook for dinner?')).answered).toBe(false);
  });
});

describe('ranking for a question of several sentences', () => {
  const gpu = memoryCorpus(
    [
      {
        id: 'hetero',
        headingPath: ['GPU', 'Heterogeneous computing'],
        text: 'a deep learning machine pairs a cpu with a gpu.',
      },
      { id: 'buying', headingPath: ['GPU', 'Buying advice'], text: 'what to look at when choosing a gpu: memory first, then bandwidth.' },
      { id: 'filler', headingPath: ['Layers', 'Pooling'], text: 'pooling shrinks feature maps.' },
    ],
    { topical: ['gpu', 'machine', 'deep', 'learning'] },
  );
  const story = 'our lab wants a deep learning machine, we never built one. what should we look at when choosing a gpu?';

  it('counts the asking sentence twice: what it asks outweighs the story told before it', async () => {
    expect((await ask(gpu, story)).results[0]?.chunkId).toBe('buying');
  });

  it('lets the story outweigh it when switched off (the ablation)', async () => {
    expect((await ask(gpu, story, { features: { askingSentence: false } })).results[0]?.chunkId).toBe('hetero');
  });
});

describe('the asking sentence and a spelling correction', () => {
  const notes = memoryCorpus(
    [
      { id: 'overfit', headingPath: ['Training', 'Overfitting'], text: 'overfitting: the model learns the noise of its training set.' },
      { id: 'pool', headingPath: ['Layers', 'Pooling'], text: 'pooling shrinks feature maps.' },
    ],
    { topical: ['overfitting', 'pooling'], everyday: { batter: 0.0009, lumpy: 0.0002, am: 0.3, it: 0.6 } },
  );

  it('refuses a story about something else whose last sentence meets the notes only through a correction', async () => {
    const answer = await ask(notes, 'the batter is lumpy. am I overfiting it?');
    expect(answer.corrections.map((c) => c.to)).toEqual(['overfitting']);
    expect(answer.answered).toBe(false);
  });

  it('answers the same question with the word as typed: the last sentence asks about the notes', async () => {
    expect((await ask(notes, 'the batter is lumpy. am I overfitting it?')).answered).toBe(true);
  });
});
