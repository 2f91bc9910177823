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
