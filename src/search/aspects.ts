import { headingPathWords } from '../notes/section.js';
import type { ChunkWithMeta } from '../notes/types.js';
import type { QueryGroup } from '../text/analyzer.js';
import { headingShare } from './definition.js';
import { WHAT_IS_CHINESE, WHAT_IS_CHINESE_BEFORE } from './intent.js';

/**
 * What a question asks *about* its topic, or what a heading says it answers:
 * the reason, the way, the meaning, the use, when to use it, whether it
 * holds, a summary, the steps, the strengths, the weaknesses, the remedy,
 * how things differ, the kinds, or the plain version. A heading "3.4.12 为什么Tanh收敛速度比Sigmoid快？"
 * or "优缺点小结" says which of these it answers, and "why does tanh learn
 * faster" asks the first, in either language.
 */
export type Aspect =
  | 'reason'
  | 'way'
  | 'meaning'
  | 'use'
  | 'occasion'
  | 'whether'
  | 'summary'
  | 'procedure'
  | 'strengths'
  | 'weaknesses'
  | 'remedy'
  | 'difference'
  | 'kinds'
  | 'origin'
  | 'formula'
  | 'plainly';

/**
 * The cue words of each aspect: question words and the few nouns both
 * languages name these aspects with (原因, 作用, 优点, "advantages"), never a
 * topic word. A question and a heading are read alike, except for patterns
 * only a question has ("what does X do", "what is X for", "怎么办").
 */
const ASPECT_CUES: ReadonlyArray<[Aspect, RegExp]> = [
  ['reason', /为什么|为何|为啥|原因|\bwhy\b|\breasons?\b/i],
  ['way', /如何|怎么(?!办)|怎样|\bhow\b(?!\s+(?:many|much|often|long|big|large)\b)/i],
  [
    'meaning',
    new RegExp(
      `${WHAT_IS_CHINESE_BEFORE}|${WHAT_IS_CHINESE}|含义|定义|\\bwhat\\s+(?:is|are)\\b|\\bwhat['’]?s\\b|\\bwhats\\b|\\bdefin(?:e|ition)\\b|\\bmeaning\\b`,
      'i',
    ),
  ],
  [
    'use',
    /(?<!副)作用|用途|用处|有什么用|有啥用|干嘛|干什么|意义|应用|(?:为什么|为何|为啥)(?:需要|要用|使用)|\bwhy\s+(?:do|does|would|should|did)\s+(?:we|you|i|one|they|people)\s+(?:even\s+)?(?:need|use)\b|\bwhy\s+use\b|用(?:在|于)(?:哪些地方|哪些领域|哪些场景|什么地方|哪里|哪儿|哪)|\bapplications?\b|\bapplied\s+(?:to|in)\b|\bused\s+in\b|\bwhat\s+(?:does|do)\b.+\bdo\b|\bwhat\b.+\bfor\s*[?？]?\s*$|\bpurpose\b|\brole\b|\buses?\s+of\b|\bpoint\s+of\b|\bgood\s+for\b/i,
  ],
  // When to use it, in which situation: "3.4.7 什么时候可以用线性激活函数？", "when should I use batch norm".
  // Only "when" that asks: "what happens when …" asks what happens.
  [
    'occasion',
    /什么时候|何时|什么情况下|哪些情况|何种情况|适用|应用场景|^\s*when\b|\bwhen\s+(?:is|are|should|shall|do|does|can|could|would|to)\b|\bin\s+what\s+(?:cases?|situations?)\b/i,
  ],
  // A summary of it, the whole in brief: "10.10 深度强化学习算法小结", "2.14.1 LDA思想总结", "quick summary of …".
  ['summary', /小结|总结|概述|综述|概括|梳理|\bsummar(?:y|ies|ize|ise|ized|ised)\b|\boverview\b|\brecap\b/i],
  // The steps, in order: "2.14.4 LDA算法流程总结", "2.12.4 梯度下降法算法描述", "how does gradient descent work step by step".
  // Not any "steps": an RNN's "time steps" are no procedure.
  ['procedure', /流程|步骤|过程|算法描述|\bstep[-\s]+by[-\s]+step\b|\bprocedures?\b|\bworkflow\b/i],
  // Whether it holds, yes or no: "5.10 卷积核是否一定越大越好？", "is a bigger kernel always better", "…必须同时考虑通道和区域吗".
  [
    'whether',
    /是否|能否|可否|是不是|会不会|能不能|可不可以|要不要|需不需要|吗\s*[？?]?\s*$|^\s*(?:does|do|did|is|are|was|were|can|could|should|would|will|must|has|have)\s+\S|\bwhether\b/i,
  ],
  ['strengths', /优点|优势|好处|优缺点|长处|好在哪|\badvantages?\b|\bbenefits?\b|\bpros\b|\bstrengths?\b|\b(?:good|great)\s+about\b/i],
  [
    'weaknesses',
    /缺点|坏处|不足|局限|弊端|副作用|优缺点|短处|毛病|难点|难处|\bdisadvantages?\b|\bdrawbacks?\b|\bdownsides?\b|\blimitations?\b|\bcons\b|\bweakness(?:es)?\b|\b(?:wrong|bad)\s+(?:with|about)\b|\bproblems?\s+with\b/i,
  ],
  [
    'remedy',
    /怎么办|解决|对策|应对|避免|防止|缓解|\bfix(?:es|ed)?\b|\bsolv(?:e|es|ing)\b|\bsolutions?\b|\bavoid\b|\bprevent\b|\bdeal\s+with\b|\bremed(?:y|ies)\b/i,
  ],
  [
    'difference',
    /区别|不同|差别|差异|异同|对比|比较(?![好多少大小快慢高低难易简复合方有常重自稳强弱长短深浅])|\bvs\.?\b|\bversus\b|\bdiffer(?:s|ence|ences|ent)?\b|\bcompar(?:e|ed|ison)\b/i,
  ],
  // The kinds of a thing, its list: "归一化有哪几种", "what types of pooling are there", "3.6.5 归一化有哪些类型？".
  [
    'kinds',
    /哪几|几种|几类|哪些|类型|种类|\b(?:types?|kinds?|sorts?|famil(?:y|ies)|categor(?:y|ies))\s+of\b|(?:方法|算法|模型|网络|技术)分类|\bwhat\s+\w+\s+(?:are\s+there|exist)\b|\bwhat\s+(?:\w+\s+){1,3}(?:can|could|should)\s+(?:you|i|we|one)\s+(?:use|pick|choose)\b/i,
  ],
  // Where it comes from: who proposed it, in which paper, venue or year, what it won. Headings seldom say so
  // ("DETR 笔记" does not); a note's opening does ("Facebook AI 在 ECCV 2020 提出").
  [
    'origin',
    /\bwho\s+(?:\w+\s+){0,2}?(?:invent|propos|came\s+up|come\s+up|wrote|write|introduc|develop|creat|coin|discover)\w*|\b(?:which|what)\s+(?:paper|conference|journal|venue|competition|challenge)s?\b|\bwhere\s+(?:was|is|were)\b.+\bpublished\b|\bwhen\s+was\b.+\b(?:published|proposed|introduced|invented)\b|谁(?:提出|发明|写|设计|创造)|由谁|是谁(?:提出|发明|写)|哪篇论文|哪个会议|出自哪|发表在哪|哪一年提出|什么时候提出|哪个比赛|什么比赛/i,
  ],
  // Its formula: "焦点损失的公式是什么", "what's the equation for focal loss". Headings seldom say so; the text shows it.
  ['formula', /公式|表达式|\bformula(?:s|e)?\b|\bequations?\b/i],
  // The plain version, the intuition: "explain GANs like I'm five", "in one sentence", 通俗, "7.1.1 如何通俗理解GAN？",
  // "2.12.3 梯度下降法直观理解", and by picture or example: "2.19.1 图解极大似然估计", "1.4.6 举例理解条件概率",
  // "with a simple example" ("for example" only introduces one). How the student wants it said, never a topic.
  [
    'plainly',
    /通俗|直观|大白话|一句话|图解|举例|举个例子|例子|\b(?:an?|some)\s+(?:simple\s+|concrete\s+)?examples?\b|简单(?:来|地)?(?:说|讲)|\bintuiti(?:on|ve|vely)\b|\bin\s+(?:simple|plain|layman['’]?s?|lay)\s+(?:terms|english|words|language)\b|\blike\s+(?:i['’]?m|i\s+am)\s+(?:five|5|a\s+(?:kid|child|beginner))\b|\beli5\b|\bin\s+a\s+nutshell\b|\bin\s+(?:one|a|a\s+single)\s+sentence\b|\bbriefly\b|\bin\s+short\b/i,
  ],
];

/** Aspects whose cues never span the topic: every word of a match is a cue word ("in one sentence"). */
const WHOLE_CUES: ReadonlySet<Aspect> = new Set(['plainly']);

/**
 * The words of `text` that name an aspect ("downsides", 为什么, 优点): what a
 * question asks about its topic, not its topic. A cue of two words ("point
 * of", "types of", "wrong with") is all cue; a longer one may span the topic
 * ("what does a 1x1 convolution do") and gives only those of its words that
 * are cues on their own: none here.
 */
export function aspectCueWords(text: string): string[] {
  return EVERY_CUE.flatMap(([aspect, cue]) =>
    [...text.matchAll(cue)].flatMap((m) =>
      m[0]
        .split(/\s+/)
        .filter((w, _, words) => WHOLE_CUES.has(aspect) || words.length <= 2 || ASPECT_CUES.some(([, alone]) => alone.test(w))),
    ),
  );
}

/** The cues again, global, for finding every cue word of a question (matchAll needs the g flag). */
const EVERY_CUE = ASPECT_CUES.map(([aspect, cue]) => [aspect, new RegExp(cue.source, 'gi')] as const);

/**
 * The aspects a question asks of its subject: of one that places its subject ("RPN 损失公式中的 p_i* 指什么",
 * search/comparison.ts questionPlace), only what the subject's words ask; the place's words (公式) say where.
 */
export function aspectsAsked(question: string, place: { subject: string } | null): Set<Aspect> {
  return aspectsOf(place ? place.subject : question);
}

/** The aspects a question asks, or a heading answers (none for a heading that only names a topic). */
export function aspectsOf(text: string): Set<Aspect> {
  const found = new Set<Aspect>();
  for (const [aspect, cue] of ASPECT_CUES) if (cue.test(text)) found.add(aspect);
  return found;
}

/**
 * What a passage that answers each aspect says: the aspect's own nouns and,
 * for a reason, the causal connectives ("因为", "because"). Closed-class, as
 * the question cues are; a definition's copula is definition.ts's business.
 */
const ANSWER_CUES: Readonly<Partial<Record<Aspect, RegExp>>> = {
  reason: /原因|因为|由于|因此|所以|导致|\bbecause\b|\bsince\b|\bdue\s+to\b|\breasons?\b|\bcaus(?:e|es|ed)\b/i,
  way: /通过|步骤|首先|过程|流程|\bsteps?\b|\bfirst\b/i,
  use: /作用|用于|用来|用途|目的|\bused\s+(?:to|for)\b|\bpurpose\b/i,
  strengths: /优点|优势|好处|\badvantages?\b|\bbenefits?\b/i,
  weaknesses: /缺点|不足|局限|坏处|弊端|\bdisadvantages?\b|\bdrawbacks?\b|\blimitations?\b/i,
  remedy: /解决|方法|措施|办法|对策|\bsolutions?\b|\bsolv(?:e|es)\b|\bfix(?:es)?\b/i,
  difference: /区别|不同|差异|相比|\bwhereas\b|\bunlike\b|\bdiffer(?:s|ence|ences)?\b/i,
  // A year ("1957年"; a bare number may be a count, 2000 个候选框), a venue, the authors ("等人", "et al."), the
  // invention, the competition won: not 提出 alone, which every method's text says.
  // Display math, or an inline formula with an equals sign: a section that shows the formula.
  formula: /\$\$|\\begin\{(?:equation|align)|\$[^$\n]*=[^$\n]*\$/,
  origin:
    /(?<![0-9])(?:19|20)[0-9]{2}\s*年|\b(?:CVPR|ICCV|ECCV|NeurIPS|NIPS|ICLR|ICML|AAAI|IJCAI|ACL|EMNLP|arXiv|TPAMI)\b|等人|\bet\s+al\b|发明|最早|首次提出|挑战赛|竞赛/i,
};

/**
 * Aspects a section's text answers, where its heading seldom says so: who
 * proposed a method, and where, is told in the opening of its note ("DETR
 * 笔记": "DETR 是 Facebook AI 在 ECCV 2020 提出的…").
 */
const ANSWERED_IN_TEXT: ReadonlySet<Aspect> = new Set(['origin', 'formula']);

/**
 * How much of the question a section's place (its note's title and heading
 * path) must name for its text to answer such an aspect: half, a round "most
 * of it". Less let any section whose path shares 学习 with "machine learning"
 * answer "who came up with machine learning" by saying 最早.
 */
const TEXT_ANSWER_NAMED = 0.5;

/** Whether a passage says what the question asks about its topic: the reason, the use, … (its cue words). */
export function answersAspect(passage: string, asked: ReadonlySet<Aspect>): boolean {
  for (const aspect of asked) if (ANSWER_CUES[aspect]?.test(passage)) return true;
  return false;
}

/** How much of the score depends on the own heading being about little else than the question: a tie-breaker. */
const HEADING_EXCLUSIVITY = 0.25;

/**
 * How plainly a section answers what the question asks, from 0 to 1: how much
 * of the question its heading path and note title name (so "why" alone lifts
 * no unrelated "为什么"), when
 * - its own heading answers an aspect the question asks ("3.6.2 为什么要归一化？"
 *   for "why normalise"; a note's intro has no heading of its own to say so),
 *   more when that heading is about little else (3.6.2 before "3.6.3
 *   为什么归一化能提高求解最优解速度？"); or
 * - the question asks an aspect told in text (who proposed it, where: the
 *   `inText` rule), its text tells it, and its place names at least half of
 *   the question.
 * 0 otherwise.
 */
export function aspectScore(
  found: ChunkWithMeta,
  asked: ReadonlySet<Aspect>,
  groups: QueryGroup[],
  pathCoverage: (path: string) => number,
  tokenize: (text: string) => string[],
  idf: (t: string) => number,
  inText = true,
): number {
  const { chunk, meta } = found;
  if (asked.size === 0) return 0;
  let namedCache: number | undefined;
  const named = () => (namedCache ??= pathCoverage(`${meta.title} ${headingPathWords(chunk.headingPath)}`));
  const own = chunk.headingPath.length > 1 ? chunk.headingPath[chunk.headingPath.length - 1]! : null;
  const byHeading =
    own !== null && [...aspectsOf(own)].some((a) => asked.has(a))
      ? named() * (1 - HEADING_EXCLUSIVITY + HEADING_EXCLUSIVITY * headingShare(own, groups, tokenize, idf))
      : 0;
  const textAsked = new Set([...asked].filter((a) => ANSWERED_IN_TEXT.has(a)));
  const byText = inText && textAsked.size > 0 && answersAspect(chunk.text, textAsked) && named() >= TEXT_ANSWER_NAMED ? named() : 0;
  return Math.max(byHeading, byText);
}
