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

const DEFINITION_PATTERNS: readonly RegExp[] = [
  /^\s*(?:what\s+(?:exactly\s+|actually\s+|really\s+)?(?:is|are|was|were)|what['’]?s|whats|define|definition\s+of|meaning\s+of)\b/i,
  /^\s*what\s+(?:does|do)\s+.+\s+(?:mean|do)\s*[?？]?\s*$/i,
  /^\s*(?:什么是|啥是|何为|何谓|什么叫|啥叫)/,
  new RegExp(
    `(?:是(?:个|一种|一个)?(?:什么|啥)${KIND_OF_THING}?|指的是(?:什么|啥)|指(?:什么|啥)|是指(?:什么|啥)|(?:什么|啥)意思|的(?:定义|含义)|(?:定义|含义)是(?:什么|啥))${CLOSE}`,
  ),
  // "X 是怎么回事" of a name asks what X is; of a situation ("效果反而变差了，这种情况是怎么回事") it asks why.
  /^[^，,。；;！!？?]{1,16}是怎么(?:一)?回事\s*[?？啊呀呢]?\s*$/,
];
const WHY_HOW_PATTERNS: readonly RegExp[] = [/^\s*(?:why|how)\b/i, /(?:为什么|为何|为啥|怎么|怎样|如何|咋)/];

export function questionIntent(question: string): QuestionIntent {
  if (DEFINITION_PATTERNS.some((p) => p.test(question))) return 'definition';
  if (WHY_HOW_PATTERNS.some((p) => p.test(question))) return 'why-how';
  return 'other';
}
