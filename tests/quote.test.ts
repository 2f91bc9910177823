import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkNote } from '../src/notes/chunk.js';
import { ask } from '../src/search/ask.js';
import { bestPassage, QUOTE_MAX_CHARS, scoredPassage } from '../src/search/quote.js';
import { memoryCorpus } from './support/memory-corpus.js';
import { notesDir } from './support/paths.js';

/** The question words a piece holds, each weighing 1, as ask() passes its IDF-weighted tokens. */
const holding =
  (...words: string[]) =>
  (text: string) =>
    new Map(words.filter((w) => text.includes(w)).map((w) => [w, 1]));

describe('bestPassage: where a quote starts', () => {
  it('starts at the sentence that carries the question’s words, not mid-sentence', () => {
    const text = '背景介绍一下。Dropout 在训练时随机丢弃神经元；测试时关闭。别的内容。';
    const quote = bestPassage(text, holding('Dropout'), 40);
    expect(quote.startsWith('Dropout 在训练时随机丢弃神经元；测试时关闭。')).toBe(true);
    expect(quote).not.toContain('背景');
  });

  it('starts at the sentence a clause after "；" belongs to, not at the clause', () => {
    const text = '背景介绍一下。batch size 的取舍：太小则梯度噪声大；太大则显存压力大、泛化可能变差。别的内容。';
    const quote = bestPassage(text, holding('显存'), 100);
    expect(quote.startsWith('batch size 的取舍：太小则梯度噪声大；太大则显存压力大、泛化可能变差。')).toBe(true);
    // Going back costs at most half the quote: with less room, the clause that answers starts it.
    expect(bestPassage(text, holding('显存'), 60).startsWith('太大则显存压力大')).toBe(true);
  });

  it('takes the label line before a list together with the list', () => {
    const text = [
      'PolarMask 是单阶段实例分割方法。',
      '',
      '**优点**：',
      '',
      '- 简单，只比 FCOS 多一个分支；',
      '- 速度快。',
      '',
      '**缺点**：只能表示星形凸形状。',
    ].join('\n');
    const quote = bestPassage(text, holding('简单', '速度'), 60);
    expect(quote.startsWith('**优点**：\n\n- 简单，只比 FCOS 多一个分支；\n- 速度快。')).toBe(true);
    expect(quote).not.toContain('PolarMask 是');
  });

  it('keeps a numbered list whole from "1." on, markers and numbers included', () => {
    const text = '训练分四步：\n\n1. 单独训练 RPN。\n2. 训练 Fast R-CNN。\n3. 固定共享层，微调 RPN。\n4. 微调检测头。';
    const quote = bestPassage(text, holding('RPN'), 200);
    expect(quote).toBe(text);
  });

  it('quotes a short list from its label when the answer is in a later item', () => {
    const text = '背景一句。\n\n常用对策：\n\n- 更多数据；\n- 正则化；\n- 提前停止（early stopping）。';
    expect(bestPassage(text, holding('early stopping'), 200)).toBe(
      '常用对策：\n\n- 更多数据；\n- 正则化；\n- 提前停止（early stopping）。',
    );
  });

  it('starts a quote at an item of a long list at that item, marker included', () => {
    const items = Array.from({ length: 12 }, (_, k) => `${k + 1}. 第 ${k + 1} 条，${'说明'.repeat(20)}。`);
    const quote = bestPassage(`要点如下：\n\n${items.join('\n')}`, holding('第 9 条'), 200);
    expect(quote.startsWith('9. 第 9 条')).toBe(true);
  });
});

describe('bestPassage: where a quote ends', () => {
  it('never ends on "；": it stops at the sentence end before, or goes on to the next one', () => {
    const text = `Focal Loss 压低简单样本的损失。${'它让难样本主导训练'.repeat(3)}；${'而简单负样本的总损失很小'.repeat(4)}。`;
    const quote = bestPassage(text, holding('Focal'), 80);
    expect(quote).toBe('Focal Loss 压低简单样本的损失。');
  });

  it('marks a list cut in the middle with "…"', () => {
    const items = Array.from({ length: 10 }, (_, k) => `- 第 ${k + 1} 种对策，${'解释'.repeat(15)}；`);
    const quote = bestPassage(`过拟合的对策：\n\n${items.join('\n')}\n- 最后一种。`, holding('过拟合'), 200);
    expect(quote.startsWith('过拟合的对策：\n\n- 第 1 种对策')).toBe(true);
    expect(quote.endsWith('…')).toBe(true);
    expect(quote).not.toMatch(/；…$/);
  });

  it('reads a sentence announcing a list ("以下是…。") as leading into it: the quote goes on into the list, not stopping there', () => {
    const items = Array.from({ length: 6 }, (_, k) => `(${k + 1}) 第 ${k + 1} 个方向，${'展开说明'.repeat(6)}。`);
    const text = `网络压缩的本质是提取网络中的有用信息，以下是一些值得研究的方向.\n\n${items.map((item) => `- ${item}`).join('\n')}`;
    const quote = bestPassage(text, holding('网络压缩', '方向'), 200);
    expect(quote.startsWith('网络压缩的本质是提取网络中的有用信息，以下是一些值得研究的方向.\n\n- (1) 第 1 个方向')).toBe(true);
    expect(quote.endsWith('…')).toBe(true);
  });

  it('does not end on a list item whose last line leads into a table: the table comes, its rows cut, an earlier table whole', () => {
    const rows = Array.from({ length: 12 }, (_, k) => `| 行${k} | TP=${k} | FN=${k} |`);
    const text = [
      '1、分析数据',
      '2、列表',
      '',
      '| 样本 | 类别 |',
      '| --- | --- |',
      '| y0 | N |',
      '',
      '3、计算TPR和FPR。',
      '正例与反例信息如下：',
      '',
      '|  | 正例 | 反例 |',
      '| --- | --- | --- |',
      ...rows,
    ].join('\n');
    const quote = bestPassage(text, holding('分析', 'TPR'), 200);
    expect(quote).toContain('正例与反例信息如下：\n\n|  | 正例 | 反例 |\n| --- | --- | --- |\n| 行0 |');
    expect(quote).toContain('| 样本 | 类别 |\n| --- | --- |\n| y0 | N |');
    expect(quote.endsWith('\n…')).toBe(true);
  });

  it('does not end on the last item of a list when it ends on a colon: what it introduces comes, or the quote says it goes on', () => {
    const steps = Array.from({ length: 8 }, (_, k) => `${k + 1}. 第 ${k + 1} 步，${'照着做'.repeat(8)}。`);
    const text = ['5、简介：基于 FlatBuffers 的模型格式。', '6、移动端开发步骤：', '', 'Android Studio 3.0 环境。', '', ...steps].join(
      '\n',
    );
    expect(bestPassage(text, holding('FlatBuffers', '开发步骤'), 120)).toContain('6、移动端开发步骤：\n\nAndroid Studio 3.0 环境。');
    // With no room for what it introduces, the quote says it goes on rather than stop on the colon.
    expect(bestPassage(text, holding('FlatBuffers', '开发步骤'), 45)).toBe('5、简介：基于 FlatBuffers 的模型格式。\n6、移动端开发步骤…');
  });

  it('takes a fence inside a blockquote ("> ```") for a code block: an over-long one is cut at a line and closed in the quote', () => {
    const config = Array.from({ length: 40 }, (_, k) => `> agent1.sources.source${k}.type = TAILDIR`);
    const text = ['> Flume 收集服务器日志到 hdfs', '>', '> ```', ...config, '> ```'].join('\n');
    const quote = bestPassage(text, holding('TAILDIR'), 300);
    expect(quote.startsWith('> ```\n> agent1.sources.source0.type = TAILDIR')).toBe(true);
    expect(quote.endsWith('\n…\n> ```')).toBe(true);
    expect(quote.length).toBeLessThanOrEqual(300);
  });

  it('does not end on a colon line that leads into what the next part of a long section holds', () => {
    // The section was split in parts between "上代码：" and the code: the quote ends where the thought before it ends,
    // or, when the colon line is all it has, says it goes on.
    const text = '我想从最标准的代码出发，展示如何搭建 VGG16 网络。话不多说，上代码：';
    expect(bestPassage(text, holding('VGG16'), 200)).toBe('我想从最标准的代码出发，展示如何搭建 VGG16 网络。');
    expect(bestPassage(text, holding('上代码'), 200)).toBe('话不多说，上代码…');
  });

  it('does not end on a bold label alone on its line: it heads what follows, so the quote starts there instead', () => {
    const text = [
      'Anchor 的设计很关键。',
      '',
      '在网络后期检测不同尺度的人脸，采用 Inception 模块，使感受野多样化。',
      '',
      '**（3）Anchor densification strategy**',
      '',
      '对密度不足的 anchor 以中心进行偏移加倍，为了 anchor 密度均衡。',
    ].join('\n');
    expect(bestPassage(text, holding('Anchor', 'densification'), 120)).toBe(
      '**（3）Anchor densification strategy**\n\n对密度不足的 anchor 以中心进行偏移加倍，为了 anchor 密度均衡。',
    );
  });

  it('stops before a reference list: the works a section cites hold its words but answer nothing', () => {
    const text =
      'caffe time 命令用来检测系统性能和测量模型相对执行时间。\n\n参考文献：\n1.深度学习：Caffe之经典模型讲解与实战\n\nReference：\n\n1. Caffe time benchmarks, 2016';
    expect(bestPassage(text, holding('caffe', 'time'))).toBe('caffe time 命令用来检测系统性能和测量模型相对执行时间。');
    // Only the references hold the word asked: the quote is still no reference.
    expect(bestPassage(text, holding('benchmarks'))).toBe('caffe time 命令用来检测系统性能和测量模型相对执行时间。');
    // A section that is nothing but a reference list is quoted as it is.
    expect(bestPassage('参考文献：\n\n1. Caffe time benchmarks, 2016', holding('benchmarks'))).toContain('Caffe time benchmarks');
  });

  it('does not end on a line that leads into a formula it could not fit', () => {
    const formula = `$$\n${'x + '.repeat(60)}y\n$$`;
    const text = `交叉熵惩罚错误的预测。它定义为：\n\n${formula}`;
    expect(bestPassage(text, holding('交叉熵'), 60)).toBe('交叉熵惩罚错误的预测。');
  });

  it('quotes the table a caption line introduces, its rows cut to whole rows with "…" past the limit', () => {
    const rows = Array.from({ length: 20 }, (_, k) => `| 参数${k} | 取值 ${k} 到 ${k + 1} |`);
    const text = `参数的设置要结合具体任务，具体的参数列表如表XX所示。\n表XX 常见参数\n\n| 参数名 | 常见设置 |\n| :-: | :-: |\n${rows.join('\n')}`;
    const quote = bestPassage(text, holding('参数'), 200);
    expect(quote.startsWith('参数的设置要结合具体任务')).toBe(true);
    expect(quote).toContain('表XX 常见参数\n\n| 参数名 | 常见设置 |\n| :-: | :-: |\n| 参数0 |');
    expect(quote.endsWith('\n…')).toBe(true);
    expect(quote.length).toBeLessThanOrEqual(200);
    // Every table line is a whole row.
    expect(
      quote
        .split('\n')
        .filter((line) => line.startsWith('|'))
        .every((line) => line.endsWith('|')),
    ).toBe(true);
  });

  it('keeps, of a table cut to the limit, the header and the rows that hold the question, a row of "…" for those left out', () => {
    const row = (name: string) => `| ${name} | ${'层间神经元只有局部范围内的连接，'.repeat(3)} |`;
    const table = ['| 连接方式 | 说明 |', '| :-: | :-- |', row('全连接'), row('局部连接'), row('全卷积'), row('局部卷积'), row('空洞卷积')];
    const text = `四者的比较如表XX所示：\n\n${table.join('\n')}`;
    const quote = bestPassage(text, holding('局部卷积'), 260);
    expect(quote.split('\n')).toEqual([table[0], table[1], '| … | … |', row('局部卷积'), '…']);
    // No row holds the question: the rows that fit, in order, as before.
    expect(bestPassage(text, holding('四者'), 260)).toContain(`${table[1]}\n${row('全连接')}\n`);
  });

  it('never cuts a display formula, even one longer than the limit', () => {
    const formula = `$$\n${'a_i + '.repeat(150)}b\n$$`;
    expect(bestPassage(formula, holding('a_i'))).toBe(formula);
  });

  it('cuts an over-long code block after a whole line and closes its fence', () => {
    const code = ['```python', ...Array.from({ length: 80 }, (_, k) => `x${k} = compute(${k})  # step`), '```'].join('\n');
    const quote = bestPassage(code, holding('compute'));
    expect(quote.length).toBeLessThanOrEqual(QUOTE_MAX_CHARS);
    expect(quote.endsWith('\n…\n```')).toBe(true);
    expect(
      quote
        .split('\n')
        .slice(1, -2)
        .every((line) => /^x\d+ = compute\(\d+\) {2}# step$/.test(line)),
    ).toBe(true);
  });
});

describe('bestPassage: what a quote holds', () => {
  it('prefers the earliest passage that holds the question’s words over a later one that repeats them', () => {
    const text = `Focal Loss 是加了调制因子的交叉熵。${'无关的句子。'.repeat(30)}\n\nFocal Loss 又来了。交叉熵又来了。Focal Loss 和交叉熵。`;
    const quote = bestPassage(text, holding('Focal Loss', '交叉熵'), 100);
    expect(quote.startsWith('Focal Loss 是加了调制因子的交叉熵。')).toBe(true);
    expect(quote).not.toContain('又来了');
  });

  it('counts a word found only in code a quarter: the prose that explains it wins', () => {
    const text = [
      '模板是生成代码的蓝图。',
      '',
      '```cpp',
      'template <typename T> T maxOf(T a, T b);',
      '```',
      '',
      '模板定义一般写在头文件里。',
    ].join('\n');
    const weights = new Map([
      ['template', 4],
      ['模板', 3],
    ]);
    const weigh = (t: string) => new Map([...weights].filter(([w]) => t.includes(w)));
    expect(bestPassage(text, weigh, 40)).toBe('模板是生成代码的蓝图。');
  });

  it('counts the heading’s words in the opening sentence, which continues the heading without repeating it', () => {
    // "### 平衡交叉熵" then "最直接的办法是…": the opening is about balanced CE, the later sentence only says "平衡".
    const text = `最直接的办法是给正负样本加权重。${'公式在这里。'.repeat(20)}但 α 只平衡了正负样本的数量。`;
    const weigh = holding('平衡', '交叉熵');
    expect(scoredPassage(text, weigh, 60).quote).toContain('只平衡了');
    const lead = new Map([
      ['平衡', 1],
      ['交叉熵', 1],
    ]);
    expect(scoredPassage(text, weigh, 60, lead).quote.startsWith('最直接的办法是给正负样本加权重。')).toBe(true);
  });
});

describe('scoredPassage: the heading lends its words to the opening, not over a passage that says them', () => {
  it('prefers, between runs holding as much, the one that says the words itself to the opening that holds them through the heading', () => {
    // "### Polar IoU Loss" then "如果对 36 条射线各用 Smooth L1 独立回归…": the opening holds polar IoU by its heading only.
    const text = `如果对射线独立回归，会有两个问题。${'问题在这里。'.repeat(20)}PolarMask 提出在极坐标下直接计算 IoU。`;
    const weigh = holding('极坐标', 'IoU');
    const lead = new Map([
      ['极坐标', 1],
      ['IoU', 1],
    ]);
    expect(scoredPassage(text, weigh, 60, lead).quote).toBe('PolarMask 提出在极坐标下直接计算 IoU。');
  });
});

describe('scoredPassage: the heading lends its words past a credit or a source link', () => {
  it('gives the heading’s words to the first line of text, not to a credit or a link before it, which the quote leaves out', () => {
    const lead = new Map([['BN', 1]]);
    const credit = '**（贡献者：某某－某大学）**\n\n在CNN中，激活前做归一化。别的内容。';
    expect(scoredPassage(credit, holding('BN'), 60, lead).quote.startsWith('在CNN中，激活前做归一化。')).toBe(true);
    const link = 'https://blog.csdn.net/some/article/123\n\n在计算资源不丰富的设备上加速推断。';
    expect(scoredPassage(link, holding('BN'), 60, lead).quote).toBe('在计算资源不丰富的设备上加速推断。');
    // A figure is no aside: the text after it reads it ("上图…").
    const figure = '![](img/bn.png)\n\n上图是归一化前后的寻解过程。';
    expect(scoredPassage(figure, holding('BN'), 60, lead).quote.startsWith('![](img/bn.png)')).toBe(true);
  });
});

describe('bestPassage on every section of notes/', () => {
  const sections = readdirSync(notesDir)
    .filter((f) => f.endsWith('.md'))
    .flatMap((file) => chunkNote({ file, text: readFileSync(path.join(notesDir, file), 'utf8') }).chunks);

  it('quotes verbatim, within the budget, with formulas and code fences whole and no "；" at the end', () => {
    let checked = 0;
    for (const { text } of sections) {
      // Ask for each distinct word-ish piece of the section in turn, so every part of it gets to start a quote.
      const probes = [...new Set(text.match(/[A-Za-z]{4,}|[\u4e00-\u9fff]{2}/g) ?? [])].filter((_, k) => k % 7 === 0);
      for (const probe of probes) {
        const quote = bestPassage(text, holding(probe));
        const body = quote.replace(/…(\n```)?$/, '');
        expect(text.includes(body.replace(/\n…$/, '')) || quote.endsWith('…')).toBe(true);
        if (!body.startsWith('$$')) expect(quote.length).toBeLessThanOrEqual(QUOTE_MAX_CHARS);
        expect((quote.match(/\$\$/g) ?? []).length % 2).toBe(0);
        expect((quote.match(/```/g) ?? []).length % 2).toBe(0);
        expect(quote).not.toMatch(/[；;]$/);
        // A quote never starts with the number of a list item cut off from its marker or mid-sentence after "1.".
        expect(quote).not.toMatch(/^\d+\.\S/);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe('bestPassage with plain numbers', () => {
  it('sums a run’s weights when each piece is weighed by a number', () => {
    const text = `Focal Loss 是加了调制因子的交叉熵。${'无关的句子。'.repeat(30)}\n\nFocal Loss 又来了。交叉熵又来了。Focal Loss 和交叉熵。`;
    const quote = bestPassage(text, (t) => (t.includes('Focal') ? 1 : 0) + (t.includes('交叉熵') ? 1 : 0), 100);
    expect(quote.startsWith('Focal Loss 又来了。')).toBe(true);
  });
});

describe('bestPassage at the end of a section', () => {
  it('drops a "；" the section itself ends on', () => {
    expect(bestPassage('线性可分时，学习线性可分支持向量机；\n\n线性不可分时，学习非线性支持向量机；', holding('支持向量机'))).toBe(
      '线性可分时，学习线性可分支持向量机；\n\n线性不可分时，学习非线性支持向量机',
    );
  });
});

describe('ask(): the quote of a section whose heading names what is asked', () => {
  const filler = ' Some more words about training here.'.repeat(20);
  const notes = memoryCorpus([
    {
      id: 'balanced',
      headingPath: ['Losses', 'Balanced cross entropy'],
      text: `The simplest fix weights positives and negatives by alpha.${filler} But balanced weighting ignores easy and hard examples.`,
    },
    { id: 'pool', headingPath: ['Layers', 'Pooling'], text: 'Pooling shrinks feature maps.' },
  ]);

  it('starts at the opening sentence, which continues the heading', async () => {
    const answer = await ask(notes, 'what is balanced cross entropy');
    expect(answer.results[0]?.quote.startsWith('The simplest fix weights positives and negatives by alpha.')).toBe(true);
  });

  it('starts at the later sentence that repeats a word of the question when switched off (the ablation)', async () => {
    const answer = await ask(notes, 'what is balanced cross entropy', { features: { headingLead: false } });
    expect(answer.results[0]?.quote.startsWith('But balanced weighting')).toBe(true);
  });
});
