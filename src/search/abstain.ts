import type { QueryGroup } from '../text/analyzer.js';
import { coverage } from './coverage.js';
import { HAN_WORD, SINGLE_HAN } from '../text/han.js';

/**
 * The abstention rule: the notes cover a question when its best section
 * shares at least one topical term with it (typed, or a glossary translation).
 * Off-topic questions ("how do I bake bread", 如何办理护照) can still match
 * everyday words like "rule" or 需要, but not the notes' own vocabulary, which
 * the index computes when the notes change (index/vocabulary.ts).
 */
export function coversQuestion(
  groups: QueryGroup[],
  sectionTokens: ReadonlySet<string>,
  isTopicalTerm: (token: string) => boolean,
  holdsTermWhole: (g: QueryGroup) => boolean = () => false,
): boolean {
  return groups.some((g) => [...g.tokens, ...g.expansions].some((t) => sectionTokens.has(t) && isTopicalTerm(t)) || holdsTermWhole(g));
}

/**
 * A glossary term the question names (typed, or a translation of its words)
 * that the section's text holds whole. 感受野 ("receptive field") is 感受
 * ("feel") + 野 ("wild") to jieba, everyday words both, so no piece of it is
 * topical and "什么是感受野" was refused with the section that defines it
 * first; 学习率 is 学习, in most sections, + 率. The term itself is the
 * field's word: everyday language has no such word. Typed in Chinese, any
 * such term (数据增强: 数据 + 增强); as the translation of English words, only a
 * word jieba did not know, which leaves a lone character (野, 率, 化 of
 * 正则化): "access control" has everyday senses, 访问控制 is a phrase of two
 * words, and "an access control system with key fobs" is no question on C++.
 */
export function holdsGlossaryTerm(g: QueryGroup, sectionText: string, tokenize: (text: string) => string[]): boolean {
  if (!g.translations || g.translations.length === 0) return false;
  const typed = HAN_WORD.test(g.surface);
  const terms = typed ? [g.surface] : g.translations.map((pieces) => pieces.join(''));
  return terms.some((term) => {
    if (!HAN_WORD.test(term) || !sectionText.includes(term)) return false;
    const pieces = tokenize(term);
    return pieces.length > 1 && !pieces.includes(term) && (typed || pieces.some((t) => SINGLE_HAN.test(t)));
  });
}

/**
 * How much of the question a section's own heading must name for the heading
 * to vouch for its words: half, a round "most of it".
 */
export const HEADING_VOUCHES = 0.5;

/**
 * The notes' vocabulary is measured against everyday language, so a term the
 * notes share with it (微调 "fine-tune" and "adjust slightly", 强化学习 cut in
 * 强化 + 学习) or a name only one section uses (RefineNet) is never topical,
 * and "RefineNet 是什么" was refused with "9.6 RefineNet" first. A section whose
 * own heading (a note's intro: the note's title) names at least half of what
 * the question asks is about the question: its heading's words count as
 * topical there. One shared word in a longer heading ("MACE (Mobile AI
 * Compute Engine)" for a steam engine) names too little of the question to
 * vouch for it.
 */
export function topicalInSection(
  groups: QueryGroup[],
  headingTokens: ReadonlySet<string>,
  isTopicalTerm: (token: string) => boolean,
  idf: (token: string) => number,
): (token: string) => boolean {
  const vouches = coverage(groups, headingTokens, idf) >= HEADING_VOUCHES;
  return (t) => isTopicalTerm(t) || (vouches && headingTokens.has(t));
}

/**
 * A name or identifier everyday language does not know (drop_last,
 * RefineNet, cudnn) is the notes' own word wherever a section holds it, even
 * one section alone: the topical-term rule asks for two sections so that one
 * note's stray everyday word is not vocabulary, and such a name is not
 * everyday. Chinese is left out: what jieba does not know is a fragment of
 * segmentation (达式 of 表达式), not a name.
 */
export function withOwnNames(
  isTopicalTerm: (token: string) => boolean,
  isEverydayWord: (token: string) => boolean,
): (token: string) => boolean {
  return (t) => isTopicalTerm(t) || (LATIN_NAME.test(t) && !isEverydayWord(t));
}

/** Latin letters, digits and underscores, with at least one letter. */
const LATIN_NAME = /^(?=[0-9_]*[a-z])[a-z0-9_]+$/;

/**
 * Whether a question names a note by its own name: every word of the note's
 * title that everyday language does not know (PolarMask, DETR, RetinaNet),
 * as typed. Such a question is about that note, whatever story it tells:
 * "毕设想用 PolarMask 分割显微镜下的细胞…PolarMask 能不能表示带孔洞的物体" was
 * refused for 显微镜 and 细胞, words no note uses. A title of everyday words
 * only (第八章 目标检测, "Loss functions") names nothing this way; a near miss
 * that borrows a field word ("focal loss of hair") does not type the name.
 */
export function namesItsNote(
  titleTokens: readonly string[],
  typed: ReadonlySet<string>,
  isEverydayWord: (token: string) => boolean,
): boolean {
  const names = titleTokens.filter((t) => LATIN_NAME.test(t) && t.length >= 3 && !isEverydayWord(t));
  return names.length > 0 && names.every((t) => typed.has(t));
}
