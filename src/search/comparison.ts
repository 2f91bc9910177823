import type { QueryGroup } from '../text/analyzer.js';
import { HAN } from '../text/han.js';

/**
 * Comparison questions: "X vs Y", "difference between X and Y", "how does X
 * differ from Y", "X compared with Y", "X or Y?", "X 和 Y 有什么区别",
 * "X 与 Y 相比". Closed-class patterns only: the sides are whatever the
 * student put around them.
 */

/** The asking before a choice between sides: "should I use X or Y", "is it better to use X or Y", "which is better, X or Y". */
const CHOICE_BEFORE =
  '(?:(?:should|can|could|do|would)\\s+(?:i|we|you)\\s+(?:use|pick|choose|go\\s+with|try)\\s+|is\\s+it\\s+better\\s+to\\s+(?:use\\s+)?|which\\s+is\\s+better,?\\s+)?';

const ENGLISH_PATTERNS: readonly RegExp[] = [
  /^(?:what(?:['’]?s| is| are)?\s+)?(?:actually\s+)?(?:the\s+)?(?:differences?|diff|different)\s+between\s+(?<a>.+?)\s+and\s+(?<b>.+?)$/i,
  /^(?:how|in\s+what\s+ways?)\s+(?:do|does|are|is)\s+(?<a>.+?)\s+and\s+(?<b>.+?)\s+(?:differ|different)\b/i,
  /^(?:how\s+(?:does|do|is|are)\s+)?(?<a>.+?)\s+(?:differ(?:ent)?|differs)\s+(?:from|than)\s+(?<b>.+?)$/i,
  /^(?<a>.+?)\s+(?:vs\.?|versus)\s+(?<b>.+?)$/i,
  /^(?:how\s+(?:does|do|is|are)\s+)?(?<a>.+?)\s+(?:compared?\s+(?:with|to))\s+(?<b>.+?)$/i,
  // "X or Y" asks with a question mark, or with a clause saying what for: "spark mllib or bigdl if I want …".
  new RegExp(`^${CHOICE_BEFORE}(?<a>[^,]+?)\\s+or\\s+(?<b>[^,]+?)(?:\\s*\\?|\\s+(?:if|for|when)\\s+.+)$`, 'i'),
  /^(?:is|are|was|were)\s+(?<a>.+?)\s+(?:better|worse|faster|slower|more\s+\w+|less\s+\w+)\s+than\s+(?<b>.+?)$/i,
  // "X and Y, what's the difference", "X, Y and Z - what's the difference": the names first, the asking after.
  /^(?<a>.+?)\s+and\s+(?<b>.+?)\s*(?:[,:;?]|\s[-–—])\s*(?:so\s+)?(?:what['’]?s|whats|what\s+(?:is|are))\s+(?:the\s+|actually\s+)*(?:real\s+|main\s+)?(?:differences?|diff)\b/i,
  // Whether two are one thing: "is X the same as Y", "are X and Y the same thing".
  /^(?:is|are)\s+(?<a>.+?)\s+(?:the\s+same\s+(?:thing\s+)?as|equivalent\s+to)\s+(?<b>.+?)$/i,
  /^(?:is|are)\s+(?<a>.+?)\s+and\s+(?<b>.+?)\s+(?:the\s+same(?:\s+thing)?|equivalent)\b/i,
];
/**
 * The verb of a choice ("用 X 还是 Y", "压缩模型用 X 还是 Y"), not the start of a longer word: 选择性搜索, 用户, 用途.
 * Before it, a question says what the choice is for: that is no side.
 */
const CHOOSE = '(?:选择(?!性)|使用|采用|选用|用(?![户途法处])|选(?![择项手修取]))';
const CHINESE_PATTERNS: readonly RegExp[] = [
  /^(?<a>.+?)\s*(?:和|与|跟|同|vs\.?|VS)\s*(?<b>.+?)\s*(?:之间)?(?:相比|比较|比)?(?:的|有)?(?:什么|啥|哪些|何)?(?:区别|不同|差别|差异|异同|差在哪|比较)/,
  // 不一样 also states a difference ("代价不一样" in a chatty preamble): only asked, with a question word, is it a comparison.
  /^(?<a>.+?)\s*(?:和|与|跟|同|vs\.?|VS)\s*(?<b>.+?)\s*(?:之间)?(?:的|有)?(?:什么|啥|哪里|哪儿|何)不一样/,
  /^(?<a>.+?)\s*(?:和|与|跟|同)\s*(?<b>.+?)\s*相比/,
  /^(?<a>.+?)\s*(?:相比|比起)\s*(?<b>.+?)\s*(?:有什么|有啥|有哪些|好在哪|差在哪|强在哪|优势|不同)/,
  // A choice: "X 和 Y 哪个好", "X 跟 Y 选哪个", "用 X 还是 Y？".
  /^(?<a>.+?)\s*(?:和|与|跟|同|vs\.?|VS)\s*(?<b>.+?)\s*[，,]?\s*(?:到底|究竟)?(?:哪个|哪一个|哪种|选哪|用哪)/,
  // Whether two are one thing: "X 和 Y 是一回事吗", "X 跟 Y 是不是一样的", "X 与 Y 一样吗".
  // Asked, with 吗 or 是不是: "代价不一样" states a difference and compares nothing.
  /^(?<a>.+?)\s*(?:和|与|跟|同)\s*(?<b>.+?)\s*(?:到底|究竟)?(?:是不是(?:一回事|一样|同一个)|一不一样|是?(?:一回事|一样的?|相同的?|同一个\S{0,4}?)吗)/,
  // Each of two, asked apart: "DCGAN 和 LSGAN 各改了 GAN 哪儿", "FCN 和 U-Net 分别怎么上采样" want both answers.
  /^(?<a>.+?)\s*(?:和|与|跟|同)\s*(?<b>.+?)\s*(?:各自|各|分别)/,
  // The question ends with the second side: "还是不会，怎么办？" ("still") asks something else after it.
  new RegExp(
    `^(?:应该|该)?${CHOOSE}?(?:.+?(?<![作应费功效常通专实信试适使采选])${CHOOSE})?\\s*(?<a>.+?)\\s*还是\\s*${CHOOSE}?\\s*(?<b>[^，,。；;？?]+?)\\s*(?:好|更好|合适|更合适)?\\s*(?:呢|啊)?\\s*[？?]\\s*$`,
  ),
];

/**
 * Words around a side that belong to the question, not to the side: articles,
 * the end of the question, and a clause after the last side ("X vs Y: which
 * one to use", "X 和 Y，哪个好", "X vs Y for reducing dimensions").
 */
const SIDE_NOISE =
  /^(?:the|a|an)\s+|\s*(?:[:：;；,，?？。!！]|\s[-–—]\s).*$|\s+(?:in\s+practice|exactly)$|\s+(?:for|when|if|on)\s+.*$|\s*[这那](?:些|个|种|两个|两种|几个|几种).*$/gi;

/**
 * A side is a name ("batch norm", "逻辑回归", "single shot multibox detector"),
 * not a clause: past this many words (a Chinese character counts half a word)
 * the pattern matched a chatty sentence around a connective ("my roommate asked
 * me what RL even is and how it's different from …", "听说学习率要慢慢降，X 和 Y …").
 */
const MAX_SIDE_WORDS = 6;
const ASKING = /^(?:what|how|why|when|where|who|which|should|can|could|would|will|do|does|did|is|are|was|were)\b/i;
/** A Chinese side that asks or speaks of the asker is a clause ("我还是不懂 dropout 为什么有效": 还是 is "still" there). */
const ASKING_ZH = /为什么|为啥|怎么|怎样|如何|什么|吗|^[我你]/;
/** The verb of a choice before its first side: "用离线计算还是实时计算". */
const CHOICE_VERB = new RegExp(`^(?:应该|该)?${CHOOSE}\\s*(?=\\S)`);
const CLAUSES_BEFORE = /^.*[，。；！？:：]\s*/;
/** A question opening the first side ("what actually is an epoch vs …"): the side is what it asks about. */
const QUESTION_BEFORE =
  /^(?:(?:what|which)(?:\s+(?:actually|exactly|really))?\s+(?:is|are)\s+(?:the\s+|an?\s+)?|(?:what|why)\b.*?\s(?:about|of)\s+)/i;

/**
 * A question asked after a clause that sets it up: "for sharper segmentation
 * masks, how does X compare with Y?" asks "how does X compare with Y".
 */
const ASKED_AFTER_CLAUSE = /,\s*((?:how|what|which|why|is|are|does|do|should|would|can|could)\b.*)$/i;

/** The two or three things a comparison question compares, or null when it compares nothing. */
export function comparisonSides(question: string): string[] | null {
  const q = question.trim();
  const asked = ASKED_AFTER_CLAUSE.exec(q)?.[1];
  return sidesIn(q) ?? (asked ? sidesIn(asked) : null) ?? placesCompared(q);
}

/**
 * One thing asked of two places: "how is the loss normalized in retinanet vs in the rpn loss" compares the loss
 * normalized in one with the loss normalized in the other. The second side is only a place ("in the rpn loss"),
 * so what the question asks (its words after the question word) is each side's subject, placed as sidePlace reads.
 */
const PLACES_COMPARED =
  /^(?<asked>.+?)\s+(?<at>in|for|with|on|of)\s+(?<a>[^,?]+?)\s+(?:vs\.?|versus|compared\s+(?:with|to))\s+\k<at>\s+(?<b>[^,?]+?)\s*\??$/i;
/** The question word and its verb before what is asked: "how is", "what does". */
const ASKING_VERB = /^(?:how|what|why|where|when|which)\s+(?:is|are|does|do|did|was|were)\s+/i;
const ARTICLE = /^(?:the|an?)\s+/i;

function placesCompared(q: string): string[] | null {
  const m = PLACES_COMPARED.exec(q)?.groups;
  if (!m) return null;
  const subject = m.asked!.replace(ASKING_VERB, '').replace(ARTICLE, '');
  if (ASKING.test(subject)) return null;
  const sides = [m.a!, m.b!].map((place) => `${subject} ${m.at!} ${place.replace(ARTICLE, '')}`);
  return sides.every(isName) ? sides : null;
}

function sidesIn(q: string): string[] | null {
  for (const pattern of [...ENGLISH_PATTERNS, ...CHINESE_PATTERNS]) {
    const m = pattern.exec(q);
    if (!m?.groups) continue;
    // Chinese lists names with 、; a full-width comma ends a clause, so a side starts after the last one.
    const first = m.groups.a!.replace(CLAUSES_BEFORE, '').replace(QUESTION_BEFORE, '');
    // The last side ends at the clause after it; before that, "layer vs net" may list more sides.
    const listed = [...splitList(first), ...splitList(clean(m.groups.b!))].map(clean).filter(Boolean);
    // A clause before a list of names is the question's preamble, not a side; a clause as a side is no comparison.
    const sides = listed.filter((side, i) => i >= listed.length - 2 || isName(side));
    // A side that opens as a question ("what should I do if the loss is nan or inf") is the asking, not a name.
    if (sides.length < 2 || sides.length > 3 || sides.some((side) => ASKING.test(side) || ASKING_ZH.test(side))) continue;
    if (sides.every(isName)) return withSharedAttribute(withSharedHead(withSharedName(sides)));
    const shared = withSharedTail(sides);
    if (shared) return shared;
  }
  return null;
}

/**
 * "TensorFlow 和 Caffe 的设计理念有什么不同" compares the design of both: what
 * follows 的 after the last side, when no other side has one, belongs to
 * every side (TensorFlow 的设计理念, not TensorFlow Lite).
 */
function withSharedAttribute(sides: string[]): string[] {
  const last = sides[sides.length - 1]!;
  const m = /^(.+?)\s*的\s*(.+)$/.exec(last);
  if (!m || sides.slice(0, -1).some((s) => s.includes('的'))) return sides;
  return [...sides.slice(0, -1), m[1]!].map((side) => `${side} 的${m[2]!}`);
}

/** A version after a name: "mobilenet v1", "yolov2", "resnet-50", "inception version 3". */
const VERSIONED = /^(?<name>.*?\p{L})(?<gap>[\s-]*)(?<version>(?:v|version\s*)?\d+(?:\.\d+)?)$/iu;
/** A side that is a version alone: "v2", "version 3", "101". */
const VERSION_ONLY = /^(?:v|version\s*)?\d+(?:\.\d+)?$/i;

/**
 * "mobilenet v1 和 v2 有什么区别" compares MobileNet v1 with MobileNet v2: a
 * later side that is a version alone takes the name of the first side, spelt
 * as the first side spells it ("yolov2 vs v3" → yolov3). Alone, "v2" is any
 * second version in the notes.
 */
function withSharedName(sides: string[]): string[] {
  const first = VERSIONED.exec(sides[0]!)?.groups;
  if (!first) return sides;
  return sides.map((side, i) => (i > 0 && VERSION_ONLY.test(side) ? `${first.name}${first.gap}${side}` : side));
}

/** A modifier written as letters and a number: l1, fp16, 3d. */
const CODE = '(?:[a-z]+\\d+|\\d+[a-z]+)';
const CODE_ONLY = new RegExp(`^${CODE}$`, 'i');
const CODE_THEN_HEAD = new RegExp(`^${CODE}(?<gap>\\s*)(?<head>[^\\s\\d].*)$`, 'iu');

/**
 * "l1 and l2 regularization" compares L1 regularization with L2
 * regularization: earlier sides that are such a modifier alone share the
 * head of the last side, when it opens with a modifier of the same shape.
 * Only then: in "dropout vs batch norm" the first side is a name of its own.
 */
function withSharedHead(sides: string[]): string[] {
  const last = CODE_THEN_HEAD.exec(sides[sides.length - 1]!)?.groups;
  if (!last || !sides.slice(0, -1).every((side) => CODE_ONLY.test(side))) return sides;
  return sides.map((side, i) => (i < sides.length - 1 ? `${side}${last.gap}${last.head}` : side));
}

/**
 * "exponential decay vs natural exponential decay of the learning rate": a
 * phrase after the last side that makes it too long for a name, when no other
 * side has one, qualifies every side, as 的 does in Chinese. Null when the
 * sides are no names even without it.
 */
function withSharedTail(sides: string[]): string[] | null {
  const m = /^(.+?)\s+((?:of|in|on)\s+.+)$/i.exec(sides[sides.length - 1]!);
  if (!m || !isName(m[1]!) || !isName(m[2]!)) return null;
  const rest = sides.slice(0, -1);
  if (rest.some((s) => !isName(s) || /\s(?:of|in|on)\s/i.test(s))) return null;
  return [...rest, m[1]!].map((side) => `${side} ${m[2]!}`);
}

/** "X, Y and Z" / "X、Y 和 Z" / "X vs Y vs Z": a third side listed before the last. */
function splitList(text: string): string[] {
  return text.split(/\s*(?:,|，|、)\s*|\s+(?:vs\.?|versus)\s+/i).filter(Boolean);
}

function isName(side: string): boolean {
  const cjk = side.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = side
    .replace(/\p{Script=Han}/gu, ' ')
    .split(/\s+/)
    .filter(Boolean).length;
  return words + cjk / 2 <= MAX_SIDE_WORDS;
}

function clean(side: string): string {
  return side.replace(SIDE_NOISE, '').trim().replace(CHOICE_VERB, '');
}

/** Where a side says its subject lives: "object queries in detr", "pspnet's auxiliary loss", "FPN 中的 RPN". */
export interface SidePlace {
  subject: string;
  context: string;
}

const PLACED: ReadonlyArray<[RegExp, 'subject-first' | 'context-first']> = [
  [/^(.+?)\s+(?:in|of|inside|within)\s+(?:the\s+|an?\s+)?(.+)$/i, 'subject-first'],
  [/^(.+?)['’]s\s+(.+)$/, 'context-first'],
  [/^(.+?)\s*(?:中的|里的|里面的|的)\s*(.+)$/, 'context-first'],
];

/**
 * A side that names the note its subject lives in ("anchors in the rpn vs
 * object queries in detr"): the subject, and the context that places it. A
 * side that is only a name has no place.
 */
export function sidePlace(side: string): SidePlace | null {
  for (const [pattern, order] of PLACED) {
    const m = pattern.exec(side.trim());
    if (!m) continue;
    const [a, b] = [m[1]!.trim(), m[2]!.trim()];
    if (!a || !b) continue;
    return order === 'subject-first' ? { subject: a, context: b } : { subject: b, context: a };
  }
  return null;
}

/**
 * Whether a heading's compared things ("强化学习", "非监督式学习") include one the
 * question never speaks of: what tells it apart from the others (强化) is
 * nowhere among the question's words, their translations and guesses, nor,
 * for a Chinese word, among their characters (批 of 批归一化 is in 批量, a
 * translation of "batch").
 */
export function comparesOthers(compared: string[], groups: QueryGroup[], tokenize: (text: string) => string[]): boolean {
  const asked = new Set(groups.flatMap((g) => [...g.tokens, ...g.expansions, ...g.guesses]));
  const askedChars = new Set([...asked].flatMap((t) => [...t].filter((c) => HAN.test(c))));
  const spoken = (t: string) => asked.has(t) || (HAN.test(t) && [...t].some((c) => askedChars.has(c)));
  const tokensOf = compared.map((thing) => new Set(tokenize(thing)));
  return tokensOf.some((own, i) => {
    const apart = [...own].filter((t) => !tokensOf.some((other, j) => j !== i && other.has(t)));
    return apart.length > 0 && !apart.some(spoken);
  });
}

/** A question's subject said to live inside something: "问答系统里的语义匹配…" (里的, 中的, 里面的, never a bare 的). */
const PLACED_IN_QUESTION = /(?:^|[，,。？?\s])([^，,。？?\s]+?)\s*(?:里的|中的|里面的)\s*([^，,。？?]+)/;

/**
 * Where a question says its subject lives, as a side's place: "问答系统里的语义匹配一般怎么做" asks about
 * 语义匹配 in the question-answering system. Only the locative 的 forms: a bare 的 ("FCN 的损失") is as often
 * the subject's owner as its place.
 */
export function questionPlace(question: string): SidePlace | null {
  const m = PLACED_IN_QUESTION.exec(question);
  return m ? { subject: m[2]!.trim(), context: m[1]!.trim() } : null;
}
