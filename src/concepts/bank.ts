/**
 * The concept bank: the terms a note defines, each with the sentence that
 * defines it, mined from the notes themselves (no model, no network).
 *
 * Where a term comes from, strongest evidence first:
 *   - a bold term opening a definitional sentence: `**焦点损失（Focal Loss）是**…`,
 *     `**类别不平衡指**…`, `**FFN 是**…`, `**锚框（anchor）**是…`;
 *   - a plain definitional sentence whose subject is a known term (`中文（English）`
 *     pair, front-matter alias, heading, bold term): “X 是……”, “X 指……”, “X is …”,
 *     “X refers to …”, and “……称为 X”;
 *   - a bold label with its explanation: `**正则化（regularization）**：…`;
 *   - a section heading that names a term (`### 类别不平衡（Class Imbalance）`,
 *     `什么是 VAE？`) with the first sentence of the section that mentions it.
 * Candidates sharing a name (in either language, compared without case, spaces
 * or punctuation) are one concept; the strongest definition wins, and every
 * name becomes an alias. `中文（English）` pairs mined anywhere in the notes,
 * and the curated glossary, add translations of a concept's names.
 */
import { createHash } from 'node:crypto';
import type { Chunk, NoteMeta } from '../notes/types.js';
import { segmentChinese } from '../text/analyzer.js';
import { curatedGlossary, mineGlossary, emptyGlossary } from '../text/glossary.js';
import { classifyKind } from './kind.js';
import {
  cjkCount, cleanInline, hasCjk, mentions, namePattern, normalizeName, proseParagraphs, type ProseParagraph, type ProseSentence,
} from './text.js';
import type { Concept, ConceptBank } from './types.js';

export interface NoteInput {
  meta: NoteMeta;
  chunks: ReadonlyArray<Chunk>;
}

/** A real sentence of the notes that uses a concept's name: material for cloze questions. */
export interface ConceptContext {
  file: string;
  headingPath: string[];
  startLine: number;
  endLine: number;
  /** The readable sentence (Markdown emphasis removed, formulas as `code`). */
  text: string;
}

/** A concept bank plus what the quiz generator needs beyond the shared interface. */
export interface QuizConceptBank extends ConceptBank {
  /** Concept id → sentences (other than its definition) that use its name. */
  contexts: Map<string, ConceptContext[]>;
}

interface Names {
  /** The name as written, e.g. "焦点损失（Focal Loss）" (a pair is kept whole). */
  display: string;
  isPair: boolean;
  /** Each name alone, the main one first. */
  names: string[];
}

interface Candidate {
  names: Names;
  strength: number;
  file: string;
  order: number;
  headingPath: string[];
  definition: string;
  startLine: number;
  endLine: number;
  /** Where the definition's sentences sit, to keep them out of the cloze contexts. */
  sentenceKeys: string[];
}

interface SentenceRef {
  sentence: ProseSentence;
  norm: string;
  paragraph: ProseParagraph;
  index: number;
  headingPath: string[];
  file: string;
}

const DEF_VERB = /^(?:是指|指的是|就是|即是|是|指)(?![否出向定导明令挥南针示数标])/;
const DEF_VERB_END = /^(.+?)\s*(是指|指的是|就是|即是|是|指)$/;
const SENTENCE_END = /[。！？!?.；;]$/;
const URL = /https?:\/\/|www\./i;

/** Builds the bank from parsed notes (e.g. `StudyIndex.notes`, or `chunkNote` results). */
export function buildConceptBank(notes: ReadonlyArray<NoteInput>): QuizConceptBank {
  const sorted = [...notes].sort((a, b) => (a.meta.file < b.meta.file ? -1 : a.meta.file > b.meta.file ? 1 : 0));
  const docs = sorted.map(readDoc);

  // Names that some other piece of evidence vouches for as a term.
  const glossary = mineGlossary(emptyGlossary(), sorted.map((n) => ({ meta: n.meta, text: n.chunks.map((c) => c.text).join('\n\n') })), segmentChinese);
  const known = new Set<string>();
  for (const n of sorted) for (const a of [...n.meta.aliases]) addKnown(known, a);
  for (const [en, zhs] of glossary.englishToChinese) { addKnown(known, en); for (const zh of zhs) addKnown(known, zh); }
  for (const doc of docs) {
    for (const section of doc.sections) {
      const h = headingTerm(section.headingPath, doc.meta.title);
      if (h) for (const n of h.names) addKnown(known, n);
      for (const p of section.paragraphs) for (const s of p.sentences) {
        for (const bold of boldSpans(s.raw)) {
          const parsed = parseTermName(stripDefVerb(cleanInline(bold).text).name);
          if (parsed && (parsed.isPair || DEF_VERB_END.test(cleanInline(bold).text))) for (const n of parsed.names) addKnown(known, n);
        }
      }
    }
  }

  const candidates: Candidate[] = [];
  let order = 0;
  for (const doc of docs) {
    const owned = new Set([doc.meta.title, ...doc.meta.aliases].map(normalizeName));
    for (const section of doc.sections) {
      const found = (c: Omit<Candidate, 'order' | 'file'>) => {
        const bonus = c.names.names.some((n) => owned.has(normalizeName(n))) ? 0.3 : 0;
        candidates.push({ ...c, strength: c.strength + bonus, file: doc.meta.file, order: order++ });
      };
      // A heading that names a term, defined by the first sentences of its section.
      const heading = headingTerm(section.headingPath, doc.meta.title);
      if (heading) {
        const def = firstMention(section.paragraphs, heading.names, 3);
        if (def) {
          const built = buildDefinition(def.paragraph, def.index, 2, null);
          if (built) found({ names: heading, strength: 2, headingPath: section.headingPath, ...built });
        }
      }
      section.paragraphs.forEach((paragraph, pIndex) => {
        // A paragraph that is only a bold term acts as a heading for the next one (common in Q&A notes).
        const lone = loneBold(paragraph);
        if (lone) {
          const next = section.paragraphs[pIndex + 1];
          const parsed = parseTermName(lone);
          if (next && parsed) {
            const def = firstMention([next], parsed.names, 2);
            if (def) {
              const built = buildDefinition(def.paragraph, def.index, 2, null);
              if (built) found({ names: parsed, strength: 2, headingPath: section.headingPath, ...built });
            }
          }
          return;
        }
        paragraph.sentences.forEach((sentence, sIndex) => {
          for (const cand of sentenceCandidates(sentence, known)) {
            const built = buildDefinition(paragraph, sIndex, cand.strength, cand.predicate, cand.from);
            if (built) found({ names: cand.names, strength: cand.strength, headingPath: section.headingPath, ...built });
          }
        });
      });
    }
  }

  const concepts = mergeCandidates(candidates, docs);
  const contexts = collectContexts(concepts, docs);
  const byId = new Map(concepts.map((c) => [c.concept.id, c.concept]));
  const byTopic = new Map<string, Concept[]>();
  for (const { concept } of concepts) {
    const list = byTopic.get(concept.topic) ?? [];
    list.push(concept);
    byTopic.set(concept.topic, list);
  }
  return { concepts: concepts.map((c) => c.concept), byId, byTopic, contexts };
}

// ---------------------------------------------------------------------------
// Reading notes

interface Section {
  headingPath: string[];
  paragraphs: ProseParagraph[];
}

interface Doc {
  meta: NoteMeta;
  sections: Section[];
}

function readDoc(note: NoteInput): Doc {
  const sections: Section[] = [];
  let current: Section | undefined;
  let key = '';
  for (const chunk of note.chunks) {
    const k = chunk.headingPath.join('\u001f');
    if (!current || k !== key || chunk.part === 0) {
      current = { headingPath: chunk.headingPath, paragraphs: [] };
      sections.push(current);
      key = k;
    }
    for (const p of proseParagraphs(chunk)) current.paragraphs.push({ ...p, index: current.paragraphs.length });
  }
  return { meta: note.meta, sections };
}

function addKnown(known: Set<string>, name: string): void {
  const n = normalizeName(name);
  if (n.length >= 2) known.add(n);
}

// ---------------------------------------------------------------------------
// Term names

const GENERIC_LABELS = new Set([
  '例子', '例如', '示例', '举例', '注意', '要点', '优点', '缺点', '优缺点', '小结', '总结', '补充', '结果', '原因', '问题', '作用',
  '好处', '代价', '方法', '步骤', '思路', '结论', '定义', '公式', '核心', '关键', '目的', '动机', '背景', '提示', '技巧', '口诀',
  '复习口诀', '答案', '解答', '分析', '说明', '备注', '前言', '简介', '介绍', '概述', '引言', '参考', '参考文献', '实验', '实验结果',
  '基本概念', '基本原理', '原理', '特点', '应用', '应用场景', '区别', '联系', '对比', '比较', '实现', '代码', '训练', '测试', '推理',
  '输入', '输出', '模型结构', '网络结构', '结构', '算法步骤', '流程', '主要贡献', '贡献', '创新点', '思想', '核心思想', '初始化规则',
  '判断技巧', '常见坑', '模型', '评价指标', '网络', '算法', '数据', '特征', '参数', '损失', '函数', '方法论', '注意事项', '实践要点', '相关工作', '讨论', '局限', '局限性', '改进', '缺陷', '细节', '主要思想',
]);
const GENERIC_EN = new Set([
  'introduction', 'motivation', 'discussion', 'experiments', 'experiment', 'results', 'result', 'main results', 'conclusion',
  'conclusions', 'summary', 'overview', 'background', 'method', 'methods', 'proposed method', 'related work', 'abstract',
  'example', 'examples', 'note', 'notes', 'references', 'reference', 'appendix', 'design', 'architecture', 'implementation',
  'analysis', 'results analysis', 'input', 'output', 'step', 'steps', 'the', 'this', 'it', 'todo', 'tips', 'faq', 'code',
  'pros', 'cons', 'idea', 'ideas', 'details', 'setup', 'training', 'inference', 'testing', 'evaluation', 'why', 'how',
]);
const ZH_BAD_START = /^(?:[不没只仅用把在对从由被让使将为如当若因所而但与和及或即则就都也还又再更很太是有无这那该此每各其它我你他她哪怎第约共即]|缺乏|缺少|避免|防止|采用|利用|加入|引入|去掉|增加|减少|提高|降低|保持|得到|获得)/;
const ZH_BAD_END = /[的了是和与及在对等地得着过吗呢吧啊中上下时后前里]$/;
const ZH_BAD_ANY = /(?:[与和及]|何时|为何|何为|特性$|特点$|优缺点|区别$|比较$|对比$|简介$|介绍$|概述$|总结$|应用$|的|了|吗|呢|为什么|如何|怎么|怎样|哪些|哪个|什么|可以|需要|应该|作为|通过|以及|或者|还是|因为|所以|但是|然后|如果|能否|是否|一个|一种|这个|那个|我们|你们)/;
const BAD_CHARS = /[，。；：！？、,;:!?…“”"「」『』$`=→←⇒<>《》|[\]{}~^\\]/;

/** Is `name` shaped like a term (not a phrase, clause or label)? */
export function isTermLike(name: string): boolean {
  const s = name.trim();
  if (s.length < 2 || s.length > 48) return false;
  if (BAD_CHARS.test(s)) return false;
  if (/^[\d\s.·×%+\-/]/.test(s) || /^[\p{P}\p{S}]/u.test(s)) return false;
  if ((s.match(/[（(]/g) ?? []).length !== (s.match(/[）)]/g) ?? []).length) return false;
  const norm = normalizeName(s);
  if (norm.length < 2) return false;
  if (hasCjk(s)) {
    const zh = s.replace(/[^\u3400-\u9fff]/g, '');
    if (zh.length > 12) return false;
    if (GENERIC_LABELS.has(s)) return false;
    if (ZH_BAD_START.test(s) || ZH_BAD_END.test(s) || ZH_BAD_ANY.test(s)) return false;
    if (/[A-Za-z]/.test(s) && s.split(/\s+/).length > 4) return false;
    return true;
  }
  if (!/[A-Za-z]/.test(s)) return false;
  if (!/^[A-Za-z0-9][A-Za-z0-9 .\-+&'/²³×]*$/.test(s)) return false;
  if (s.split(/\s+/).length > 6) return false;
  if (/\b(?:19|20)\d\d\b|\bet al\b/i.test(s)) return false; // a citation, not a name
  if (/^[a-z]$/i.test(norm)) return false;
  return true;
}

function stripDefVerb(text: string): { name: string; verb: string | null } {
  const m = DEF_VERB_END.exec(text.trim());
  if (m && isTermLikeLoose(m[1]!)) return { name: m[1]!.trim(), verb: m[2]! };
  return { name: text.trim(), verb: null };
}

function isTermLikeLoose(s: string): boolean {
  return s.trim().length >= 2 && !BAD_CHARS.test(s.replace(/[（(][^（）()]*[）)]/g, ''));
}

/**
 * Parses a term as written: "焦点损失（Focal Loss）", "特征金字塔网络（Feature Pyramid
 * Network, FPN）", "dilated convolution / atrous convolution", "RoI Pooling",
 * "温度（temperature）T" (a trailing symbol is dropped). Null when it is not a term.
 */
export function parseTermName(raw: string): Names | null {
  let s = raw.replace(/\s+/g, ' ').trim().replace(/[：:]$/, '').trim();
  if (!s) return null;
  const pair = /^(.*?)\s*[（(]([^（）()]+)[）)]\s*(.*)$/.exec(s);
  let head = s;
  let inner: string[] = [];
  let display = s;
  let isPair = false;
  if (pair) {
    head = pair[1]!.trim();
    const tail = pair[3]!.trim();
    if (tail) {
      if (tail.length <= 2 && !hasCjk(tail)) display = s.slice(0, s.length - tail.length).trim(); // "温度（temperature）T"
      else return null;
    }
    const parts = pair[2]!.split(/\s*[,，、;；]\s*|\s+\/\s+|\s+or\s+/).map((p) => p.trim()).filter(Boolean);
    const headLatin = !hasCjk(head);
    if (parts.length === 0) return null;
    if (parts.every((p) => !hasCjk(p) && /[A-Za-z]/.test(p))) {
      inner = parts;
      if (!headLatin) isPair = true;
    } else if (headLatin && parts.every((p) => hasCjk(p))) {
      inner = parts; // "RoI（感兴趣区域）"
      isPair = true;
    } else {
      return null;
    }
  }
  // "更多数据 / 数据增强" → the part next to the translation is the term.
  let heads = head.split(/\s+\/\s+|\s*／\s*/).map((h) => h.trim()).filter(Boolean);
  if (heads.length > 1 && hasCjk(head)) heads = [heads[heads.length - 1]!];
  if (heads.length === 0) return null;
  if (pair && heads.length === 1 && heads[0] !== head) display = `${heads[0]}（${inner.join(', ')}）`;
  const names = [...heads, ...inner].map((n) => n.trim()).filter(Boolean);
  if (!names.every(isTermLike)) {
    // A translation list may hold one odd item ("classification, C 个二分类器" was rejected above);
    // the main name must be a term, the others are dropped when they are not.
    if (!isTermLike(names[0]!)) return null;
  }
  const kept = names.filter(isTermLike);
  if (kept.length === 0) return null;
  if (!pair) display = heads.length > 1 ? heads.join(' / ') : kept[0]!;
  if (!pair && kept.every((n) => GENERIC_EN.has(n.toLowerCase()))) return null;
  const seen = new Set<string>();
  const unique = kept.filter((n) => {
    const k = normalizeName(n);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { display: display.replace(/\s*（\s*/g, '（').replace(/\s*）/g, '）'), isPair, names: unique };
}

const HEADING_PREFIX = /^(?:什么是|何为|何谓|什么叫)\s*/;
const HEADING_SUFFIX = /\s*(?:是什么|的定义|的概念|的含义|简介|介绍|概述|是指什么|指什么)\s*[？?]?$/;

/** The term a section heading names, if it names one. */
function headingTerm(headingPath: string[], title: string): Names | null {
  if (headingPath.length === 0) return null;
  const h = headingPath[headingPath.length - 1]!;
  if (headingPath.length === 1 && h === title) return null;
  let s = h.replace(/^(?:第?[\d一二三四五六七八九十]+[章节.、]?\s*)?(?:\d+(?:\.\d+)*\.?\s*)?/, '').trim();
  s = cleanInline(s).text;
  s = s.replace(HEADING_PREFIX, '').replace(HEADING_SUFFIX, '').trim();
  if (/[？?]/.test(s)) return null;
  return parseTermName(s);
}

// ---------------------------------------------------------------------------
// Candidates in sentences

function boldSpans(raw: string): string[] {
  return [...raw.matchAll(/\*\*([^*\n]+?)\*\*|__([^_\n]+?)__/g)].map((m) => (m[1] ?? m[2])!);
}

function loneBold(p: ProseParagraph): string | null {
  if (p.sentences.length !== 1) return null;
  const m = /^\s*(?:\*\*([^*\n]+?)\*\*|__([^_\n]+?)__)\s*[：:]?\s*$/.exec(p.raw);
  if (!m) return null;
  return cleanInline((m[1] ?? m[2])!).text;
}

interface SentenceCandidate {
  names: Names;
  strength: number;
  /** The text after the term and its verb; null when the term is not the subject. */
  predicate: string | null;
  /** Where the defining passage starts in the sentence's Markdown, when not at its start. */
  from: number;
}

const BOLD_AT = /\*\*([^*\n]+?)\*\*|__([^_\n]+?)__/y;

/**
 * The terms a sentence defines: a bold term opening the sentence or a clause
 * (after “，” “：” “；”) with a definitional verb or colon, or a plain
 * definitional sentence about a known term.
 */
function sentenceCandidates(sentence: ProseSentence, known: Set<string>): SentenceCandidate[] {
  const raw = sentence.raw;
  const out: SentenceCandidate[] = [];
  const lead = /^\s*/.exec(raw)![0].length;
  const starts: Array<{ at: number; clause: 'start' | 'punct' | 'copula' }> = [{ at: lead, clause: 'start' }];
  for (const m of raw.matchAll(/([，：:；;])\s*(?=\*\*|__)|(是)\s*(?=\*\*)/g)) {
    starts.push({ at: m.index + m[0].length, clause: m[1] ? 'punct' : 'copula' });
  }
  for (const { at, clause } of starts) {
    BOLD_AT.lastIndex = at;
    const bold = BOLD_AT.exec(raw);
    if (!bold) continue;
    const cand = boldCandidate((bold[1] ?? bold[2])!, raw.slice(at + bold[0].length), known);
    if (!cand) continue;
    if (clause === 'start') { out.push({ ...cand, from: at }); continue; }
    // Inside a sentence only the clearest forms count: “，**X 指**……”, “是**X（English）**：……”.
    if (clause === 'punct' && cand.strength >= 3) out.push({ ...cand, strength: cand.strength - 0.3, from: at });
    else if (cand.colon && cand.names.isPair) out.push({ ...cand, strength: 2.3, from: at });
  }
  if (out.length > 0 || /^\s*(?:\*\*|__)/.test(raw)) return out;

  const text = sentence.text;
  // Plain "X 是/指……" with a known or bilingual subject.
  const zh = /^([^，。；：！？,;:!?“”"]{2,48}?)\s*(是指|指的是|就是|是|指)(?![否出向定导明令挥南针示数标])\s*/.exec(text);
  if (zh) {
    const names = parseTermName(zh[1]!);
    if (names && (names.isPair || names.names.some((n) => known.has(normalizeName(n))))) {
      return [{ names, strength: names.isPair ? 3 : 2.8, predicate: text.slice(zh[0].length).trim(), from: 0 }];
    }
  }
  const en = /^([A-Z][A-Za-z0-9\-+ ]{1,40}?)\s+(?:is|are|refers to|means|is defined as)\s+/.exec(text);
  if (en) {
    const names = parseTermName(en[1]!);
    if (names && names.names.some((n) => known.has(normalizeName(n)))) {
      return [{ names, strength: 2.8, predicate: text.slice(en[0].length).trim(), from: 0 }];
    }
  }
  // "……称为 X" / "……叫做 X".
  const called = /^(.{6,80}?)(?:被|也)?(?:称为|称作|叫做|叫作)\s*[“"「]?([^，。；,;”"」（(]{2,24}?)[”"」]?\s*(?:[（(]([^）)]{1,60})[）)])?\s*(?:[，。；,;]|$)/.exec(text);
  if (called) {
    const names = parseTermName(called[3] ? `${called[2]}（${called[3]}）` : called[2]!);
    if (names && (names.isPair || names.names.some((n) => known.has(normalizeName(n))))) {
      return [{ names, strength: 2.5, predicate: null, from: 0 }];
    }
  }
  return [];
}

/** A bold term and what follows it: `**X 是**…`, `**X**（English）是…`, `**X**：…`, `**X** 如…`. */
function boldCandidate(inner: string, after: string, known: Set<string>): (Omit<SentenceCandidate, 'from'> & { colon: boolean }) | null {
  const innerText = cleanInline(inner).text;
  let rest = cleanInline(after).text;
  const { name, verb: innerVerb } = stripDefVerb(innerText);
  let nameText = name;
  if (!innerVerb) {
    const trans = /^[（(]([A-Za-z][^（）()]*)[）)]\s*/.exec(rest);
    if (trans) { nameText = `${name}（${trans[1]}）`; rest = rest.slice(trans[0].length); }
  }
  const names = parseTermName(nameText);
  if (!names) return null;
  let strength: number;
  let predicate: string;
  let colon = false;
  if (innerVerb) {
    strength = 3;
    predicate = rest;
  } else {
    const verb = DEF_VERB.exec(rest);
    if (verb) { strength = 3; predicate = rest.slice(verb[0].length); }
    else if (/^[：:]/.test(rest)) { strength = 2.5; predicate = rest.slice(1); colon = true; }
    else { strength = 2; predicate = rest; }
  }
  predicate = predicate.trim();
  if (strength < 3 && !vouched(names, known)) return null;
  return { names, strength, predicate, colon };
}

/** A weak candidate needs a second witness: a translation, a Latin technical name, or a known name. */
function vouched(names: Names, known: Set<string>): boolean {
  if (names.isPair) return true;
  if (names.names.some((n) => !hasCjk(n) && /[A-Za-z]/.test(n) && (/[A-Z]/.test(n) || n.includes('-')))) return true;
  return names.names.some((n) => known.has(normalizeName(n)));
}

/**
 * The first sentence (of the first few) that is about one of `names`: it opens
 * with the name, or says “name 是/指/：…” or “…称为 name”. A sentence that merely
 * mentions the name (“在理解转置卷积之前，……”) does not define it.
 */
function firstMention(paragraphs: ProseParagraph[], names: string[], maxSentences: number): { paragraph: ProseParagraph; index: number } | null {
  let seen = 0;
  for (const paragraph of paragraphs) {
    for (let i = 0; i < paragraph.sentences.length; i++) {
      if (seen++ >= maxSentences) return null;
      const text = paragraph.sentences[i]!.text;
      if (names.some((n) => isAbout(text, n))) return { paragraph, index: i };
    }
  }
  return null;
}

const aboutCache = new Map<string, RegExp[]>();

function isAbout(text: string, name: string): boolean {
  if (!mentions(text, name)) return false;
  let res = aboutCache.get(name);
  if (!res) {
    res = aboutPatterns(name);
    if (aboutCache.size > 5000) aboutCache.clear();
    aboutCache.set(name, res);
  }
  return res.some((re) => re.test(text));
}

function aboutPatterns(name: string): RegExp[] {
  const pattern = namePattern(name);
  const opens = new RegExp(`^(?:${pattern})`, 'iu');
  const defines = new RegExp(`(?:${pattern})\\s*(?:[（(][^）)]*[）)])?\\s*(?:是指|指的是|就是|是|指|：|:)(?![否出向定导明令挥南针示数标])`, 'iu');
  const called = new RegExp(`(?:称为|称作|叫做|叫作)\\s*[“"「]?(?:${pattern})`, 'iu');
  return [opens, defines, called];
}

/**
 * The definition starting at sentence `index`: that sentence, plus the next
 * ones of the paragraph while it is short (at most 3). Null when the passage is
 * not a usable definition (a lead-in to a formula or list, an unreadable formula,
 * too little said).
 */
function buildDefinition(
  paragraph: ProseParagraph, index: number, strength: number, predicate: string | null, from = 0,
): Pick<Candidate, 'definition' | 'startLine' | 'endLine' | 'sentenceKeys'> | null {
  const first = paragraph.sentences[index];
  if (!first || first.hardMath) return null;
  if (predicate !== null && readableLength(predicate) < 6) return null;
  const endsWithColon = (s: ProseSentence) => /[：:]$/.test(s.text);
  const colonEnd = endsWithColon(first);
  if (colonEnd && (strength < 3 || predicate === null || readableLength(predicate) < 10)) return null;
  if (!colonEnd && !first.complete) return null;
  const firstText = from > 0 ? cleanInline(first.raw.slice(from)).text : first.text;
  const texts: string[] = [firstText];
  const picked: ProseSentence[] = [first];
  let length = readableLength(firstText);
  if (!colonEnd) {
    for (let i = index + 1; i < paragraph.sentences.length && picked.length < 3 && length < 40; i++) {
      const next = paragraph.sentences[i]!;
      // Only whole sentences join: a clause cut at “；” would drop what follows it.
      if (next.hardMath || !next.complete || !/[。！？!?.][”’"')）\]】」』]*$/.test(next.text)) break;
      if (length + readableLength(next.text) > 200) break;
      picked.push(next);
      texts.push(next.text);
      length += readableLength(next.text);
    }
  }
  let text = joinSentences(texts);
  if (readableLength(text) > 260) { text = firstText; picked.length = 1; }
  if (readableLength(text) > 260 || readableLength(text) < 12) return null;
  if (/[？?][”’"')）\]】」』]*$/.test(text)) return null; // a question, not a definition
  if (URL.test(text)) return null;
  const cjk = hasCjk(text);
  text = text.replace(/[：:；;，,、]$/, cjk ? '。' : '.');
  if (!SENTENCE_END.test(text) && !/[”）)」』】]$/.test(text)) text += cjk ? '。' : '.';
  return {
    definition: text,
    startLine: picked[0]!.startLine,
    endLine: picked[picked.length - 1]!.endLine,
    sentenceKeys: picked.map(sentenceKey),
  };
}

function sentenceKey(s: ProseSentence): string {
  return `${s.startLine}:${s.text}`;
}

function joinSentences(parts: string[]): string {
  let out = '';
  for (const p of parts) {
    if (out && /[.!?;]$/.test(out) && !hasCjk(p[0] ?? '')) out += ' ';
    out += p;
  }
  return out;
}

/** Length a reader sees: formulas count by their text, markup not at all. */
function readableLength(s: string): number {
  return s.replace(/`/g, '').length;
}

// ---------------------------------------------------------------------------
// Merging candidates into concepts

interface Built {
  concept: Concept;
  names: string[];
  sentenceKeys: Set<string>;
  files: Set<string>;
}

function mergeCandidates(candidates: Candidate[], docs: Doc[]): Built[] {
  // Union-find over candidates that share a name.
  const parent = candidates.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) { parent[i] = parent[parent[i]!]!; i = parent[i]!; }
    return i;
  };
  const byName = new Map<string, number>();
  candidates.forEach((c, i) => {
    for (const n of c.names.names) {
      const key = normalizeName(n);
      const other = byName.get(key);
      if (other === undefined) byName.set(key, i);
      else parent[find(i)] = find(other);
    }
  });
  const groups = new Map<number, Candidate[]>();
  candidates.forEach((c, i) => {
    const root = find(i);
    const g = groups.get(root) ?? [];
    g.push(c);
    groups.set(root, g);
  });

  const metaByFile = new Map(docs.map((d) => [d.meta.file, d.meta]));
  const curated = curatedGlossary();
  const built: Built[] = [];
  const usedIds = new Set<string>();
  for (const group of groups.values()) {
    const best = [...group].sort((a, b) => b.strength - a.strength || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.order - b.order)[0]!;
    const pairDisplay = best.names.isPair ? best.names
      : group.filter((c) => c.names.isPair).sort((a, b) => Number(b.file === best.file) - Number(a.file === best.file) || a.order - b.order)[0]?.names;
    const display = pairDisplay ? pairDisplay.display : best.names.display;

    const names: string[] = [];
    const seen = new Set<string>();
    const add = (n: string) => {
      const k = normalizeName(n);
      if (k.length < 2 || seen.has(k)) return;
      seen.add(k);
      names.push(n.trim());
    };
    for (const n of pairDisplay?.names ?? []) add(n);
    for (const n of best.names.names) add(n);
    for (const c of group) for (const n of c.names.names) add(n);
    // Translations from the curated glossary. Pairs mined from the notes only vouch for
    // terms (above): as aliases they are too noisy (神经网络 → "bishop 1995", 全连接层 → "fcn").
    for (const n of [...names]) {
      const lower = n.toLowerCase().replace(/\s+/g, ' ');
      for (const zh of curated.englishToChinese.get(lower) ?? []) if (isTermLike(zh)) add(zh);
      for (const e of curated.chineseToEnglish.get(n) ?? []) if (isTermLike(e)) add(e);
    }

    const meta = metaByFile.get(best.file)!;
    let id = createHash('sha1').update(`${best.file}\u0000${normalizeName(best.names.names[0]!)}`).digest('hex').slice(0, 16);
    for (let k = 2; usedIds.has(id); k++) id = createHash('sha1').update(`${best.file}\u0000${normalizeName(best.names.names[0]!)}\u0000${k}`).digest('hex').slice(0, 16);
    usedIds.add(id);
    const displayNorm = normalizeName(display);
    const concept: Concept = {
      id,
      term: display,
      aliases: names.filter((n) => normalizeName(n) !== displayNorm),
      definition: best.definition,
      kind: classifyKind({ names, headingPath: best.headingPath, tags: meta.tags }),
      topic: best.file,
      source: { file: best.file, headingPath: best.headingPath, startLine: best.startLine, endLine: best.endLine },
    };
    built.push({
      concept,
      names,
      sentenceKeys: new Set(group.flatMap((c) => c.sentenceKeys)),
      files: new Set(group.map((c) => c.file)),
    });
  }
  built.sort((a, b) => (a.concept.topic < b.concept.topic ? -1 : a.concept.topic > b.concept.topic ? 1 : 0)
    || a.concept.source.startLine - b.concept.source.startLine || (a.concept.id < b.concept.id ? -1 : 1));
  return built;
}

// ---------------------------------------------------------------------------
// Cloze material

function collectContexts(built: Built[], docs: Doc[]): Map<string, ConceptContext[]> {
  const out = new Map<string, ConceptContext[]>();
  const sentencesByFile = new Map<string, SentenceRef[]>();
  for (const doc of docs) {
    const refs: SentenceRef[] = [];
    for (const section of doc.sections) {
      for (const paragraph of section.paragraphs) {
        paragraph.sentences.forEach((sentence, index) => refs.push({
          sentence, norm: normalizeName(sentence.text), paragraph, index, headingPath: section.headingPath, file: doc.meta.file,
        }));
      }
    }
    sentencesByFile.set(doc.meta.file, refs);
  }
  for (const b of built) {
    const list: ConceptContext[] = [];
    const normNames = b.names.map(normalizeName);
    for (const file of [b.concept.topic, ...[...b.files].filter((f) => f !== b.concept.topic)]) {
      for (const ref of sentencesByFile.get(file) ?? []) {
        const s = ref.sentence;
        if (b.sentenceKeys.has(sentenceKey(s))) continue;
        if (!normNames.some((n) => ref.norm.includes(n))) continue;
        if (s.hardMath || !s.complete || /[：:？?]$/.test(s.text) || URL.test(s.text)) continue;
        const len = readableLength(s.text);
        if (len < 16 || len > 180) continue;
        if (cjkCount(s.text) < 4 && hasCjk(b.concept.term)) continue;
        if (!b.names.some((n) => mentions(s.text, n))) continue;
        list.push({ file, headingPath: ref.headingPath, startLine: s.startLine, endLine: s.endLine, text: s.text });
        if (list.length >= 12) break;
      }
      if (list.length >= 12) break;
    }
    out.set(b.concept.id, list);
  }
  return out;
}

/** The names of a concept: its term's parts and every alias, main name first. */
export function conceptNames(concept: Concept): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const parsed = parseTermName(concept.term);
  for (const n of [...(parsed?.names ?? []), concept.term, ...concept.aliases]) {
    const k = normalizeName(n);
    if (k.length < 2 || seen.has(k)) continue;
    seen.add(k);
    names.push(n);
  }
  return names;
}
