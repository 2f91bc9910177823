/**
 * The quote counts each idea of the question once (search/answer-quote.ts): a
 * passage saying an idea in both languages holds it no more than one saying it
 * once, so the passage that also holds another idea is quoted.
 */
import { describe, expect, it } from 'vitest';
import { quoteOf } from '../src/search/answer-quote.js';
import type { Chunk } from '../src/notes/types.js';
import { memoryCorpus } from './support/memory-corpus.js';

const filler = Array.from({ length: 30 }, (_, i) => `第${i}句只是铺垫的话，和问题无关，也不会被引用。`).join('');
const chunk: Chunk = {
  id: 'bs',
  file: 'notes.md',
  title: 'Notes',
  headingPath: ['Notes', 'Epoch 与 Iteration'],
  startLine: 1,
  endLine: 9,
  part: 0,
  text: `- 批量 大小 批（batch size）指一次前向所用的样本数。\n\n${filler}\n\nbatch size 太大 则显存压力大。`,
};
const corpus = memoryCorpus([{ id: 'x', text: chunk.text }], { glossary: { batch: ['批量', '批'], size: ['大小'] } });
const groups = corpus.analyzeQuery('batch size 太大');
// Typed words weigh 1, each translation 2 (times 0.6), and 太大 3: the list holds four translations of two ideas.
const idf = (t: string) => ({ 太大: 3, 批量: 2, 批: 2, 大小: 2 })[t] ?? 1;

describe('a quote counts each idea once', () => {
  it('quotes the passage that holds another idea over one that says an idea in both languages', () => {
    expect(quoteOf(chunk, groups, new Set(), corpus, idf).quote).toBe('batch size 太大 则显存压力大。');
  });

  it('quotes the list when every translation counts (the ablation)', () => {
    expect(quoteOf(chunk, groups, new Set(), corpus, idf, true, false).quote).toMatch(/^- 批量 大小 批/);
  });

  it('still scores the part by every term it holds, as long sections’ parts are compared', () => {
    const once = quoteOf(chunk, groups, new Set(), corpus, idf);
    const every = quoteOf(chunk, groups, new Set(), corpus, idf, true, false);
    expect(once.score).toBe(every.score);
  });
});
