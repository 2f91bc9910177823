import type { NoteMeta } from '../notes/types.js';
import { CURATED_GLOSSARY } from './glossary-curated.js';

/**
 * English ↔ Chinese term pairs used to expand a query into the other language.
 * English keys are kept in surface form; the analyzer stems them when it
 * matches a query, so the glossary stays readable.
 */
export interface Glossary {
  /** English phrase (lower case) → Chinese terms. */
  englishToChinese: Map<string, Set<string>>;
  /** Chinese term → English phrases (lower case). */
  chineseToEnglish: Map<string, Set<string>>;
}

export function emptyGlossary(): Glossary {
  return { englishToChinese: new Map(), chineseToEnglish: new Map() };
}

export function addPair(glossary: Glossary, english: string, chinese: string): void {
  const en = english.toLowerCase().replace(/\s+/g, ' ').trim();
  const zh = chinese.trim();
  if (!en || !zh || en.length > 60 || zh.length > 12) return;
  getOrCreate(glossary.englishToChinese, en).add(zh);
  getOrCreate(glossary.chineseToEnglish, zh).add(en);
}

/** The curated list, shared by every notes folder. */
export function curatedGlossary(): Glossary {
  const glossary = emptyGlossary();
  for (const [english, chinese] of CURATED_GLOSSARY) for (const zh of chinese) addPair(glossary, english, zh);
  return glossary;
}

// A CJK term immediately followed by a bracketed English term: 焦点损失（Focal Loss）.
// Two words joined by a hyphen are one term, as in the English: 教师-学生框架（Teacher-Student Framework）.
const ZH_THEN_EN =
  /([\u3400-\u9fff]{2,16}(?:-[\u3400-\u9fff]{1,16})?)\s*[（(]\s*([A-Za-z][A-Za-z0-9 .\-/+&']{0,58}(?:[,，、;；]\s*[A-Za-z][A-Za-z0-9 .\-/+&']{0,30})*)\s*[)）]/g;
/** Latin words right before a Chinese run: "TensorFlow " of "TensorFlow 模型（TensorFlow Model）". */
const LATIN_BEFORE = /(?:^|[^A-Za-z0-9.-])([A-Za-z][A-Za-z0-9.-]*(?:[ \t]+[A-Za-z][A-Za-z0-9.-]*)*)[ \t]*$/;

// The reverse habit: Focal Loss（焦点损失）.
const EN_THEN_ZH = /([A-Za-z][A-Za-z0-9-]*(?: [A-Za-z][A-Za-z0-9-]*){0,4})\s*[（(]\s*([\u3400-\u9fff]{2,12})\s*[)）]/g;
/**
 * Words that end the clause before a term rather than belong to it:
 * "它既不需要锚框" → "锚框", "在线难例挖掘" stays whole because jieba keeps 在线.
 */
const CLAUSE_WORDS = new Set(
  `的 了 是 在 用 和 与 及 或 将 把 被 让 使 对 从 由 为 即 也 都 就 而 且 能 会 可 时 后 前 中 上 下 里 这 那 其 该 此 每 一 个 种
不 既 又 还 并 再 要 叫 称 称为 叫做 需要 不再 提出 使用 采用 引入 通过 得到 带来 看成 实现 进行 成为 作为 利用 加入 即为 就是 所谓 一种 一个
这种 这个 我们 常见 常用 一般 简单 论文 作者 发现 可以 能够 起到 类似 具有 包括 例如 比如 如 以及 相比 相当于 靠 按 经过 同时 然后 最后 首先
若 如果 假如 假设 当 虽然 但 但是 因为 所以 因此 如果说 为了 或者 称作 称之为 当作 视为 看作 看做 记作 记为 又称 也称 简称
指 给 以 做 缺乏 分为 分成 谈到 提到 避免 得出 具备 所含 只含 如何 一些 某个 某些 计为`.split(/\s+/),
);
/** The longest clause word, in characters (如果说, 称之为, 相当于). */
const LONGEST_CLAUSE_WORD = Math.max(...[...CLAUSE_WORDS].map((w) => w.length));

/** Whether some clause word is the start of `word`: only then may jieba have glued one to a term. */
function opensWithClauseWord(word: string): boolean {
  for (let n = 1; n <= Math.min(LONGEST_CLAUSE_WORD, word.length - 1); n++) if (CLAUSE_WORDS.has(word.slice(0, n))) return true;
  return false;
}
/** Clause words that also open terms (前向, 上采样, 一阶, 每层): glued to what follows, they are part of it. */
const PLACE_WORDS = new Set('前 后 中 上 下 里 一 个 种 每 这 那 其 该 此 不'.split(' '));
/** "And so on" after the last item of a list. */
const ETC = new Set(['等', '等等']);
/** Longest Chinese term kept, in characters. */
const MAX_TERM_CHARS = 8;

export function mineGlossary(
  glossary: Glossary,
  notes: Iterable<{ meta: NoteMeta; text: string }>,
  /** jieba's words of a Chinese run; without `guess`, only its dictionary's words. */
  segment: (text: string, guess?: boolean) => string[],
  /** Pairs known before mining (the curated list): what the bracket's words mean, to check where a term starts. */
  known: Glossary = emptyGlossary(),
): Glossary {
  for (const { meta, text } of notes) {
    for (const m of text.matchAll(ZH_THEN_EN)) {
      // 模型（Collins, 1997; Jacob et al.）cites, it does not translate.
      if (CITATION.test(m[2]!)) continue;
      const items = m[2]!.split(/[,，、;；]/);
      // Three or more in one bracket are examples or members, not names of the term: 正则化（L2, L1,
      // dropout）, 超像素等（bounding box, polygons, lines, points, brush, subpixels）. Two may be a name and
      // its acronym: 区域建议网络（Region Proposal Network, RPN）, but not when the enumeration comma joins
      // them: 结构（U-Net、SegNet）lists two structures, and U-Net is no 结构.
      if (items.length > MAX_NAMES || m[2]!.includes('、')) continue;
      const english = items.filter(translates);
      if (english.length === 0) continue;
      // A term is about as many words in either language: 模型（model）is one word,
      // not the whole clause 下载移动端的模型 before it.
      const maxWords = 1 + Math.max(...english.map(termSize));
      const plain = trailingTerm(m[1]!, segment, maxWords, false);
      const modified = english.some(namesAModifier) ? trailingTerm(m[1]!, segment, maxWords, true) : plain;
      // "TensorFlow 模型（TensorFlow Model）", "KL散度（KL divergence）": the Latin words before the run that the
      // English opens with are the term's own, and a term that is the whole run takes them.
      const latinBefore = LATIN_BEFORE.exec(text.slice(Math.max(0, m.index - 40), m.index))?.[1];
      for (const en of english) {
        const bare = namesAModifier(en) ? modified : plain;
        const zh = bare && bare === m[1] && latinBefore ? withLatinOpening(latinBefore, bare, en) : bare;
        // Nor far fewer: in 递归记忆Q网络（feedback recurrent memory Q-network, FRMQN）the Latin "Q" cuts the run,
        // and 网络 is the last word of the name, not its translation (nor is 网络（MLP）).
        if (zh && segment(zh).length >= Math.ceil(termSize(en) / 2) && !leftOut(m[1]!, zh, en, known)) addPair(glossary, en, zh);
      }
    }
    for (const m of text.matchAll(EN_THEN_ZH)) {
      if (translates(m[1]!) && namesTerm(m[2]!, segment) && !narrower(m[1]!, m[2]!, known)) addPair(glossary, m[1]!, m[2]!);
    }
    // Aliases are not paired with each other: a note's aliases name several
    // concepts (RPN, 锚框, 非极大值抑制), and crossing them would translate
    // "anchor" into all of them. They are searched as the note's names instead.
    for (const alias of meta.aliases) {
      const m = /^([\u3400-\u9fff]{2,12})\s*[（(]\s*([A-Za-z][\w .-]{0,40})\s*[)）]$/.exec(alias.trim());
      if (m) addPair(glossary, m[2]!, m[1]!);
    }
  }
  return glossary;
}

/**
 * Whether the term cut from the run before a bracket leaves out what the
 * bracket's words are known to mean, which the run says: in
 * 基于级联卷积神经网络的人脸检测（Cascade CNN）the run holds 卷积神经网络, CNN's
 * translation, before 的, so the name is not 人脸检测, the noun after it.
 */
function leftOut(run: string, term: string, english: string, known: Glossary): boolean {
  const words = [english, ...english.split(/[\s-]+/)].map((w) => w.toLowerCase().trim());
  const meanings = words.flatMap((w) => [...(known.englishToChinese.get(w) ?? [])]);
  return meanings.some((zh) => run.includes(zh) && !term.includes(zh));
}

/**
 * The term with the Latin words before it that the English opens with ("TensorFlow Lite" of "TensorFlow Lite
 * Converter"), or the term alone when the English opens otherwise.
 */
function withLatinOpening(latin: string, term: string, english: string): string {
  const before = latin.toLowerCase().split(/\s+/);
  const words = english.toLowerCase().split(/\s+/);
  for (let i = 0; i < before.length; i++) {
    const tail = before.slice(i);
    if (tail.length < words.length && tail.every((w, j) => words[j] === w)) return `${latin.split(/\s+/).slice(i).join(' ')} ${term}`;
  }
  return term;
}

/**
 * Whether a bracket after an English term names it rather than describes it: "Kaggle（数据分析竞赛平台之一）",
 * "data layer（从磁盘中载入数据）", "action（如向前走和跳起的动作）" say what it is, one of, or an example, in a clause.
 */
function namesTerm(chinese: string, segment: (text: string) => string[]): boolean {
  const first = segment(chinese)[0];
  return !(first !== undefined && CLAUSE_WORDS.has(first)) && !chinese.endsWith('之一');
}

/**
 * Whether the Chinese names a kind of what the English names: "data（动态数据）" is dynamic data, a kind of 数据,
 * the known meaning of "data", which it holds and more. Paired, every "data" a student types would also mean 动态.
 */
function narrower(english: string, chinese: string, known: Glossary): boolean {
  const meanings = known.englishToChinese.get(english.toLowerCase().trim()) ?? new Set<string>();
  return [...meanings].some((zh) => chinese !== zh && chinese.includes(zh));
}

/** A term's English names in one bracket: a name and its acronym. */
const MAX_NAMES = 2;
const CITATION = /\b(?:1[89]|20)\d\d\b|\bet al\b/i;
/** One letter in brackets names a variable (候选框（x）, 类别数（K）): it translates nothing. */
const IS_A_VARIABLE = /^\s*[A-Za-z]\s*$/;
/**
 * An English term with a number in it names one instance (DeepLabv1, Table2,
 * G1, c+1): the words before the bracket say something about it
 * ("全监督分割效果(DeepLabv1)"), they do not translate it.
 */
const NAMES_AN_INSTANCE = /\d/;

/** Whether a bracketed English term translates the words beside it: not an instance, not a variable. */
function translates(english: string): boolean {
  return !NAMES_AN_INSTANCE.test(english) && !IS_A_VARIABLE.test(english);
}

/**
 * Size of an English term in words; an acronym counts its capitals, since
 * RPN is three words (区域/建议/网络) and ResNet two (残差/网络).
 */
function termSize(english: string): number {
  const words = english
    .trim()
    .split(/[\s-]+/)
    .filter(Boolean);
  if (words.length !== 1) return words.length;
  const capitals = words[0]!.replace(/[^A-Z]/g, '').length;
  return Math.max(1, capitals);
}

/**
 * The term at the end of a run of Chinese: whole words back to the first clause
 * word, at most `maxWords`. 的 ends the term too, unless `modified` (the
 * English is a phrase that can hold a modifier) and the English names more
 * than the words after it: in 基于关系的迁移学习方法（Relation Based Transfer
 * Learning）the modifier before 的 is what tells this method from the others
 * (基于样本的迁移学习方法), while 模型（model）is not 移动端的模型.
 */
function trailingTerm(
  run: string,
  segment: (text: string, guess?: boolean) => string[],
  maxWords: number,
  modified: boolean,
): string | null {
  const words = segment(run);
  let term = '';
  let count = 0;
  let beforeModifier: string | null = null;
  for (let i = words.length - 1; i >= 0 && count < maxWords; i--) {
    const word = words[i]!;
    // 涂鸦等（scribbles）: "and so on" closes a list, and the term is the item before it.
    if (term === '' && ETC.has(word)) continue;
    if (modified && word === MODIFIER && beforeModifier === null && count > 0 && count < maxWords - 1) {
      beforeModifier = term;
      term = word + term;
      continue;
    }
    const limit = beforeModifier === null ? MAX_TERM_CHARS : MAX_MODIFIED_TERM_CHARS;
    // jieba's guess at an unknown word may glue a clause word to the term (若预 of 若预训练模型, 而全 of 而全卷积网络):
    // read apart by its dictionary, the term starts after the clause word.
    const pieces = word.length > 1 && opensWithClauseWord(word) ? segment(word, false) : [word];
    if (pieces.length > 1 && CLAUSE_WORDS.has(pieces[0]!) && !PLACE_WORDS.has(pieces[0]!)) {
      term = pieces.slice(1).join('') + term;
      break;
    }
    if (CLAUSE_WORDS.has(word) || term.length + word.length > limit) break;
    term = word + term;
    count++;
  }
  // Nothing before 的 joined it: the term is what came after.
  if (beforeModifier !== null && term.startsWith(MODIFIER)) term = beforeModifier;
  return term.length >= 2 ? term : null;
}

const MODIFIER = '的';
/**
 * English that names a modifier the way Chinese puts one before 的: "relation
 * based TL" (基于关系的迁移), "empirical methods in NLP", "area under curve",
 * "model-free episode control". Without such a word, "convolutional neural
 * networks" is not 得到的卷积神经网络, nor "mass center" 掩码的质心.
 */
function namesAModifier(english: string): boolean {
  return english
    .toLowerCase()
    .split(/[\s\-/]+/)
    .some((w) => MODIFIER_MARKERS.has(w));
}
const MODIFIER_MARKERS = new Set(['based', 'of', 'in', 'on', 'under', 'for', 'with', 'without', 'free']);
/** A term with its modifier (基于关系的迁移学习方法) may be longer than a plain one. */
const MAX_MODIFIED_TERM_CHARS = 12;

function getOrCreate<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}
