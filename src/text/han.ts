/** Chinese characters, for the rules that read a word's script: one character, a word of them, any of them. */
export const HAN = /\p{Script=Han}/u;
/** A word written in Chinese characters only. */
export const HAN_WORD = /^\p{Script=Han}+$/u;
/** One Chinese character alone: a morpheme of many senses (算, 用), or what jieba left of a word it did not know (野). */
export const SINGLE_HAN = /^\p{Script=Han}$/u;
