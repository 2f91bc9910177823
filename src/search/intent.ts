/**
 * What kind of question a student asks, from small closed-class patterns
 * (the question words of English and Chinese), never from topic words.
 */
export type QuestionIntent = 'definition' | 'why-how' | 'other';

const DEFINITION_PATTERNS: readonly RegExp[] = [
  /^\s*(?:what\s+(?:is|are|was|were)|what['’]?s|whats|define|definition\s+of|meaning\s+of)\b/i,
  /^\s*what\s+(?:does|do)\s+.+\s+(?:mean|do)\s*[?？]?\s*$/i,
  /^\s*(?:什么是|啥是|何为|何谓|什么叫)/,
  /(?:是什么|是啥|指的是什么|指什么|是指什么|什么意思|的定义|定义是什么)\s*[?？]?\s*$/,
  // "X 是怎么回事" of a name asks what X is; of a situation ("效果反而变差了，这种情况是怎么回事") it asks why.
  /^[^，,。；;！!？?]{1,16}是怎么(?:一)?回事\s*[?？啊呀呢]?\s*$/,
];
const WHY_HOW_PATTERNS: readonly RegExp[] = [/^\s*(?:why|how)\b/i, /(?:为什么|为何|为啥|怎么|怎样|如何|咋)/];

export function questionIntent(question: string): QuestionIntent {
  if (DEFINITION_PATTERNS.some((p) => p.test(question))) return 'definition';
  if (WHY_HOW_PATTERNS.some((p) => p.test(question))) return 'why-how';
  return 'other';
}
