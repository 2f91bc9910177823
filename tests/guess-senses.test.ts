/**
 * A dictionary guess is one sense of a word among several (search/coverage.ts):
 * the more senses the word has, the less a section holding one of them tells.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { coverage, flatGuessCredit, guessCreditBySenses } from '../src/search/coverage.js';
import type { QueryGroup } from '../src/text/analyzer.js';
import { memoryCorpus, type Section } from './support/memory-corpus.js';

const group = (surface: string, guesses: string[]): QueryGroup => ({ surface, tokens: [surface], expansions: [], guesses });
const idf = () => 1;

describe('guess credit shared among senses', () => {
  it('keeps the whole credit for a word of up to three senses', () => {
    const recommend = group('recommend', ['推荐', '建议', '引用']);
    expect(coverage([recommend], new Set(['推荐']), idf, guessCreditBySenses)).toBeCloseTo(0.5);
  });

  it('shares it among the senses of a word of more', () => {
    const sense = group('sens', ['意义', '感知', '检测', '道理', '观念', '感受']);
    expect(coverage([sense], new Set(['检测']), idf, guessCreditBySenses)).toBeCloseTo(0.25);
    expect(coverage([sense], new Set(['检测']), idf, flatGuessCredit)).toBeCloseTo(0.5);
  });

  it('never touches what a typed word or a translation earns', () => {
    const typed = { ...group('sens', ['意义', '感知', '检测', '道理']), expansions: ['意义'], translations: [['意义']] };
    expect(coverage([typed], new Set(['sens']), idf, guessCreditBySenses)).toBe(1);
    expect(coverage([typed], new Set(['意义']), idf, guessCreditBySenses)).toBeCloseTo(0.8);
  });

  it('ranks the section on the question above one holding a sense of its vague word', async () => {
    const sections: Section[] = [
      { id: 'compare', headingPath: ['Notes', 'group norm'], text: 'batch sizes for 检测 are tiny.' },
      { id: 'when', headingPath: ['Notes', 'batch norm'], text: 'batch norm suits large batches.' },
      { id: 'other', headingPath: ['Notes', 'dropout'], text: 'dropout drops units.' },
    ];
    // "sense" has eleven senses in CC-CEDICT among the words notes use.
    const senses = ['侦测', '味道', '察觉', '意义', '感受', '感官', '感知', '观念', '道理', '传感', '检测'];
    const corpus = memoryCorpus(sections, { guesses: { sense: senses } });
    const question = 'batch norm sense';
    expect((await ask(corpus, question)).results[0]!.chunkId).toBe('when');
    expect((await ask(corpus, question, { features: { sensesShared: false } })).results[0]!.chunkId).toBe('compare');
  });
});
