import { describe, expect, it } from 'vitest';
import { synonymsOfMainVerbSense, synonymsOfOneSense } from '../src/text/wordnet.js';

describe('WordNet: other names of a word of one sense (real WordNet 3.1 data)', () => {
  const synonyms = synonymsOfOneSense(['mathematics', 'operating system', 'grain', 'better half', 'inner product', 'no such gloss']);

  it('gives a noun of one sense the words of its synset, and its initials', () => {
    expect(synonyms.get('mathematics')).toEqual(expect.arrayContaining(['math', 'maths']));
    expect(synonyms.get('operating system')).toEqual(['os']);
    expect(synonyms.get('inner product')).toEqual(expect.arrayContaining(['dot product', 'scalar product']));
  });

  it('gives a word of several senses nothing: "grain" is also a cereal', () => {
    expect(synonyms.has('grain')).toBe(false);
  });

  it('leaves out a synonym of several senses of its own: "mate" names a friend more often than a spouse', () => {
    expect(synonyms.get('better half') ?? []).not.toContain('mate');
  });

  it('knows nothing of a word WordNet lacks', () => {
    expect(synonyms.has('no such gloss')).toBe(false);
  });
});

describe('WordNet: other names of a verb in its main sense (real WordNet 3.1 sense counts)', () => {
  const synonyms = synonymsOfMainVerbSense(['select', 'choose', 'calculate', 'take', 'procedure', 'no such gloss']);

  it('names the verbs whose most used sense is the same act: select and choose', () => {
    expect(synonyms.get('select')).toContain('choose');
    expect(synonyms.get('choose')).toContain('select');
    expect(synonyms.get('calculate')).toContain('compute');
  });

  it('leaves out a verb mostly used otherwise: "take" is in the synset of choose, but mostly means something else', () => {
    expect(synonyms.get('choose')).not.toContain('take');
  });

  it('names nothing for a word mostly used as a noun, nor for one WordNet lacks', () => {
    expect(synonyms.has('procedure')).toBe(false);
    expect(synonyms.has('no such gloss')).toBe(false);
  });
});
