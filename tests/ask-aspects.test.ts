/**
 * Question aspects: what a question asks about its topic (the reason, the
 * way, the use, …) and what a heading says it answers, read from closed-class
 * cue words; the section whose heading answers what is asked comes first,
 * and the quote prefers the passage that says it.
 */
import { describe, expect, it } from 'vitest';
import { answersAspect, aspectCueWords, aspectsAsked, aspectsOf } from '../src/search/aspects.js';
import { questionPlace } from '../src/search/comparison.js';
import { ask } from '../src/search/ask.js';
import type { Corpus } from '../src/search/corpus.js';
import { memoryCorpus } from './support/memory-corpus.js';

/** The question words the real analyzer drops as stop words (text/stopwords.ts); the memory corpus keeps them. */
const QUESTION_WORDS = new Set(['why', 'does', 'work', 'what', 'do']);
const withQuestionWordsDropped = (corpus: Corpus): Corpus => ({
  ...corpus,
  analyzeQuery: (q) => corpus.analyzeQuery(q).filter((g) => !QUESTION_WORDS.has(g.surface)),
});

describe('aspectsOf', () => {
  it.each([
    ['why does dropout work', ['reason']],
    ['RNN 为什么会梯度消失', ['reason']],
    ['6.9 RNN中为什么会出现梯度消失？', ['reason']],
    ['负迁移产生的原因', ['reason']],
    ['how does roi pooling work', ['way']],
    ['6.10 如何解决RNN中的梯度消失问题？', ['way', 'remedy']],
    ['what does a 1x1 convolution do', ['use']],
    ["what's the point of a 1x1 conv", ['meaning', 'use']],
    ['5.8 1×1卷积作用？', ['use']],
    // Why X is needed is what X is for.
    ['2.10.1 为什么需要代价函数', ['reason', 'use']],
    ['why do we even need an activation function', ['reason', 'use']],
    // A side effect (副作用) is a weakness, not a use.
    ['batch 开得特别大会有什么副作用', ['weaknesses']],
    // What is hard about it (难点) is what it falls short on.
    ['场景解析有什么难点', ['weaknesses']],
    ['优缺点小结', ['strengths', 'weaknesses', 'summary']],
    ['what are the drawbacks of detr', ['meaning', 'weaknesses']],
    ['so what is good about relu', ['meaning', 'strengths']],
    ['Adam 好在哪', ['strengths']],
    ['anything wrong with plain gradient descent', ['weaknesses']],
    ['problems with batch norm on tiny batches', ['weaknesses']],
    ['过拟合怎么办', ['remedy']],
    ['overfitting how to fix', ['way', 'remedy']],
    ['LDA和PCA区别', ['difference']],
    ['3.6.11 批归一化和群组归一化比较', ['difference']],
    // 比较 before an adjective is "rather", not a comparison.
    ['学习率比较大的时候', []],
    ['11.1.1 什么是迁移学习？', ['meaning']],
    ['PyTorch 是个什么东西', ['meaning']],
    ['弱监督学习是啥意思', ['meaning']],
    ['归一化有哪几种', ['kinds']],
    ['3.6.5 归一化有哪些类型？', ['kinds']],
    ['what types of pooling are there', ['kinds']],
    ['what regularizers exist', ['kinds']],
    ['what kernel functions can you use in an svm', ['kinds']],
    ['2.18.7 常见的核函数有哪些', ['kinds']],
    ["explain GANs to me like I'm five", ['plainly']],
    ['what is knowledge distillation, in one sentence', ['meaning', 'plainly']],
    ['7.1.1 如何通俗理解GAN？', ['way', 'plainly']],
    ['2.12.3 梯度下降法直观理解', ['plainly']],
    ['2.19.1 图解极大似然估计', ['plainly']],
    ['1.4.6 举例理解条件概率', ['plainly']],
    ['极大似然估计有没有直观一点的例子', ['plainly']],
    ['explain backprop with a simple example', ['plainly']],
    ['3.4.7 什么时候可以用线性激活函数？', ['occasion']],
    ['when is it ok to use a linear activation', ['occasion']],
    ['when to use batch norm', ['occasion']],
    ['2.9.2 逻辑回归适用性', ['occasion']],
    ['8.1.4 目标检测有哪些应用？', ['use', 'kinds']],
    ['目标检测一般都用在哪些地方', ['use', 'kinds']],
    ['where is object detection used in industry', ['use']],
    ['8.1.3 目标检测算法分类？', ['kinds']],
    ['what are the main families of face detection methods', ['meaning', 'kinds']],
    ['2.8 分类算法', []],
    ['10.10 深度强化学习算法小结', ['summary']],
    ['quick summary of deep reinforcement learning algorithms', ['summary']],
    ['2.14.4 LDA算法流程总结', ['procedure', 'summary']],
    ['how does gradient descent work step by step', ['way', 'procedure']],
    ['5.10 卷积核是否一定越大越好？', ['whether']],
    ['5.13 在进行卷积操作时，必须同时考虑通道和区域吗？', ['whether']],
    ['is a bigger conv kernel always better', ['whether']],
    ['does fine tuning keep updating the pretrained weights', ['whether']],
    ['who came up with DETR and where was it published?', ['origin']],
    ['who invented the perceptron?', ['origin']],
    ['what competition did pspnet win?', ['origin']],
    ['which paper introduced batch norm', ['origin']],
    ['ResNet 是谁提出的', ['origin']],
    ['Focal Loss 出自哪篇论文', ['origin']],
    ['焦点损失的公式是什么', ['formula', 'meaning']],
    ["what's the equation for focal loss", ['formula', 'meaning']],
  ])('reads "%s" as asking or answering %j', (text, aspects) => {
    expect([...aspectsOf(text)].sort()).toEqual([...aspects].sort());
  });

  it('finds none in a heading that only names a topic, nor in "how many", "for example" or a "when" that does not ask', () => {
    expect(aspectsOf('金字塔池化模块（Pyramid Pooling Module）').size).toBe(0);
    expect(aspectsOf('the loss explodes when the learning rate is high').size).toBe(0);
    expect(aspectsOf('fine tuning is slower than it should be').size).toBe(0);
    expect(aspectsOf('an rnn loops over time steps').size).toBe(0);
    expect(aspectsOf('how many anchors per location').size).toBe(0);
    expect(aspectsOf('for example resnet50 on imagenet').size).toBe(0);
    // "who" that asks about people in a story, not an origin.
    expect(aspectsOf('my labmate who uses pytorch says it is easier').size).toBe(0);
  });
});

describe('answersAspect for where a thing comes from', () => {
  it.each([
    ['Faster R-CNN 是 Ren、He、Girshick、Sun 在 NIPS 2015 提出的两阶段目标检测器。', true],
    ['感知机由 Frank Rosenblatt 于1957年发明。', true],
    ['PSPNet 获得 ImageNet 2016 场景解析挑战赛第一名。', true],
    ['Lin et al. proposed focal loss.', true],
    // Every method's text says 提出, and a count is no year.
    ['作者提出了一种新的损失函数。', false],
    ['选择性搜索得到约 2000 个候选框。', false],
  ])('reads "%s" as telling it: %s', (text, tells) => {
    expect(answersAspect(text, new Set(['origin']))).toBe(tells);
  });
});

describe('aspectsAsked', () => {
  it('reads what a question asks of its subject, not of the place it names', () => {
    const question = 'RPN 损失公式中的 p_i* 指什么';
    expect([...aspectsAsked(question, questionPlace(question))]).toEqual(['meaning']);
    expect([...aspectsOf(question)].sort()).toEqual(['formula', 'meaning']);
    expect([...aspectsAsked('焦点损失的公式是什么', null)].sort()).toEqual(['formula', 'meaning']);
  });
});

describe('answersAspect for a formula', () => {
  it.each([
    ['Focal Loss 定义为\n$$\n\\mathrm{FL}(p_t) = -(1-p_t)^\\gamma \\log(p_t)\n$$', true],
    ['其中 $p_t = p$（正样本）。', true],
    // A symbol named in passing is no formula.
    ['调制因子中的 $\\gamma$ 越大，简单样本的损失越小。', false],
  ])('reads "%s" as showing it: %s', (text, shows) => {
    expect(answersAspect(text, new Set(['formula']))).toBe(shows);
  });
});

describe('aspectCueWords', () => {
  it('gives the words that name what a question asks about its topic, in either language', () => {
    expect(aspectCueWords('what are the downsides of DETR and why is it slow')).toEqual(expect.arrayContaining(['why', 'downsides']));
    expect(aspectCueWords('DETR 有什么缺点，为什么慢')).toEqual(expect.arrayContaining(['为什么', '缺点']));
    expect(aspectCueWords('detr bipartite matching')).toEqual([]);
    // The whole Chinese "what is" frame, its measure word and 意思 too, is the asking.
    expect(aspectCueWords('特征向量到底是个啥意思啊')).toEqual(['是个啥意思']);
    expect(aspectCueWords('学习率到底指的是什么')).toEqual(['指的是什么']);
  });

  it('never gives the topic a cue spans ("what does a 1x1 convolution do")', () => {
    expect(aspectCueWords('what does a 1x1 convolution do')).toEqual([]);
    // "what is" is the meaning cue's own two words (stop words to the analyzer); "dropout" is never a cue.
    expect(aspectCueWords('what is dropout good for')).toEqual(['what', 'is']);
    expect(aspectCueWords('梯度消失怎么办')).toEqual(['怎么办']);
  });

  it('gives both words of a two-word cue, which cannot span a topic ("the point of", "types of")', () => {
    expect(aspectCueWords("what's the point of cross validation")).toEqual(["what's", 'point', 'of']);
    expect(aspectCueWords('what types of pooling are there')).toEqual(['types', 'of']);
  });

  it('gives every word of a cue for the form of the answer, which never spans the topic', () => {
    expect(aspectCueWords('what is knowledge distillation, in one sentence')).toEqual(['what', 'is', 'in', 'one', 'sentence']);
    expect(aspectCueWords("explain GANs like I'm five")).toEqual(['like', "I'm", 'five']);
  });
});

describe('ask() on a question that asks for an aspect', () => {
  const corpus = withQuestionWordsDropped(
    memoryCorpus(
      [
        {
          id: 'intro',
          file: 'dropout.md',
          headingPath: ['Dropout'],
          text: 'dropout overview: dropout layers, dropout rate, dropout at test time, dropout in practice.',
        },
        { id: 'why', file: 'dropout.md', headingPath: ['Dropout', 'dropout 原因'], text: 'A unit cannot rely on one input.' },
        { id: 'rate', file: 'dropout.md', headingPath: ['Dropout', 'dropout rate'], text: 'Keep 0.5 for hidden units.' },
        { id: 'filler', text: 'Pooling layers shrink feature maps.' },
      ],
      { topical: ['dropout'] },
    ),
  );

  it('puts first the section whose heading answers what is asked, in either language', async () => {
    expect((await ask(corpus, 'why does dropout work')).results[0]?.chunkId).toBe('why');
  });

  it('leaves the note intro first when switched off (the ablation)', async () => {
    expect((await ask(corpus, 'why does dropout work', { features: { aspects: false } })).results[0]?.chunkId).toBe('intro');
  });

  it('does not count the cue word itself among what a heading must name ("dropout downsides")', async () => {
    const sections = withQuestionWordsDropped(
      memoryCorpus(
        [
          {
            id: 'regularise',
            headingPath: ['Dropout', 'dropout as regularisation'],
            text: 'dropout dropout regularises by dropping units.',
          },
          { id: 'weak', headingPath: ['Dropout', 'dropout 缺点'], text: 'dropout makes training slower.' },
          { id: 'filler', text: 'Pooling layers shrink feature maps.' },
        ],
        { topical: ['dropout'] },
      ),
    );
    expect((await ask(sections, 'dropout downsides?')).results[0]?.chunkId).toBe('weak');
  });

  it('puts first the section that explains plainly when the question asks for it ("like I\'m five", 通俗理解)', async () => {
    const gan = memoryCorpus(
      [
        {
          id: 'train',
          headingPath: ['GAN', 'gan training'],
          text: 'gan training: the gan generator and the gan discriminator take turns.',
        },
        { id: 'plain', headingPath: ['GAN', 'gan 通俗理解'], text: 'A forger and a detective: the gan forger learns from being caught.' },
        { id: 'filler', text: 'Pooling layers shrink feature maps.' },
      ],
      { topical: ['gan'] },
    );
    expect((await ask(gan, "explain gan like I'm five")).results[0]?.chunkId).toBe('plain');
    expect((await ask(gan, "explain gan like I'm five", { features: { aspects: false } })).results[0]?.chunkId).toBe('train');
  });

  it('puts first the section that says when to use a thing over the one that says why it is needed', async () => {
    const activations = withQuestionWordsDropped(
      memoryCorpus(
        [
          {
            id: 'why',
            headingPath: ['Activations', 'why a linear activation is not enough'],
            text: 'a linear activation stacked on a linear activation is still a linear activation.',
          },
          { id: 'when', headingPath: ['Activations', 'when to use a linear activation'], text: 'in the output layer of a regression.' },
          { id: 'filler', text: 'Pooling layers shrink feature maps.' },
        ],
        { topical: ['activation', 'linear'] },
      ),
    );
    // The real analyzer drops "when" and "ok" as stop words; the heading's cue is all that tells the two apart.
    const question = 'when is a linear activation ok';
    const withoutCues: Corpus = {
      ...activations,
      analyzeQuery: (q) => activations.analyzeQuery(q).filter((g) => !['when', 'ok'].includes(g.surface)),
    };
    expect((await ask(withoutCues, question)).results[0]?.chunkId).toBe('when');
    expect((await ask(withoutCues, question, { features: { aspects: false } })).results[0]?.chunkId).toBe('why');
  });

  it('puts first the section whose heading asks the same yes-or-no question as the student', async () => {
    const kernels = memoryCorpus(
      [
        { id: 'sizes', headingPath: ['卷积核', '卷积核 尺寸'], text: '卷积核 尺寸 大 或 小，大 卷积核 感受野 大。' },
        { id: 'whether', headingPath: ['卷积核', '大 卷积核 是否 更好？'], text: '不 一定：堆叠 小 的 参数 更少。' },
        { id: 'filler', text: 'Pooling layers shrink feature maps.' },
      ],
      { topical: ['卷积核'] },
    );
    expect((await ask(kernels, '卷积核 大 吗')).results[0]?.chunkId).toBe('whether');
    expect((await ask(kernels, '卷积核 大 吗', { features: { aspects: false } })).results[0]?.chunkId).toBe('sizes');
  });

  it('puts first, for "who proposed X", the section of X that tells where it came from, though no heading says so', async () => {
    const notes = memoryCorpus(
      [
        {
          id: 'overview',
          file: 'detr.md',
          headingPath: ['DETR', 'DETR overview'],
          text: 'DETR is a detector Facebook AI proposed at ECCV 2020.',
        },
        {
          id: 'structure',
          file: 'detr.md',
          headingPath: ['DETR', 'DETR structure'],
          text: 'DETR has a backbone, then DETR has a transformer.',
        },
        { id: 'other', file: 'yolo.md', headingPath: ['YOLO'], text: 'YOLO was proposed at CVPR 2016.' },
      ],
      { topical: ['detr'] },
    );
    const question = 'who came up with DETR';
    expect((await ask(notes, question)).results[0]?.chunkId).toBe('overview');
    expect((await ask(notes, question, { features: { originInText: false } })).results[0]?.chunkId).toBe('structure');
  });

  it('answers "what is the formula for X" from a section of X showing it, though no heading or sentence says "formula"', async () => {
    const notes = memoryCorpus(
      [
        {
          id: 'idea',
          file: 'fl.md',
          headingPath: ['Focal loss', 'Idea'],
          text: 'focal loss down weights easy examples, so focal loss focuses on the hard ones',
        },
        { id: 'formula', file: 'fl.md', headingPath: ['Focal loss', 'Definition'], text: 'defined as:\n$$\nFL = -(1-p)^g \\log p\n$$' },
        { id: 'other', file: 'ce.md', headingPath: ['Cross entropy'], text: 'the formula of cross entropy is in the book' },
      ],
      { topical: ['focal', 'loss', 'formula'], everyday: { formula: 0.005 } },
    );
    const answer = await ask(notes, 'what is the formula for focal loss');
    expect(answer.answered).toBe(true);
    expect(answer.results[0]?.chunkId).toBe('formula');
    expect((await ask(notes, 'what is the formula for focal loss', { features: { aspects: false } })).results[0]?.chunkId).toBe('idea');
  });

  it('lifts nothing for a heading that answers the aspect about something else', async () => {
    const other = withQuestionWordsDropped(
      memoryCorpus([
        { id: 'dropout', headingPath: ['Notes', 'dropout'], text: 'dropout drops units at random during training, dropout' },
        { id: 'pooling-why', headingPath: ['Notes', 'why pooling'], text: 'pooling shrinks maps' },
      ]),
    );
    expect((await ask(other, 'why does dropout work')).results[0]?.chunkId).toBe('dropout');
  });
});

describe('the quote of a question that asks for an aspect', () => {
  const history = Array.from({ length: 20 }, (_, i) => `Paper ${i + 1} stacked 1x1 conv layers in yet another network.`).join(' ');
  const corpus = withQuestionWordsDropped(
    memoryCorpus([
      {
        id: 'conv',
        headingPath: ['CNN', '1x1 conv'],
        text: `${history}\n\nThe purpose of a 1x1 conv is to mix channels and cut their number.`,
      },
      { id: 'filler', text: 'Pooling layers shrink feature maps.' },
    ]),
  );

  it('holds the passage that says it (here, the use)', async () => {
    expect((await ask(corpus, 'what does a 1x1 conv do')).results[0]?.quote).toContain('The purpose of a 1x1 conv is to mix channels');
  });

  it('holds the passage that says it even when it does not name the topic (the weaknesses of the section on it)', async () => {
    const notes = memoryCorpus(
      [
        {
          id: 'pros-cons',
          headingPath: ['PolarMask', 'Pros and cons'],
          text: 'Advantages: simple and fast.\n\nDisadvantages: star convex shapes only.\n\nLater work on polarmask improved this.',
        },
        { id: 'filler', text: 'Pooling layers shrink feature maps.' },
      ],
      { topical: ['polarmask'] },
    );
    const quote = (await ask(notes, 'polarmask drawbacks', { k: 1 })).results[0]?.quote ?? '';
    expect(quote).toContain('Disadvantages: star convex shapes only.');
  });

  it('holds only the first passages naming the topic when switched off', async () => {
    const quote = (await ask(corpus, 'what does a 1x1 conv do', { features: { aspects: false } })).results[0]?.quote;
    expect(quote).toMatch(/^Paper 1 /);
    expect(quote).not.toContain('The purpose');
  });
});

describe('ask() on a long section split in parts', () => {
  const code = Array.from({ length: 6 }, () => 'ppm = pyramid_pooling(x)  # pyramid pooling').join('\n');
  const corpus = memoryCorpus([
    {
      id: 'prose',
      file: 'psp.md',
      headingPath: ['PSPNet', 'pyramid pooling'],
      text: 'Pyramid pooling pools the map at four scales.',
      part: 0,
    },
    { id: 'code', file: 'psp.md', headingPath: ['PSPNet', 'pyramid pooling'], text: `\`\`\`python\n${code}\n\`\`\``, part: 1 },
    { id: 'filler', text: 'Dropout drops units.' },
  ]);

  it('quotes the part that holds the most of the question, not the part that ranked', async () => {
    const answer = await ask(corpus, 'what does pyramid pooling do');
    expect(answer.results[0]).toMatchObject({ chunkId: 'prose', quote: 'Pyramid pooling pools the map at four scales.' });
    expect(answer.results.filter((r) => r.headingPath.join('/') === 'PSPNet/pyramid pooling')).toHaveLength(1);
  });
});

describe('coverage of an idea with a token common to most sections', () => {
  // 迁移学习 is 迁移 + 学习, and 学习 is in nearly every section: the keyword leg never credits it.
  const sections = [
    { id: 'typed', headingPath: ['Notes', '迁移 学习'], text: '迁移 学习' },
    { id: 'translated', headingPath: ['Notes', 'transfer'], text: 'transfer 学习' },
    ...['a', 'b', 'c', 'd'].map((id) => ({ id, text: `学习 ${id}` })),
  ];
  const base = memoryCorpus(sections);
  const corpus: Corpus = {
    ...base,
    analyzeQuery: () => [{ surface: '迁移学习', tokens: ['迁移', '学习'], expansions: ['transfer'], guesses: [] }],
    keywordHits: (groups, limit) =>
      base.keywordHits(groups, limit).map((h) => ({ ...h, matched: new Set([...h.matched].filter((t) => t !== '学习')) })),
  };

  it('counts the idea as held by a section holding its rarer token as typed', async () => {
    const answer = await ask(corpus, '什么是迁移学习');
    expect(answer.results.find((r) => r.chunkId === 'typed')?.coverage).toBe(1);
    expect(answer.results.find((r) => r.chunkId === 'translated')?.coverage).toBe(0.8);
  });
});

describe('ask() when a note intro lists what its sections explain', () => {
  const corpus = memoryCorpus([
    {
      id: 'intro',
      file: 'interview.md',
      headingPath: ['interview notes'],
      text: 'backprop and the chain rule, backprop by hand, pooling, overfitting: backprop backprop',
    },
    { id: 'backprop', file: 'interview.md', headingPath: ['interview notes', 'backprop'], text: 'gradients flow from the output back.' },
    { id: 'fcn-intro', file: 'fcn.md', headingPath: ['fcn'], text: 'fcn fcn is a fully convolutional network, limits of fcn' },
    { id: 'fcn-limits', file: 'fcn.md', headingPath: ['fcn', 'fcn limits'], text: 'coarse output' },
  ]);

  it('moves the section whose heading names the question above the intro that only lists it', async () => {
    expect((await ask(corpus, 'backprop')).results.map((r) => r.chunkId).slice(0, 2)).toEqual(['backprop', 'intro']);
  });

  it("keeps first an intro whose note's title names the question as well", async () => {
    expect((await ask(corpus, 'fcn')).results[0]?.chunkId).toBe('fcn-intro');
  });

  it('leaves the intro first when switched off (the ablation)', async () => {
    expect((await ask(corpus, 'backprop', { features: { overviews: false } })).results[0]?.chunkId).toBe('intro');
  });

  it('keeps first an intro that defines what a "what is X" question asks: it answers, it does not list', async () => {
    const seg = withQuestionWordsDropped(
      memoryCorpus([
        {
          id: 'seg-intro',
          file: 'fcn.md',
          headingPath: ['FCN 全卷积网络'],
          text: 'Semantic segmentation is predicting a class for every pixel. FCN does it with convolutions only.',
        },
        {
          id: 'why-not',
          file: 'fcn.md',
          headingPath: ['FCN 全卷积网络', 'why classifiers cannot do segmentation'],
          text: 'they pool away where things are.',
        },
      ]),
    );
    expect((await ask(seg, 'what is semantic segmentation')).results[0]?.chunkId).toBe('seg-intro');
    // Any other question about it still finds the section its heading names first.
    expect((await ask(seg, 'segmentation')).results[0]?.chunkId).toBe('why-not');
  });
});
