import { describe, expect, it } from 'vitest';
import { synonymsOfOneSense } from '../src/text/wordnet.js';

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
