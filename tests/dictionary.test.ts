import { describe, expect, it } from 'vitest';
import { dictionaryPairs, glossesOf } from '../src/text/dictionary.js';

describe('dictionary: glosses of a CC-CEDICT sense', () => {
  it('keeps short translations, without notes in brackets or a leading "to"', () => {
    expect(glossesOf('(math.) discrete')).toEqual(['discrete']);
    expect(glossesOf('to scatter; to disperse')).toEqual(['scatter', 'disperse']);
    expect(glossesOf('sentence, clause')).toEqual(['sentence', 'clause']);
  });

  it('drops cross-references, explanations and senses about "sb"/"sth"', () => {
    expect(glossesOf('variant of 離散|离散[li2 san4]')).toEqual([]);
    expect(glossesOf('CL:個|个[ge4]')).toEqual([]);
    expect(glossesOf('surname Li')).toEqual([]);
    expect(glossesOf('to make sb do sth')).toEqual([]);
    expect(glossesOf('the process by which plants make food from light')).toEqual([]);
  });
});

describe('dictionary: pairs for a notes vocabulary (real CC-CEDICT data)', () => {
  const pairs = dictionaryPairs(['离散', '句子', '卷积', '快', 'pool', '反向传播']);
  const chineseOf = (english: string) => pairs.filter(([en]) => en === english).map(([, zh]) => zh);

  it('translates the Chinese words the notes use into English glosses', () => {
    expect(chineseOf('discrete')).toContain('离散');
    expect(chineseOf('sentence')).toContain('句子');
  });

  it('only pairs words of two or more Chinese characters that are in the vocabulary', () => {
    expect(pairs.every(([, zh]) => ['离散', '句子', '卷积', '反向传播'].includes(zh))).toBe(true);
    expect(chineseOf('fast')).not.toContain('快');
  });
});

describe('dictionary: other names of a gloss (CC-CEDICT with WordNet)', () => {
  const pairs = dictionaryPairs(['数学', '操作系统', '纹理']);
  const chineseOf = (english: string) => pairs.filter(([en]) => en === english).map(([, zh]) => zh);

  it('translates what a student types for a gloss of one sense: "math" and "maths" as 数学, "os" as 操作系统', () => {
    expect(chineseOf('mathematics')).toEqual(['数学']);
    expect(chineseOf('math')).toEqual(['数学']);
    expect(chineseOf('maths')).toEqual(['数学']);
    expect(chineseOf('os')).toEqual(['操作系统']);
  });

  it('adds nothing for a gloss of several senses: 纹理 is "grain", and a cereal is no 纹理', () => {
    expect(chineseOf('cereal')).toEqual([]);
  });

  it('names no everyday gloss, nor by an everyday name, when told which they are', () => {
    // The pronoun "me" (本人) would otherwise be "Maine", the one sense WordNet knows of "ME".
    expect(dictionaryPairs(['数学'], (gloss) => gloss === 'mathematics')).toEqual([]);
    expect(
      dictionaryPairs(['数学'], (gloss) => gloss === 'math')
        .map(([en]) => en)
        .sort(),
    ).toEqual(['mathematics', 'maths']);
  });
});

describe("dictionary: a verb's other names of its main sense (CC-CEDICT with WordNet sense counts)", () => {
  const pairs = dictionaryPairs(['选择', '计算']);
  const chineseOf = (english: string) => pairs.filter(([en]) => en === english).map(([, zh]) => zh);

  it('translates "choose" as 选择, which CC-CEDICT glosses "to select; to pick" only', () => {
    expect(chineseOf('select')).toEqual(['选择']);
    expect(chineseOf('choose')).toEqual(['选择']);
  });

  it('translates "compute" and "calculate" alike, whichever the dictionary names', () => {
    expect(chineseOf('compute')).toContain('计算');
    expect(chineseOf('calculate')).toContain('计算');
  });

  it('gives no rare sense a name: "select" as an adjective is no "prize" nor "quality"', () => {
    expect(chineseOf('prize')).toEqual([]);
    expect(chineseOf('quality')).toEqual([]);
  });
});
