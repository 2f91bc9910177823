/**
 * Held ideas: how much of a question a heading names is measured against the
 * ideas some candidate section holds, so a chatty question's asides (words no
 * note uses) do not shrink every heading's share alike.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import type { Corpus } from '../src/search/corpus.js';
import { ideasHeldByAny } from '../src/search/held-ideas.js';
import type { QueryGroup } from '../src/text/analyzer.js';
import { memoryCorpus } from './support/memory-corpus.js';

const group = (surface: string, expansions: string[] = [], guesses: string[] = []): QueryGroup => ({
  surface,
  tokens: [surface],
  expansions,
  guesses,
});

describe('ideasHeldByAny', () => {
  it('keeps the ideas some section holds, typed, translated or as a dictionary sense', () => {
    const groups = [group('dropout'), group('downside', [], ['坏处']), group('batch', ['批量']), group('teammate')];
    const held = ideasHeldByAny(groups, [new Set(['dropout']), new Set(['批量', '坏处'])]);
    expect(held.map((g) => g.surface)).toEqual(['dropout', 'downside', 'batch']);
  });

  it('keeps every idea when no section holds any: there is nothing to measure against', () => {
    const groups = [group('tea'), group('oven')];
    expect(ideasHeldByAny(groups, [new Set(['dropout'])])).toEqual(groups);
  });
});

/** The question words the real analyzer drops as stop words (text/stopwords.ts); the memory corpus keeps them. */
const QUESTION_WORDS = new Set(['why', 'does', 'my', 'me', 'it']);
const withQuestionWordsDropped = (corpus: Corpus): Corpus => ({
  ...corpus,
  analyzeQuery: (q) => corpus.analyzeQuery(q).filter((g) => !QUESTION_WORDS.has(g.surface)),
});

describe('ask() on a chatty question whose asides no note uses', () => {
  const corpus = withQuestionWordsDropped(
    memoryCorpus(
      [
        {
          id: 'extreme',
          file: 'tuning.md',
          headingPath: ['Tuning', 'extreme batch sizes in training'],
          text: 'training with batch 1 or a batch of 8000: training batch statistics break, training slows, batch norm fails',
        },
        {
          id: 'harm',
          file: 'batch.md',
          headingPath: ['Batch', 'why a huge batch hurts'],
          text: 'memory runs out and the batch gradient direction stops changing.',
        },
        { id: 'choice', file: 'batch.md', headingPath: ['Batch', 'choosing the batch'], text: 'powers of two are common for the batch.' },
        { id: 'filler', text: 'Pooling layers shrink feature maps.' },
      ],
      { topical: ['batch'] },
    ),
  );
  const question = 'my teammate keeps cranking the batch up for faster training, why does a huge batch hurt, seriously wondering';

  it('puts first the section whose heading restates what is asked', async () => {
    expect((await ask(corpus, question)).results[0]?.chunkId).toBe('harm');
  });

  it('lets the asides dilute the heading, and word counts win, when switched off (the ablation)', async () => {
    expect((await ask(corpus, question, { features: { heldIdeas: false } })).results[0]?.chunkId).toBe('extreme');
  });

  it('ranks a plain question the same either way', async () => {
    const plain = 'why does a huge batch hurt';
    expect((await ask(corpus, plain)).results[0]?.chunkId).toBe('harm');
    expect((await ask(corpus, plain, { features: { heldIdeas: false } })).results[0]?.chunkId).toBe('harm');
  });
});
