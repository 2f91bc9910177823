import { describe, expect, test } from 'vitest';
import { placeFormulas } from '../src/render/format/formula-slots.js';
import { formatSection } from '../src/render/format/section.js';

const text = (markdown: string) => placeFormulas(formatSection(markdown));

describe('display formulas', () => {
  test('$$ blocks and a $…$ alone on its line are lifted out, in order, a marker left in place', () => {
    const md = [
      '定义',
      '',
      '$$',
      '\\mathrm{FL}(p_t) = -(1-p_t)^\\gamma \\log(p_t)',
      '$$',
      '',
      '其中',
      '',
      '$b = -\\log\\frac{1-\\pi}{\\pi}$',
      '',
      '完。',
    ].join('\n');
    const section = formatSection(md);
    expect(section.formulas.map((f) => f.tex)).toEqual([
      '\\mathrm{FL}(p_t) = -(1-p_t)^\\gamma \\log(p_t)',
      'b = -\\log\\frac{1-\\pi}{\\pi}',
    ]);
    expect(section.text.indexOf(section.formulas[0]!.marker)).toBeGreaterThan(section.text.indexOf('定义'));
    expect(section.text.indexOf(section.formulas[1]!.marker)).toBeGreaterThan(section.text.indexOf('其中'));
  });

  test('a formula written on its fence lines is read whole, and the prose after it is kept', () => {
    const section = formatSection('$$f(x)=\\begin{cases} 0 & x<0 \\\\\n x & x \\ge 0 \\end{cases} \\tag{5-1}$$\n\n其中 $x$ 是输入。');
    expect(section.formulas).toEqual([
      { index: 0, tex: 'f(x)=\\begin{cases} 0 & x<0 \\\\\n x & x \\ge 0 \\end{cases}', tag: '5-1', marker: section.formulas[0]!.marker },
    ]);
    expect(placeFormulas(section, new Set([0]))).toBe('**(5-1)**\n\n其中 x 是输入。');
  });

  test('a $…$ alone on a line inside a paragraph is a display formula; one in a list item or in prose is inline', () => {
    const section = formatSection('其中定义\n$x = \\frac{a}{b}$\n所以\n\n- $O(n)$\n- 复杂度 $O(n^2)$');
    expect(section.formulas.map((f) => f.tex)).toEqual(['x = \\frac{a}{b}']);
    expect(placeFormulas(section, new Set([0]))).toBe('其中定义\n**(1)**\n所以\n\n- O(n)\n- 复杂度 O(n²)');
  });

  test('a drawn formula becomes its number in the text; one not drawn becomes a code block', () => {
    const section = formatSection('A\n\n$$x^2$$\n\nB\n\n$$\\frac{a}{$$\n');
    expect(placeFormulas(section, new Set([0]))).toBe('A\n\n**(1)**\n\nB\n\n```\n\\frac{a}{\n```');
    expect(placeFormulas(section)).toBe('A\n\n```\nx^2\n```\n\nB\n\n```\n\\frac{a}{\n```');
  });
});

describe('inline math in prose', () => {
  test('becomes Unicode in place, the rest of the line untouched', () => {
    expect(text('调制因子 $(1-p_t)^\\gamma$ 的**损失**，当 $W_q$ 时')).toBe('调制因子 (1−pₜ)ᵞ 的**损失**，当 W\\_q 时');
    // What Unicode cannot say at all stays TeX, in a code span.
    expect(text('当 $x_{i_j}$ 时')).toBe('当 `x_{i_j}` 时');
  });

  test('dollars inside code are not math', () => {
    expect(text('`echo $HOME $PATH`')).toBe('`echo $HOME $PATH`');
    expect(text('```sh\necho $a$\n```')).toBe('```sh\necho $a$\n```');
  });
});

describe('HTML fragments', () => {
  test('<br> breaks the line, <sub>/<sup> become Unicode scripts', () => {
    expect(text('第一行<br>第二行')).toBe('第一行\n第二行');
    expect(text('H<sub>2</sub>O 和 x<sup>2</sup>')).toBe('H₂O 和 x²');
  });

  test('a script with no Unicode form is marked, not lost', () => {
    expect(text('W<sub>q</sub>')).toBe('W_(q)');
  });

  test('layout tags disappear, their text stays; <img> is listed as an image', () => {
    const section = formatSection('<center>图 1: 感知机</center>\n\n<div align="center"><img src="img/ch3/3-1.png" alt="感知机"></div>');
    expect(section.text).toBe('图 1: 感知机\n\n*[感知机]*');
    expect(section.images).toEqual([{ kind: 'local', path: 'img/ch3/3-1.png', alt: '感知机' }]);
  });

  test('C++ templates in prose are not HTML to strip', () => {
    expect(text('用 std::vector<int> 存放')).toBe('用 std::vector<int> 存放');
  });

  test('a space written as a character reference (&emsp;, &nbsp;) is a space, not the entity spelled out', () => {
    // dl500 indents every paragraph with &emsp;&emsp;; Discord shows entities as typed.
    expect(text('&emsp;&emsp;DeepLab 结合了 DCNN 和 CRF。a&nbsp;b&#160;c')).toBe('DeepLab 结合了 DCNN 和 CRF。a b c');
    // On a line of its own it leaves a blank line, not a line of spaces.
    expect(text('第一段。\n&emsp;&emsp;\n第二段。')).toBe('第一段。\n\n第二段。');
    // In code it is what the code says.
    expect(text('`&nbsp;` 是 HTML 的空格')).toBe('`&nbsp;` 是 HTML 的空格');
  });
});

describe('footnotes', () => {
  test('references become superscript numbers and definitions move to the end', () => {
    const md = 'Focal Loss 来自 RetinaNet[^1]。\n\n[^1]: Lin et al., ICCV 2017.\n\n下一段。';
    expect(text(md)).toBe('Focal Loss 来自 RetinaNet¹。\n\n下一段。\n\n¹ Lin et al., ICCV 2017.');
  });

  test('a reference whose definition is in another section still reads as a note mark', () => {
    expect(text('见文献[^2]与[^note]')).toBe('见文献²与[note]');
  });
});

test('a link to an anchor inside the note keeps its text only; other links stay', () => {
  expect(text('如图[14](#bookmark90)所示，见 [论文](https://arxiv.org/abs/1708.02002)')).toBe(
    '如图14所示，见 [论文](https://arxiv.org/abs/1708.02002)',
  );
});

test('indented code becomes a fenced block, which Discord renders', () => {
  expect(text('示例：\n\n    int main() {\n      return 0;\n    }\n')).toBe('示例：\n\n```\nint main() {\n  return 0;\n}\n```');
});

describe('images', () => {
  test('Markdown, Obsidian and remote images are listed in order and named in the text', () => {
    const section = formatSection('看图 ![结构](img/arch.png)，再看 ![[diagram.png|300]] 和 ![远程](https://example.com/a.png)');
    expect(section.images).toEqual([
      { kind: 'local', path: 'img/arch.png', alt: '结构' },
      { kind: 'local', path: 'diagram.png', alt: 'diagram.png' },
      { kind: 'remote', url: 'https://example.com/a.png', alt: '远程' },
    ]);
    expect(section.text).toBe('看图 *[结构]*，再看 *[diagram.png]* 和 [远程](<https://example.com/a.png>)');
  });

  test('a caption that says again what the image before it says is shown once, as the image; another caption stays', () => {
    expect(formatSection('![Spark Streaming架构图](img/a.png)\n<center>Spark Streaming架构图</center>\n\n后文。').text).toBe(
      '*[Spark Streaming架构图]*\n\n后文。',
    );
    expect(formatSection('![](media/x.jpg)\n\n<center>图 24: 特征选择法示意图</center>').text).toBe('*[x.jpg]*\n\n图 24: 特征选择法示意图');
  });
});

test('a formula in a block quote keeps only its TeX', () => {
  expect(formatSection('> 引用：\n>\n> $$\n> x^2\n> $$').formulas.map((f) => f.tex)).toEqual(['x^2']);
});

test('a table too wide for a phone lists its rows, its math as Unicode', () => {
  const md =
    '| 层 | 输出尺寸 | 参数量 |\n|---|---|---|\n| 卷积层$C_1$ | $55\\times55\\times48(\\times2_{GPU})$ | $(11\\times11\\times3+1)\\times48$ |';
  const section = formatSection(md, { tableColumns: 30 });
  expect(section.formulas).toEqual([]);
  expect(section.text).toBe('**卷积层C₁**\n输出尺寸: 55×55×48(×2\\_GPU)\n参数量: (11×11×3+1)×48');
});

test('an image inside a table cell is listed too', () => {
  const section = formatSection('| 图 | 说明 |\n|---|---|\n| ![FPN](img/fpn.png) | 金字塔<br>结构 |');
  expect(section.images).toEqual([{ kind: 'local', path: 'img/fpn.png', alt: 'FPN' }]);
  expect(section.text).toBe('```\n图   说明\n───  ───────────\nFPN  金字塔 结构\n```');
});

test('an image whose path has spaces is an image, as Typora writes it, except in code', () => {
  const section = formatSection('![对比图](img/ch7/lsgan loss compare.png)\n\n![](img/ch8/Mask R-CNN-01.png)');
  expect(section.images).toEqual([
    { kind: 'local', path: 'img/ch7/lsgan loss compare.png', alt: '对比图' },
    { kind: 'local', path: 'img/ch8/Mask R-CNN-01.png', alt: '' },
  ]);
  expect(section.text).toBe('*[对比图]*\n\n*[Mask R-CNN-01.png]*');
  const code = '```md\n![x](a b.png)\n```';
  expect(formatSection(code).text).toBe(code);
  // A link to a page is no image, spaces or not.
  expect(formatSection('[notes](my notes.md)').images).toEqual([]);
});

test('control characters a note holds by accident are not shown (a backspace pasted with the text)', () => {
  expect(text('基于简单的神经网络\b构建的。\u0007')).toBe('基于简单的神经网络构建的。');
  expect(text('列\t对齐\n下一行')).toBe('列\t对齐\n下一行');
});

test('an image without alt text is named by its file', () => {
  expect(text('![](img/ch4/image1.png)')).toBe('*[image1.png]*');
});

test('a table is replaced by its Discord form', () => {
  const out = text('结果：\n\n| 方法 | AP |\n|---|---:|\n| $\\alpha$-FL | 39.1 |\n\n完。');
  expect(out).toBe('结果：\n\n```\n方法    AP\n────  ────\nα-FL  39.1\n```\n\n完。');
});

describe('replacements inside lists and quotes stay inside them', () => {
  test('a table in a list item', () => {
    expect(text('- 结果：\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |')).toBe('- 结果：\n\n  ```\n  a  b\n  ─  ─\n  1  2\n  ```');
  });

  test('a line break in a quote or a numbered item, but not a ">" in prose', () => {
    expect(text('> 第一行<br>第二行')).toBe('> 第一行\n> 第二行');
    expect(text('1. 第一行<br>第二行')).toBe('1. 第一行\n   第二行');
    expect(text('a > b<br>c')).toBe('a > b\nc');
  });

  test('a formula shown as code in a list item', () => {
    const section = formatSection('- 定义：\n\n  $$\n  x^2\n  + 1\n  $$');
    expect(placeFormulas(section)).toBe('- 定义：\n\n  ```\n  x^2\n  + 1\n  ```');
  });
});

test('Markdown Discord renders itself is kept byte for byte', () => {
  const md = '**粗体** *斜体* `code` [链接](https://example.com)\n\n- 列表\n  1. 嵌套\n\n> 引用\n\n```python\nx = 1\n```';
  expect(text(md)).toBe(md);
});

test("Obsidian's ==highlight== is shown bold; a comparison and code keep their equals signs", () => {
  expect(text('训练时极端的==类别不平衡==，而不是网络结构本身。')).toBe('训练时极端的**类别不平衡**，而不是网络结构本身。');
  expect(text('==a&emsp;b== 与 ==x==')).toBe('**a b** 与 **x**');
  expect(text('if a == b == c then `x==y==z`')).toBe('if a == b == c then `x==y==z`');
});
