/**
 * Definition intent: for "what is X" the section that defines X comes
 * first, not a later one that merely uses X.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { definitionScore, partNamed } from '../src/search/definition.js';
import { askedName, definitionFrameWords, questionIntent } from '../src/search/intent.js';
import type { ChunkWithMeta } from '../src/notes/types.js';
import type { QueryGroup } from '../src/text/analyzer.js';
import { memoryCorpus } from './support/memory-corpus.js';
import { rpnGroup } from './support/query-groups.js';

describe('questionIntent', () => {
  it.each([
    'what is focal loss',
    "what's a template in c++",
    'whats centerness',
    'define dropout',
    'what does a 1x1 convolution do',
    'RPN 是什么',
    '什么是超参数',
    '类别不平衡指的是什么',
    'iteration 是什么意思',
    '朴素贝叶斯分类器是怎么回事',
    'what exactly is a GAN',
    // The ways Chinese students ask it: a measure word, 啥 for 什么, the kind of thing named, a closing particle.
    'PyTorch 是个什么东西',
    '弱监督学习是啥意思',
    '特征向量到底是个啥意思啊',
    'NCNN 是什么框架',
    '卷积核的含义？',
  ])('takes "%s" as a definition question', (q) => {
    expect(questionIntent(q)).toBe('definition');
  });

  it.each([
    // 是什么 before a reason or a principle asks why or how, not what the thing is.
    '这种情况是什么原因',
    '反向传播是什么原理',
    'Dropout 是干嘛的',
  ])('does not take "%s" as a definition question', (q) => {
    expect(questionIntent(q)).not.toBe('definition');
  });

  it.each([
    'why does dropout help',
    'how does roi pooling work',
    'RNN 为什么会梯度消失',
    'FPN 怎么做上采样',
    // Of a situation, "是怎么回事" asks why.
    '用了迁移学习效果反而变差了，这种情况是怎么回事',
  ])('takes "%s" as a why/how question', (q) => {
    expect(questionIntent(q)).toBe('why-how');
  });

  it('finds the words that only frame a Chinese "what is" question, never those of its topic', () => {
    expect(definitionFrameWords('学习率到底指的是什么')).toEqual(['指']);
    expect(definitionFrameWords('特征向量到底是个啥意思啊')).toEqual(['意思']);
    expect(definitionFrameWords('PyTorch 是个什么东西')).toEqual(['东西']);
    // A category word says what the thing is; a 指 of the topic is the topic's.
    expect(definitionFrameWords('NCNN 是什么框架')).toEqual([]);
    expect(definitionFrameWords('指数衰减是什么')).toEqual([]);
    expect(definitionFrameWords('why is the learning rate decayed')).toEqual([]);
  });

  it('takes anything else as other', () => {
    expect(questionIntent('focal loss gamma value')).toBe('other');
  });
});

const group = (...tokens: string[]): QueryGroup => ({ surface: tokens.join(' '), tokens, expansions: [], guesses: [] });
const section = (headingPath: string[], text: string, title = 'Notes'): ChunkWithMeta => ({
  chunk: { id: headingPath.join('/'), file: 'n.md', title, headingPath, startLine: 1, endLine: 1, text, part: 0 },
  meta: { file: 'n.md', title, tags: [], aliases: [] },
});
const tokenize = (text: string) =>
  (text.toLowerCase().match(/[a-z0-9]+|[\u4e00-\u9fff]+/g) ?? []).filter((t) => !['is', 'a', 'the', 'of'].includes(t));
const idf = () => 1;

describe('definitionScore', () => {
  const subject = [group('anchor')];

  it('is 1 for a section whose own heading names X alone', () => {
    expect(definitionScore(section(['Detection', '3.1 Anchor'], 'Boxes.'), subject, tokenize, idf)).toBe(1);
  });

  it('is lower for a heading that names X and something more', () => {
    expect(definitionScore(section(['Detection', 'Anchor assignment'], 'Boxes.'), subject, tokenize, idf)).toBe(0.5);
  });

  it('is 1 for a section that opens with "X is …", "X 是…", "所谓 X" or X in bold', () => {
    for (const text of [
      'An anchor is a box of fixed size.',
      'anchor 是预先放在特征图上的框。',
      '所谓 anchor，就是预设的框。',
      '**Anchor**: a box of fixed size.',
    ]) {
      expect(definitionScore(section(['Detection', 'Boxes'], text), subject, tokenize, idf)).toBe(1);
    }
  });

  it('is 1 for an opening whose copula follows X in a clause of its own ("我们先了解一个概念，anchor，即…")', () => {
    const text = '我们 首先 了解 一个 概念，anchor，即预先放在特征图上的框。';
    expect(definitionScore(section(['Detection', 'Boxes'], text), subject, tokenize, idf)).toBe(1);
  });

  it('reads an opening as the student sees it: spaces written as "&emsp;" or pasted zero-width are blank space', () => {
    for (const text of ['&emsp;&emsp;\nanchor 是预先放在特征图上的框。', '\u200b\t&nbsp;anchor 是预先放在特征图上的框。']) {
      expect(definitionScore(section(['Detection', 'Boxes'], text), subject, tokenize, idf)).toBe(1);
    }
  });

  it('is 0 for a section that opens on something of X ("X 的损失是…", "the loss of X is …"), unless it is what X is', () => {
    for (const text of ['anchor 的损失是平滑 L1。', 'The loss of an anchor is smooth L1.']) {
      expect(definitionScore(section(['Detection', 'Boxes'], text), subject, tokenize, idf)).toBe(0);
    }
    for (const text of ['anchor 的核心思想是预设的框。', 'anchor 的目的就是给回归一个起点。', 'The idea of an anchor is a preset box.']) {
      expect(definitionScore(section(['Detection', 'Boxes'], text), subject, tokenize, idf)).toBe(1);
    }
  });

  it('is 0 for a section that only uses X further down', () => {
    expect(definitionScore(section(['Detection', 'Boxes'], 'We regress offsets. An anchor is a box.'), subject, tokenize, idf)).toBe(0);
  });

  it('is 1 for a later paragraph that opens on X in bold with a copula: a section on two things defines the second there', () => {
    const text = 'Self-attention mixes positions.\n\n**An anchor is** a box of fixed size.';
    expect(definitionScore(section(['Detection', 'Attention and boxes'], text), subject, tokenize, idf)).toBe(1);
    expect(definitionScore(section(['Detection', 'Boxes'], 'Boxes.\n\n**锚框 anchor 是**预先放好的框。'), subject, tokenize, idf)).toBe(1);
  });

  it('is 1 for a later paragraph whose first line is X in bold alone, a label over its definition', () => {
    const text = '**Box (bbox)**  \nFour numbers.\n\n**Anchor (prior)**  \nA box of fixed size placed over the image.';
    expect(definitionScore(section(['Detection', 'Boxes and anchors'], text), subject, tokenize, idf)).toBe(1);
    // A label with nothing under it is a heading of nothing.
    expect(definitionScore(section(['Detection', 'Boxes'], 'Boxes.\n\n**Anchor**'), subject, tokenize, idf)).toBe(0);
  });

  it('is 0 for a later paragraph or list item that only names X in bold', () => {
    const named = 'Self-attention mixes positions.\n\n**Anchor** boxes are matched by IoU later.';
    expect(definitionScore(section(['Detection', 'Matching'], named), subject, tokenize, idf)).toBe(0);
    const item = 'Self-attention mixes positions.\n\n- **An anchor is** a box.';
    expect(definitionScore(section(['Detection', 'Matching'], item), subject, tokenize, idf)).toBe(0);
  });

  it('is 1 for a clause within a paragraph that opens on X in bold with a copula ("…去冗余：**NMS** 指…")', () => {
    const text = 'Boxes.\n\n候选框高度重叠，需要去冗余：**anchor** 指预先放在特征图上的框。';
    expect(definitionScore(section(['Detection', 'Boxes'], text), subject, tokenize, idf)).toBe(1);
    // Without the clause's end before it, X in bold is only named.
    expect(definitionScore(section(['Detection', 'Boxes'], 'Boxes.\n\n框的去冗余用 **anchor** 指定的顺序。'), subject, tokenize, idf)).toBe(
      0,
    );
  });

  it('is 0 for a bold opening that denies X ("**不需要 NMS**：…"): it says what does without X', () => {
    for (const text of ['**不需要 anchor**：检测器直接输出集合。', '**No anchor**: the detector predicts a set.']) {
      expect(definitionScore(section(['Detection', 'Boxes'], text), subject, tokenize, idf)).toBe(0);
    }
  });

  it('counts a translation of X in a heading only where the heading holds most of its words', () => {
    const rpn = [rpnGroup()];
    const words = (text: string) => text.split(' ');
    expect(definitionScore(section(['Faster R-CNN', '区域 建议 网络'], 'Boxes.'), rpn, words, idf)).toBe(1);
    // 生成 is one word of 区域生成网络: "候选框 生成 与 NMS" does not name the RPN.
    expect(definitionScore(section(['Faster R-CNN', '候选框 生成 与 nms'], 'Boxes.'), rpn, words, idf)).toBe(0);
  });

  it('is 1 for the introduction of the note named after X', () => {
    expect(definitionScore(section(['Anchor'], 'Used by RPN and RetinaNet.', 'Anchor'), subject, tokenize, idf)).toBe(1);
  });

  it('of a part asked by its owner ("RPN 的 anchor"), counts only a phrase naming the part, not one naming the owner', () => {
    const ofRpn = [group('rpn'), group('anchor')];
    const part = [group('anchor')];
    const intro = section(['RPN'], 'RPN 是在特征图上生成候选框的网络。', 'RPN');
    expect(definitionScore(intro, ofRpn, tokenize, idf)).toBe(1);
    expect(definitionScore(intro, ofRpn, tokenize, idf, part)).toBe(0);
    expect(definitionScore(section(['RPN', 'Anchor'], 'Boxes.', 'RPN'), ofRpn, tokenize, idf, part)).toBeGreaterThan(0);
    expect(definitionScore(section(['RPN', 'Boxes'], 'anchor 是预先放在特征图上的框。', 'RPN'), ofRpn, tokenize, idf, part)).toBe(1);
  });

  it('of a part, counts a word of the part only whole: 金字塔 of a title is no word of 金字塔池化模块', () => {
    const ppm = { surface: '金字塔池化模块', tokens: ['金字塔池化模块', '金字塔', '池化', '模块'], expansions: [], guesses: [] };
    const words = (text: string) => text.split(' ');
    const intro = section(['pspnet 金字塔 场景 解析 网络'], 'Scene parsing.', 'pspnet 金字塔 场景 解析 网络');
    expect(definitionScore(intro, [group('pspnet'), ppm], words, idf, [ppm])).toBe(0);
    const own = section(['pspnet', '金字塔池化模块 金字塔 池化 模块'], 'Pooling at four scales.', 'pspnet');
    expect(definitionScore(own, [group('pspnet'), ppm], words, idf, [ppm])).toBe(1);
  });
});

describe('the name a definition question asks about, and the part it names', () => {
  it.each([
    ['PSPNet 的金字塔池化模块是什么？', 'PSPNet 的金字塔池化模块', { part: '金字塔池化模块', owner: 'PSPNet ' }],
    ['什么是 DETR 的匈牙利匹配', 'DETR 的匈牙利匹配', { part: '匈牙利匹配', owner: 'DETR ' }],
    ['what is the temperature in distillation?', 'the temperature in distillation', { part: 'temperature', owner: 'distillation' }],
    ['what is the loss of FCN', 'the loss of FCN', { part: 'loss', owner: 'FCN' }],
    ["what is PSPNet's pyramid pooling module?", "PSPNet's pyramid pooling module", { part: 'pyramid pooling module', owner: 'PSPNet' }],
    ['what is focal loss', 'focal loss', null],
    // A head that says what its owner is asks for the owner itself.
    ['迁移学习的基本思想是什么', '迁移学习的基本思想', null],
    // A longer question's words are no name.
    ['老板问为什么要用 MobileNet，它的设计思想是什么', '老板问为什么要用 MobileNet，它的设计思想', null],
  ])('"%s" asks about "%s"', (question, name, part) => {
    expect(askedName(question)).toBe(name);
    expect(partNamed(name)).toEqual(part);
  });

  it('is null for a question that does not ask what something is, or asks what a verb does', () => {
    expect(askedName('how does RoI pooling work')).toBeNull();
    expect(askedName('DETR 的匈牙利损失具体算的是什么？')).toBeNull();
  });
});

describe('ask() on a definition question', () => {
  const corpus = memoryCorpus([
    { id: 'uses', headingPath: ['Detection', 'Anchor matching'], text: 'matching compares each box with the ground truth by iou' },
    { id: 'defines', headingPath: ['Detection', 'Boxes'], text: 'An anchor is a box of fixed size placed over the image.' },
    { id: 'filler', text: 'Pooling layers shrink feature maps.' },
  ]);

  it('puts the section that defines X first', async () => {
    expect((await ask(corpus, 'what is an anchor')).results[0]?.chunkId).toBe('defines');
  });

  it('leaves the ranking to the words when switched off (the ablation)', async () => {
    expect((await ask(corpus, 'what is an anchor', { features: { definitions: false } })).results[0]?.chunkId).toBe('uses');
  });

  const partCorpus = memoryCorpus([
    {
      id: 'intro',
      headingPath: ['Detector'],
      text: 'The detector is a network that finds objects: each anchor box is scored, each anchor regressed.',
    },
    { id: 'anchor', headingPath: ['Detector', 'Boxes'], text: 'An anchor is a box of fixed size that the detector scores.' },
    { id: 'filler', text: 'Pooling layers shrink feature maps.' },
  ]);

  it('judges a part whose owner was a typo even with translations switched off (an ablation), where nothing is left of the owner', async () => {
    const answer = await ask(partCorpus, 'what is the anchor in the detectr', { features: { expansion: false } });
    expect(answer.results.length).toBeGreaterThan(0);
  });

  it("puts the section defining a part first when asked by its owner, not the owner's intro", async () => {
    expect((await ask(partCorpus, "what is the detector's anchor", { features: { partAsked: false } })).results[0]?.chunkId).toBe('intro');
    expect((await ask(partCorpus, "what is the detector's anchor")).results[0]?.chunkId).toBe('anchor');
    expect((await ask(partCorpus, 'what is the anchor in the detector')).results[0]?.chunkId).toBe('anchor');
    expect((await ask(partCorpus, 'what is the anchor in the detector', { features: { partAsked: false } })).results[0]?.chunkId).toBe(
      'intro',
    );
  });
});
