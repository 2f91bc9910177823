import { describe, expect, it } from 'vitest';
import { firstSentence, splitSentences } from '../src/notes/sentences.js';

const split = (text: string) => splitSentences(text).map((s) => s.text.trim());

describe('splitSentences: punctuation of both languages', () => {
  it('ends Chinese sentences at 。！？ and clauses at ；', () => {
    expect(split('这是第一句。真的吗？是的！前半句；后半句。')).toEqual(['这是第一句。', '真的吗？', '是的！', '前半句；', '后半句。']);
  });

  it('ends at an ellipsis (… or ……) but not inside "1, 2, …, n"', () => {
    expect(split('还有很多……然后呢。序列 1, 2, …, n 很长。说到一半…下一句。')).toEqual([
      '还有很多……',
      '然后呢。',
      '序列 1, 2, …, n 很长。',
      '说到一半…',
      '下一句。',
    ]);
  });

  it('ends English sentences at . ! ? followed by a space', () => {
    expect(split('It works. Does it? Yes! Done.')).toEqual(['It works.', 'Does it?', 'Yes!', 'Done.']);
  });

  it('keeps closing quotes, brackets and the end of bold with their sentence', () => {
    expect(split('他说“好。”然后走了。**结论是这样。**下一句。')).toEqual(['他说“好。”', '然后走了。', '**结论是这样。**', '下一句。']);
  });

  it('never splits inside inline math or inline code', () => {
    expect(split('公式 $p = 0.5. q$ 不拆。代码 `a. b` 也不拆。')).toEqual(['公式 $p = 0.5. q$ 不拆。', '代码 `a. b` 也不拆。']);
  });
});

describe('splitSentences: periods that do not end a sentence', () => {
  it('keeps a list marker with its item: "1." is not a sentence of its own', () => {
    expect(split('步骤如下：\n1. 前向：算出损失。\n2. 反向：求梯度。')).toEqual(['步骤如下：', '1. 前向：算出损失。', '2. 反向：求梯度。']);
    expect(split('**1.** 第一点。**2.** 第二点。')).toEqual(['**1.** 第一点。', '**2.** 第二点。']);
    expect(split('步骤：1. 做 A。2. 做 B。')).toEqual(['步骤：1. 做 A。', '2. 做 B。']);
  });

  it('keeps decimals whole', () => {
    expect(split('学习率取 0.25 时收敛。p 约为 0.968. Then it stops.')).toEqual([
      '学习率取 0.25 时收敛。',
      'p 约为 0.968.',
      'Then it stops.',
    ]);
  });

  it('does not end at abbreviations: e.g., i.e., Fig., et al.', () => {
    expect(split('Use a backbone, e.g. ResNet, i.e. a deep one. See Fig. 3 here. Lin et al. proposed it. Next.')).toEqual([
      'Use a backbone, e.g. ResNet, i.e. a deep one.',
      'See Fig. 3 here.',
      'Lin et al. proposed it.',
      'Next.',
    ]);
  });
});

describe('splitSentences: lines', () => {
  it('ends a sentence before a line that starts a list item, and at a blank line', () => {
    expect(split('对策有：\n- 更多数据\n- 正则化；\n（1）相关性分析\n\n新段落')).toEqual([
      '对策有：',
      '- 更多数据',
      '- 正则化；',
      '（1）相关性分析',
      '新段落',
    ]);
  });

  it('keeps each sentence’s offsets into the text', () => {
    const text = '甲。乙。';
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual(['甲。', '乙。']);
  });
});

describe('firstSentence', () => {
  it('is the first sentence splitSentences gives, blank lines before it skipped', () => {
    for (const text of [
      '甲是乙。丙是丁。',
      '\n\n  \n**Focal Loss 是**一种损失。它降低简单样本的权重。',
      'See Fig. 3 for details. Then go on.',
      '对策有：\n- 更多数据\n- 正则化；',
      '公式 $p = 0.5. q$ 不拆。后一句。',
      'One sentence with no end',
    ])
      expect(firstSentence(text)).toEqual(splitSentences(text)[0]);
  });

  it('is undefined for blank text', () => {
    expect(firstSentence('')).toBeUndefined();
    expect(firstSentence(' \n\n ')).toBeUndefined();
  });
});
