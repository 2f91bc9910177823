/**
 * What a teacher would strike out of a question, as rules the generator
 * applies while drafting and validate.ts checks again on every question:
 *   - giveaways: a stem word the correct option shares and no other option does;
 *   - texts: stems that do not stand alone (a dangling “则”, “当时”, “这个初始化”),
 *     note commentary (“这是常见的辨析题”), trivia (authors, venues, years),
 *     brackets or quotes cut in half, options ending mid-phrase;
 *   - relations: a distractor that could also be right (a description from the
 *     answer's own section, a paraphrase of its sentences, a name nested in or
 *     built on the answer's, one of the two named in the other's definition, or
 *     both named where the note divides something into kinds: a part, a parent
 *     or a listed sibling).
 */
import { BLANK, mentions, normalizeName } from '../concepts/text.js';
import type { Prepared, PreparedBank } from './types.js';

/** Words that open a sentence only as the continuation of another one (“则……”, “因此……”, “这……”). */
const DANGLING_START =
  /^(?:则|而|但|但是|因为|因此|所以|于是|此外|另外|同时|并且|而且|也|还|即|这|那|该|此|其|它|上述|前者|后者|注意|当时|那么|然后|接着|最后|以及|及其|首先|其次|再|又|不过|然而|可见|总之|比如|例如|如|像|分为|可分为|分成|包括|主要有|有两种|有三种)/;
/** Words that point at something outside the sentence: the stem would not stand alone. */
const DEICTIC =
  /当时|这个|这种|这些|这样|这里|这一|这两|该方法|该模型|该网络|上述|前者|后者|如上|同上|上面|下面|上图|下图|如图|见图|本节|本文|上一节|下一节|前面|后面提到|此时|此处|对此|为此|由此|据此|在此|[（(]\d[）)]的?基础|在\s*[（(]\d[）)]/;
/** A comparison whose other side is not given (“结构相同但不共享参数”: the same as what?). */
const COMPARES_TO_NOTHING = /^(?:结构|形式|做法|思路|原理|用法|作用|参数)?(?:相同|一样|同样|类似|相似|同上)/;
/**
 * Note commentary: the author talking to themselves (what is examined, where an answer comes
 * from, what to read first), not the subject.
 */
const COMMENTARY =
  /常见的?(?:辨析|考点|面试)题?|答案来源|参考(?:资料|文献|链接)[：:]|(?:必须|需要|应该|建议)先(?:理解|了解|掌握|学习|看)|前置知识|面试(?:常考|必考|高频|常问)|易错|考点|必背|记住|划重点|(?:^|[，。；])注意[：:，]/;
/**
 * A judgement ranking the thing among means the sentence does not name (“……，是最根本的办法”:
 * the most basic remedy for what?): it leans on the list or the question around it.
 */
const UNNAMED_SUPERLATIVE = /最\p{Script=Han}{1,3}的?(?:办法|方法|手段|做法|选择|途径|方案|策略)/u;
/** Trivia as the tested knowledge: authors, venues, years. */
const TRIVIA =
  /\b(?:CVPR|ICCV|ECCV|NIPS|NeurIPS|ICLR|ICML|AAAI|IJCAI|BMVC|TPAMI|arXiv)\b|等人|(?:^|[^0-9])(?:19|20)\d{2}\s*年|提出者|作者|[\d.]+\s*个(?:百分)?点/;
/**
 * Where and when a model was published, said on the way to what it is (“是 Lin 等人在 CVPR
 * 2017 提出的一种……结构”): trivia, but the rest of the description stands without it.
 */
const PROVENANCE =
  /(^|是\s*)(?:[^，。；：:是]{0,16}?在\s*)?(?:CVPR|ICCV|ECCV|NIPS|NeurIPS|ICLR|ICML|AAAI|IJCAI|BMVC|TPAMI|arXiv)\s*(?:19|20)\d{2}\s*年?\s*上?\s*(?:提出|发表)的?\s*/u;

/** The text without where and when the thing was published (see PROVENANCE); unchanged when it does not say. */
export function withoutProvenance(text: string): string {
  return text.replace(PROVENANCE, (_, lead: string) => lead.trim());
}

/** A phrase that ends on a word needing more after it. */
const CUT_END = /(?:的|和|与|及|或|在|把|将|对|从|以|为|被|由|、|，|,|：|:|（|\(|—|-)$/;

const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['（', '）'],
  ['(', ')'],
  ['“', '”'],
  ['「', '」'],
  ['【', '】'],
  ['[', ']'],
];

function balanced(text: string): boolean {
  for (const [open, close] of PAIRS) {
    let depth = 0;
    for (const ch of text) {
      if (ch === open) depth++;
      else if (ch === close && --depth < 0) return false;
    }
    if (depth !== 0) return false;
  }
  return (text.match(/`/g) ?? []).length % 2 === 0;
}

/** Problems of an option's text (empty when it reads as a finished phrase of subject matter). */
export function optionProblems(option: string): string[] {
  const problems: string[] = [];
  const text = option.trim();
  if (!balanced(text)) problems.push('option with an unclosed bracket or quote');
  if (CUT_END.test(text)) problems.push('option cut mid-phrase');
  if (text.includes(BLANK) || /(?:^|[^其])它(?![们])/.test(text)) problems.push('option with a pronoun or gap standing in for a word');
  if (COMMENTARY.test(text)) problems.push('option carries note commentary');
  if (DEICTIC.test(text) || COMPARES_TO_NOTHING.test(text) || UNNAMED_SUPERLATIVE.test(text)) problems.push('option points outside itself');
  if (TRIVIA.test(text)) problems.push('option is trivia (author, venue or year)');
  return problems;
}

/** Problems of the quoted passage of a stem (the sentence with the blank). */
export function passageProblems(passage: string, blanksWanted: number): string[] {
  const problems: string[] = [];
  const blanks = passage.split(BLANK).length - 1;
  if (blanks !== blanksWanted) problems.push(`${blanks} blanks instead of ${blanksWanted}`);
  const opening = passage.startsWith(BLANK) ? passage.slice(BLANK.length).trim() : passage.trim();
  if (!passage.startsWith(BLANK) && DANGLING_START.test(opening)) problems.push('stem opens on a connective or pointer');
  // “＿＿＿都是像素级的 label”: 都 says “all of them” of the one thing in the blank, leaning on others named elsewhere.
  if (passage.startsWith(BLANK) && /^都(?:是|有|会|可以|需要|要|属于|在|能|被|用)/.test(opening))
    problems.push('stem says 都 (all of them) of the one thing in the blank');
  // “＿＿＿如 SSD、YOLO 则直接……”: the first clause leans on a sentence that is not there.
  if (/^[^，。；,;]{0,24}则/.test(opening)) problems.push('stem leans on a previous sentence (则)');
  if (DEICTIC.test(passage) || /它/.test(passage)) problems.push('stem points outside itself');
  const afterBlank = opening.replace(/^[：:\s]*(?:是指|指的是|就是|是|指)?\s*/, '');
  if (COMPARES_TO_NOTHING.test(passage.startsWith(BLANK) ? afterBlank : opening) || UNNAMED_SUPERLATIVE.test(passage))
    problems.push('stem compares with something it does not name');
  if (COMMENTARY.test(passage)) problems.push('stem carries note commentary');
  if (TRIVIA.test(passage)) problems.push('stem rests on trivia (author, venue or year)');
  if (!balanced(passage)) problems.push('stem with an unclosed bracket or quote');
  // “前馈网络（feed-forward network, ＿＿＿）”: a blank in brackets is a translation or short
  // form of the words before it, which give it away.
  if (/[（(][^（）()]*＿＿＿[^（）()]*[）)]/.test(passage)) problems.push('the blank is in brackets after the words it stands for');
  // “＿＿＿++”, “＿＿＿-101”: the blank is only part of a longer name.
  if (new RegExp(`${BLANK}(?:\\+|#|-?\\d)`).test(passage)) problems.push('the blank is part of a longer name');
  // “更多数据 / ＿＿＿：……”: a label of a list, not a sentence.
  if (new RegExp(`[/／]\\s*${BLANK}|${BLANK}\\s*[/／]`).test(passage)) problems.push('stem is a list label, not a sentence');
  return problems;
}

/** The quoted passage of a stem (the lines after the prompt, without the quote marks); null when there is none. */
export function quotedPassage(stem: string): string | null {
  const lines = stem.split('\n').filter((l) => l.startsWith('> '));
  return lines.length > 0 ? lines.map((l) => l.slice(2)).join('\n') : null;
}

/**
 * The text without a first clause that compares with something it does not name
 * (“结构相同但不共享参数，输出 4A 个偏移量” → “输出 4A 个偏移量”); unchanged when there is none.
 */
export function withoutComparisonToNothing(text: string): string {
  if (!COMPARES_TO_NOTHING.test(text)) return text;
  const comma = text.search(/[，,；;]/);
  return comma < 0 ? text : text.slice(comma + 1).trim();
}

/** The text without a last clause that ranks it among unnamed means (“……等，是最根本的办法”); unchanged when there is none. */
export function withoutUnnamedSuperlative(text: string): string {
  const m = /^(.*)[，,；;]([^，,；;]*)$/.exec(text);
  return m && UNNAMED_SUPERLATIVE.test(m[2]!) && !UNNAMED_SUPERLATIVE.test(m[1]!) ? m[1]!.trim() : text;
}

/** A note's trailing commentary clause (“——这是常见的辨析题”) cut off; null when the commentary is not at the end. */
export function withoutCommentary(text: string): string | null {
  if (!COMMENTARY.test(text)) return text;
  const m = /^(.*?)\s*(?:——|—|--|；|;|，|,)\s*([^——；;，,]*)$/.exec(text);
  if (m && COMMENTARY.test(m[2]!) && !COMMENTARY.test(m[1]!)) return m[1]!.trim();
  return null;
}

function bigrams(text: string): Set<string> {
  const chars = [...normalizeName(text)];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** The share of `text`'s character pairs found in `source`: near 1 when `text` restates it. */
export function overlap(text: string, source: string): number {
  const a = bigrams(text);
  if (a.size === 0) return 0;
  const b = bigrams(source);
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / a.size;
}

/** Words that divide a thing into its kinds or parts. */
const SUBDIVIDES = /分为|分成|可分为|包括|包含|属于|是一种|之一/;

/** Above this share of restated character pairs, a description counts as a paraphrase. */
export const PARAPHRASE = 0.5;
/** Above this share, two descriptions' first clauses say the same thing. */
export const SAME_CLAUSE = 0.6;

/** English words that say what sort of thing a term is, not which: sharing one makes two terms siblings, not the same. */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'network',
  'networks',
  'layer',
  'layers',
  'loss',
  'function',
  'model',
  'module',
  'detector',
  'pathway',
  'connection',
  'connections',
  'feature',
  'features',
  'based',
  'with',
  'from',
  'the',
  'and',
  'for',
  'head',
  'branch',
  'subnet',
  'learning',
  'training',
  'method',
  'map',
  'maps',
  'image',
  'block',
  'transformer',
  'deep',
  'neural',
]);

/** The distinctive English words of a concept's names (regression, virtual, pooling). */
function distinctiveWords(p: Prepared): Set<string> {
  const words = new Set<string>();
  for (const n of p.names) {
    for (const w of n.toLowerCase().split(/[^a-z0-9-]+/)) if (w.length >= 4 && !GENERIC_WORDS.has(w)) words.add(w);
  }
  return words;
}

/**
 * True when the stem gives away part of the answer's name: a distinctive
 * English word of it, or three characters in a row of a longer Chinese name
 * (“双线性插值” in a question about 双线性上采样).
 */
export function partlyNamed(stemText: string, answer: Prepared): boolean {
  const lower = stemText.toLowerCase();
  for (const w of distinctiveWords(answer)) if (new RegExp(`(?<![a-z0-9])${w.replace(/[-]/g, '\\-')}(?![a-z0-9])`).test(lower)) return true;
  for (const n of answer.names) {
    const han = n.replace(/[^\p{Script=Han}]/gu, '');
    if (han.length <= 3) continue;
    for (let i = 0; i + 3 <= han.length; i++) if (stemText.includes(han.slice(i, i + 3))) return true;
  }
  return false;
}

/** The two-character Chinese runs of `text` (within runs of Chinese, never across punctuation). */
function hanPairs(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.match(/\p{Script=Han}{2,}/gu) ?? []) for (let i = 0; i + 2 <= run.length; i++) out.add(run.slice(i, i + 2));
  return out;
}

/** The distinctive English words of `text` (four letters or more, not a generic one like “network”). */
function latinWords(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9-]+/)
      .filter((w) => w.length >= 4 && !GENERIC_WORDS.has(w)),
  );
}

/**
 * True when the stem repeats a word of the correct option that no other option
 * has (“衡量一个位置离其目标**中心**有多近的量” → 中心度): a student matches words
 * instead of knowing. `stem` is what the student reads against the options: the
 * quoted passage, or the term asked about.
 */
export function echoGivesAway(stem: string, options: readonly string[], correctIndex: number): boolean {
  const correct = options[correctIndex];
  if (correct === undefined) return false;
  const others = options.filter((_, i) => i !== correctIndex);
  return sharedWords(correct, stem).some((w) => others.every((o) => !sharedWords(o, stem).includes(w)));
}

/** The two-character Chinese words and distinctive English words `option` shares with `stem`. */
export function sharedWords(option: string, stem: string): string[] {
  const stemPairs = hanPairs(stem);
  const stemWords = latinWords(stem);
  return [...[...hanPairs(option)].filter((p) => stemPairs.has(p)), ...[...latinWords(option)].filter((w) => stemWords.has(w))];
}

/** The Chinese words a description ends its first clause on: what it says the thing is (……的单阶段检测器). */
function categoryOf(gloss: string): string {
  const clause = firstClause(gloss.replace(/[（(][^（）()]*[）)]/g, ''));
  return /\p{Script=Han}+$/u.exec(clause)?.[0] ?? '';
}

/**
 * True when the two concepts' descriptions say they are the same sort of thing in
 * three Chinese characters or more (“……组成的单阶段检测器”, “……的全卷积单阶段检测器”):
 * two detectors of one kind described by their parts may both fit either description.
 */
export function sameCategory(a: Prepared, b: Prepared): boolean {
  if (!a.gloss || !b.gloss) return false;
  const x = categoryOf(a.gloss);
  const y = categoryOf(b.gloss);
  let k = 0;
  while (k < x.length && k < y.length && x[x.length - 1 - k] === y[y.length - 1 - k]) k++;
  return k >= 3;
}

/** The head of a name: the last two Chinese characters of its Chinese part, or the last English word. */
function heads(p: Prepared): string[] {
  const out: string[] = [];
  for (const n of p.names) {
    const han = n.replace(/[（(][^（）()]*[）)]/g, '').replace(/[^\p{Script=Han}]/gu, '');
    if (han.length >= 3) out.push(han.slice(-2));
    else if (!/\p{Script=Han}/u.test(n)) {
      const last = n
        .toLowerCase()
        .split(/[^a-z0-9-]+/)
        .filter(Boolean)
        .pop();
      if (last && last.length >= 4 && !GENERIC_WORDS.has(last)) out.push(last);
    }
  }
  return out;
}

/**
 * True when `b` names the thing `a` is about as a modifier: 回归分支 is the branch that does
 * 边界框回归, “box regression subnet” the subnet of “box regression”. Two names with the
 * same head (单阶段检测器 / 双阶段检测器) are siblings instead.
 */
function modifies(a: Prepared, b: Prepared): boolean {
  return heads(a).some((h) =>
    b.names.some((n) => {
      const han = /\p{Script=Han}/u.test(h);
      // An English head is looked for in English names only: in “自蒸馏（self-distillation）” the
      // closing bracket would make “distillation” look like a modifier of something after it.
      if (!han && /\p{Script=Han}/u.test(n)) return false;
      const text = han ? n.replace(/[（(][^（）()]*[）)]/g, '') : n.toLowerCase();
      const at = text.indexOf(h);
      return at >= 0 && at + h.length < text.replace(/\s+$/, '').length;
    }),
  );
}

/** Heads that all mean “a part of a network”: 回归子网 and 回归分支 are one thing named twice. */
const PART_HEADS = /(?:子网络|子网|分支|网络|模块|层|头)$/;

/** Two Chinese names that differ only in a part-of-a-network head. */
function sameStemPart(a: Prepared, b: Prepared): boolean {
  const stems = (p: Prepared) =>
    p.names
      .map((n) => n.replace(/[（(][^（）()]*[）)]/g, '').replace(/[^\p{Script=Han}]/gu, ''))
      .filter((h) => PART_HEADS.test(h))
      .map((h) => h.replace(PART_HEADS, ''))
      .filter((h) => h.length >= 2);
  const bs = new Set(stems(b));
  return stems(a).some((x) => bs.has(x));
}

/** The first clause of a description: what it says the thing is, before the details. */
export function firstClause(text: string): string {
  return text.split(/[，,；;。：:]/)[0] ?? text;
}

/**
 * True when one of `parent`'s names is in the title of the note `child` is defined in: the
 * note is about it, so `child` is one of its parts, kinds or aspects. (Lower headings may
 * list siblings, “封装、继承、多态”, so only the title counts.)
 */
function namedAbove(child: Prepared, parent: Prepared): boolean {
  const title = child.concept.source.headingPath[0];
  return title !== undefined && parent.names.some((n) => mentions(title, n));
}

/**
 * True when `text` names `d` by the words before its head (“自顶向下提供语义” for
 * 自顶向下路径): the sentence speaks of it as something else than the blank.
 */
export function namedWithoutHead(text: string, d: Prepared): boolean {
  return d.names.some((n) => {
    const han = n.replace(/[（(][^（）()]*[）)]/g, '').replace(/[^\p{Script=Han}]/gu, '');
    return han.length >= 5 && text.includes(han.slice(0, -2));
  });
}

/**
 * The concepts `text` names that belong to `answer` (defined in a note whose title names it:
 * 教师网络 in “知识蒸馏 Knowledge Distillation”, 射线长度 in “PolarMask 笔记”) and that no
 * distractor's note speaks of: the topic gives the answer away. A part named by words the
 * distractors' notes use too (分类子网 next to Faster R-CNN, whose note has 分类) gives nothing away.
 */
export function topicGivesAway(text: string, answer: Prepared, distractors: readonly Prepared[], bank: PreparedBank): Prepared[] {
  const out: Prepared[] = [];
  // “……组成的单阶段检测器”: the kind the passage says the answer is, knowledge it tests, not its topic.
  const genus = categoryOf(text);
  const hanOf = (n: string) => n.replace(/[（(][^（）()]*[）)]/g, '').replace(/[^\p{Script=Han}]/gu, '');
  for (const c of bank.byId.values()) {
    if (c === answer || c.concept.topic !== answer.concept.topic || !namedAbove(c, answer)) continue;
    if (!c.names.some((n) => mentions(text, n))) continue;
    if (c.names.some((n) => hanOf(n).length >= 2 && genus.endsWith(hanOf(n)))) continue;
    // The words before its head: 教师 of 教师网络, 单阶段 of 单阶段检测器.
    const words = c.names.map((n) => {
      const han = hanOf(n);
      return han.length >= 4 ? han.slice(0, Math.max(2, han.length - 3)) : normalizeName(n);
    });
    const spoken = distractors.some((d) => {
      const topicText = bank.topicTexts.get(d.concept.topic) ?? '';
      return words.some((w) => w.length >= 2 && topicText.includes(w));
    });
    if (!spoken) out.push(c);
  }
  return out;
}

const sectionOf = (p: Prepared) => `${p.concept.source.file}\u0000${p.concept.source.headingPath.join('\u0000')}`;

/**
 * Why `d` cannot be a wrong option for a question about `answer` (null when it
 * can): it might be just as right. `descriptions`: the options are descriptions
 * (term-to-definition), not names.
 */
export function couldAlsoBeRight(
  answer: Prepared,
  d: Prepared,
  answerTexts: readonly string[],
  options: { descriptions: boolean },
): string | null {
  if (d.norms.some((n) => answer.norms.includes(n))) return 'another name of the answer';
  // Two descriptions from one section often describe the same thing from two sides; two terms
  // from one section are usually the contrast the section draws (FCN-32s / 16s / 8s).
  if (options.descriptions && sectionOf(d) === sectionOf(answer)) return "a description from the answer's own section";
  if (d.norms.some((n) => answer.norms.some((m) => n.includes(m) || m.includes(n))))
    return "a name nested in the answer's (part, kind or parent)";
  const words = distinctiveWords(answer);
  if ([...distinctiveWords(d)].some((w) => words.has(w)))
    return "its name shares a word with the answer's (one may be a kind of the other)";
  if (sameStemPart(answer, d)) return 'the same part under another head (回归子网 / 回归分支)';
  if (modifies(answer, d) || modifies(d, answer)) return "one name is built on the other's (a part or a kind of it)";
  // A note's title names what its concepts are parts or kinds of: 自蒸馏 is defined in
  // “知识蒸馏 Knowledge Distillation”, so knowledge distillation is not safely wrong for it.
  if (namedAbove(answer, d) || namedAbove(d, answer)) return "one is named in the title of the other's note (its parent)";
  if (answer.names.some((n) => mentions(d.concept.definition, n))) return 'its definition names the answer (a part or kind of it)';
  if (d.names.some((n) => mentions(answer.concept.definition, n))) return "the answer's definition names it (a part or parent)";
  // 侧向连接 takes the features of 自底向上路径, which “is the backbone's forward pass”: the
  // backbone then does what the answer's definition says its part does, and may read as right.
  if (answer.namedIs.some((t) => d.names.some((n) => mentions(t, n)))) return "the answer's definition names something it is said to be";
  // “多态……分为编译时多态——函数重载、运算符重载、模板”: a sentence that divides something into kinds
  // names the answer with its parent or with the siblings it is listed among; neither is safely wrong.
  const divides = answerTexts.find(
    (t) => SUBDIVIDES.test(t) && d.names.some((n) => mentions(t, n)) && answer.names.some((n) => mentions(t, n)),
  );
  if (divides) return 'named with the answer where the note divides something into kinds or parts';
  const own = answerTexts.join('\n');
  if (overlap(d.concept.definition, own) >= PARAPHRASE) return "its definition restates the answer's sentences";
  if (d.gloss && overlap(d.gloss, own) >= PARAPHRASE) return "its description restates the answer's sentences";
  // “给……每个像素分配一个类别标签” and “对……每一个像素预测一个类别标签”: the same thing said twice.
  if (d.gloss && answer.gloss) {
    const a = firstClause(answer.gloss);
    const b = firstClause(d.gloss);
    if (a.length >= 6 && b.length >= 6 && Math.max(overlap(a, b), overlap(b, a)) >= SAME_CLAUSE)
      return "its description opens the way the answer's does";
  }
  return null;
}
