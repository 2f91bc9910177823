/**
 * Term names: whether a phrase is shaped like a term (not a clause or a
 * generic label), how a term as written (“焦点损失（Focal Loss）”) splits into
 * its names, and which term a section heading names.
 */
import { cleanInline, hasCjk, normalizeName } from './text.js';

/** A term as written, with each of its names. */
export interface Names {
  /** The name as written, e.g. "焦点损失（Focal Loss）" (a pair is kept whole). */
  display: string;
  isPair: boolean;
  /** Each name alone, the main one first. */
  names: string[];
}

/** A definitional verb at the end of a bold span: “**X 是**”, “**X 指**”. */
export const DEF_VERB_END = /^(.+?)\s*(是指|指的是|就是|即是|是|指)$/;

const GENERIC_LABELS = new Set([
  '例子',
  '例如',
  '示例',
  '举例',
  '注意',
  '要点',
  '优点',
  '缺点',
  '优缺点',
  '小结',
  '总结',
  '补充',
  '结果',
  '原因',
  '问题',
  '作用',
  '好处',
  '代价',
  '方法',
  '步骤',
  '思路',
  '结论',
  '定义',
  '公式',
  '核心',
  '关键',
  '目的',
  '动机',
  '背景',
  '提示',
  '技巧',
  '口诀',
  '复习口诀',
  '答案',
  '解答',
  '分析',
  '说明',
  '备注',
  '前言',
  '简介',
  '介绍',
  '概述',
  '引言',
  '参考',
  '参考文献',
  '实验',
  '实验结果',
  '基本概念',
  '基本原理',
  '原理',
  '特点',
  '应用',
  '应用场景',
  '区别',
  '联系',
  '对比',
  '比较',
  '实现',
  '代码',
  '训练',
  '测试',
  '推理',
  '输入',
  '输出',
  '模型结构',
  '网络结构',
  '结构',
  '算法步骤',
  '流程',
  '主要贡献',
  '贡献',
  '创新点',
  '思想',
  '核心思想',
  '初始化规则',
  '判断技巧',
  '常见坑',
  '模型',
  '评价指标',
  '网络',
  '算法',
  '数据',
  '特征',
  '参数',
  '损失',
  '函数',
  '方法论',
  '注意事项',
  '实践要点',
  '相关工作',
  '讨论',
  '局限',
  '局限性',
  '改进',
  '缺陷',
  '细节',
  '主要思想',
]);
const GENERIC_EN = new Set([
  'introduction',
  'motivation',
  'discussion',
  'experiments',
  'experiment',
  'results',
  'result',
  'main results',
  'conclusion',
  'conclusions',
  'summary',
  'overview',
  'background',
  'method',
  'methods',
  'proposed method',
  'related work',
  'abstract',
  'example',
  'examples',
  'note',
  'notes',
  'references',
  'reference',
  'appendix',
  'design',
  'architecture',
  'implementation',
  'analysis',
  'results analysis',
  'input',
  'output',
  'step',
  'steps',
  'the',
  'this',
  'it',
  'todo',
  'tips',
  'faq',
  'code',
  'pros',
  'cons',
  'idea',
  'ideas',
  'details',
  'setup',
  'training',
  'inference',
  'testing',
  'evaluation',
  'why',
  'how',
]);
const ZH_BAD_START =
  /^(?:[不没只仅用把在对从由被让使将为如当若因所而但与和及或即则就都也还又再更很太是有无这那该此每各其它我你他她哪怎第约共即]|缺乏|缺少|避免|防止|采用|利用|加入|引入|去掉|增加|减少|提高|降低|保持|得到|获得)/;
const ZH_BAD_END = /[的了是和与及在对等地得着过吗呢吧啊中上下时后前里]$/;
const ZH_BAD_ANY =
  /(?:[与和及]|何时|为何|何为|特性$|特点$|优缺点|区别$|比较$|对比$|简介$|介绍$|概述$|总结$|应用$|的|了|吗|呢|为什么|如何|怎么|怎样|哪些|哪个|什么|可以|需要|应该|作为|通过|以及|或者|还是|因为|所以|但是|然后|如果|能否|是否|一个|一种|这个|那个|我们|你们)/;
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

/** A bold span that ends with its verb (“**类别不平衡指**”): the name and the verb. */
export function stripDefVerb(text: string): { name: string; verb: string | null } {
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
  const s = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[：:]$/, '')
    .trim();
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
      if (tail.length <= 2 && !hasCjk(tail))
        display = s.slice(0, s.length - tail.length).trim(); // "温度（temperature）T"
      else return null;
    }
    const parts = pair[2]!
      .split(/\s*[,，、;；]\s*|\s+\/\s+|\s+or\s+/)
      .map((p) => p.trim())
      .filter(Boolean);
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
  let heads = head
    .split(/\s+\/\s+|\s*／\s*/)
    .map((h) => h.trim())
    .filter(Boolean);
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
export function headingTerm(headingPath: string[], title: string): Names | null {
  if (headingPath.length === 0) return null;
  const h = headingPath[headingPath.length - 1]!;
  if (headingPath.length === 1 && h === title) return null;
  // A label under a question ("为什么选择 Pytorch？" › "1.简洁："): one point of the answer, not a term.
  if (/[：:]\s*$/.test(h) && /[？?]\s*$/.test(headingPath[headingPath.length - 2] ?? '')) return null;
  let s = h.replace(/^(?:第?[\d一二三四五六七八九十]+[章节.、]?\s*)?(?:\d+(?:\.\d+)*\.?\s*)?/, '').trim();
  s = cleanInline(s).text;
  s = s.replace(HEADING_PREFIX, '').replace(HEADING_SUFFIX, '').trim();
  if (/[？?]/.test(s)) return null;
  return parseTermName(s);
}
