/**
 * What kind of question a student asks, from small closed-class patterns
 * (the question words of English and Chinese), never from topic words.
 */
export type QuestionIntent = 'definition' | 'why-how' | 'other';

/** What may close a Chinese question after its question words: 到底是个啥意思啊？ */
const CLOSE = String.raw`[啊呀呢吧哈]?\s*[?？]?\s*$`;
/**
 * A name's category after 是什么 asks what the thing is ("NCNN 是什么框架");
 * 是什么原因 or 是什么原理 would ask why or how, so only category words.
 */
const KIND_OF_THING = '(?:东西|玩意儿?|意思|概念|框架|模型|算法|网络|方法|技术|工具|函数|指标|操作)';

/**
 * The Chinese ways of asking what something is, after its name: 是什么, 是个啥,
 * 是什么框架, 指的是什么, 是啥意思, 的含义. The aspect "meaning" (search/aspects.ts)
 * reads a heading or question by the same words.
 */
export const WHAT_IS_CHINESE = `(?:是(?:个|一种|一个)?(?:什么|啥)${KIND_OF_THING}?|指的是(?:什么|啥)|是?指(?:什么|啥)|(?:什么|啥)意思|的(?:定义|含义)|(?:定义|含义)是(?:什么|啥))`;
/** The same, before the name: 什么是 X, 啥叫 X. */
export const WHAT_IS_CHINESE_BEFORE = '(?:什么是|啥是|何为|何谓|什么叫|啥叫)';
/** The English ways of asking what something is, before its name. */
const WHAT_IS_ENGLISH_BEFORE = String.raw`(?:what\s+(?:exactly\s+|actually\s+|really\s+)?(?:is|are|was|were)|what['’]?s|whats|define|definition\s+of|meaning\s+of)`;
/** A question that ends by asking what its subject is. */
const ENDS_ASKING_WHAT_IS = new RegExp(`${WHAT_IS_CHINESE}${CLOSE}`);
/** 什么是 and its kin before a name, wherever the question has them. */
const WHAT_IS_BEFORE_NAME = new RegExp(WHAT_IS_CHINESE_BEFORE);

const DEFINITION_PATTERNS: readonly RegExp[] = [
  new RegExp(`^\\s*${WHAT_IS_ENGLISH_BEFORE}\\b`, 'i'),
  /^\s*what\s+(?:does|do)\s+.+\s+(?:mean|do)\s*[?？]?\s*$/i,
  new RegExp(`^\\s*${WHAT_IS_CHINESE_BEFORE}`),
  ENDS_ASKING_WHAT_IS,
  // "X 是怎么回事" of a name asks what X is; of a situation ("效果反而变差了，这种情况是怎么回事") it asks why.
  /^[^，,。；;！!？?]{1,16}是怎么(?:一)?回事\s*[?？啊呀呢]?\s*$/,
];
const WHY_HOW_PATTERNS: readonly RegExp[] = [/^\s*(?:why|how)\b/i, /(?:为什么|为何|为啥|怎么|怎样|如何|咋)/];

/**
 * The words of a Chinese "what is" frame that name no topic: 指 of 指的是什么,
 * 意思 of 是啥意思, 东西 of 是个什么东西. They are the asking, as 是 and 什么
 * are (stop words already), and a section that happens to hold them is no
 * better an answer. A category word (框架 of 是什么框架) is left: it says
 * what the thing is.
 */
export function definitionFrameWords(question: string): string[] {
  const frame = ENDS_ASKING_WHAT_IS.exec(question)?.[0] ?? '';
  return frame.match(/指|意思|东西|玩意儿?/g) ?? [];
}

/**
 * Where a Chinese question's words that ask what something is are (是什么 of 虚函数表是什么, 什么是 of 什么是池化):
 * they are the asking, never a slip to correct. Start and end (exclusive), or null.
 */
export function whatIsWordsAt(question: string): { start: number; end: number } | null {
  const found = ENDS_ASKING_WHAT_IS.exec(question) ?? WHAT_IS_BEFORE_NAME.exec(question);
  return found ? { start: found.index, end: found.index + found[0].length } : null;
}

const WHAT_IS_ENGLISH = new RegExp(`^\\s*${WHAT_IS_ENGLISH_BEFORE}\\s+(.+)$`, 'i');
/** 什么是 X: the name after the asking words. */
const WHAT_IS_CHINESE_THEN_NAME = new RegExp(`^\\s*${WHAT_IS_CHINESE_BEFORE}(.+)$`);

/**
 * The name a "what is" question asks about, without its asking words: PSPNet 的金字塔池化模块 of
 * "PSPNet 的金字塔池化模块是什么", "the temperature in distillation" of "what is the temperature in
 * distillation?". Null for a question of another form.
 */
export function askedName(question: string): string | null {
  const asking = ENDS_ASKING_WHAT_IS.exec(question);
  const name = asking
    ? question.slice(0, asking.index)
    : (WHAT_IS_CHINESE_THEN_NAME.exec(question)?.[1] ?? WHAT_IS_ENGLISH.exec(question)?.[1] ?? '');
  const trimmed = name.replace(/[\s?？。!！]+$/, '').trim();
  // "匈牙利损失具体算的是什么" asks what a verb does (算的: what it computes), naming no thing.
  return trimmed && !trimmed.endsWith('的') ? trimmed : null;
}

export function questionIntent(question: string): QuestionIntent {
  if (DEFINITION_PATTERNS.some((p) => p.test(question))) return 'definition';
  if (WHY_HOW_PATTERNS.some((p) => p.test(question))) return 'why-how';
  return 'other';
}
