/**
 * The typo check (src/eval/typo-check.ts): the glossary's words that the notes
 * use, each mistyped once by a fixed rule, and how the speller fared.
 */
import { describe, expect, it } from 'vitest';
import { chineseSlip, englishSlip, glossarySlips, seededRandom, tallySlips } from '../src/eval/typo-check.js';
import { addPair, emptyGlossary } from '../src/text/glossary.js';

describe('seededRandom', () => {
  it('gives the same numbers for the same seed, in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('englishSlip', () => {
  it('drops, swaps or changes one inner letter, never the first or the last', () => {
    const random = seededRandom(3);
    for (let i = 0; i < 50; i++) {
      const typo = englishSlip('segmentation', random);
      expect(typo[0]).toBe('s');
      expect(typo.at(-1)).toBe('n');
      expect(Math.abs(typo.length - 'segmentation'.length)).toBeLessThanOrEqual(1);
    }
  });
});

describe('chineseSlip', () => {
  it('replaces one character by another with the same toneless pinyin', () => {
    const homophones = new Map([
      ['chi', ['池', '持']],
      ['hua', ['化']],
    ]);
    expect(chineseSlip('池化', () => 0, homophones)).toBe('持化');
  });

  it('gives nothing when no other character sounds the same', () => {
    expect(chineseSlip('池化', () => 0.9, new Map([['hua', ['化']]]))).toBeNull();
  });
});

describe('glossarySlips', () => {
  it('mistypes only the words the notes use: English of six letters or more, Chinese of two to four characters', () => {
    const glossary = emptyGlossary();
    addPair(glossary, 'pooling layer', '池化层');
    addPair(glossary, 'attention', '注意力');
    addPair(glossary, 'persistence', '持化');
    const used = (term: string) => term !== 'attention';
    const slips = glossarySlips(glossary, used);
    expect(slips.filter((s) => s.lang === 'en').map((s) => s.term)).toEqual(['pooling', 'persistence']);
    // A Chinese term slips only where one of its characters has a homophone among the glossary's (池/持 here).
    for (const s of slips.filter((x) => x.lang === 'zh')) {
      expect(['持化', '池化层']).toContain(s.term);
      expect([...s.typo].filter((c, i) => c !== s.term[i])).toHaveLength(1);
    }
    for (const s of slips) expect(s.typo).not.toBe(s.term);
    expect(glossarySlips(glossary, used)).toEqual(slips);
  });
});

describe('tallySlips', () => {
  it('counts per language what was corrected back, corrected to another word, and left', () => {
    expect(
      tallySlips([
        { lang: 'en', outcome: 'corrected' },
        { lang: 'en', outcome: 'wrong' },
        { lang: 'zh', outcome: 'left' },
      ]),
    ).toEqual([
      { lang: 'en', n: 2, corrected: 1, wrong: 1, left: 0 },
      { lang: 'zh', n: 1, corrected: 0, wrong: 0, left: 1 },
    ]);
  });
});
