import { describe, expect, it } from 'vitest';
import { createAnalyzer, segmentChinese } from '../src/text/analyzer.js';
import { addPair, emptyGlossary, mineGlossary, type Glossary } from '../src/text/glossary.js';

const glossary = emptyGlossary();
addPair(glossary, 'focal loss', '焦点损失');
addPair(glossary, 'weight sharing', '权值共享');
const analyzer = createAnalyzer(glossary);

describe('analyzer: index tokens', () => {
  it('segments Chinese with jieba, lower-cases and stems English, drops stop words', () => {
    const tokens = analyzer.tokenize('卷积神经网络的权值共享 and the Pooling layers');
    expect(tokens).toEqual(expect.arrayContaining(['卷积', '神经网络', '权值', '共享', 'pool', 'layer']));
    expect(tokens).not.toContain('的');
    expect(tokens).not.toContain('the');
  });

  it('keeps a name hyphenated at a single letter whole as well: R-CNN is rcnn, k-means kmean, not only "cnn" and a stop word', () => {
    expect(analyzer.tokenize('Faster R-CNN')).toEqual(['faster', 'r', 'cnn', 'rcnn']);
    expect(analyzer.tokenize('k-means 聚类')).toEqual(expect.arrayContaining(['k', 'kmean']));
    // Words of a compound that stand alone are read as before.
    expect(analyzer.tokenize('one-stage fine-tuning')).toEqual(['stage', 'fine', 'tune']);
  });

  it('reads the plural of a three-letter word as that word: "rays" meets "ray", "keys" meets "key"', () => {
    expect(analyzer.tokenize('rays')).toEqual(analyzer.tokenize('ray'));
    expect(analyzer.tokenize('keys')).toEqual(analyzer.tokenize('key'));
    // A dictionary sense of the singular translates the plural a student types.
    const withDictionary = createAnalyzer(glossary, [['ray', '射线']]);
    expect(withDictionary.analyzeQuery('predicted rays')[1]?.guesses).toEqual(['射线']);
  });

  it('leaves a three-letter word unstemmed, so it never meets an acronym ("guy" is not GUI, "ape" not AP)', () => {
    expect(analyzer.tokenize('guy guys ape apes')).toEqual(['guy', 'guy', 'ape', 'ape']);
    expect(analyzer.tokenize('GUI AP')).toEqual(['gui', 'ap']);
  });

  it('reads a verb form of a noun in -nce as the noun: "imbalanced data" meets "class imbalance"', () => {
    expect(analyzer.tokenize('imbalanced')).toEqual(analyzer.tokenize('imbalance'));
    expect(analyzer.tokenize('referenced referencing')).toEqual(analyzer.tokenize('reference references'));
    // Words whose stems met already still do.
    expect(analyzer.tokenize('balanced balancing')).toEqual(analyzer.tokenize('balance balances'));
  });

  it('adds bigrams inside long Chinese words so different segmentations still meet', () => {
    expect(analyzer.tokenize('归一化')).toEqual(expect.arrayContaining(['归一化', '归一', '一化']));
  });

  it('treats 3×3, 3\\times3 and 3x3 alike, and splits snake_case', () => {
    expect(analyzer.tokenize('3×3 卷积')).toContain('3x3');
    expect(analyzer.tokenize('$3\\times3$')).toContain('3x3');
    expect(analyzer.tokenize('Batch_Size')).toEqual(expect.arrayContaining(['batch_size', 'batch', 'size']));
  });

  it('also indexes the name of a numbered model or layer: VGG16 is "vgg", fc6 is "fc"', () => {
    expect(analyzer.tokenize('VGG16 的 fc6')).toEqual(['vgg16', 'vgg', 'fc6', 'fc']);
    // One letter and a number is a name of its own (P2, C5), not a family.
    expect(analyzer.tokenize('P2 到 P6')).toEqual(['p2', 'p6']);
  });

  it('reads a formula symbol with a numeric subscript as the name prose gives it: $P_2$ and C_{5} are P2 and C5', () => {
    expect(analyzer.tokenize('$\\{P_2, P_3\\}$')).toEqual(expect.arrayContaining(['p2', 'p3']));
    expect(analyzer.tokenize('$C_{5}$')).toContain('c5');
    // A word-sized subscript stays a compound: x_max is not "xmax".
    expect(analyzer.tokenize('x_max')).not.toContain('xmax');
  });

  it('normalises full-width forms', () => {
    expect(analyzer.tokenize('ＦＰＮ（Ｐ２）')).toEqual(['fpn', 'p2']);
  });

  it('reads a space written as a character reference as a space: "&emsp;&emsp;" indents a paragraph, it is no word', () => {
    expect(analyzer.tokenize('&emsp;&emsp;\nFPN&nbsp;P2')).toEqual(['fpn', 'p2']);
  });

  it('reads a Greek letter as its name, as a student types it and a formula spells it ($\\gamma$)', () => {
    expect(analyzer.tokenize('超参数 γ 与 α 的选择')).toEqual(expect.arrayContaining(['gamma', 'alpha']));
    expect(analyzer.tokenize('$\\gamma=2$')).toContain('gamma');
    // A digit after the letter stays with it; the lunate ϵ and a capital are the same letters.
    expect(analyzer.tokenize('Adam 的 β1，β2，ϵ')).toEqual(expect.arrayContaining(['beta1', 'beta2', 'epsilon']));
    expect(analyzer.tokenize('Σ 与 Δx')).toEqual(['sigma', 'delta', 'x']);
    expect(analyzer.tokenize('αβ')).toEqual(['alpha', 'beta']);
  });
});

describe('analyzer: queries', () => {
  it('turns an English glossary phrase into one idea carrying its Chinese translation', () => {
    const groups = analyzer.analyzeQuery('What is focal loss?');
    expect(groups).toEqual([
      { surface: 'focal loss', tokens: ['focal', 'loss'], expansions: ['焦点', '损失'], translations: [['焦点', '损失']], guesses: [] },
    ]);
  });

  it('keeps the Latin words a translation opens with: "kl divergence" is KL 散度, found where both are', () => {
    const terms = emptyGlossary();
    addPair(terms, 'kl divergence', 'KL 散度');
    const [group] = createAnalyzer(terms).analyzeQuery('kl divergence');
    expect(group!.translations).toEqual([['kl', '散度']]);
  });

  it('turns a Chinese glossary term into one idea carrying its English translation', () => {
    const groups = analyzer.analyzeQuery('为什么要权值共享');
    expect(groups).toEqual([
      { surface: '权值共享', tokens: ['权值', '共享'], expansions: ['weight', 'share'], translations: [['weight', 'share']], guesses: [] },
    ]);
  });

  it("keeps a glossary term whole where jieba's guess at an unknown word cuts across it (卷积化是 is not 卷积 + 化是)", () => {
    const terms = emptyGlossary();
    addPair(terms, 'convolutionalization', '卷积化');
    addPair(terms, 'output channels', '输出通道数');
    const withTerms = createAnalyzer(terms);
    expect(segmentChinese('卷积化是什么意思')).toContain('化是');
    expect(withTerms.analyzeQuery('卷积化是什么意思').map((g) => g.surface)).toEqual(['卷积化']);
    expect(withTerms.analyzeQuery('卷积化是什么意思')[0]?.expansions).toEqual(['convolution']);
    // A term starting inside one of jieba's words is not read there: 输入输出 stays a word.
    expect(withTerms.analyzeQuery('输入输出通道数').map((g) => g.surface)).toEqual(['输入输出', '通道', '数']);
  });

  it('reads a word jieba made up by gluing a function word to one the notes use as that word (做弱监督 → 弱 + 监督)', () => {
    const notesUse = new Set(['弱', '监督', '分割']);
    const withVocabulary = createAnalyzer(emptyGlossary(), [], (t) => notesUse.has(t));
    expect(segmentChinese('只用图像级别标记做弱监督分割')).toContain('做弱');
    expect(withVocabulary.analyzeQuery('只用图像级别标记做弱监督分割').map((g) => g.surface)).toContain('弱');
    // Without the notes' vocabulary every word counts as known, and jieba's words stand.
    expect(analyzer.analyzeQuery('只用图像级别标记做弱监督分割').map((g) => g.surface)).toContain('做弱');
    // A made-up word of content characters only is a word the notes lack, kept whole: it may be what an
    // off-topic question hinges on.
    const cats = createAnalyzer(emptyGlossary(), [], () => false);
    expect(segmentChinese('猫砂盆的尺寸太小了')).toContain('砂盆');
    expect(cats.analyzeQuery('猫砂盆的尺寸太小了').map((g) => g.surface)).toContain('砂盆');
  });

  it('guesses Chinese for English words the glossary lacks from dictionary pairs, never overriding the glossary', () => {
    const withDictionary = createAnalyzer(glossary, [
      ['discrete', '离散'],
      ['loss', '亏损'],
      ['lose weight', '减肥'],
    ]);
    expect(withDictionary.analyzeQuery('are words discrete')).toEqual([
      { surface: 'word', tokens: ['word'], expansions: [], translations: [], guesses: [] },
      { surface: 'discret', tokens: ['discret'], expansions: [], translations: [], guesses: ['离散'] },
    ]);
    // The glossary's phrase wins over the dictionary's sense of one of its words.
    expect(withDictionary.analyzeQuery('focal loss')[0]).toMatchObject({ expansions: ['焦点', '损失'], guesses: [] });
    // A longer dictionary phrase is one idea.
    expect(withDictionary.analyzeQuery('how to lose weight').map((g) => [g.surface, g.guesses])).toEqual([['lose weight', ['减肥']]]);
    // Chinese questions need no guesses.
    expect(withDictionary.analyzeQuery('离散').every((g) => g.guesses.length === 0)).toBe(true);
  });

  it('drops question words in both languages', () => {
    expect(analyzer.analyzeQuery('what is the difference').map((g) => g.surface)).toEqual(['differ']);
    expect(analyzer.analyzeQuery('什么是池化').map((g) => g.surface)).toEqual(['池化']);
    expect(analyzer.analyzeQuery('池化有哪几种').map((g) => g.surface)).toEqual(['池化']);
    expect(analyzer.analyzeQuery('何种情况下用池化').map((g) => g.surface)).not.toContain('何种');
    // "蒸馏的时候" is "when distilling": 时候 names no topic (a heading "蒸馏什么时候有用" asks when).
    expect(analyzer.analyzeQuery('蒸馏的时候教师要不要更新').map((g) => g.surface)).not.toContain('时候');
  });

  it('drops quantifiers, which name no topic: "a lot", "lots of", much, many', () => {
    // CC-CEDICT gives "lot" the sense 批量 (a batch): "results swing a lot" met "极端批样本数量下".
    expect(analyzer.analyzeQuery('results swing a lot between samples').map((g) => g.surface)).not.toContain('lot');
    expect(analyzer.analyzeQuery('a network with lots of branches').map((g) => g.surface)).toEqual(['network', 'branch']);
  });

  it('drops determiners and adverbs that name no topic: every, another, else, already, quite, still, maybe', () => {
    // Porter makes "quite" quit, which the dictionary reads as 退出 (exit).
    expect(analyzer.analyzeQuery('what specs should I look at before buying another one').map((g) => g.surface)).toEqual([
      'spec',
      'look',
      'bui',
    ]);
    expect(analyzer.analyzeQuery('is every layer quite slow already').map((g) => g.surface)).toEqual(['layer', 'slow']);
  });

  it('drops a negated auxiliary, with or without its apostrophe, and keeps words that only end like one', () => {
    expect(analyzer.analyzeQuery("why doesn't it work, why doesnt it, can't, cant, isnt").map((g) => g.surface)).toEqual([]);
    expect(analyzer.tokenize('she went to print an ant')).toEqual(['went', 'print', 'ant']);
  });

  it("reads a contraction as its first word: I'm, you're, we've, they'll and I'd are stop words", () => {
    expect(
      analyzer.analyzeQuery("explain gans like i'm five, you're sure we've seen it? they'll know, i'd ask").map((g) => g.surface),
    ).toEqual(['gan', 'five', 'sure', 'seen', 'ask']);
  });

  it('translates a number word into the digit the notes write', () => {
    expect(analyzer.analyzeQuery('initialised to zero').find((g) => g.surface === 'zero')?.expansions).toEqual(['0']);
    expect(analyzer.analyzeQuery('three scales').find((g) => g.surface === 'three')?.expansions).toEqual(['3']);
  });

  it('drops the question words of size and time as it drops 多少: 多大, 多久, 多长 ask, they name no topic', () => {
    expect(analyzer.analyzeQuery('batch size 多大合适').map((g) => g.surface)).toEqual(['batch', 'size', '合适']);
    expect(analyzer.tokenize('训练要多久，序列多长')).toEqual(['训练', '序列']);
  });

  it('gives an empty analysis for a question of only stop words', () => {
    expect(analyzer.analyzeQuery('what is it?')).toEqual([]);
  });
});

describe('glossary mining', () => {
  /** The pairs mined from one note's text, with what the words are known to mean before mining. */
  const minedFrom = (text: string, known = emptyGlossary()) =>
    mineGlossary(emptyGlossary(), [{ meta: { file: 'a.md', title: 'A', tags: [], aliases: [] }, text }], segmentChinese, known);
  /** Each English term mined with exactly this Chinese one. */
  const expectPaired = (g: Glossary, pairs: Record<string, string>) => {
    for (const [en, zh] of Object.entries(pairs)) expect(g.englishToChinese.get(en), en).toEqual(new Set([zh]));
  };

  it('mines 中文（English） and English（中文） pairs, cutting the clause before the term', () => {
    const g = mineGlossary(
      emptyGlossary(),
      [
        {
          meta: { file: 'a.md', title: 'A', tags: [], aliases: ['焦点损失（Focal Loss）'] },
          text: '它既不需要锚框（anchor），也用到 Feature Pyramid（特征金字塔）。在线难例挖掘（Online Hard Example Mining, OHEM）',
        },
      ],
      segmentChinese,
    );
    expect(g.englishToChinese.get('anchor')).toEqual(new Set(['锚框']));
    expect(g.englishToChinese.get('feature pyramid')).toEqual(new Set(['特征金字塔']));
    expect(g.englishToChinese.get('ohem')).toEqual(new Set(['在线难例挖掘']));
    expect(g.englishToChinese.get('online hard example mining')).toEqual(new Set(['在线难例挖掘']));
    expect(g.chineseToEnglish.get('焦点损失')).toEqual(new Set(['focal loss']));
  });

  it('ends the Chinese term at a conjunction before it (如果, 因为)', () => {
    const g = minedFrom('因为梯度消失（vanishing gradient）很常见。');
    expect(g.englishToChinese.get('vanishing gradient')).toEqual(new Set(['梯度消失']));
  });

  it('ends it at a verb that introduces the term rather than belongs to it (谈到, 分为, 避免, 以)', () => {
    const g = minedFrom(
      '这里谈到偏导数（partial derivative）。池化分为最大池化（max pooling）等。要避免悬空指针（dangling pointer）。在交叉熵上乘以调制因子（modulating factor）。',
    );
    expectPaired(g, {
      'partial derivative': '偏导数',
      'max pooling': '最大池化',
      'dangling pointer': '悬空指针',
      'modulating factor': '调制因子',
    });
  });

  it('takes the Latin words before the term that its English opens with (TensorFlow 模型, KL散度)', () => {
    const g = minedFrom('常用的 KL散度（KL divergence）。服从Laplace分布（Laplace distribution）。下载移动端模型（model）。');
    // A term that is only the end of its run takes none: 端模型 is the run's end.
    expectPaired(g, { 'kl divergence': 'KL 散度', 'laplace distribution': 'Laplace 分布', model: '端模型' });
  });

  it('reads two words joined by a hyphen as one term, as its English does (教师-学生框架)', () => {
    const g = minedFrom('经典的教师-学生框架（Teacher-Student Framework）。');
    expect(g.englishToChinese.get('teacher-student framework')).toEqual(new Set(['教师-学生框架']));
  });

  it('pairs an English term with the bracket after it only when the bracket names it, not when it describes it', () => {
    const g = minedFrom('参加 Kaggle（数据分析竞赛平台之一）。定义 data layer（从磁盘中载入数据）。Focal Loss（焦点损失）很常用。');
    expect(g.englishToChinese.has('kaggle')).toBe(false);
    expect(g.englishToChinese.has('data layer')).toBe(false);
    expect(g.englishToChinese.get('focal loss')).toEqual(new Set(['焦点损失']));
  });

  it('does not pair an English word with a kind of what it means: data（动态数据） is dynamic data, not data', () => {
    const known = emptyGlossary();
    addPair(known, 'data', '数据');
    expect(minedFrom('页面的 data（动态数据）。', known).englishToChinese.has('data')).toBe(false);
  });

  it('ends it at a clause word jieba glued to the term by guessing an unknown word (若预 of 若预训练模型)', () => {
    const g = minedFrom(
      '若预训练模型（pretrained model）和场景差异较大。采样或降采样（downsampling）都可以。称之为特征图（feature map）。',
    );
    expectPaired(g, { 'pretrained model': '预训练模型', downsampling: '降采样', 'feature map': '特征图' });
  });

  it('keeps a word that opens with a place or a number: 前向 of 前向传播 is no 前 ("before") glued to 向', () => {
    const g = minedFrom('逐层计算梯度。前向传播（forward pass）时缓存中间结果。');
    expect(g.englishToChinese.get('forward pass')).toEqual(new Set(['前向传播']));
  });

  it('takes about as many Chinese words as the English term has, and skips citations', () => {
    const g = minedFrom('2. 下载移动端模型（model）。提出区域建议网络（RPN）。这类语言模型（Collins, 1997; Jacob et al.）');
    expect(g.englishToChinese.get('model')).toEqual(new Set(['端模型']));
    expect(g.englishToChinese.get('rpn')).toEqual(new Set(['区域建议网络']));
    expect(g.englishToChinese.has('collins')).toBe(false);
    expect(g.englishToChinese.has('1997')).toBe(false);
  });

  it('pairs nothing from two names joined by the enumeration comma: they are examples, not a name and its acronym', () => {
    const g = minedFrom('用编码器-解码器结构（U-Net、SegNet）。从手工特征（SIFT、HOG）。区域建议网络（Region Proposal Network, RPN）。');
    for (const example of ['u-net', 'segnet', 'sift', 'hog']) expect(g.englishToChinese.has(example)).toBe(false);
    expect(g.englishToChinese.get('rpn')).toEqual(new Set(['区域建议网络']));
  });

  it('does not pair a long English name with one Chinese word: the end of a name a Latin letter cut off', () => {
    const g = minedFrom(
      '提出了递归记忆Q网络(feedback recurrent memory Q-network, FRMQN)。多层感知机（MLP）与网络（MLP）。生成网络(Generative Network)。',
    );
    expect(g.englishToChinese.has('feedback recurrent memory q-network')).toBe(false);
    expect(g.englishToChinese.has('frmqn')).toBe(false);
    // Two words may be one Chinese word and its neighbour: 生成网络 is 生成 + 网络.
    expect(g.englishToChinese.get('generative network')).toEqual(new Set(['生成网络']));
    expect(g.englishToChinese.get('mlp')).toEqual(new Set(['多层感知机']));
  });

  it('pairs nothing when the term cut before the bracket leaves out what the bracket is known to mean, said just before it', () => {
    const known = emptyGlossary();
    addPair(known, 'cnn', '卷积神经网络');
    addPair(known, 'upsampling', '上采样');
    const text = '8.4.6 基于级联卷积神经网络的人脸检测（Cascade CNN）。双线性上采样（bilinear upsampling）。跳跃连接（skip connection）。';
    const g = minedFrom(text, known);
    // 人脸检测 is the noun after 的; Cascade CNN names 级联卷积神经网络. 采样 leaves out the 上 of 上采样.
    expect(g.englishToChinese.has('cascade cnn')).toBe(false);
    expect(g.englishToChinese.has('bilinear upsampling')).toBe(false);
    // Without that knowledge, or when the term holds it, the pair stands.
    expect(g.englishToChinese.get('skip connection')).toEqual(new Set(['跳跃连接']));
    expect(minedFrom(text).englishToChinese.get('cascade cnn')).toEqual(new Set(['人脸检测']));
  });

  it('takes the item before 等 ("and so on") as the term, and stops at 为了 as at any clause word', () => {
    const g = minedFrom('标注方式：涂鸦等（scribbles）。为了减少通道维度（reduce channel dimensions）。');
    expect(g.englishToChinese.get('scribbles')).toEqual(new Set(['涂鸦']));
    expect(g.englishToChinese.get('reduce channel dimensions')).toEqual(new Set(['减少通道维度']));
  });

  it('pairs nothing with a bracket of three or more English words: they are examples or members, not names', () => {
    const g = minedFrom(
      '常用的正则化（L2, L1, dropout）。可标注画笔，超像素等（bounding box, polygons, lines, points，brush, subpixels）。区域建议网络（Region Proposal Network, RPN）。',
    );
    for (const en of ['dropout', 'l2', 'bounding box', 'points', 'subpixels']) expect(g.englishToChinese.has(en)).toBe(false);
    // A name and its acronym are two names of one term.
    expect(g.englishToChinese.get('region proposal network')).toEqual(new Set(['区域建议网络']));
    expect(g.englishToChinese.get('rpn')).toEqual(new Set(['区域建议网络']));
  });

  it('keeps the modifier before 的 when the English names it ("based", "of", "under"), and only then', () => {
    const g = minedFrom(
      [
        '基于关系的迁移学习方法 (Relation Based Transfer Learning) 关注样本之间的关系。',
        '基于样本的迁移学习方法 (Instance based Transfer Learning) 重用样本。',
        '即曲线下面的面积（Area Under Curve）。',
        '再得到的卷积神经网络（convolutional neural networks）。掩码的质心（mass center）。',
      ].join(''),
    );
    expect(g.englishToChinese.get('relation based transfer learning')).toEqual(new Set(['基于关系的迁移学习方法']));
    expect(g.englishToChinese.get('instance based transfer learning')).toEqual(new Set(['基于样本的迁移学习方法']));
    expect(g.englishToChinese.get('area under curve')).toEqual(new Set(['曲线下面的面积']));
    // No word of the English names a modifier: the words before 的 only describe the term.
    expect(g.englishToChinese.get('convolutional neural networks')).toEqual(new Set(['卷积神经网络']));
    expect(g.englishToChinese.get('mass center')).toEqual(new Set(['质心']));
  });

  it('does not pair the words before a bracketed instance (a version, a table, a variable) with it', () => {
    const g = minedFrom('能达到全监督分割效果(DeepLabv1)的95%。结果对比贴出来(Table2 c & d)。每个候选框（x）打分。残差网络（ResNet）。');
    expect(g.englishToChinese.has('deeplabv1')).toBe(false);
    expect(g.englishToChinese.has('table2 c & d')).toBe(false);
    // One letter names a variable: 候选框（x） does not make "x" a word for 候选框.
    expect(g.englishToChinese.has('x')).toBe(false);
    expect(g.englishToChinese.get('resnet')).toEqual(new Set(['残差网络']));
  });
});
