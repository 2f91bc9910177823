/**
 * A question that places its subject inside something ("问答系统里的语义匹配一般怎么做")
 * asks about the subject: the section whose heading names it comes first,
 * not the one whose heading names the place.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { questionPlace } from '../src/search/comparison.js';
import type { Corpus } from '../src/search/corpus.js';
import { memoryCorpus } from './support/memory-corpus.js';

describe('questionPlace', () => {
  it.each([
    ['问答系统里的语义匹配一般怎么做', { subject: '语义匹配一般怎么做', context: '问答系统' }],
    ['CNN 中的局部连接是什么意思', { subject: '局部连接是什么意思', context: 'CNN' }],
    ['我在看论文，RNN 里面的门控是干嘛的', { subject: '门控是干嘛的', context: 'RNN' }],
  ])('reads "%s" as asking about a subject in a place', (question, place) => {
    expect(questionPlace(question)).toEqual(place);
  });

  it('finds no place in a bare 的, which as often names an owner ("FCN 的损失"), nor in English', () => {
    expect(questionPlace('FCN 的损失是什么')).toBeNull();
    expect(questionPlace('what is the set prediction loss in detr')).toBeNull();
  });
});

describe('ask() on a question that places its subject', () => {
  // Both sections sit under the system's heading; the architecture's own heading names the system, and its text
  // speaks of matching in passing. The real analyzer drops 里 and 的 as stop words; the memory corpus is told to.
  const base = memoryCorpus([
    {
      id: 'architecture',
      headingPath: ['问答 系统', '问答 系统 的 引擎 架构'],
      text: '检索 、 语义 匹配 、 排序 是 它 的 三 步。',
    },
    { id: 'matching', headingPath: ['问答 系统', '如何 做 语义 匹配'], text: '用 孪生 网络 计算 相似度。' },
    { id: 'filler', text: 'Pooling layers shrink feature maps.' },
  ]);
  const corpus: Corpus = { ...base, analyzeQuery: (q) => base.analyzeQuery(q).filter((g) => g.surface !== '里的') };
  const question = '问答 系统 里的 语义 匹配';

  it('puts first the section whose heading names the subject', async () => {
    expect((await ask(corpus, question)).results[0]?.chunkId).toBe('matching');
  });

  it('leaves first the section whose heading names the place when switched off (the ablation)', async () => {
    expect((await ask(corpus, question, { features: { placedSubject: false } })).results[0]?.chunkId).toBe('architecture');
  });
});
