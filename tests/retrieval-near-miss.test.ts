/**
 * Near-miss refusal (search/hinges.ts): the notes cover a question only if
 * they account for what it hinges on, its words rare in everyday language.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { accountsForHinges, countHinges, type Lexicon } from '../src/search/hinges.js';
import type { QueryGroup } from '../src/text/analyzer.js';
import { memoryCorpus } from './support/memory-corpus.js';

const group = (...tokens: string[]): QueryGroup => ({ surface: tokens.join(''), tokens, expansions: [], guesses: [] });

const lexicon = (share: Record<string, number>, notes: Record<string, number>): Lexicon => ({
  everydayShare: (t) => share[t] ?? 1e-6,
  isEverydayWord: (t) => t in share,
  sectionsWith: (t) => notes[t] ?? 0,
});

describe('countHinges', () => {
  const words = lexicon({ tea: 0.009, green: 0.012, temperature: 0.002, best: 0.06 }, { temperature: 3, softmax: 5 });

  it('counts only specific words: rarer than one everyday paragraph in a hundred', () => {
    const count = countHinges([group('green'), group('tea'), group('best'), group('temperature')], [new Set(['temperature'])], words);
    expect(count).toEqual({ hinges: 2, accounted: 1, foreign: 1 });
  });

  it('ignores a word neither everyday language nor the notes know (a segmentation fragment, an uncorrected typo)', () => {
    expect(countHinges([group('野都'), group('temperature')], [new Set(['temperature'])], words)).toEqual({
      hinges: 1,
      accounted: 1,
      foreign: 0,
    });
  });

  it('lets a translation or a dictionary sense held by a section account for a word', () => {
    const translated: QueryGroup = { surface: 'temperature', tokens: ['temperature'], expansions: ['温度'], guesses: [] };
    expect(countHinges([translated], [new Set(['温度'])], words).accounted).toBe(1);
  });

  it('does not count a single Chinese character the sections lack, but does count one they hold', () => {
    const colloquial = lexicon({ 吐: 0.004, 框: 0.003 }, { 框: 5 });
    expect(countHinges([group('吐'), group('框')], [new Set(['框'])], colloquial)).toEqual({ hinges: 1, accounted: 1, foreign: 0 });
  });

  it('takes a Chinese word as foreign when the notes lack the whole word, even if they use a part of it', () => {
    const notes = lexicon({ 蒸馏水: 0.0002, 蒸馏: 0.001 }, { 蒸馏: 8 });
    expect(countHinges([group('蒸馏', '蒸馏水', '馏水')], [new Set(['蒸馏'])], notes)).toEqual({ hinges: 1, accounted: 0, foreign: 1 });
  });
});

describe('accountsForHinges', () => {
  it('refuses a tie between a shared word and one the notes never use', () => {
    expect(accountsForHinges({ hinges: 2, accounted: 1, foreign: 1 })).toBe(false);
  });

  it('answers when the notes hold more of the specific words than they lack', () => {
    expect(accountsForHinges({ hinges: 3, accounted: 2, foreign: 1 })).toBe(true);
  });

  it('counts a specific word the notes use elsewhere half against them', () => {
    expect(accountsForHinges({ hinges: 4, accounted: 2, foreign: 1 })).toBe(true);
    expect(accountsForHinges({ hinges: 5, accounted: 2, foreign: 1 })).toBe(false);
  });

  it('answers when no specific word is foreign to the notes', () => {
    expect(accountsForHinges({ hinges: 3, accounted: 0, foreign: 0 })).toBe(true);
  });
});

describe('ask() on a near-miss question', () => {
  const corpus = memoryCorpus(
    [
      {
        id: 'temp',
        headingPath: ['Distillation', 'Temperature'],
        text: 'The temperature softens the softmax so small probabilities show.',
      },
      { id: 'other', text: 'Anchors are boxes of fixed sizes.' },
      { id: 'more', text: 'Pooling layers shrink feature maps.' },
    ],
    { topical: ['temperature', 'softmax'], everyday: { tea: 0.009, green: 0.012, water: 0.03, temperature: 0.002, softmax: 1e-7 } },
  );

  it('refuses a question that shares one topical word beside one the notes never use', async () => {
    const answer = await ask(corpus, 'water temperature for green tea');
    expect(answer.results[0]?.chunkId).toBe('temp');
    expect(answer.answered).toBe(false);
  });

  it('answers the on-topic question about the same word', async () => {
    expect((await ask(corpus, 'why does temperature soften the softmax')).answered).toBe(true);
  });

  it('answers the near miss when the rule is switched off (the ablation)', async () => {
    expect((await ask(corpus, 'water temperature for green tea', { features: { hinges: false } })).answered).toBe(true);
  });
});
