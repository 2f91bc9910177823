import type { QueryGroup } from '../../src/text/analyzer.js';

/** "RPN" as the analyzer reads it: two translations, 区域建议网络 and 区域生成网络, that share 区域 and 网络. */
export function rpnGroup(): QueryGroup {
  return {
    surface: 'rpn',
    tokens: ['rpn'],
    expansions: ['区域', '建议', '网络', '生成'],
    translations: [
      ['区域', '建议', '网络'],
      ['区域', '生成', '网络'],
    ],
    guesses: [],
  };
}

/** A word or term as the analyzer reads it with one glossary translation: its typed tokens and the translation's. */
export function translatedGroup(surface: string, tokens: string[], translation: string[]): QueryGroup {
  return { surface, tokens, expansions: translation, translations: [translation], guesses: [] };
}
