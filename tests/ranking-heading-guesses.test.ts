/**
 * A dictionary guess a section's own heading holds is a translation there
 * (search/ask.ts, feature headingGuesses): "multiply" has several senses, and
 * the heading "矩阵和向量相乘结果" says which one the notes mean.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { memoryCorpus } from './support/memory-corpus.js';

describe('ask() on a word only the dictionary translates', () => {
  // "multiply" has three dictionary senses; the heading of 'product' holds one of them, 相乘.
  const corpus = memoryCorpus(
    [
      { id: 'link', headingPath: ['数学', '标量 向量 矩阵 张量 的 联系'], text: '向量 乘以 标量 还是 向量。' },
      { id: 'product', headingPath: ['数学', '矩阵 和 向量 相乘 结果'], text: '结果 是 一个 向量。' },
      { id: 'filler', text: '池化 缩小 特征图。' },
      { id: 'filler2', text: '锚框 是 先验 框。' },
    ],
    { glossary: { matrix: ['矩阵'], vector: ['向量'] }, guesses: { multiply: ['乘以', '倍数', '相乘'] }, topical: ['矩阵', '向量'] },
  );
  const question = 'multiply matrix vector';

  it('takes a sense that a section’s own heading holds as the translation there', async () => {
    const answer = await ask(corpus, question);
    expect(answer.results[0]?.chunkId).toBe('product');
  });

  it('weighs every sense alike without it, so the section saying the words more often wins', async () => {
    const answer = await ask(corpus, question, { features: { headingGuesses: false } });
    expect(answer.results[0]?.chunkId).toBe('link');
  });
});
