/**
 * Specification of ask() against a small corpus held in memory: ranking by
 * coverage, abstention, one result per section, quotes and fusion with a
 * dense leg. The corpus is a plain object, so these hold for any index that
 * fills the Corpus port, not only StudyIndex.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { memoryCorpus, type Section } from './support/memory-corpus.js';

const filler: Section[] = [
  { id: 'anchors', text: 'Anchors are boxes of fixed sizes placed over the image.' },
  { id: 'pooling', text: 'Pooling layers shrink feature maps.' },
  { id: 'batchnorm', text: 'Batch normalisation rescales activations.' },
  { id: 'calculus', text: 'The chain rule of calculus multiplies derivatives.' },
];

describe('ask() over a Corpus', () => {
  it('ranks the section that holds most of the question above one that repeats a single word of it', async () => {
    const corpus = memoryCorpus(
      [
        ...filler,
        { id: 'repeats', text: 'focal '.repeat(8) },
        { id: 'definition', headingPath: ['Notes', 'Focal loss'], text: 'Focal loss down-weights easy examples.' },
      ],
      { topical: ['focal'] },
    );
    const plain = await ask(corpus, 'focal loss easy examples', { features: { rerank: false } });
    expect(plain.results[0]!.chunkId).toBe('repeats');
    const answer = await ask(corpus, 'focal loss easy examples');
    expect(answer.results.map((r) => r.chunkId)).toEqual(['definition', 'repeats']);
    expect(answer.results[0]!.coverage).toBe(1);
    expect(answer.results[1]!.coverage).toBeLessThan(0.5);
    expect(answer).toMatchObject({ answered: true, legs: { keyword: true, dense: false } });
  });

  it('abstains when the best section shares no topical term with the question, and still lists the nearest sections', async () => {
    // Everyday language knows the question's words, as the real index's tables do: none is a name of the notes.
    const everyday = { rule: 0.04, follow: 0.03, bake: 0.002, bread: 0.01 };
    const corpus = memoryCorpus(filler, { topical: ['anchors', 'pooling'], everyday });
    const offTopic = await ask(corpus, 'what rule do I follow to bake bread');
    expect(offTopic.answered).toBe(false);
    expect(offTopic.results.map((r) => r.chunkId)).toEqual(['calculus']);
    const onTopic = await ask(corpus, 'what do pooling layers do');
    expect(onTopic.answered).toBe(true);
    expect(onTopic.results[0]!.chunkId).toBe('pooling');
  });

  it('abstains when the best section covers less of the question than the minimum', async () => {
    const corpus = memoryCorpus(filler, { topical: ['pooling'] });
    const answer = await ask(corpus, 'pooling layers shrink feature maps', { minCoverage: 1.01 });
    expect(answer.results[0]!.chunkId).toBe('pooling');
    expect(answer.answered).toBe(false);
  });

  it('answers a question in the other language through a glossary translation of a topical term', async () => {
    const corpus = memoryCorpus(filler, { topical: ['anchors'], glossary: { 锚框: ['anchors'] } });
    const answer = await ask(corpus, '锚框');
    expect(answer.results[0]).toMatchObject({ chunkId: 'anchors', coverage: 0.8 });
    expect(answer.answered).toBe(true);
    const untranslated = await ask(corpus, '锚框', { features: { expansion: false } });
    expect(untranslated).toMatchObject({ answered: false, results: [] });
  });

  it('lists a section once, by its best part, and a passage copied into two notes once', async () => {
    const corpus = memoryCorpus(
      [
        ...filler,
        { id: 'long-0', headingPath: ['Notes', 'Dropout'], text: 'Dropout dropout dropout zeroes units.', part: 0 },
        { id: 'long-1', headingPath: ['Notes', 'Dropout'], text: 'Dropout is off at test time.', part: 1 },
        { id: 'copy-a', file: 'a.md', text: 'Dropout rate 0.5 is common.' },
        { id: 'copy-b', file: 'b.md', text: 'Dropout rate 0.5 is common.' },
      ],
      { topical: ['dropout'] },
    );
    const answer = await ask(corpus, 'dropout', { features: { rerank: false } });
    expect(answer.results.map((r) => r.chunkId)).toEqual(['long-0', 'copy-a']);
  });

  it('returns at most k results', async () => {
    const corpus = memoryCorpus(filler.map((s, i) => ({ ...s, text: `${s.text} Layers ${i}.` })));
    expect((await ask(corpus, 'layers', { k: 2 })).results).toHaveLength(2);
    expect((await ask(corpus, 'layers', { k: 0 })).results).toHaveLength(1);
  });

  it("quotes the passage that holds the question's words and keeps the whole section as its text", async () => {
    const before = Array.from({ length: 20 }, (_, i) => `Background sentence ${i} says nothing in particular.`).join(' ');
    const after = Array.from({ length: 20 }, (_, i) => `Closing sentence ${i} says nothing either.`).join(' ');
    const text = `${before} Focal loss down-weights easy examples. ${after}`;
    const corpus = memoryCorpus([...filler, { id: 'long', text }], { topical: ['focal'] });
    const [result] = (await ask(corpus, 'focal loss')).results;
    expect(result!.text).toBe(text);
    expect(result!.quote.startsWith('Focal loss down-weights easy examples.')).toBe(true);
    expect(result!.quote.length).toBeLessThan(text.length);
  });

  it('fuses the dense ranking when the corpus has a dense leg, tokenising sections only it found', async () => {
    const corpus = memoryCorpus(filler, { topical: ['pooling'], dense: ['batchnorm', 'pooling'] });
    const answer = await ask(corpus, 'pooling');
    expect(answer.legs).toEqual({ keyword: true, dense: true });
    expect(answer.results.map((r) => r.chunkId)).toEqual(['pooling', 'batchnorm']);
    expect(answer.results[1]!.coverage).toBe(0);
    const keywordOnly = await ask(memoryCorpus(filler, { topical: ['pooling'] }), 'pooling');
    expect(keywordOnly.results.map((r) => r.chunkId)).toEqual(['pooling']);
  });
});
