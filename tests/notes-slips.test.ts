/**
 * Notes have typos too (search/notes-slips.ts): a word of the notes one
 * letter from a typed word, and much rarer, is another spelling of it.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { withNotesSlips } from '../src/search/notes-slips.js';
import { memoryCorpus, type Section } from './support/memory-corpus.js';

const squeezenet: Section[] = [
  { id: 'mobile', text: 'squeezenet and mobilenet run on phones.' },
  { id: 'zoo', text: 'The model zoo ships squeezenet weights.' },
  { id: 'bench', text: 'On the benchmark squeezenet is small.' },
  { id: 'typo', headingPath: ['Notes', 'sequeezenet'], text: 'Its fire module squeezes channels, then expands them.' },
  { id: 'fire', text: 'A fire alarm module is not a network.' },
];

const slipsOf = (corpus: ReturnType<typeof memoryCorpus>, question: string) =>
  withNotesSlips(corpus.analyzeQuery(question), corpus).flatMap((g) => g.expansions);

describe('slips in the notes', () => {
  it('finds the section whose heading misspells the typed name', async () => {
    const corpus = memoryCorpus(squeezenet);
    const withSlips = await ask(corpus, 'squeezenet fire module');
    expect(withSlips.results[0]!.chunkId).toBe('typo');
    const without = await ask(corpus, 'squeezenet fire module', { features: { notesSlips: false } });
    expect(without.results[0]!.chunkId).not.toBe('typo');
  });

  it('adds the slip to the typed word’s group as another spelling, and nothing else', () => {
    expect(slipsOf(memoryCorpus(squeezenet), 'squeezenet fire module')).toEqual(['sequeezenet']);
  });

  it('takes no word for a slip that the notes use as often as the typed one', () => {
    const even = [...squeezenet, { id: 'more', headingPath: ['Notes', 'sequeezenet'], text: 'sequeezenet sequeezenet' }];
    const corpus = memoryCorpus([...even, { id: 'again', headingPath: ['Notes', 'sequeezenet'], text: 'x' }]);
    expect(slipsOf(corpus, 'squeezenet')).toEqual([]);
  });

  it('takes no slip for a word that only adds letters at the end, a short word, an everyday word or a glossary word', () => {
    const notes: Section[] = [
      { id: 'a', text: 'mobilenet mobilenet resnet convolution' },
      { id: 'b', text: 'mobilenet resnet convolution' },
      { id: 'c', text: 'mobilenet resnet convolution' },
      { id: 'd', text: 'mobilenetv resnext convolutions' },
    ];
    expect(slipsOf(memoryCorpus(notes), 'mobilenet')).toEqual([]);
    expect(slipsOf(memoryCorpus(notes), 'resnet')).toEqual([]);
    const slip: Section = { id: 'e', text: 'convolutiom' };
    expect(slipsOf(memoryCorpus([...notes, slip]), 'convolution')).toEqual(['convolutiom']);
    expect(slipsOf(memoryCorpus([...notes, slip], { everyday: { convolutiom: 0.01 } }), 'convolution')).toEqual([]);
    expect(slipsOf(memoryCorpus([...notes, slip], { glossaryWords: ['convolutiom'] }), 'convolution')).toEqual([]);
  });
});
