/**
 * Everyday language (text/background.ts): SUBTLEX-US and jieba's IDF table,
 * read as stems for how often a word is used and as typed for whether a
 * word is spelt at all.
 */
import { describe, expect, it } from 'vitest';
import { loadBackground } from '../src/text/background.js';

describe('loadBackground', () => {
  const background = loadBackground();

  it('knows a misspelling by its stem when a real word stems alike ("centrness" and "centre" are both "centr")', () => {
    expect(background.knows('centr')).toBe(true);
  });

  it('tells a word everyday English spells from one it does not, as typed and in any case', () => {
    expect(background.knowsSpelling('multiply')).toBe(true);
    expect(background.knowsSpelling('Multiply')).toBe(true);
    expect(background.knowsSpelling('centrness')).toBe(false);
  });
});
