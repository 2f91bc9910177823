import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { sectionMedia, withSectionMedia, withSectionsMedia } from '../src/render/answer-media.js';
import { answerMessage } from '../src/render/media-views.js';
import type { Answer, AnswerResult } from '../src/search/ask.js';
import { memoryFormulaCache } from '../src/render/math/formula-cache.js';
import { createFormulaRenderer } from '../src/render/math/render-formulas.js';
import { tempDir } from './support/temp-dir.js';

const renderer = createFormulaRenderer({ cache: memoryFormulaCache(), logger: { warn: () => {} } });

function png(size: number): Buffer {
  const image = new PNG({ width: size, height: size });
  image.data.fill(200);
  return PNG.sync.write(image);
}

/** A notes folder with a note, an image beside it, and a file outside reached by `..` and by a symlink. */
function vault() {
  const root = tempDir('studybot-media-');
  const notes = path.join(root, 'notes');
  mkdirSync(path.join(notes, 'dl', 'figs'), { recursive: true });
  writeFileSync(path.join(notes, 'dl', 'figs', 'curve.png'), png(8));
  writeFileSync(path.join(root, 'secret.png'), png(8));
  symlinkSync(path.join(root, 'secret.png'), path.join(notes, 'dl', 'figs', 'link.png'));
  return notes;
}

const section = [
  'Focal Loss 是 $(1-p_t)^\\gamma$ 加权的交叉熵：',
  '',
  '$$',
  '\\mathrm{FL}(p_t) = -\\alpha_t (1-p_t)^\\gamma \\log(p_t)',
  '$$',
  '',
  '![损失曲线](figs/curve.png) ![x](../../secret.png) ![y](figs/link.png) ![远程](https://example.org/a.png)',
].join('\n');

describe("a section's media: its formula card and images, for one message", () => {
  it('attaches the formula card first (TeX as alt text), then note images inside the notes folder; remote ones stay links', async () => {
    const notesRoot = vault();
    const media = await sectionMedia(section, 'dl/focal.md', { renderer, notesRoot, attach: true });
    expect(media.files.map((f) => f.name)).toEqual([expect.stringMatching(/^formulas-[0-9a-f]{12}\.png$/), 'curve.png']);
    expect(media.image).toBe(media.files[0]!.name);
    expect(media.files[0]!.description).toBe('(1) \\mathrm{FL}(p_t) = -\\alpha_t (1-p_t)^\\gamma \\log(p_t)');
    expect(media.files[1]!.description).toBe('损失曲线');
    expect(media.text).toContain('**(1)**');
    expect(media.text).toContain('(1−pₜ)ᵞ');
    expect(media.text).toContain('[远程](<https://example.org/a.png>)');
    expect(media.skipped).toEqual([
      'image not attached: outside the notes folder: ../../secret.png',
      'image not attached: outside the notes folder: figs/link.png',
    ]);
    expect(media.withheld).toBe(false);
  });

  it('keeps the images within the upload budget: what does not fit is skipped and said why', async () => {
    const notesRoot = vault();
    const card = await sectionMedia(section, 'dl/focal.md', { renderer, notesRoot, attach: true });
    const media = await sectionMedia(section, 'dl/focal.md', {
      renderer,
      notesRoot,
      attach: true,
      maxBytes: card.files[0]!.data.length + 10,
    });
    expect(media.files).toHaveLength(1);
    expect(media.skipped[0]).toMatch(/^image not attached: figs\/curve\.png is \d+ bytes, over 10$/);
  });

  it('without permission to attach, draws and reads nothing: formulas as code, and says there was something to attach', async () => {
    const media = await sectionMedia(section, 'dl/focal.md', { renderer, notesRoot: '/nonexistent', attach: false });
    expect(media.files).toEqual([]);
    expect(media.image).toBeNull();
    expect(media.text).toContain('```\n\\mathrm{FL}(p_t) = -\\alpha_t (1-p_t)^\\gamma \\log(p_t)\n```');
    expect(media.withheld).toBe(true);
    const plain = await sectionMedia('Just prose, $x^2$ inline.', 'a.md', { renderer, notesRoot: '/nonexistent', attach: false });
    expect(plain.withheld).toBe(false);
  });

  it('a section without formulas or images attaches nothing and the embed gets no image', async () => {
    const media = await sectionMedia('Just prose.', 'a.md', { renderer, notesRoot: vault(), attach: true });
    expect(media).toEqual({ text: 'Just prose.', files: [], image: null, skipped: [], withheld: false });
    const view = withSectionMedia({ embeds: [{ title: 'T', description: 'old' }], components: [] }, media, (t) => `> ${t}`);
    expect(view.embeds[0]).toEqual({ title: 'T', description: '> Just prose.' });
  });

  it('puts the media into the one embed it belongs to: description from the drawn text, image as attachment://', async () => {
    const media = await sectionMedia(section, 'dl/focal.md', { renderer, notesRoot: vault(), attach: true });
    const view = withSectionMedia(
      { content: 'c', embeds: [{ title: 'first' }, { title: 'second', description: 'raw' }], components: [] },
      media,
      (text) => text.trim(),
      1,
    );
    expect(view.embeds[0]).toEqual({ title: 'first' });
    expect(view.embeds[1]!.image).toEqual({ url: `attachment://${media.image}` });
    expect(view.embeds[1]!.description).toBe(media.text.trim());
    expect(view.files).toBe(media.files);
    expect(view.content).toBe('c');
  });
});

describe("a comparison's first answer: each side's formulas in its own embed", () => {
  const side = (id: string, quote: string, sideName?: string): AnswerResult => ({
    chunkId: id,
    file: `${id}.md`,
    title: id,
    headingPath: [id],
    startLine: 1,
    endLine: 9,
    score: 1,
    coverage: 0.8,
    quote,
    text: quote,
    ...(sideName ? { side: sideName } : {}),
  });
  const comparison: Answer = {
    question: 'balanced ce vs ce',
    corrections: [],
    answered: true,
    legs: { keyword: true, dense: false },
    comparison: { sides: ['balanced ce', 'ce'] },
    results: [
      side('balanced', '加权重：\n\n$$\n\\mathrm{CE}(p_t) = -\\alpha_t \\log(p_t)\n$$', 'balanced ce'),
      side('plain', '定义：\n\n$$\n\\mathrm{CE}(p_t) = -\\log(p_t)\n$$', 'ce'),
      side('other', 'no formula'),
    ],
  };

  it('draws every side’s formula card into that side’s embed, and attaches both', async () => {
    const { view, media } = await answerMessage(comparison, 0, { renderer, notesRoot: vault(), attach: true });
    expect(view.embeds).toHaveLength(2);
    const images = view.embeds.map((e) => e.image?.url);
    expect(images).toEqual([expect.stringMatching(/^attachment:\/\/formulas-/), expect.stringMatching(/^attachment:\/\/formulas-/)]);
    expect(images[0]).not.toBe(images[1]);
    expect(view.files.map((f) => `attachment://${f.name}`)).toEqual(images);
    expect(view.embeds.map((e) => e.description)).toEqual([expect.stringContaining('**(1)**'), expect.stringContaining('**(1)**')]);
    expect(view.embeds.every((e) => !e.description?.includes('\\mathrm'))).toBe(true);
    expect(media?.files).toBe(view.files);
  });

  it('says once why formulas are code when the bot may not attach files', async () => {
    const { view, media } = await answerMessage(comparison, 0, { renderer, notesRoot: vault(), attach: false });
    expect(view.files).toEqual([]);
    expect(media?.withheld).toBe(true);
    expect(view.content).toBeTruthy();
    expect(view.embeds.map((e) => e.description)).toEqual([expect.stringContaining('\\mathrm'), expect.stringContaining('\\mathrm')]);
  });

  it('attaches a file two sides share once, and renames a different file with the same name', () => {
    const file = (name: string, byte: number) => ({ name, data: Buffer.from([byte]), description: name });
    const media = (files: ReturnType<typeof file>[]) => ({ text: 't', files, image: files[0]?.name ?? null, skipped: [], withheld: false });
    const view = withSectionsMedia(
      { embeds: [{ title: 'a' }, { title: 'b' }, { title: 'c' }], components: [] },
      [media([file('f.png', 1)]), media([file('f.png', 1)]), media([file('f.png', 2)])],
      (text, i) => `${i}:${text}`,
    );
    expect(view.files.map((f) => f.name)).toEqual(['f.png', 'f-2.png']);
    expect(view.embeds.map((e) => e.image?.url)).toEqual(['attachment://f.png', 'attachment://f.png', 'attachment://f-2.png']);
    expect(view.embeds.map((e) => e.description)).toEqual(['0:t', '1:t', '2:t']);
  });
});
