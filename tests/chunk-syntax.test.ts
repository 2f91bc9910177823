/**
 * Obsidian and blog syntax as students write it: what is indexed and quoted is
 * what a reader of the rendered note sees, and every chunk keeps the line
 * numbers of the original file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkNote } from '../src/notes/chunk.js';
import { readableNote } from '../src/notes/note-syntax.js';
import type { Chunk } from '../src/notes/types.js';
import { repoRoot } from './support/paths.js';

const fixtures = path.join(repoRoot, 'tests/fixtures');
const parse = (relative: string) => {
  const text = readFileSync(path.join(fixtures, relative), 'utf8');
  return { text, ...chunkNote({ file: relative, text }) };
};
const section = (chunks: Chunk[], heading: string) => chunks.find((c) => c.headingPath.at(-1) === heading)!;
const allText = (chunks: Chunk[]) => chunks.map((c) => c.text).join('\n');

/** Each chunk's first and last line of text is found on its cited lines of the original file (modulo the rewrites). */
function expectLinesOfOriginal(text: string, chunks: Chunk[], anchors: Record<string, string>) {
  const lines = text.split('\n');
  for (const [heading, anchor] of Object.entries(anchors)) {
    const c = section(chunks, heading);
    expect(lines.slice(c.startLine - 1, c.endLine).join('\n')).toContain(anchor);
  }
}

describe('Obsidian vault (English note)', () => {
  const { text, meta, chunks } = parse('vault/Gradient Descent.md');

  it('shows [[note|shown]] as its shown text and [[note#heading]] as "note › heading", and keeps the targets as the note\'s links', () => {
    expect(section(chunks, 'Gradient Descent').text).toContain('against the gradient of the loss.');
    expect(section(chunks, 'Learning rate').text).toContain('see Loss Function › Cross entropy for the loss');
    expect(meta.links).toEqual(['Loss Function', '深度学习/反向传播']);
  });

  it('turns ![[image]] into a Markdown image and ![[note#heading]] into a readable reference, never raw brackets', () => {
    expect(section(chunks, 'Learning rate').text).toContain('![](<loss curve.png>)');
    expect(section(chunks, 'Momentum').text).toContain('↪ 深度学习/反向传播 › 链式法则');
    expect(
      allText(chunks)
        .replace(/`[^`]*`/g, '')
        .replace(/```[\s\S]*?```/g, ''),
    ).not.toMatch(/\[\[|\]\]/);
  });

  it('makes a callout a quote with a bold title line', () => {
    expect(section(chunks, 'Learning rate').text).toMatch(/^> \*\*Too large a step\*\*\n> A learning rate that is too large/);
  });

  it('does not index %%comments%%, inline or over several lines', () => {
    const body = allText(chunks);
    expect(body).not.toContain('TODO: add a plot');
    expect(body).not.toContain('inline remark');
    expect(body).not.toContain('several lines');
    expect(section(chunks, 'Momentum').text).toContain('Momentum keeps a running average of past gradients.');
  });

  it('reads #tags (nested ones too) as the note\'s tags, but not "#" in code', () => {
    expect(meta.tags).toEqual(['optimization', 'ml/basics']);
    expect(meta.aliases).toEqual(['GD']);
  });

  it('leaves code blocks and inline code exactly as written', () => {
    const momentum = section(chunks, 'Momentum').text;
    expect(momentum).toContain('```python\n# not a tag, and [[not a link]] in code\nw -= lr * grad\n```');
    expect(momentum).toContain('Inline code stays as written: `[[raw]]` and `%%raw%%`.');
  });

  it('cites the lines of the original file', () => {
    expectLinesOfOriginal(text, chunks, {
      'Gradient Descent': 'Gradient descent updates the weights',
      'Learning rate': '> [!warning] Too large a step',
      Momentum: 'Inline code stays as written',
    });
    expect(section(chunks, 'Learning rate').startLine).toBe(13);
    expect(section(chunks, 'Momentum').endLine).toBe(36);
  });
});

describe('Obsidian vault (Chinese note)', () => {
  const { text, meta, chunks } = parse('vault/深度学习/反向传播.md');

  it('reads the front matter title and adds inline #tags to the front matter tags', () => {
    expect(meta.title).toBe('反向传播');
    expect(meta.tags).toEqual(['深度学习', '神经网络']);
    expect(meta.links).toEqual(['Gradient Descent']);
  });

  it("shows a wikilink's Chinese text, names an untitled callout by its type, and embeds an image whose name has spaces", () => {
    expect(section(chunks, '反向传播').text).toContain('用梯度下降训练神经网络');
    expect(section(chunks, '链式法则').text).toMatch(/^> \*\*Note\*\*\n> 链式法则把输出/);
    expect(section(chunks, '链式法则').text).toContain('嵌入图片：![](<attachments/计算图 1.png>)');
    expectLinesOfOriginal(text, chunks, { 链式法则: '> [!note]' });
  });
});

describe('blog sources', () => {
  it('Hexo: strips {% %} tags, keeps the quoted text, makes {% codeblock %} a code fence, reads title, tags, categories and permalink', () => {
    const { text, meta, chunks } = parse('blog/source/_posts/hello-transformer.md');
    expect(meta).toMatchObject({
      title: 'Attention Is All You Need',
      tags: ['nlp', 'transformer'],
      categories: ['Deep Learning', 'NLP'],
      permalink: 'posts/attention/',
    });
    const body = allText(chunks);
    expect(body).not.toMatch(/\{%|%\}/);
    expect(body).toContain('Attention weights every token by its relevance');
    const heads = section(chunks, 'Multi-head attention');
    expect(heads.text).toContain('```python\n# a comment in code, not a tag\nscores = q @ k.T / sqrt(d)\n```');
    expect(chunks.map((c) => c.headingPath.at(-1))).not.toContain('a comment in code, not a tag');
    expectLinesOfOriginal(text, chunks, { 'Multi-head attention': '{% endcodeblock %}' });
  });

  it('Hugo: strips {{< >}} and {{% %}} shortcodes, keeps what they wrap, reads a comma-separated tag string and aliases', () => {
    const { meta, chunks } = parse('blog/content/posts/卷积网络.md');
    expect(meta).toMatchObject({
      title: '卷积神经网络',
      tags: ['计算机视觉', 'CNN'],
      categories: ['深度学习'],
      aliases: ['CNN 入门'],
      permalink: '/cn/卷积 网络/',
    });
    const body = allText(chunks);
    expect(body).not.toMatch(/\{\{[<%]|[>%]\}\}/);
    expect(section(chunks, '池化').text).toMatch(/^池化层降低特征图的分辨率。/);
    expect(section(chunks, '池化').text).toContain('```go\n// 代码里的 #号 不是标签\nx := pool(y)\n```');
    expect(meta.tags).not.toContain('号');
  });

  it('marks draft: true and published: false notes as left out, saying why', () => {
    expect(parse('vault/Draft idea.md').excludedBecause).toBe('a draft (front matter draft: true)');
    expect(parse('blog/source/_posts/unpublished.md').excludedBecause).toBe('not published (front matter published: false)');
    expect(parse('vault/Loss Function.md').excludedBecause).toBeUndefined();
  });
});

describe('readableNote', () => {
  it('keeps every remaining word on its original line whatever it removes', () => {
    const source = 'a %%x\ny\nz%% b\n{{< figure\n  src="a.png" >}}\nc [[d|e]]\n';
    const { text } = readableNote(source);
    expect(text.split('\n')).toHaveLength(source.split('\n').length);
    // "b" was on line 3 and "c" on line 6 of the source.
    expect(text).toBe('a \n\n b\n\n\nc e\n');
  });

  it('leaves front matter and display math alone', () => {
    const source = '---\ntags: [a]\n# yaml comment\n---\n$$\n[[x]] #y\n$$\n';
    expect(readableNote(source)).toEqual({ text: source, links: [], tags: [] });
  });

  it("reads a heading typed right under an HTML line as a heading, keeping the line's text and every line number", () => {
    const source = [
      '## 9.2.7 反卷积',
      '',
      'Upsampling 可以看成反卷积。',
      '<center>上图中的反卷积，input 是 2×2</center>',
      '### 9.2.8 跳级(skip)结构',
      '',
      '把倒数第几层的输出和最后的输出做 fusion。',
    ].join('\n');
    const { chunks } = chunkNote({ file: 'seg.md', text: source });
    expect(chunks.map((c) => [c.headingPath.at(-1), c.startLine, c.endLine])).toEqual([
      ['9.2.7 反卷积', 3, 4],
      ['9.2.8 跳级(skip)结构', 7, 7],
    ]);
    expect(chunks[0]!.text).toContain('上图中的反卷积');
    // Under CommonMark alone the heading is part of the HTML block, and its section part of the one before.
    expect(readableNote(source).text.split('\n')).toHaveLength(source.split('\n').length);
  });

  it('does not read "#1", a Markdown heading or a link anchor as a tag', () => {
    expect(readableNote('# Heading\nstep #1 and [jump](#anchor) and #real-tag').tags).toEqual(['real-tag']);
  });

  it("drops a plugin's query (Dataview, Tasks), whose results Obsidian shows instead, keeping every line; other code stays", () => {
    const source = '投影或补零。\n\n```dataview\nLIST FROM #cnn\n```\n\n```tasks\nnot done\n```\n```python\nx = 1\n```';
    const { text } = readableNote(source);
    expect(text).toBe('投影或补零。\n\n\n\n\n\n\n\n\n```python\nx = 1\n```');
    expect(text.split('\n')).toHaveLength(source.split('\n').length);
  });

  it('drops a %%comment%% whole when it holds a code fence (the Excalidraw plugin hides its drawing so), keeping every line', () => {
    const source = '# Text Elements\n残差块\n\n%%\n# Drawing\n```compressed-json\nN4KAkARALgngDgUwgLgAQQQ\n```\n%%\n后文';
    const { text } = readableNote(source);
    expect(text).toBe('# Text Elements\n残差块\n\n\n\n\n\n\n\n后文');
    expect(text.split('\n')).toHaveLength(source.split('\n').length);
    // A fence outside any comment is code, as before.
    expect(readableNote('%%a%%\n```\nx = 1\n```').text).toBe('\n```\nx = 1\n```');
  });

  it("drops a block's id (the target of [[note#^id]]) from the end of its line, but not an exponent", () => {
    const source = '测试时不丢弃。 ^dropout-test\n| a | b |\n^table-1\n共 2 ^10 种  \n下一行';
    expect(readableNote(source).text).toBe('测试时不丢弃。\n| a | b |\n\n共 2 ^10 种  \n下一行');
  });
});
