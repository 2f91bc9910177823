/**
 * The rerank weighs the ideas some candidate holds (search/query-groups.ts,
 * ideasHeld): words no section has do not leave BM25 to decide alone.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { ideasHeld } from '../src/search/query-groups.js';
import { memoryCorpus } from './support/memory-corpus.js';

describe('ideasHeld', () => {
  it('keeps the ideas a candidate holds, typed, translated or guessed, and drops the rest', () => {
    const groups = [
      { surface: 'transfer', tokens: ['transfer'], expansions: [], guesses: [] },
      { surface: 'pooling', tokens: ['pooling'], expansions: ['池化'], guesses: [] },
      { surface: 'core', tokens: ['core'], expansions: [], guesses: ['核心'] },
      { surface: 'place', tokens: ['place'], expansions: [], guesses: [] },
    ];
    const hits = [{ matched: new Set(['transfer']) }, { matched: new Set(['池化', '核心']) }];
    expect(ideasHeld(groups, hits).map((g) => g.surface)).toEqual(['transfer', 'pooling', 'core']);
  });
});

describe('ask() on a question with words no note has', () => {
  const corpus = memoryCorpus([
    {
      id: 'repeats',
      headingPath: ['Notes', 'Training log'],
      text: 'transfer transfer transfer transfer transfer transfer transfer transfer.',
    },
    { id: 'about', headingPath: ['Notes', 'Transfer learning'], text: 'transfer learning reuses a trained model on a new dataset.' },
    { id: 'pool', headingPath: ['Notes', 'Pooling'], text: 'pooling shrinks feature maps.' },
    { id: 'anchor', headingPath: ['Notes', 'Anchors'], text: 'anchors are boxes.' },
  ]);
  const question = 'transfer learning for my small project in the first place honestly';

  it('ranks first the section holding most of what the notes hold of it', async () => {
    expect((await ask(corpus, question)).results[0]?.chunkId).toBe('about');
  });

  it('lets a section repeating one word win when switched off (the ablation)', async () => {
    expect((await ask(corpus, question, { features: { heldIdeas: false } })).results[0]?.chunkId).toBe('repeats');
  });
});
