/**
 * Comparisons: the sides of "X vs Y" / "X 和 Y 有什么区别" are found by
 * closed-class patterns, and the best section of each side comes first,
 * labelled with its side.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import { comparesOthers, comparisonSides, sidePlace } from '../src/search/comparison.js';
import type { Corpus } from '../src/search/corpus.js';
import { memoryCorpus } from './support/memory-corpus.js';
import { type RankedId, type SideSearch, sidesFirst } from '../src/search/sides-first.js';
import type { QueryGroup } from '../src/text/analyzer.js';

/** The memory corpus titles every note "Notes": give each file its own title. */
const titled = (corpus: Corpus, titles: Record<string, string>): Corpus => ({
  ...corpus,
  chunk: (id) => {
    const found = corpus.chunk(id);
    const title = found && titles[found.chunk.file];
    return found && title ? { chunk: { ...found.chunk, title }, meta: { ...found.meta, title } } : found;
  },
});

describe('comparisonSides', () => {
  const findsSides = (question: string, sides: string[]) => {
    expect(comparisonSides(question)).toEqual(sides);
  };

  it.each([
    ['lstm vs gru', ['lstm', 'gru']],
    ['focal loss versus balanced cross entropy', ['focal loss', 'balanced cross entropy']],
    ['what is the difference between sgd, adam and rmsprop?', ['sgd', 'adam', 'rmsprop']],
    ['how does batch norm differ from group norm', ['batch norm', 'group norm']],
    ['how is deeplabv3 different from pspnet', ['deeplabv3', 'pspnet']],
    ['relu compared with tanh', ['relu', 'tanh']],
    ['should I use relu or tanh?', ['relu', 'tanh']],
    ['LDA 和 PCA 有什么区别', ['LDA', 'PCA']],
    ['卷积层与池化层的不同', ['卷积层', '池化层']],
    ['SSD 跟 YOLOv1 差在哪', ['SSD', 'YOLOv1']],
    ['RNN 和 CNN 相比有什么优势', ['RNN', 'CNN']],
    ['whats the difference between focal loss and cross entropy', ['focal loss', 'cross entropy']],
    ['whats the diff between sgd and adam', ['sgd', 'adam']],
    ["what's different between batch norm and layer norm", ['batch norm', 'layer norm']],
    ['how do fcn and pspnet differ', ['fcn', 'pspnet']],
    ['is adam better than sgd', ['adam', 'sgd']],
    ['FCN 跟 PSPNet 比有什么不同', ['FCN', 'PSPNet']],
    ['逻辑回归和 SVM 有啥不一样', ['逻辑回归', 'SVM']],
    ['卷积层跟池化层哪里不一样', ['卷积层', '池化层']],
  ])('finds the sides of "%s"', findsSides);

  it.each([
    ['focal loss vs. CE loss: which one to use', ['focal loss', 'CE loss']],
    ['group norm vs batchnorm - what is the tradeoff between them?', ['group norm', 'batchnorm']],
    ['LDA 和 PCA，哪个有什么区别', ['LDA', 'PCA']],
    ['LDA vs PCA for reducing dimensions', ['LDA', 'PCA']],
    ['lda vs svm on a two-class problem, how do their goals differ?', ['lda', 'svm']],
    ['spark mllib or bigdl if I want deep learning on a spark cluster', ['spark mllib', 'bigdl']],
    ['is it better to use dropout or batch norm for small datasets', ['dropout', 'batch norm']],
    ['can I use relu or tanh for the output layer', ['relu', 'tanh']],
  ])('leaves the clause after the last side out of it in "%s"', findsSides);

  it.each([
    ['DCGAN 和 LSGAN 各改了 GAN 哪儿', ['DCGAN', 'LSGAN']],
    ['FCN 和 U-Net 分别是怎么上采样的', ['FCN', 'U-Net']],
    ['经验误差和泛化误差各自指什么', ['经验误差', '泛化误差']],
  ])('finds the sides of "%s", which asks about each of two apart', findsSides);

  it('reads no comparison in two people who each did something', () => {
    expect(comparisonSides('我和同学各写了一个模型')).toBeNull();
  });

  it.each([
    ['how is the loss normalized in retinanet vs in the rpn loss', ['loss normalized in retinanet', 'loss normalized in rpn loss']],
    ['how does attention work in bert vs in gpt?', ['attention work in bert', 'attention work in gpt']],
  ])('gives the thing asked of two places to both in "%s"', findsSides);

  it.each([
    ['压缩模型用低秩分解还是剪枝？', ['低秩分解', '剪枝']],
    ['分类用 softmax 还是 sigmoid？', ['softmax', 'sigmoid']],
    ['做检测应该使用 YOLO 还是 SSD 呢？', ['YOLO', 'SSD']],
  ])('leaves what the choice is for, before its verb, out of the first side in "%s"', findsSides);

  it.each([
    ['选择性搜索还是滑动窗口？', ['选择性搜索', '滑动窗口']],
    ['用户画像还是协同过滤？', ['用户画像', '协同过滤']],
  ])('does not read the start of a word as the verb of a choice in "%s"', findsSides);

  it.each([
    ['studying for my interview: what actually is an epoch vs an iteration, I keep mixing them up', ['epoch', 'iteration']],
    ['老师说正则化很重要，L1 和 L2 这两种有什么区别', ['L1', 'L2']],
    ['看了好多教程还是没搞懂，sgd、adam 和 rmsprop 那几个到底有什么不同', ['sgd', 'adam', 'rmsprop']],
    ["what's so good about relu compared to the older activations", ['relu', 'older activations']],
    ['for sharper masks, how does pspnet compare with fcn?', ['pspnet', 'fcn']],
    ['in my detector, is focal loss better than ohem', ['focal loss', 'ohem']],
  ])('leaves a clause before the sides, and a demonstrative after them, out of "%s"', findsSides);

  it.each([
    ['lstm and gru: what are the differences', ['lstm', 'gru']],
    ["big data and deep learning, what's the difference", ['big data', 'deep learning']],
    ["tensorflow, tensorflow lite and tensorflowonspark - what's the difference", ['tensorflow', 'tensorflow lite', 'tensorflowonspark']],
    ['caffe blob vs layer vs net', ['caffe blob', 'layer', 'net']],
    ['逻辑回归和 SVM 哪个更好', ['逻辑回归', 'SVM']],
    ['Prestissimo 和 NCNN 到底选哪个', ['Prestissimo', 'NCNN']],
    ['用 SGD 还是 Adam？', ['SGD', 'Adam']],
    ['数据量很大的时候，用离线计算还是实时计算？', ['离线计算', '实时计算']],
  ])('finds the sides of a choice or of names listed before the asking: "%s"', findsSides);

  it.each([
    ['知识蒸馏损失里的 α 和 Focal Loss 里的 α 是一回事吗', ['知识蒸馏损失里的 α', 'Focal Loss 里的 α']],
    ['反卷积和转置卷积是不是一回事', ['反卷积', '转置卷积']],
    ['学习率和步长是同一个东西吗', ['学习率', '步长']],
    ['is batch norm the same as layer norm?', ['batch norm', 'layer norm']],
    ['are anchors and priors the same thing', ['anchors', 'priors']],
  ])('finds the sides of a question whether two are one thing: "%s"', findsSides);

  it.each(['我还是不懂 dropout 为什么有效？', '看完还是不会，怎么办？'])('finds no sides where 还是 means "still": "%s"', (question) => {
    expect(comparisonSides(question)).toBeNull();
  });

  it.each([
    'what should I do if the loss is nan or inf when training',
    'how do I fix overfitting or underfitting',
    'dropout or batch norm',
  ])('finds no sides in "%s": an "or" without a question mark or a clause of what for, or a side that opens as a question', (question) => {
    expect(comparisonSides(question)).toBeNull();
  });

  it.each([
    ['TensorFlow 和 Caffe 的设计理念有什么不同', ['TensorFlow 的设计理念', 'Caffe 的设计理念']],
    ['FCN 与 PSPNet 的损失函数的区别', ['FCN 的损失函数', 'PSPNet 的损失函数']],
  ])('gives what follows 的 after the last side to every side in "%s"', findsSides);

  it('gives a phrase that makes the last side too long for a name to every side', () => {
    expect(comparisonSides('exponential decay vs natural exponential decay of the learning rate')).toEqual([
      'exponential decay of the learning rate',
      'natural exponential decay of the learning rate',
    ]);
    // A last side short enough to be a name keeps its phrase to itself.
    expect(comparisonSides('anchors vs object queries in detr')).toEqual(['anchors', 'object queries in detr']);
  });

  it.each([
    ['mobilenet v1 和 v2 有什么区别', ['mobilenet v1', 'mobilenet v2']],
    ['yolov2 vs v3', ['yolov2', 'yolov3']],
    ['resnet-50 vs 101, which is deeper?', ['resnet-50', 'resnet-101']],
    ['inception v1, v2 and v3: what are the differences', ['inception v1', 'inception v2', 'inception v3']],
  ])('gives a side that is a version alone the name of the first side in "%s"', findsSides);

  it.each([
    ['what is the difference between l1 and l2 regularization', ['l1 regularization', 'l2 regularization']],
    ['L1和L2正则化有什么区别', ['L1正则化', 'L2正则化']],
    ['2d vs 3d convolution', ['2d convolution', '3d convolution']],
  ])('gives modifiers written as letters and a number the head of the last side in "%s"', findsSides);

  it('leaves a first side that is a name of its own alone', () => {
    expect(comparisonSides('dropout vs batch norm')).toEqual(['dropout', 'batch norm']);
    expect(comparisonSides('relu vs leaky relu')).toEqual(['relu', 'leaky relu']);
  });

  it('leaves a version alone when the first side has no version to share a name with', () => {
    expect(comparisonSides('lstm vs v2')).toEqual(['lstm', 'v2']);
  });

  it('leaves the sides alone when another side has its own 的', () => {
    expect(comparisonSides('FCN 的损失 和 PSPNet 的辅助损失有什么区别')).toEqual(['FCN 的损失', 'PSPNet 的辅助损失']);
  });

  it.each([
    ['object queries in detr', { subject: 'object queries', context: 'detr' }],
    ['anchors in the rpn', { subject: 'anchors', context: 'rpn' }],
    ["pspnet's auxiliary loss", { subject: 'auxiliary loss', context: 'pspnet' }],
    ['FPN 中的 RPN', { subject: 'RPN', context: 'FPN' }],
    ['TensorFlow 的设计理念', { subject: '设计理念', context: 'TensorFlow' }],
  ])('reads where the side "%s" places its subject', (side, place) => {
    expect(sidePlace(side)).toEqual(place);
  });

  it('finds that a heading compares other things when what tells one of them apart is nowhere in the question', () => {
    const tokenize = (text: string) => text.split(/\s+/).filter(Boolean);
    const asked = (...tokens: string[]) => tokens.map((t) => ({ surface: t, tokens: [t], expansions: [], guesses: [] }));
    // 强化 of 强化学习 is not in "监督学习和半监督学习有什么区别".
    expect(comparesOthers(['强化 学习', '非 监督 学习'], asked('监督', '学习', '半'), tokenize)).toBe(true);
    expect(comparesOthers(['监督 学习', '半 监督 学习'], asked('监督', '学习', '半'), tokenize)).toBe(false);
    // 批 of 批归一化 is a character of 批量, a translation of "batch".
    const batch = [{ surface: 'batch', tokens: ['batch'], expansions: ['批量'], guesses: [] }, ...asked('group', '群组')];
    expect(comparesOthers(['批 归一化', '群组 归一化'], batch, tokenize)).toBe(false);
  });

  it('gives no place to a side that is only a name', () => {
    expect(sidePlace('focal loss')).toBeNull();
    expect(sidePlace('批归一化')).toBeNull();
  });

  it.each(['my friend who studies law asked me what a gan even is and how it is different from a vae'])(
    'finds none when a side would be a whole clause: "%s"',
    (question) => {
      expect(comparisonSides(question)).toBeNull();
    },
  );

  it.each([
    'what is focal loss',
    'how does roi pooling work',
    '金字塔原理写作怎么用',
    'input and output shapes',
    // 不一样 without a question word states a difference in the preamble; the question asks something else.
    '老师说漏诊和误诊的代价不一样，代价曲线是什么',
  ])('finds none in "%s"', (question) => {
    expect(comparisonSides(question)).toBeNull();
  });
});

describe('ask() on a comparison', () => {
  const corpus = memoryCorpus(
    [
      {
        id: 'lstm-intro',
        file: 'lstm.md',
        headingPath: ['LSTM'],
        text: 'lstm gates lstm cell state lstm memory lstm forget gate, unlike a gru',
      },
      { id: 'lstm-more', file: 'lstm.md', headingPath: ['LSTM', 'Training'], text: 'lstm training with truncated backprop, lstm lstm' },
      { id: 'gru', file: 'gru.md', headingPath: ['GRU'], text: 'gru merges the gates into an update gate' },
      { id: 'filler', text: 'Pooling layers shrink feature maps.' },
    ],
    { topical: ['lstm', 'gru'] },
  );

  it('answers with the best section of each side first, each naming its side', async () => {
    const answer = await ask(corpus, 'lstm vs gru');
    expect(answer.comparison).toEqual({ sides: ['lstm', 'gru'] });
    expect(answer.results.slice(0, 2).map((r) => [r.chunkId, r.side])).toEqual([
      ['lstm-intro', 'lstm'],
      ['gru', 'gru'],
    ]);
    expect(answer.results[2]?.side).toBeUndefined();
  });

  it('lets one note take the first places when switched off (the ablation)', async () => {
    const answer = await ask(corpus, 'lstm vs gru', { features: { comparisons: false } });
    expect(answer.comparison).toBeUndefined();
    expect(answer.results.slice(0, 2).map((r) => r.chunkId)).toEqual(['lstm-intro', 'lstm-more']);
  });

  it('keeps first a section whose heading names both sides, labelled with both', async () => {
    const withBoth = memoryCorpus(
      [
        { id: 'both', headingPath: ['RNN', 'lstm and gru compared'], text: 'lstm has three gates, gru two' },
        { id: 'lstm', headingPath: ['RNN', 'lstm'], text: 'lstm cell' },
        { id: 'gru', headingPath: ['RNN', 'gru'], text: 'gru cell' },
      ],
      { topical: ['lstm', 'gru'] },
    );
    const answer = await ask(withBoth, 'lstm vs gru');
    expect(answer.results.map((r) => [r.chunkId, r.side])).toEqual([
      ['both', 'lstm / gru'],
      ['lstm', 'lstm'],
      ['gru', 'gru'],
    ]);
  });

  it("answers for a side with a section of the side's own note that speaks of the other side, first, quoted for both", async () => {
    const notes = titled(
      memoryCorpus(
        [
          {
            id: 'retina-net',
            file: 'retina.md',
            headingPath: ['retinanet', 'network'],
            text: 'retinanet is a resnet with an fpn and two subnets.',
          },
          {
            id: 'retina-gap',
            file: 'retina.md',
            headingPath: ['retinanet', 'accuracy gap'],
            text: 'Stages differ. One stage detectors predict at every position. The two stage rcnn first proposes boxes.',
          },
          { id: 'rcnn', file: 'rcnn.md', headingPath: ['rcnn', 'rcnn history'], text: 'rcnn crops each proposal and classifies it.' },
          { id: 'filler', text: 'Pooling layers shrink feature maps.' },
        ],
        { topical: ['retinanet', 'rcnn'] },
      ),
      { 'retina.md': 'retinanet', 'rcnn.md': 'rcnn' },
    );
    const answer = await ask(notes, 'retinanet vs rcnn');
    expect(answer.results.slice(0, 2).map((r) => [r.chunkId, r.side])).toEqual([
      ['retina-gap', 'retinanet'],
      ['rcnn', 'rcnn'],
    ]);
    // Quoted for the whole question: the sentence naming the other side, not only the first naming its own.
    expect(answer.results[0]?.quote).toContain('The two stage rcnn first proposes boxes.');
  });

  it('does not answer for a side with a section whose heading names only what the sides share (注意力 of 交叉注意力)', async () => {
    const notes = memoryCorpus(
      [
        {
          id: 'self',
          file: 'transformer.md',
          headingPath: ['transformer', 'self attention'],
          text: 'self attention relates the positions of one sequence.',
        },
        {
          id: 'distill',
          file: 'distillation.md',
          headingPath: ['distillation', 'attention distillation'],
          text: 'the student copies the attention maps of the teacher.',
        },
        {
          id: 'decoder',
          file: 'transformer.md',
          headingPath: ['transformer', 'decoder'],
          text: 'in the decoder cross attention reads the encoder output.',
        },
        { id: 'ce', file: 'losses.md', headingPath: ['losses', 'cross entropy'], text: 'cross entropy compares two distributions.' },
        { id: 'cv', file: 'eval.md', headingPath: ['evaluation', 'cross validation'], text: 'cross validation splits the data.' },
      ],
      { topical: ['attention', 'cross'] },
    );
    const answer = await ask(notes, 'self attention vs cross attention');
    const sides = Object.fromEntries(answer.results.slice(0, 2).map((r) => [r.side, r.chunkId]));
    expect(sides).toEqual({ 'self attention': 'self', 'cross attention': 'decoder' });
  });

  it("does not answer for a side with a section whose own heading names another side, though the note's title names this one", async () => {
    // "bidirectional rnn vs stacked lstm" in a chapter titled after RNNs: "Stacked LSTMs" speaks of bidirectional ones too.
    const notes = titled(
      memoryCorpus(
        [
          {
            id: 'stacked',
            file: 'rnn.md',
            headingPath: ['rnn chapter', 'stacked lstm'],
            text: 'stacked lstm layers, each bidirectional if you like.',
          },
          {
            id: 'bidirectional',
            file: 'rnn.md',
            headingPath: ['rnn chapter', 'bidirectional lstm'],
            text: 'two passes, forward and back.',
          },
          { id: 'filler', text: 'Pooling layers shrink feature maps.' },
        ],
        { topical: ['lstm', 'rnn', 'bidirectional', 'stacked'] },
      ),
      { 'rnn.md': 'rnn chapter' },
    );
    const answer = await ask(notes, 'bidirectional rnn vs stacked lstm');
    // Each side its own section (the one that speaks of both sides comes first).
    const sides = Object.fromEntries(answer.results.slice(0, 2).map((r) => [r.side, r.chunkId]));
    expect(sides).toEqual({ 'bidirectional rnn': 'bidirectional', 'stacked lstm': 'stacked' });
  });

  it('answers for a side placed in a note ("object queries in detr") with that note\'s section named after its subject, not the note\'s intro', async () => {
    const notes = titled(
      memoryCorpus(
        [
          // The intro speaks of the other side, and its title names half of this one ("detr"): without the place it wins.
          { id: 'detr-intro', file: 'detr.md', headingPath: ['detr'], text: 'detr needs no anchors and no rpn.' },
          { id: 'queries', file: 'detr.md', headingPath: ['detr', 'queries'], text: 'one hundred learned queries.' },
          { id: 'rpn', file: 'rcnn.md', headingPath: ['rcnn', 'rpn anchors'], text: 'nine anchors per position.' },
          // "queries" as common as "detr", so the intro's title holds half the side's weight.
          { id: 'sql', file: 'db.md', headingPath: ['db', 'sql'], text: 'queries read tables.' },
        ],
        { topical: ['detr', 'anchors', 'queries', 'rpn'] },
      ),
      { 'detr.md': 'detr', 'rcnn.md': 'rcnn', 'db.md': 'db' },
    );
    // "of", not "in": this corpus's analyzer keeps "in" as a word.
    const answer = await ask(notes, 'anchors of the rpn vs queries of detr');
    const sides = Object.fromEntries(answer.results.slice(0, 2).map((r) => [r.side, r.chunkId]));
    expect(sides).toEqual({ 'anchors of the rpn': 'rpn', 'queries of detr': 'queries' });
  });

  it('keeps first a section that says it compares, in a note whose title and headings name every side', async () => {
    const notes = titled(
      memoryCorpus(
        [
          {
            id: 'compare',
            file: 'psp.md',
            headingPath: ['pspnet', 'compared with fcn'],
            text: 'fcn lacks a global prior; pspnet adds one.',
          },
          { id: 'psp', file: 'psp.md', headingPath: ['pspnet', 'pyramid pooling'], text: 'pspnet pools at four scales.' },
          { id: 'fcn', file: 'fcn.md', headingPath: ['fcn', 'skip architecture'], text: 'fcn fuses coarse and fine predictions.' },
          { id: 'filler', text: 'Dropout drops units.' },
        ],
        { topical: ['fcn', 'pspnet'] },
      ),
      { 'psp.md': 'pspnet', 'fcn.md': 'fcn' },
    );
    const answer = await ask(notes, 'fcn vs pspnet');
    expect(answer.results[0]).toMatchObject({ chunkId: 'compare', side: 'fcn / pspnet' });
  });
});

describe('sidesFirst', () => {
  const group = (token: string): QueryGroup => ({ surface: token, tokens: [token], expansions: [], translations: [], guesses: [] });
  const sideGroups = new Map([
    ['mdl', [group('mdl')]],
    ['paddle mobile', [group('paddle'), group('mobile')]],
  ]);
  /** How much of each side every section names, in its headings and in its text. */
  const shares: Record<string, { heading: Record<string, number>; text: Record<string, number> }> = {
    // "17.10.11 MDL、NCNN和 TFLite比较": it compares MDL with others, and says "mobile" once.
    compare: { heading: { mdl: 1 }, text: { mdl: 1, paddle: 0, mobile: 0.3 } },
    mdl: { heading: { mdl: 1 }, text: { mdl: 1 } },
    paddle: { heading: { paddle: 0.5, mobile: 0.5 }, text: { paddle: 0.5, mobile: 0.5 } },
  };
  const share = (id: string, kind: 'heading' | 'text', groups: QueryGroup[]) =>
    groups.reduce((sum, g) => sum + (shares[id]![kind][g.tokens[0]!] ?? 0), 0);
  const search: SideSearch = {
    bestOf: (side) => (side === 'mdl' ? ['mdl', 'compare'] : ['paddle']),
    sectionOf: (id) => id,
    noteOf: (id) => id,
    headingShare: (id, g) => share(id, 'heading', g),
    ownHeadingShare: (id, g) => share(id, 'heading', g),
    pathShare: (id, g) => share(id, 'heading', g),
    placeShare: () => 0,
    titleShare: () => 0,
    textShare: (id, g) => share(id, 'text', g),
    placeOf: () => null,
    comparesInHeading: (id) => id === 'compare',
    comparesOtherThings: () => false,
    sectionsWith: () => 1,
    defines: () => 0,
    answersAspect: () => false,
  };

  /** Sides of one word each, each a group of that word. */
  const sidesOf = (...names: string[]) => new Map(names.map((name) => [name, [group(name)]]));
  /** Sections in the question's ranking, in this order. */
  const ranked = (...ids: string[]) => ids.map((id, i) => ({ id, score: 1 - i / 10 }));
  /**
   * A search over sections known by the words their own heading (and, where given, their heading path) names:
   * a side is named by a section as far as its words are there.
   */
  const namingSearch = (known: {
    bestOf: Record<string, string[]>;
    headings: Record<string, string[]>;
    paths?: Record<string, string[]>;
    defines: (id: string) => number;
    answersAspect?: (id: string) => boolean;
  }): SideSearch => {
    const naming = (names: Record<string, string[]>) => (id: string, g: QueryGroup[]) =>
      g.filter((x) => names[id]?.includes(x.tokens[0]!)).length / g.length;
    return {
      ...search,
      bestOf: (side) => known.bestOf[side] ?? [],
      headingShare: naming(known.headings),
      ownHeadingShare: naming(known.headings),
      pathShare: naming(known.paths ?? known.headings),
      textShare: () => 0,
      comparesInHeading: () => false,
      defines: known.defines,
      answersAspect: known.answersAspect ?? (() => false),
    };
  };
  /** The first two results, as [side, section] pairs. */
  const pickedFor = (ranking: RankedId[], sides: Map<string, QueryGroup[]>, sideSearch: SideSearch) =>
    sidesFirst(ranking, sides, sideSearch)
      .slice(0, 2)
      .map((r) => [r.side, r.id]);

  it('does not take a section that says it compares for the comparison when it names only a word of one side', () => {
    const picked = sidesFirst(ranked('compare', 'paddle', 'mdl'), sideGroups, search).slice(0, 2);
    expect(picked.map((r) => r.side)).toEqual(['mdl', 'paddle mobile']);
  });

  it("does not take a section that compares two notes for a comparison of one part of each (FCN's skip structure vs PSPNet's auxiliary loss)", () => {
    // "与 FCN、DeepLab 的比较" in the PSPNet note names FCN in its heading and says 辅助损失 once; of FCN's skip structure it says nothing.
    const parts = new Map([
      ['FCN 的跳跃结构', [group('fcn'), group('跳跃结构')]],
      ['PSPNet 的辅助损失', [group('pspnet'), group('辅助损失')]],
    ]);
    const known: Record<string, { heading: string[]; text: string[] }> = {
      compare: { heading: ['fcn'], text: ['fcn', 'pspnet', '辅助损失'] },
      skip: { heading: ['fcn', '跳跃结构'], text: ['跳跃结构'] },
      aux: { heading: ['pspnet', '辅助损失'], text: ['辅助损失'] },
    };
    const names = (id: string, kind: 'heading' | 'text', g: QueryGroup[]) =>
      g.filter((x) => known[id]?.[kind].includes(x.tokens[0]!)).length / g.length;
    const partSearch: SideSearch = {
      ...search,
      bestOf: (side) => (side.startsWith('FCN') ? ['skip'] : ['aux']),
      headingShare: (id, g) => names(id, 'heading', g),
      ownHeadingShare: (id, g) => names(id, 'heading', g),
      pathShare: (id, g) => names(id, 'heading', g),
      textShare: (id, g) => names(id, 'text', g),
      comparesInHeading: (id) => id === 'compare',
      placeOf: (side) => {
        const [context, subject] = side.split(' 的 ');
        return { subject: [group(subject!)], context: [group(context!.toLowerCase())] };
      },
    };
    expect(pickedFor(ranked('compare', 'skip', 'aux'), parts, partSearch)).toEqual([
      ['FCN 的跳跃结构', 'skip'],
      ['PSPNet 的辅助损失', 'aux'],
    ]);
    // Asked of the two notes whole, the comparing section answers for both.
    const wholes = new Map([
      ['fcn', [group('fcn')]],
      ['pspnet', [group('pspnet')]],
    ]);
    expect(sidesFirst(ranked('compare', 'skip', 'aux'), wholes, { ...partSearch, placeOf: () => null })[0]).toMatchObject({
      id: 'compare',
      side: 'fcn / pspnet',
    });
  });

  it('answers for a side with the section that defines it, among the first few its own search names', () => {
    // "feature selection vs PCA": the PCA search puts "KPCA与PCA的区别" first; "主成分分析（PCA）思想总结" defines PCA.
    const defining: Record<string, number> = { select: 1, kpca: 0.5, summary: 0.8, lda: 0.5, tail: 1 };
    const pcaSearch = namingSearch({
      bestOf: { pca: ['kpca', 'summary', 'other', 'lda', 'tail'], selection: ['select'] },
      headings: { select: ['selection'], kpca: ['pca', 'kpca'], summary: ['pca'], lda: ['pca', 'lda'], tail: ['pca'] },
      defines: (id) => defining[id] ?? 0,
    });
    // "tail" defines PCA too, but it is the fourth section the side's search names: past what a student reads.
    expect(pickedFor(ranked('select', 'kpca', 'summary', 'lda', 'tail', 'other'), sidesOf('selection', 'pca'), pcaSearch)).toEqual([
      ['selection', 'select'],
      ['pca', 'summary'],
    ]);
  });

  it('answers for a side with its candidate in the note where another side was found, though another defines it more plainly', () => {
    // "压缩模型用低秩分解还是剪枝？": "2.17.7 剪枝处理的作用及策略" (decision trees) defines 剪枝 more plainly than "17.4.2 网络剪枝",
    // but 低秩分解 was found in the chapter on model compression, and so is 网络剪枝.
    const notes: Record<string, string> = { trees: 'ch02', network: 'ch17', lowRank: 'ch17' };
    const pruningSearch = {
      ...namingSearch({
        bestOf: { pruning: ['trees', 'network'], lowrank: ['lowRank'] },
        headings: { trees: ['pruning'], network: ['pruning'], lowRank: ['lowrank'] },
        defines: (id) => (id === 'network' ? 0.85 : 1),
      }),
      noteOf: (id: string) => notes[id] ?? id,
    };
    expect(Object.fromEntries(pickedFor(ranked('lowRank', 'trees', 'network'), sidesOf('lowrank', 'pruning'), pruningSearch))).toEqual({
      lowrank: 'lowRank',
      pruning: 'network',
    });
    // With no side found in its note, the plainer definition answers.
    const apart = { ...pruningSearch, noteOf: (id: string) => ({ ...notes, lowRank: 'ch09' })[id] ?? id };
    expect(Object.fromEntries(pickedFor(ranked('lowRank', 'trees', 'network'), sidesOf('lowrank', 'pruning'), apart))).toEqual({
      lowrank: 'lowRank',
      pruning: 'trees',
    });
  });

  it('answers for a side with a section that opens with its definition under a heading that names it', () => {
    // "AlexNet 跟 VGG 差在哪": the AlexNet search puts the NCNN tutorial "1.在电脑端使用ncnn实现分类(alexnet)" first;
    // "4.2.1 模型介绍", under "4.2 AlexNet", opens "AlexNet是…".
    const headings = { ncnn: ['alexnet', 'ncnn'], vgg: ['vgg'] };
    const defining: Record<string, number> = { ncnn: 0.3, intro: 1, specs: 0, vgg: 1 };
    const alexSearch = namingSearch({
      bestOf: { alexnet: ['ncnn', 'specs', 'intro'], vgg: ['vgg'] },
      headings,
      paths: { ...headings, intro: ['alexnet'], specs: ['alexnet'] },
      defines: (id) => defining[id] ?? 0,
    });
    expect(Object.fromEntries(pickedFor(ranked('vgg', 'ncnn', 'specs', 'intro'), sidesOf('alexnet', 'vgg'), alexSearch))).toEqual({
      alexnet: 'intro',
      vgg: 'vgg',
    });
  });

  it('answers for a side with the section whose heading answers what the question asks of the sides', () => {
    // "ReLU 相比 sigmoid 好在哪": "3.4.6 使用 ReLu 激活函数的优点？" answers it for ReLU, not "3.4.8 怎样理解 Relu 是非线性激活函数？".
    const reluSearch = namingSearch({
      bestOf: { relu: ['nonlinear', 'strengths'], sigmoid: ['sigmoid'] },
      headings: { nonlinear: ['relu'], strengths: ['relu'], sigmoid: ['sigmoid'] },
      defines: (id) => (id === 'nonlinear' ? 0.5 : 0.4),
      answersAspect: (id) => id === 'strengths',
    });
    expect(Object.fromEntries(pickedFor(ranked('sigmoid', 'nonlinear', 'strengths'), sidesOf('relu', 'sigmoid'), reluSearch))).toEqual({
      relu: 'strengths',
      sigmoid: 'sigmoid',
    });
  });

  it('does not take for the comparison a section whose heading compares other things ("强化学习和非监督式学习的区别" for 监督学习 vs 半监督学习)', () => {
    // Its heading holds 监督学习's words, and its text says 半监督学习 once.
    const search: SideSearch = {
      ...namingSearch({
        bestOf: { 监督学习: ['sup'], 半监督学习: ['semi'] },
        headings: { rl: ['监督', '学习'], sup: ['监督', '学习'], semi: ['半', '监督', '学习'] },
        defines: () => 0.5,
      }),
      comparesInHeading: (id) => id === 'rl',
      textShare: (id) => (id === 'rl' ? 1 : 0),
    };
    const sides = new Map([
      ['监督学习', [group('监督'), group('学习')]],
      ['半监督学习', [group('半'), group('监督'), group('学习')]],
    ]);
    expect(pickedFor(ranked('rl', 'sup', 'semi'), sides, search)[0]).toEqual(['监督学习 / 半监督学习', 'rl']);
    expect(pickedFor(ranked('rl', 'sup', 'semi'), sides, { ...search, comparesOtherThings: (id) => id === 'rl' })).toEqual([
      ['监督学习', 'sup'],
      ['半监督学习', 'semi'],
    ]);
  });

  it('does not answer for a side with a section whose heading compares it with things the question does not ask about', () => {
    // "ncnn vs qnnpack": the NCNN search names "17.10.11 MDL、NCNN和 TFLite比较" first; its text speaks of QNNPACK too.
    const search: SideSearch = {
      ...namingSearch({
        bestOf: { ncnn: ['others', 'ncnn'], qnnpack: ['qnnpack'] },
        headings: { others: ['ncnn'], ncnn: ['ncnn'], qnnpack: ['qnnpack'] },
        defines: () => 0.5,
      }),
      comparesInHeading: (id) => id === 'others' || id === 'both',
      comparesOtherThings: (id) => id === 'others',
      textShare: (id) => (id === 'others' ? 1 : 0),
    };
    expect(pickedFor(ranked('ncnn', 'qnnpack', 'others'), sidesOf('ncnn', 'qnnpack'), search)).toEqual([
      ['ncnn', 'ncnn'],
      ['qnnpack', 'qnnpack'],
    ]);
    // One that compares the question's own sides ("17.4.1 前端压缩和后端压缩对比") may answer for a side.
    const own = { ...search, bestOf: (side: string) => (side === 'ncnn' ? ['both', 'ncnn'] : ['qnnpack']) };
    const headings: Record<string, string[]> = { both: ['ncnn', 'qnnpack'], ncnn: ['ncnn'], qnnpack: ['qnnpack'] };
    const naming = (id: string, g: QueryGroup[]) => g.filter((x) => headings[id]?.includes(x.tokens[0]!)).length / g.length;
    expect(
      pickedFor(ranked('ncnn', 'qnnpack'), sidesOf('ncnn', 'qnnpack'), {
        ...own,
        headingShare: naming,
        ownHeadingShare: naming,
        pathShare: naming,
      })[0],
    ).toEqual(['ncnn', 'both']);
  });

  it('does not answer for a side with a section that defines another thing whose words it shares (监督学习 for 半监督学习)', () => {
    // "2.2.1 监督学习" holds two of the three words of 半监督学习 and defines plainly what it names: not 半监督学习.
    const semiSearch = namingSearch({
      bestOf: { 监督学习: ['sup'], 半监督学习: ['sup', 'semi'] },
      headings: { sup: ['监督', '学习'], semi: ['半', '监督', '学习'] },
      defines: (id) => (id === 'sup' ? 1 : 0.7),
    });
    const sides = new Map([
      ['半监督学习', [group('半'), group('监督'), group('学习')]],
      ['监督学习', [group('监督'), group('学习')]],
    ]);
    expect(Object.fromEntries(pickedFor(ranked('sup', 'semi'), sides, semiSearch))).toEqual({ 半监督学习: 'semi', 监督学习: 'sup' });
  });

  it("takes a note for a side's own only when its title names more than half of the side (学习 of 机器学习基础 is not 监督学习)", () => {
    const sides = new Map([
      ['监督学习', [group('监督'), group('学习')]],
      ['强化学习', [group('强化'), group('学习')]],
    ]);
    const titled = (title: string[]): SideSearch => ({
      ...namingSearch({
        bestOf: { 监督学习: ['sup', 'weak'], 强化学习: ['rl'] },
        headings: { sup: ['监督', '学习'], weak: ['弱', '监督', '学习'], rl: ['强化', '学习'] },
        defines: () => 0.5,
      }),
      // "2.2.4 弱监督学习", in a chapter whose title is given, speaks of 强化学习 in its text.
      titleShare: (id, g) => (id === 'weak' ? g.filter((x) => title.includes(x.tokens[0]!)).length / g.length : 0),
      textShare: (id, g) => (id === 'weak' && g.some((x) => x.tokens[0] === '强化') ? 1 : 0),
    });
    expect(Object.fromEntries(pickedFor(ranked('rl', 'weak', 'sup'), sides, titled(['学习'])))).toEqual({
      监督学习: 'sup',
      强化学习: 'rl',
    });
    expect(Object.fromEntries(pickedFor(ranked('rl', 'weak', 'sup'), sides, titled(['监督', '学习'])))).toEqual({
      监督学习: 'weak',
      强化学习: 'rl',
    });
  });

  it('takes for a side the note whose title names it best, not one whose title holds some words of its translation', () => {
    // "FPN 和 PSPNet 各自想解决啥问题": the title "PSPNet 金字塔场景解析网络" holds 金字塔 and 网络 of FPN's translation
    // 特征金字塔网络, and its intro speaks of FPN; "FPN 特征金字塔网络" is FPN's own note.
    const titles: Record<string, Record<string, number>> = {
      pspIntro: { fpn: 0.8, pspnet: 1 },
      fpnDesigns: { fpn: 1 },
    };
    const notesSearch: SideSearch = {
      ...namingSearch({ bestOf: { fpn: ['fpnDesigns', 'pspIntro'], pspnet: ['pspIntro'] }, headings: {}, defines: () => 0 }),
      titleShare: (id, g) => titles[id]?.[g[0]!.tokens[0]!] ?? 0,
      textShare: (id, g) => (id === 'pspIntro' && g[0]!.tokens[0] === 'pspnet' ? 1 : 0),
    };
    expect(Object.fromEntries(pickedFor(ranked('pspIntro', 'fpnDesigns'), sidesOf('fpn', 'pspnet'), notesSearch))).toEqual({
      fpn: 'fpnDesigns',
      pspnet: 'pspIntro',
    });
  });

  it("counts a long section's parts as one of the side's first few sections", () => {
    // "AlexNet 跟 VGG 差在哪": four parts of the ncnn AlexNet demo come first in the search for "alexnet";
    // "4.2.1 模型介绍" under "4.2 AlexNet", which defines it, is the third section.
    const parts = ['demo#1', 'demo#2', 'demo#3', 'demo#4'];
    const alexSearch: SideSearch = {
      ...namingSearch({
        bestOf: { alexnet: [...parts, 'why', 'intro'], vgg: ['vgg'] },
        headings: { ...Object.fromEntries(parts.map((p) => [p, ['alexnet']])), why: ['alexnet'], vgg: ['vgg'] },
        paths: { ...Object.fromEntries(parts.map((p) => [p, ['alexnet']])), why: ['alexnet'], intro: ['alexnet'], vgg: ['vgg'] },
        defines: (id) => (id === 'intro' ? 1 : 0.3),
      }),
      sectionOf: (id) => id.replace(/#\d+$/, ''),
    };
    expect(Object.fromEntries(pickedFor(ranked('demo#1', 'vgg'), sidesOf('alexnet', 'vgg'), alexSearch))).toEqual({
      alexnet: 'intro',
      vgg: 'vgg',
    });
  });

  it("looks past the side's first few sections for one whose heading answers what the question asks of the sides", () => {
    // "tensorflow vs tensorflow lite, what's the difference": "12.1.1 TensorFlow是什么？" is fifth in the search for
    // "tensorflow", after sections on its programming model; it answers what TensorFlow is.
    const tfSearch = namingSearch({
      bestOf: { tensorflow: ['model', 'graph', 'session', 'variable', 'what'], lite: ['lite'] },
      headings: {
        model: ['tensorflow'],
        graph: ['tensorflow'],
        session: ['tensorflow'],
        variable: ['tensorflow'],
        what: ['tensorflow'],
        lite: ['lite'],
      },
      defines: () => 0.5,
      answersAspect: (id) => id === 'what',
    });
    const sides = sidesOf('tensorflow', 'lite');
    expect(Object.fromEntries(pickedFor(ranked('model', 'lite', 'what'), sides, tfSearch))).toEqual({ tensorflow: 'what', lite: 'lite' });
    // When nothing answers it, the first of the search stands.
    const unanswered = { ...tfSearch, answersAspect: () => false };
    expect(Object.fromEntries(pickedFor(ranked('model', 'lite', 'what'), sides, unanswered))).toEqual({
      tensorflow: 'model',
      lite: 'lite',
    });
  });

  it("puts each side's own section before the comparing one when theirs answer what the question asks of the sides and it does not", () => {
    // "difference between the LDA and PCA procedures": "2.14.4 LDA算法流程总结" and "2.15.4 PCA算法流程总结" before
    // "2.14.5 LDA和PCA区别", whose heading names both sides but not their procedures.
    const stepSearch = (answersAspect: (id: string) => boolean) =>
      namingSearch({
        bestOf: { lda: ['ldaSteps', 'compare'], pca: ['pcaSteps', 'compare'] },
        headings: { compare: ['lda', 'pca'], ldaSteps: ['lda'], pcaSteps: ['pca'] },
        defines: () => 0,
        answersAspect,
      });
    const ranking = ranked('compare', 'ldaSteps', 'pcaSteps');
    expect(
      pickedFor(
        ranking,
        sidesOf('lda', 'pca'),
        stepSearch((id) => id.endsWith('Steps')),
      ),
    ).toEqual([
      ['lda', 'ldaSteps'],
      ['pca', 'pcaSteps'],
    ]);
    // When the question asks nothing more of the sides than their difference, the comparing section answers first.
    expect(
      pickedFor(
        ranking,
        sidesOf('lda', 'pca'),
        stepSearch(() => false),
      )[0],
    ).toEqual(['lda / pca', 'compare']);
  });

  it("puts each side's own section first when theirs name what the sides are kinds of and the comparing one does not", () => {
    // "how is the fcn loss different from pspnet's auxiliary loss": the sides' loss sections, not "与 FCN、DeepLab 的
    // 比较" in the PSPNet note, which names both notes; the second side holds "loss" inside the term "auxiliary loss".
    const sides = new Map<string, QueryGroup[]>([
      ['fcn loss', [group('fcn'), group('loss')]],
      ['pspnet auxiliary loss', [group('pspnet'), { ...group('auxiliary loss'), tokens: ['auxiliary', 'loss'] }]],
    ]);
    const lossSearch = (headings: Record<string, string[]>) =>
      namingSearch({ bestOf: { 'fcn loss': ['pixel'], 'pspnet auxiliary loss': ['aux'] }, headings, defines: () => 0 });
    const headings = { compare: ['fcn', 'pspnet'], pixel: ['fcn', 'loss'], aux: ['pspnet', 'auxiliary', 'loss'] };
    expect(pickedFor(ranked('compare', 'pixel', 'aux'), sides, lossSearch(headings))).toEqual([
      ['fcn loss', 'pixel'],
      ['pspnet auxiliary loss', 'aux'],
    ]);
    // A comparing section that names the losses too stays first.
    const comparesLosses = lossSearch({ ...headings, compare: ['fcn', 'pspnet', 'loss'] });
    expect(pickedFor(ranked('compare', 'pixel', 'aux'), sides, comparesLosses)[0]).toEqual(['fcn loss / pspnet auxiliary loss', 'compare']);
  });

  it('answers for a first version with the section named by the bare name, not with another name of the same version', () => {
    // "mobilenet v1 vs mobilenet v2": the notes call the first version "17.9.2 MobileNet"; "17.9.5 ShuffleNet-v1"
    // says v1 and tops the search for "mobilenet v1" (its text says it came after MobileNet), but names another net.
    const sides = new Map([
      ['mobilenet v1', [group('mobilenet'), group('v1')]],
      ['mobilenet v2', [group('mobilenet'), group('v2')]],
    ]);
    const versions = namingSearch({
      bestOf: { 'mobilenet v1': ['shuffle', 'mobile'], 'mobilenet v2': ['mobile2', 'mobile'] },
      headings: { shuffle: ['shufflenet', 'v1'], mobile: ['mobilenet'], mobile2: ['mobilenet', 'v2'] },
      defines: () => 0,
    });
    expect(pickedFor(ranked('shuffle', 'mobile2', 'mobile'), sides, versions)).toEqual([
      ['mobilenet v1', 'mobile'],
      ['mobilenet v2', 'mobile2'],
    ]);
  });

  it("places a side only in a section that lives under its context, not in one whose own heading says the context's words", () => {
    // "基于模型的迁移和基于关系的迁移": read as 迁移 placed in 基于模型, the side took "11.2.4 基于关系迁移", whose own
    // heading holds 基于 and 迁移; where a section lives is its note's title and the headings above its own.
    const sides = new Map([
      ['基于模型的迁移', [group('基于'), group('模型'), group('迁移')]],
      ['基于关系的迁移', [group('基于'), group('关系'), group('迁移')]],
    ]);
    const headings: Record<string, string[]> = { relation: ['基于', '关系', '迁移'], model: ['基于', '模型', '迁移'] };
    const modifiers: SideSearch = {
      ...namingSearch({
        bestOf: { 基于模型的迁移: ['relation', 'model'], 基于关系的迁移: ['relation', 'model'] },
        headings,
        defines: () => 0,
      }),
      // Both sections live in the chapter on 迁移学习, under "11.2 迁移学习的基本思路有哪些？".
      placeShare: (_id, g) => g.filter((x) => x.tokens[0] === '迁移').length / g.length,
      placeOf: (side) => {
        const [context, subject] = side.split('的');
        return { subject: [group(subject!)], context: [group('基于'), group(context!.slice(2))] };
      },
    };
    expect(pickedFor(ranked('relation', 'model'), sides, modifiers)).toEqual([
      ['基于模型的迁移', 'model'],
      ['基于关系的迁移', 'relation'],
    ]);
  });
});
