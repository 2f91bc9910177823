import { conceptSort, type ConceptSort } from './sort.js';
import type { ConceptKind } from './types.js';

/**
 * What kind of concept a term names, by rules over its names, its heading and
 * its note's tags. The first rule that matches wins; the order puts the most
 * specific evidence first (a loss named "Polar IoU Loss" is a loss, not a metric).
 */
export interface KindInput {
  names: string[];
  headingPath: string[];
  tags: string[];
}

const CPP_TAGS = /^(c\+\+|cpp|cplusplus|c-plus-plus|object-oriented-programming|oop)$/i;
const CPP_WORDS =
  /(?:c\+\+|虚函数|纯虚|析构|构造函数|指针|引用|重载|重写|模板|泛型|封装|继承|多态|派生类|基类|抽象类|友元|命名空间|左值|右值|内存泄漏|智能指针|堆|栈|virtual|template|pointer|reference|overload|override|destructor|constructor|encapsulation|inheritance|polymorphism|vtable|lvalue|rvalue|namespace|smart pointer|memory leak|dynamic binding|动态绑定|访问控制|access control|instantiation|实例化|\bconst\b|\bnew\b|\bdelete\b|\bstl\b)/i;

const LOSS = /(?:loss|损失|cross[\s-]?entropy|交叉熵|\bnll\b|hinge|对数似然)/i;
const METRIC =
  /(?:metric|指标|准确率|精确率|召回率|accuracy|precision|recall|\bf1\b|mean iu|miou|交并比|auc|roc|中心度|centerness|评价|评估|perplexity|困惑度)/i;
const LAYER_STRONG =
  /(?:subnet|子网|\bhead\b|检测头|分支|branch|\blayer\b|层$|module|模块|\bffn\b|feed[\s-]?forward|前馈|encoder|编码器|decoder|解码器|卷积$|convolution$|pooling$|池化$|连接$|connection$)/i;
const TRAINING =
  /(?:training|训练|epoch|轮次|iteration|迭代|batch|批大小|批量|learning rate|学习率|optimi[sz]er|优化器|\bsgd\b|梯度|gradient|backprop|反向传播|overfitting|过拟合|欠拟合|underfitting|regulari[sz]ation|正则|dropout|蒸馏|distillation|augmentation|增强|initiali[sz]ation|初始化|采样|sampling|难例|hard example|fine[\s-]?tun|微调|transfer learning|迁移学习|监督|supervision|early stopping|提前停止|weight decay|权重衰减|label smoothing|标签平滑|温度|temperature|软目标|soft target|硬目标|hard target|暗知识|dark knowledge|类别不平衡|class imbalance|教师|学生|teacher|student|warmup|预训练|pretrain|正负样本|negatives|负样本|正样本|样本|samples|联合训练|交替训练)/i;
const LAYER =
  /(?:layer|层|卷积|convolution|\bconv\b|pooling|池化|attention|注意力|\bffn\b|feed[\s-]?forward|前馈|normali[sz]ation|归一化|upsampling|上采样|下采样|downsampling|module|模块|\bhead\b|检测头|分支|branch|relu|sigmoid|softmax|activation|激活|connection|连接|subnet|子网|encoder|编码器|decoder|解码器|embedding|嵌入|positional encoding|位置编码|query|queries|查询|kernel|卷积核|全连接|fully connected|skip|跳跃|平滑|smoothing|roi|neck|pathway|路径|残差|residual|stride|步长|感受野|receptive field|anchor|锚框|sliding window|滑动窗口|共享|sharing|回归|regression|特征图|feature map|金字塔|pyramid)/i;
const MODEL =
  /(?:network|网络|\bnet\b|net$|detector|检测器|model\b|模型|transformer|r-cnn|rcnn|yolo|ssd|resnet|vgg|alexnet|u-net|bert|gpt|\bgan\b|\bcnn\b|\brnn\b|lstm|\bgru\b|backbone|骨干|框架|framework|分割器|retinanet|polarmask|fcos|detr|pspnet|deeplab|segnet)/i;
const MATH =
  /(?:probability|概率|distribution|分布|函数|function|derivative|导数|偏导|chain rule|链式法则|divergence|散度|熵|entropy|matrix|矩阵|向量|vector|插值|interpolation|坐标|coordinate|algorithm|算法|二分图|bipartite|hungarian|匈牙利|公式|formula|方差|variance|期望|expectation|特征值|eigen|norm|范数|likelihood|似然|贝叶斯|bayes|convex|凸|等变|不变性|invariance|equivariance|表示|representation|射线|ray|极坐标|polar|二分图匹配|bipartite matching)/i;

const METRIC_CASED = /\bmAP\b|\bAP\b|\bIoU\b|\bAR\b/;

/** The kind a concept of each sort belongs to, where its sort says; quantities and models keep the rules below. */
const KIND_OF_SORT: Partial<Record<ConceptSort | 'none', ConceptKind>> = {
  phenomenon: 'general',
  task: 'general',
  part: 'layer',
  operation: 'layer',
  box: 'layer',
  method: 'training',
  quantity: 'metric',
};

export function classifyKind(input: KindInput): ConceptKind {
  const names = input.names.join(' | ');
  const heading = input.headingPath.slice(1).join(' | '); // the first is the note's title: too broad
  if (input.tags.some((t) => CPP_TAGS.test(t.trim()))) return 'cpp';
  if (CPP_WORDS.test(names)) return 'cpp';
  // What the head of the name says wins over a word inside it: 分类子网 is a network part, 框回归
  // a task, 类别不平衡 a phenomenon, 注意力迁移 a training method, 聚焦参数 a quantity (concepts/sort.ts).
  const bySort = KIND_OF_SORT[conceptSort(input.names, 'general') ?? 'none'];
  if (bySort) return bySort;
  if (LOSS.test(names)) return 'loss';
  if (METRIC.test(names) || METRIC_CASED.test(names)) return 'metric';
  if (LAYER_STRONG.test(names)) return 'layer';
  if (isModelName(input.names) || MODEL.test(names)) return 'model';
  if (LAYER.test(names)) return 'layer';
  if (TRAINING.test(names)) return 'training';
  if (MATH.test(names)) return 'math';
  // Nothing in the names: the heading the concept sits under is the next best hint.
  if (LOSS.test(heading)) return 'loss';
  if (TRAINING.test(heading)) return 'training';
  if (LAYER.test(heading)) return 'layer';
  if (MATH.test(heading)) return 'math';
  return 'general';
}

/** CamelCase or hyphenated capitalised names (RetinaNet, PSPNet, FCN-8s, Faster R-CNN) name models. */
function isModelName(names: string[]): boolean {
  return names.some((n) => {
    if (/[\u3400-\u9fff]/.test(n)) return false;
    if (/^[A-Z][a-z]+[A-Z][A-Za-z]*(?:[-\s]\w+)?$/.test(n)) return true; // RetinaNet, PolarMask, ResNet-50
    if (/^[A-Z]{2,6}(?:-\d+\w?)?$/.test(n) && /net|cnn|rnn|gan|fcn|fpn|rpn|detr|fcos|ssd|yolo|vgg/i.test(n)) return true;
    if (/R-CNN$|Net$|Net\b/.test(n)) return true;
    return false;
  });
}
