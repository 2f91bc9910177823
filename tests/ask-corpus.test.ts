/**
 * Specification of ask() against a small corpus held in memory: ranking by
 * coverage, abstention, one result per section, quotes and fusion with a
 * dense leg. The corpus is a plain object, so these hold for any index that
 * fills the Corpus port, not only StudyIndex.
 */
import { describe, expect, it } from 'vitest';
import type { Chunk, ChunkWithMeta } from '../src/notes/types.js';
import { ask } from '../src/search/ask.js';
import type { Corpus, KeywordHit } from '../src/search/corpus.js';
import type { QueryGroup } from '../src/text/analyzer.js';

interface Section {
  id: string;
  file?: string;
  headingPath?: string[];
  text: string;
  part?: number;
}

interface CorpusOptions {
  /** Terms the notes use far more than everyday language. */
  topical?: string[];
  /** Translations of a typed token. */
  glossary?: Record<string, string[]>;
  /** The dense leg's ranking for every question; absent: no dense leg. */
  dense?: string[];
}

const STOP_WORDS = new Set(['a', 'an', 'and', 'do', 'how', 'i', 'is', 'of', 'the', 'to', 'what', 'with']);

/** Lower-cased Latin words and runs of Chinese characters, stop words dropped. */
function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+|[\u4e00-\u9fff]+/g) ?? []).filter((t) => !STOP_WORDS.has(t));
}

function memoryCorpus(sections: Section[], options: CorpusOptions = {}): Corpus {
  const found: ChunkWithMeta[] = sections.map((s) => {
    const file = s.file ?? 'notes.md';
    const chunk: Chunk = {
      id: s.id, file, title: 'Notes', headingPath: s.headingPath ?? ['Notes', s.id], startLine: 1, endLine: 1, text: s.text, part: s.part ?? 0,
    };
    return { chunk, meta: { file, title: 'Notes', tags: [], aliases: [] } };
  });
  const tokensOf = ({ chunk, meta }: ChunkWithMeta) => tokenize(`${chunk.headingPath.join(' ')} ${meta.title} ${chunk.text}`);
  const idf = (t: string) => {
    const df = found.filter((f) => tokensOf(f).includes(t)).length;
    return Math.log(1 + (found.length - df + 0.5) / (df + 0.5));
  };
  const topical = new Set(options.topical ?? []);
  return {
    analyzeQuery: (question): QueryGroup[] =>
      tokenize(question).map((t) => ({ surface: t, tokens: [t], expansions: options.glossary?.[t] ?? [], guesses: [] })),
    tokenize,
    sectionTokens: (f) => new Set(tokensOf(f)),
    ownHeadingTokens: (path) => new Set(path.length > 1 ? tokenize(path[path.length - 1]!) : []),
    idf,
    isTopical: (t) => topical.has(t),
    // Term frequency times IDF, typed words twice their translations: enough of BM25 to rank by.
    keywordHits: (groups, limit) => {
      const weights = new Map<string, number>();
      for (const g of groups) {
        for (const t of g.expansions) weights.set(t, Math.max(weights.get(t) ?? 0, 1));
        for (const t of g.tokens) weights.set(t, 2);
      }
      const hits: KeywordHit[] = [];
      for (const f of found) {
        const tokens = tokensOf(f);
        let score = 0;
        const matched = new Set<string>();
        for (const t of tokens) {
          const w = weights.get(t);
          if (w === undefined) continue;
          score += w * idf(t);
          matched.add(t);
        }
        if (score > 0) hits.push({ id: f.chunk.id, score, matched });
      }
      return hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
    },
    denseHits: async () => options.dense ?? null,
    chunk: (id) => found.find((f) => f.chunk.id === id),
  };
}

const filler: Section[] = [
  { id: 'anchors', text: 'Anchors are boxes of fixed sizes placed over the image.' },
  { id: 'pooling', text: 'Pooling layers shrink feature maps.' },
  { id: 'batchnorm', text: 'Batch normalisation rescales activations.' },
  { id: 'calculus', text: 'The chain rule of calculus multiplies derivatives.' },
];

describe('ask() over a Corpus', () => {
  it('ranks the section that holds most of the question above one that repeats a single word of it', async () => {
    const corpus = memoryCorpus([
      ...filler,
      { id: 'repeats', text: 'focal '.repeat(8) },
      { id: 'definition', headingPath: ['Notes', 'Focal loss'], text: 'Focal loss down-weights easy examples.' },
    ], { topical: ['focal'] });
    const plain = await ask(corpus, 'focal loss easy examples', { features: { rerank: false } });
    expect(plain.results[0]!.chunkId).toBe('repeats');
    const answer = await ask(corpus, 'focal loss easy examples');
    expect(answer.results.map((r) => r.chunkId)).toEqual(['definition', 'repeats']);
    expect(answer.results[0]!.coverage).toBe(1);
    expect(answer.results[1]!.coverage).toBeLessThan(0.5);
    expect(answer).toMatchObject({ answered: true, legs: { keyword: true, dense: false } });
  });

  it('abstains when the best section shares no topical term with the question, and still lists the nearest sections', async () => {
    const corpus = memoryCorpus(filler, { topical: ['anchors', 'pooling'] });
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
    const corpus = memoryCorpus([
      ...filler,
      { id: 'long-0', headingPath: ['Notes', 'Dropout'], text: 'Dropout dropout dropout zeroes units.', part: 0 },
      { id: 'long-1', headingPath: ['Notes', 'Dropout'], text: 'Dropout is off at test time.', part: 1 },
      { id: 'copy-a', file: 'a.md', text: 'Dropout rate 0.5 is common.' },
      { id: 'copy-b', file: 'b.md', text: 'Dropout rate 0.5 is common.' },
    ], { topical: ['dropout'] });
    const answer = await ask(corpus, 'dropout', { features: { rerank: false } });
    expect(answer.results.map((r) => r.chunkId)).toEqual(['long-0', 'copy-a']);
  });

  it('returns at most k results', async () => {
    const corpus = memoryCorpus(filler.map((s, i) => ({ ...s, text: `${s.text} Layers ${i}.` })));
    expect((await ask(corpus, 'layers', { k: 2 })).results).toHaveLength(2);
    expect((await ask(corpus, 'layers', { k: 0 })).results).toHaveLength(1);
  });

  it('quotes the passage that holds the question\'s words and keeps the whole section as its text', async () => {
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
