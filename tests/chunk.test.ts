import { describe, expect, it } from 'vitest';
import { chunkNote, sectionHashOf } from '../src/notes/chunk.js';
import { sectionKey } from '../src/notes/section.js';
import { splitSentences } from '../src/notes/sentences.js';

const note = `---
title: 测试笔记
tags: [test]
aliases: [Test Note, 测试]
---

# 测试笔记

引言段落。

## 第一节 Focal Loss

Focal Loss 是一种损失函数。它降低简单样本的权重。

$$
\\mathrm{FL}(p_t) = -\\alpha_t (1-p_t)^\\gamma \\log(p_t)
$$

### 子节

\`\`\`python
def f(x):
    # not a heading
    return x
\`\`\`

## English Section

Plain English text here. Another sentence.
`;

describe('chunkNote', () => {
  const { meta, chunks } = chunkNote({ file: 'dir/test.md', text: note });

  it('reads front matter as metadata, not as text', () => {
    expect(meta).toEqual({ file: 'dir/test.md', title: '测试笔记', tags: ['test'], aliases: ['Test Note', '测试'] });
    expect(chunks.some((c) => c.text.includes('aliases:'))).toBe(false);
  });

  it('gives every chunk its heading path and 1-based line range in the file', () => {
    const byHeading = Object.fromEntries(chunks.map((c) => [c.headingPath.join(' > '), c]));
    expect(Object.keys(byHeading)).toEqual([
      '测试笔记',
      '测试笔记 > 第一节 Focal Loss',
      '测试笔记 > 第一节 Focal Loss > 子节',
      '测试笔记 > English Section',
    ]);
    const lines = note.split('\n');
    for (const c of chunks) {
      const slice = lines.slice(c.startLine - 1, c.endLine).join('\n');
      expect(slice).toContain(c.text.split('\n')[0]);
      expect(slice.trim().endsWith(c.text.split('\n').at(-1)!.trim())).toBe(true);
    }
    expect(byHeading.测试笔记!.startLine).toBe(9);
  });

  it('keeps formulas and code blocks whole and does not read "#" in code as a heading', () => {
    const focal = chunks.find((c) => c.headingPath.at(-1) === '第一节 Focal Loss')!;
    expect(focal.text).toContain('$$\n\\mathrm{FL}(p_t) = -\\alpha_t (1-p_t)^\\gamma \\log(p_t)\n$$');
    const code = chunks.find((c) => c.headingPath.at(-1) === '子节')!;
    expect(code.text).toContain('# not a heading');
    expect(chunks.every((c) => !c.headingPath.includes('not a heading'))).toBe(true);
  });

  it('derives stable ids from file, heading path and content', () => {
    const again = chunkNote({ file: 'dir/test.md', text: note }).chunks.map((c) => c.id);
    expect(again).toEqual(chunks.map((c) => c.id));
    const edited = chunkNote({ file: 'dir/test.md', text: note.replace('Another sentence.', 'A changed sentence.') }).chunks;
    const changed = edited.filter((c, i) => c.id !== chunks[i]!.id);
    expect(changed.map((c) => c.headingPath.at(-1))).toEqual(['English Section']);
    const moved = chunkNote({ file: 'other.md', text: note }).chunks;
    expect(moved.every((c, i) => c.id !== chunks[i]!.id)).toBe(true);
  });

  it('keeps the ids it gave before: they are persisted in indexes and quiz history', () => {
    const repeated = [
      '---',
      'title: 测试笔记',
      '---',
      '',
      '# 测试笔记',
      '',
      '引言段落。',
      '',
      '## 第一节 Focal Loss',
      '',
      '同一段。',
      '',
      '## 第一节 Focal Loss',
      '',
      '同一段。',
      '',
    ].join('\n');
    expect(chunkNote({ file: 'dir/test.md', text: repeated }).chunks.map((c) => c.id)).toEqual([
      '1b4ae84b60-ab04125f7d',
      'e91de19ab8-96895a5e02',
      'e91de19ab8-c529c21f5c',
    ]);
  });

  it('splits a long section at paragraph, then sentence boundaries, never inside a formula or code', () => {
    const para = '卷积神经网络利用局部连接和权值共享。'.repeat(30);
    const formula = `$$\n${'a + b '.repeat(200)}\n$$`;
    const text = `# T\n\n## Long\n\n${para}\n\n${formula}\n\n${'Sentence one is here. '.repeat(80)}\n`;
    const parts = chunkNote({ file: 'long.md', text }, { maxChars: 400 }).chunks;
    expect(parts.length).toBeGreaterThan(3);
    expect(new Set(parts.map((p) => p.part)).size).toBe(parts.length);
    for (const p of parts) {
      expect(p.headingPath).toEqual(['T', 'Long']);
      // Each part ends at a sentence end or a block end.
      expect(/[。.]$|\$\$$/.test(p.text)).toBe(true);
      // A display formula is in exactly one part, whole.
      if (p.text.includes('$$')) expect(p.text.match(/\$\$/g)!.length % 2).toBe(0);
    }
    expect(parts.filter((p) => p.text.includes('a + b')).length).toBe(1);
  });

  it('falls back to the first H1 or the file name when there is no title', () => {
    expect(chunkNote({ file: 'x/no-front.md', text: '# Heading One\n\ntext' }).meta.title).toBe('Heading One');
    expect(chunkNote({ file: 'x/plain.md', text: 'just text' }).meta.title).toBe('plain');
  });

  it('reads the H1 title as it reads the heading path, so a citation can tell they are the same words', () => {
    const { meta, chunks } = chunkNote({ file: 'ch8.md', text: '# 第八章  目标检测\n\n## 8.1 基本概念\n\ntext' });
    expect(meta.title).toBe('第八章 目标检测');
    expect(chunks[0]!.headingPath[0]).toBe(meta.title);
    expect(chunkNote({ file: 'x/plain.md', text: 'just text' }).chunks[0]!.headingPath).toEqual(['plain']);
  });

  it('leaves reference lists out: they name papers, they answer nothing', () => {
    const text =
      '# 第一章\n\n## 1.1 卷积\n\n卷积是加权求和。\n\n## 19.9 参考文献\n\n[1] Goodfellow I. Deep Learning. 2016\n\n## References\n\n### Papers\n\n- He K. Deep Residual Learning\n\n## 1.2 池化\n\n池化降采样。\n\n ## 相关文献\n\n[附录 购买GPU](https://example.org/buy-gpu.md)\n\n## Further reading\n\n- Bishop C. Pattern Recognition';
    const { chunks } = chunkNote({ file: 'c.md', text });
    expect(chunks.map((c) => c.headingPath.at(-1))).toEqual(['1.1 卷积', '1.2 池化']);
    expect(chunks.some((c) => /Goodfellow|Residual|GPU|Bishop/.test(c.text))).toBe(false);
  });

  it('survives broken front matter', () => {
    const { meta, chunks } = chunkNote({ file: 'b.md', text: '---\ntitle: [unclosed\n---\n# B\n\nbody' });
    expect(meta.title).toBe('B');
    expect(chunks[0]!.text).toBe('body');
  });
});

describe('sectionKey', () => {
  it('gives the parts of one section one key, and different sections different keys', () => {
    const para = '卷积神经网络利用局部连接和权值共享。'.repeat(120);
    const { chunks } = chunkNote({ file: 'cnn.md', text: `# CNN\n\n## 卷积\n\n${para}\n\n## 池化\n\n池化层。\n` });
    const parts = chunks.filter((c) => c.headingPath.at(-1) === '卷积');
    expect(parts.length).toBeGreaterThan(1);
    expect(new Set(parts.map(sectionKey)).size).toBe(1);
    expect(new Set(chunks.map(sectionKey)).size).toBe(2);
    expect(sectionKey({ file: 'a.md', headingPath: ['x', 'y'] })).not.toBe(sectionKey({ file: 'b.md', headingPath: ['x', 'y'] }));
    expect(sectionKey({ file: 'a.md', headingPath: ['x y'] })).not.toBe(sectionKey({ file: 'a.md', headingPath: ['x', 'y'] }));
  });

  it('gives the ids of one section’s parts one section half, and another section’s ids another', () => {
    const para = '卷积神经网络利用局部连接和权值共享。'.repeat(120);
    const { chunks } = chunkNote({ file: 'cnn.md', text: `# CNN\n\n## 卷积\n\n${para}\n\n## 池化\n\n池化层。\n` });
    const parts = chunks.filter((c) => c.headingPath.at(-1) === '卷积');
    expect(parts.length).toBeGreaterThan(1);
    expect(new Set(parts.map((c) => c.id)).size).toBe(parts.length);
    expect(new Set(parts.map((c) => sectionHashOf(c.id))).size).toBe(1);
    expect(new Set(chunks.map((c) => sectionHashOf(c.id))).size).toBe(2);
  });
});

describe('splitSentences', () => {
  it('splits Chinese and English sentences but not inside inline math or code', () => {
    const s = splitSentences('这是第一句。这是第二句！English here. Is it? 公式 $p = 0.5. q$ 不拆。代码 `a. b` 也不拆。');
    expect(s.map((x) => x.text.trim())).toEqual([
      '这是第一句。',
      '这是第二句！',
      'English here.',
      'Is it?',
      '公式 $p = 0.5. q$ 不拆。',
      '代码 `a. b` 也不拆。',
    ]);
  });
});
