/**
 * The sort of thing a concept names, told by the head of its name (Chinese and
 * English technical terms are head-final: 边界框**回归**, bounding box
 * **regression**; 分类**子网**, classification **subnet**). Options of one question
 * must be of one sort: a task set among network parts, or a quantity among
 * models, is eliminated at a glance (issue #14). Finer than the concept's kind,
 * which groups a subnet with a task (“layer”) and a backbone with a detector.
 */
import type { ConceptKind } from './types.js';

export type ConceptSort =
  | 'phenomenon'
  | 'quantity'
  | 'task'
  | 'box'
  | 'operation'
  | 'part'
  | 'method'
  | 'named-model'
  | `model-class:${string}`;

/**
 * Heads of each sort, Chinese then English, tested on the end of a name. The
 * order matters where heads nest: 分类子网 is a part (子网), not a task (分类);
 * 骨干网络 a part, not a model.
 */
const HEADS: ReadonlyArray<readonly [ConceptSort, RegExp, RegExp]> = [
  [
    'phenomenon',
    /(?:过拟合|欠拟合|不平衡|不均衡|混淆|不匹配|消失|爆炸|退化|负迁移|变化|偏移|歧义)$/,
    /(?:overfitting|underfitting|imbalance|confusion|confusions|mismatch|mismatched relationship|vanishing|exploding|variation|shift|negative transfer)$/,
  ],
  [
    'part',
    /(?:层|分支|子网|子网络|模块|头|编码器|解码器|注意力|路径|连接|结构|骨干网络|主干网络|提取器)$/,
    /(?:layer|layers|branch|subnet|subnetwork|module|head|encoder|decoder|attention|pathway|connection|connectivity|architecture|backbone|extractor|block|ffn)$/,
  ],
  [
    'quantity',
    /(?:度|率|长度|值|系数|阈值|大小|距离|分数|得分|温度|参数|数量|次数|轮次|轮数|迭代)$/,
    /(?:ness|rate|ratio|length|size|score|scores|threshold|distance|coefficient|parameter|temperature|precision|recall|accuracy|value|epoch|iteration)$/,
  ],
  [
    'task',
    /(?:分类|回归|分割|检测|解析|识别|翻译|聚类|跟踪)$/,
    /(?:classification|regression|segmentation|detection|parsing|recognition|translation|clustering|tracking)$/,
  ],
  ['box', /(?:框|锚点|查询)$/, /(?:box|boxes|anchor|anchors|proposal|proposals|query|queries)$/],
  [
    'operation',
    /(?:池化|采样|拼接|卷积化|插值|匹配|抑制|归一化|相加|卷积)$/,
    /(?:pooling|sampling|upsampling|concatenation|interpolation|matching|suppression|normalization|convolution|convolutionalization)$/,
  ],
  [
    'method',
    /(?:正则化|增强|停止|蒸馏|训练|初始化|微调|迁移|传播|下降|下降法|衰减|学习|失活)$/,
    /(?:regularization|augmentation|stopping|distillation|training|initialization|fine-tune|fine-tuning|transfer|backpropagation|descent|decay|learning|dropout)$/,
  ],
];

const MODEL_HEAD = /(?:网络|检测器|模型|network|networks|detector|model|net)$/i;

/** Its own name (RetinaNet, FCOS, Fast R-CNN, Feature Pyramid Network), not a common noun (one-stage detector). */
function isProperName(name: string): boolean {
  if (/\p{Script=Han}/u.test(name)) return false;
  const capitals = (name.match(/[A-Z]/g) ?? []).length;
  return capitals >= 2 || /\d/.test(name);
}

/** The Chinese name without its bracketed translation, Han characters only. */
function hanOf(name: string): string {
  return name.replace(/[（(][^（）()]*[）)]/g, '').replace(/[^\p{Script=Han}]/gu, '');
}

/**
 * The sort of a concept with these names, or null when its names do not say
 * (C++ vocabulary is not sorted this way: its own kind keeps options alike).
 */
export function conceptSort(names: readonly string[], kind: ConceptKind): ConceptSort | null {
  if (kind === 'cpp') return null;
  const han = names.map(hanOf).filter((h) => h.length >= 2);
  const latin = names.filter((n) => !/\p{Script=Han}/u.test(n)).map((n) => n.toLowerCase().trim());
  // The Chinese name decides when it has a known head; the English one only when it has none.
  for (const [sort, zh] of HEADS) if (han.some((h) => zh.test(h))) return sort;
  for (const [sort, , en] of HEADS) if (latin.some((n) => en.test(n))) return sort;
  if (kind === 'model' || names.some((n) => MODEL_HEAD.test(hanOf(n) || n))) {
    // A model's English name written capitalised (Transformer, RetinaNet) is its own name.
    if (names.some((n) => isProperName(n) || /^[A-Z][a-z]+$/.test(n))) return 'named-model';
    // Kinds of model are alike only with the same head: 单阶段检测器 with 双阶段检测器, not with 教师网络.
    const head = names.map((n) => MODEL_HEAD.exec(hanOf(n) || n.toLowerCase())?.[0]).find(Boolean);
    return `model-class:${head ?? 'model'}`;
  }
  return null;
}
