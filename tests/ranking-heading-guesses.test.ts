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

describe('ask() on a word only the dictionary translates, held by a note’s title', () => {
  // "math" is a guess (数学 among other senses); the intro of the note titled "数学 基础" settles which one.
  const corpus = memoryCorpus(
    [
      { id: 'math-intro', headingPath: ['数学 基础'], text: '卷积 用到 线性代数 和 概率。' },
      { id: 'conv', headingPath: ['卷积 网络', '卷积 层'], text: '卷积 提取 特征。' },
      { id: 'filler', text: '池化 缩小 特征图。' },
      { id: 'filler2', text: '锚框 是 先验 框。' },
    ],
    {
      glossary: { convolution: ['卷积'] },
      guesses: { math: ['数学', '算术'] },
      topical: ['卷积'],
      everyday: { need: 0.3, for: 0.5 },
    },
  );

  it('answers: a note’s title heads its intro, and confirms the sense there as a heading would', async () => {
    const answer = await ask(corpus, 'what math do i need for convolution');
    expect(answer.results.map((r) => r.chunkId)).toContain('math-intro');
    expect(answer.answered).toBe(true);
  });
});
