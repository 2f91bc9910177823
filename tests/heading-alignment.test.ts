/**
 * A question word nothing translates, aligned with the one word of the first
 * heading the question does not hold, when they sit beside the same matched
 * word (search/heading-alignment.ts).
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { withHeadingAligned } from '../src/search/heading-alignment.js';
import type { QueryGroup } from '../src/text/analyzer.js';
import { memoryCorpus } from './support/memory-corpus.js';

const group = (token: string, guesses: string[] = [], expansions: string[] = []): QueryGroup => ({
  surface: token,
  tokens: [token],
  expansions,
  translations: expansions.length ? [expansions] : [],
  guesses,
});
const inNotes = new Set(['避免', '维数', '灾难', '归一化', '类型', 'roi', 'pool']);
const reaches = (g: QueryGroup) => [...g.tokens, ...g.expansions, ...g.guesses].some((t) => inNotes.has(t));

describe('withHeadingAligned', () => {
  const curse = [group('avoid', ['避免']), group('curs'), group('dimension', ['维数'])];

  it('translates the one word nothing reaches by the one heading word the question lacks, beside the same matched word', () => {
    const aligned = withHeadingAligned(curse, ['避免', '维数', '灾难'], reaches);
    expect(aligned[1]?.expansions).toEqual(['灾难']);
    expect(aligned[0]).toEqual(curse[0]);
    expect(aligned[2]).toEqual(curse[2]);
  });

  it('aligns nothing with a heading of which the question holds one word only ("RoI Pooling" for a rental property)', () => {
    const rental = [group('calcul'), group('roi'), group('rental'), group('properti', ['属性'])];
    expect(withHeadingAligned(rental, ['roi', 'pool'], (g) => reaches(g) || g.tokens[0] === 'calcul')).toEqual(rental);
  });

  it('aligns nothing when two question words or two heading words are left over', () => {
    const two = [group('avoid', ['避免']), group('curs'), group('dimension', ['维数']), group('hex')];
    expect(withHeadingAligned(two, ['避免', '维数', '灾难'], reaches)).toEqual(two);
    expect(withHeadingAligned(curse, ['避免', '维数', '灾难', '问题'], reaches)).toEqual(curse);
  });

  it('aligns nothing when the two left over are not beside the same matched word', () => {
    const apart = [group('curs'), group('avoid', ['避免']), group('dimension', ['维数'])];
    expect(withHeadingAligned(apart, ['避免', '维数', '灾难'], reaches)).toEqual(apart);
  });
});

describe('ask() on a question with a word no dictionary translates', () => {
  const corpus = memoryCorpus(
    [
      { id: 'avoid', headingPath: ['降维', '避免 维数 灾难'], text: '降维 可以 避免 维数 灾难。' },
      { id: 'why', headingPath: ['降维', '为什么 会 产生 维数 灾难'], text: '维数 越高 样本 越 稀疏。' },
      { id: 'svm', headingPath: ['SVM', '核函数'], text: '核函数 把 样本 映射 到 高 维。' },
    ],
    {
      topical: ['维数', '灾难', '避免'],
      guesses: { avoid: ['避免'] },
      glossary: { dimensionality: ['维数'] },
      everyday: { avoid: 0.005, curse: 0.004, dimensionality: 0.0002 },
    },
  );

  it('answers when the first heading aligns it with the word the question lacks (curse of dimensionality, 维数灾难)', async () => {
    const answer = await ask(corpus, 'how to avoid the curse of dimensionality');
    expect(answer.results[0]?.chunkId).toBe('avoid');
    expect(answer.answered).toBe(true);
  });

  it('refuses it when switched off (the ablation): "curse" is a word no note uses', async () => {
    expect((await ask(corpus, 'how to avoid the curse of dimensionality', { features: { headingAlignment: false } })).answered).toBe(false);
  });
});
