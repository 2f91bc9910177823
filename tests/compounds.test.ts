/**
 * Compound translations (search/compounds.ts): two English words whose
 * senses make a word of the notes are translated by that word.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { withCompounds } from '../src/search/compounds.js';
import { memoryCorpus } from './support/memory-corpus.js';

const notes = memoryCorpus(
  [
    { id: 'exp', headingPath: ['概率', '指数分布'], text: '指数分布 描述 两次 事件 之间 的 等待 时间。' },
    {
      id: 'shift',
      headingPath: ['迁移', '数据分布'],
      text: '源域 与 目标域 的 分布 不同：分布 自适应 让 两个 分布 接近，指数 级 的 数据 也 一样。',
    },
    { id: 'pool', headingPath: ['层', '池化'], text: '池化 缩小 特征图。' },
  ],
  // As in CC-CEDICT: "exponential" has several senses, none of them a glossary translation.
  { glossary: { distribution: ['分布'] }, guesses: { exponential: ['指数', '成倍'] } },
);

const compoundsOf = (question: string) =>
  Object.fromEntries(withCompounds(notes.analyzeQuery(question), notes).map((g) => [g.surface, g.translations ?? []]));

describe('withCompounds', () => {
  it('translates neighbouring words by the compound of their senses that the notes use', () => {
    expect(compoundsOf('exponential distribution')).toEqual({
      exponential: [['指数分布']],
      distribution: [['分布'], ['指数分布']],
    });
  });

  it('makes nothing of words apart or in the other order, nor of a compound the notes lack', () => {
    expect(compoundsOf('distribution exponential')).toEqual({ distribution: [], exponential: [] });
    expect(compoundsOf('exponential pooling distribution').exponential).toEqual([]);
    const noCompound = memoryCorpus([{ id: 'a', text: '指数 与 分布' }], { glossary: { exponential: ['指数'], distribution: ['分布'] } });
    expect(withCompounds(noCompound.analyzeQuery('exponential distribution'), noCompound).every((g) => g.translations === undefined)).toBe(
      true,
    );
  });
});

describe('ask() on two words the notes write as one compound', () => {
  it('ranks the section named by the compound first', async () => {
    expect((await ask(notes, 'what is an exponential distribution')).results[0]?.chunkId).toBe('exp');
  });

  it('leaves the section holding the words apart first when switched off (the ablation)', async () => {
    expect((await ask(notes, 'what is an exponential distribution', { features: { compounds: false } })).results[0]?.chunkId).toBe('shift');
  });
});
