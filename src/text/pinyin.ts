import { pinyin } from 'pinyin-pro';

/**
 * How a run of Chinese characters sounds, without tones: "chi hua" for both
 * 池化 and its homophone typo 持化. Students type Chinese with a pinyin IME,
 * so picking the wrong candidate of the right syllables is the common typo.
 */
export function pinyinKey(chinese: string): string {
  return pinyin(chinese, { toneType: 'none', type: 'array' }).join(' ');
}
