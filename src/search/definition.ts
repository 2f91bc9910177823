import type { ChunkWithMeta } from '../notes/types.js';
import type { QueryGroup } from '../text/analyzer.js';
import { holdsHalfOf, ideaWeight, translationsOf, wholeWords } from './coverage.js';
import { firstSentence } from '../notes/sentences.js';
import { withSpacesRead } from '../notes/spaces.js';

/**
 * How plainly a section defines what a "what is X" question asks about,
 * from 0 to 1: the best of three signals.
 * - its own heading names X and little else ("3.3.1 什么是超参数？", "Polar
 *   IoU Loss"; not "超参数调优", which is about something more);
 * - it opens with a sentence whose subject is X followed by a copula
 *   ("X 是…", "X is a …", "X 指…", "所谓 X"), or with X in bold;
 * - it is the introduction of the note named after X.
 */
export function definitionScore(
  found: ChunkWithMeta,
  groups: QueryGroup[],
  tokenize: (text: string) => string[],
  idf: (t: string) => number,
  part?: QueryGroup[],
): number {
  if (groups.every((g) => g.tokens.length === 0 && g.expansions.length === 0)) return 0;
  const { chunk, meta } = found;
  // Of "PSPNet 的金字塔池化模块是什么", a phrase naming PSPNet (its note's title, its intro's subject) names where
  // the part is, not the part: it defines X only if it names most of the part (by weight, as a subject names X).
  const names = (tokens: string[]) => (!part || namesMostOf(part, new Set(tokens), idf) ? namesOnly(tokens, groups, idf) : 0);
  const own = chunk.headingPath.length > 1 ? chunk.headingPath[chunk.headingPath.length - 1]! : null;
  const headingNames = own ? names(tokenize(own)) : 0;
  const introOfNote = own === null ? names(tokenize(`${meta.title} ${chunk.headingPath[0] ?? ''}`)) : 0;
  const sentence = definesInText(chunk.text, (subject) => names(tokenize(headOf(subject)))) ? 1 : 0;
  return Math.max(headingNames, introOfNote, sentence);
}

/**
 * Whether a phrase names most of `groups` by weight, each word whole or by half
 * a translation: 金字塔 of PSPNet's title is not a word of 金字塔池化模块.
 */
function namesMostOf(groups: QueryGroup[], phrase: ReadonlySet<string>, idf: (t: string) => number): boolean {
  let total = 0;
  let held = 0;
  for (const g of groups) {
    const weight = ideaWeight(g, idf);
    total += weight;
    if (holdsHalfOf(wholeWords(g.tokens), phrase) || translationsOf(g).some((words) => holdsHalfOf(words, phrase))) held += weight;
  }
  return total > 0 && held / total >= SUBJECT_SHARE;
}

/**
 * The part a name asks about when it names one thing's part, and that thing: 金字塔池化模块 of
 * "PSPNet 的金字塔池化模块", "temperature" of "the temperature in distillation". Null for a name of
 * one thing, and for a longer question's words (a clause break: "…老板问为什么要用 MobileNet，它的设计思想").
 */
export function partNamed(name: string): { part: string; owner: string } | null {
  if (CLAUSE_BREAK.test(name)) return null;
  const locative = /^(?:the\s+)?(.+?)\s+in\s+(.+)$/i.exec(name);
  if (locative) return { part: locative[1]!, owner: locative[2]! };
  const owned = possessive(name);
  return owned && owned.head !== owned.owner ? { part: owned.head, owner: owned.owner } : null;
}

/** The IDF-weighted share of a heading that names what the question asks about (its numbers left out). */
export function headingShare(
  heading: string,
  groups: QueryGroup[],
  tokenize: (text: string) => string[],
  idf: (t: string) => number,
): number {
  return namesOnly(tokenize(heading), groups, idf);
}

/**
 * The tokens of `phrase` that stand for X: typed, corrected, or of a
 * translation the phrase holds at least half of (the question words are stop
 * words already). One word of a translation is not the translation: 生成 of
 * 区域生成网络 does not make "候选框生成与 NMS" name RPN.
 */
function subjectIn(phrase: ReadonlySet<string>, groups: QueryGroup[]): Set<string> {
  return new Set(
    groups.flatMap((g) => [
      ...g.tokens,
      ...translationsOf(g)
        .filter((words) => holdsHalfOf(words, phrase))
        .flat(),
    ]),
  );
}

/**
 * The IDF-weighted share of a phrase's tokens that are X's (numbers left
 * out: "3.3.1" numbers a heading, it does not name anything), when the
 * phrase names at least some of X; 0 otherwise.
 */
function namesOnly(tokens: string[], groups: QueryGroup[], idf: (t: string) => number): number {
  const words = [...new Set(tokens.filter((t) => !/^\d+$/.test(t)))];
  const subject = subjectIn(new Set(words), groups);
  let total = 0;
  let held = 0;
  for (const t of words) {
    const w = idf(t);
    total += w;
    if (subject.has(t)) held += w;
  }
  return total > 0 ? held / total : 0;
}

// The subject of a definitional sentence: what comes before a copula near its start.
const ENGLISH_COPULA = /^(.{1,80}?)\s+(?:is|are|refers\s+to|means|denotes|stands\s+for)\s/i;
/** The copulas a definition is said with, in one place for every pattern below. */
const ZH_COPULAS = '是指|指的是|是|指|即|就是|称为|定义为';
const EN_BOLD_COPULAS = 'is|are|refers\\s+to|means';
const CHINESE_COPULA = new RegExp(`^(.{1,40}?)(?:${ZH_COPULAS})`);
const CLAUSE_BREAK = /[，,；;：:]/;
const SO_CALLED = /所谓\s*(.{1,40}?)\s*[，,：:是]/;
const BOLD_OPENING = /^\*\*([^*]{1,80})\*\*/;
/** A paragraph opening on a bold term and its copula, inside the bold or right after it: "**FFN 是**…", "**An anchor** is …". */
const BOLD_DEFINITION = new RegExp(
  `^\\*\\*[^*]{1,80}?(?:\\s(?:${EN_BOLD_COPULAS})|${ZH_COPULAS})\\*\\*|^\\*\\*[^*]{1,80}\\*\\*\\s*(?:(?:${EN_BOLD_COPULAS})\\s|${ZH_COPULAS})`,
  'i',
);
/** The same after a sentence's or a clause's end, anywhere in a paragraph: the bold term is the subject. */
const BOLD_CLAUSE_DEFINITION = new RegExp(
  `[。！？；：:]\\s*\\*\\*([^*\\n]{1,80}?)(?:(?:${ZH_COPULAS})\\*\\*|\\*\\*\\s*(?:${ZH_COPULAS}))`,
  'g',
);
/** A paragraph whose first line is a bold term alone, maybe with a colon: "**张量（tensor）**", then the text under it. */
const BOLD_LABEL = /^\*\*([^*\n]{1,80})\*\*\s*[：:]?[ \t]*\n\s*\S/;
/** Share of the subject's weight that must be X for a sentence to define X. */
const SUBJECT_SHARE = 0.5;

/**
 * A section that defines X opens with the definition, or gives it a
 * paragraph of its own that opens on X in bold: "迁移学习是…" further down in
 * running text, or as one item of a list comparing X with others, uses X.
 */
function definesInText(text: string, subjectShare: (subject: string) => number): boolean {
  const first = firstSentence(text);
  const opening = first ? [first] : [];
  // Further down, only a paragraph that opens on X in bold and a copula ("**FFN 是**对每个位置…") defines X:
  // a section on two things ("自注意力与 FFN") defines the second in its own paragraph.
  const boldParagraphs = text
    .split(/\n\s*\n/)
    .slice(1)
    .map((p) => p.trim())
    // Only a paragraph opening in bold can qualify: split no other into sentences (this runs for every candidate).
    .filter((p) => p.startsWith('**'))
    .flatMap((p) => {
      // A bold term alone on the paragraph's first line is a label, the definition under it ("**张量（tensor）**").
      const label = BOLD_LABEL.exec(p);
      if (label) return [{ text: `**${label[1]}**` }];
      const sentence = firstSentence(p);
      return sentence && BOLD_DEFINITION.test(sentence.text) ? [sentence] : [];
    });
  // Within a paragraph, a sentence or clause that opens on X in bold and a copula: "…去冗余：**NMS** 指按分数…".
  const boldClauses = text.includes('**') ? [...text.matchAll(BOLD_CLAUSE_DEFINITION)].map((m) => ({ text: `**${m[1]}**` })) : [];
  for (const { text: raw } of [...opening, ...boldParagraphs, ...boldClauses]) {
    // Read as the student sees it: "&emsp;&emsp;" on a line of its own before "DeepLab 是…" is blank space.
    const sentence = withSpacesRead(raw)
      .replace(/^[\s>*\-+\d.)、（）()]*/, (lead) => (lead.includes('**') ? '**' : ''))
      .trim();
    const plain = sentence.replace(/\*\*/g, '');
    const chinese = CHINESE_COPULA.exec(plain)?.[1];
    const subjects = [
      ENGLISH_COPULA.exec(plain)?.[1],
      chinese,
      // "我们首先了解一个概念，感受野，即…": the subject is the clause right before the copula.
      chinese
        ?.split(CLAUSE_BREAK)
        .filter((c) => c.trim())
        .at(-1),
      SO_CALLED.exec(plain)?.[1],
      BOLD_OPENING.exec(sentence)?.[1],
    ];
    for (const s of subjects) if (s && !DENIED.test(s) && subjectShare(s) >= SUBJECT_SHARE) return true;
  }
  return false;
}

/** A subject that denies X ("**不需要 NMS**：…", "no anchors") says what does without X, not what X is. */
const DENIED = /^(?:不|无需|无须|没有|不用|不必|免去|去掉)|^(?:no|not|without)\s/i;

/**
 * What a possessive subject is about: "FCN 的损失是逐像素交叉熵" defines FCN's
 * loss, not FCN, and "the loss of FCN is …" or "FCN's loss is …" the same. The head is what
 * follows the last 的 or "'s" (or precedes "of"); a subject without one is its own head.
 */
function headOf(subject: string): string {
  return possessive(subject)?.head ?? subject;
}

/** A possessive's head and owner (the head is the owner when it only says what the owner is), or null. */
function possessive(phrase: string): { head: string; owner: string } | null {
  const chinese = /^(.+)的\s*(.+)$/.exec(phrase);
  if (chinese) return { head: DEFINING_HEAD.test(chinese[2]!) ? chinese[1]! : chinese[2]!, owner: chinese[1]! };
  const english = /^(?:the\s+)?(.+?)\s+of\s+(.+)$/i.exec(phrase);
  if (english) return { head: DEFINING_HEAD.test(english[1]!) ? english[2]! : english[1]!, owner: english[2]! };
  const saxon = /^(.+?)['’]s\s+(.+)$/.exec(phrase);
  if (saxon) return { head: DEFINING_HEAD.test(saxon[2]!) ? saxon[1]! : saxon[2]!, owner: saxon[1]! };
  return null;
}

/** Heads that say what their owner is ("极大似然估计的核心思想是…", "the idea of X is …"): the subject is the owner. */
const DEFINING_HEAD =
  /^(?:核心|基本|主要)?(?:原理|定义|思想|思路|含义|本质|概念|意思|目的|作用)$|^(?:main\s+|basic\s+|core\s+)?(?:idea|principle|definition|meaning|concept|essence)$/i;
