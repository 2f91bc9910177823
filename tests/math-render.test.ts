import { describe, expect, test } from 'vitest';
import { placeFormulas } from '../src/render/format/formula-slots.js';
import { formatSection } from '../src/render/format/section.js';
import type { DisplayFormula } from '../src/render/format/types.js';
import { CARD_STYLE } from '../src/render/math/card.js';
import { findCjkFont } from '../src/render/math/cjk-font.js';
import { fileFormulaCache } from '../src/render/math/file-cache.js';
import { memoryFormulaCache, type FormulaCache } from '../src/render/math/formula-cache.js';
import { createFormulaRenderer } from '../src/render/math/render-formulas.js';
import { renderSection } from '../src/render/math/render-section.js';
import { pngStats } from './support/png-stats.js';
import { tempDir } from './support/temp-dir.js';

const FOCAL = '\\mathrm{FL}(p_t) = -\\alpha_t (1-p_t)^\\gamma \\log(p_t)';

function formulas(...tex: string[]): DisplayFormula[] {
  return tex.map((t, index) => ({ index, tex: t, marker: `m${index}` }));
}

function recordingLogger() {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (m: string) => void warnings.push(m) } };
}

/** A cache that counts what goes in, to tell a cache hit from a fresh drawing. */
function countingCache(): FormulaCache & { puts: number } {
  const inner = memoryFormulaCache();
  const cache = {
    puts: 0,
    get: inner.get,
    put: async (k: string, b: Uint8Array) => {
      cache.puts++;
      await inner.put(k, b);
    },
  };
  return cache;
}

describe('display formulas drawn as a PNG card', () => {
  test('the focal loss formula is a legible, opaque card about a phone width wide, with its TeX as alt text', async () => {
    const { logger, warnings } = recordingLogger();
    const renderer = createFormulaRenderer({ cache: memoryFormulaCache(), logger });
    const { image, drawn, fallbacks } = await renderer.render(formulas(FOCAL));
    expect(fallbacks).toEqual([]);
    expect(warnings).toEqual([]);
    expect([...drawn]).toEqual([0]);
    expect(image!.png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(image!.alt).toBe(`(1) ${FOCAL}`);
    const stats = pngStats(image!.png, CARD_STYLE.radiusPx);
    expect({ width: stats.width, height: stats.height }).toEqual({ width: image!.width, height: image!.height });
    expect(stats.width).toBeGreaterThanOrEqual(350);
    expect(stats.width).toBeLessThanOrEqual(600);
    expect(stats.height).toBeGreaterThanOrEqual(50);
    expect(stats.height).toBeLessThanOrEqual(150);
    // Only the rounded corners may be see-through.
    expect(stats.opaqueShare).toBeGreaterThan(0.99);
    expect(stats.seeThroughOutsideCorners).toBe(0);
    expect(stats.inkPixels).toBeGreaterThan(1000);
    expect(stats.lumaVariance).toBeGreaterThan(500);
  });

  test("a section's formulas stack into one image, in order, each numbered", async () => {
    const renderer = createFormulaRenderer({ cache: memoryFormulaCache(), logger: recordingLogger().logger });
    const one = await renderer.render(formulas(FOCAL));
    const three = await renderer.render(formulas(FOCAL, 'b = -\\log\\frac{1-\\pi}{\\pi}', 'x^2'));
    expect([...three.drawn]).toEqual([0, 1, 2]);
    expect(three.image!.alt.split('\n').map((l) => l.slice(0, 3))).toEqual(['(1)', '(2)', '(3)']);
    expect(three.image!.height).toBeGreaterThan(2.5 * one.image!.height);
  });

  test('a formula MathJax cannot parse falls back to code with a log line; the others are still drawn', async () => {
    const { logger, warnings } = recordingLogger();
    const renderer = createFormulaRenderer({ cache: memoryFormulaCache(), logger });
    const r = await renderer.render(formulas('\\frac{a}{', FOCAL, '\\undefinedmacro{x}'));
    expect([...r.drawn]).toEqual([1]);
    expect(r.fallbacks).toEqual([
      { index: 0, reason: 'MathJax: Missing close brace' },
      { index: 2, reason: 'MathJax: Undefined control sequence \\undefinedmacro' },
    ]);
    expect(warnings).toEqual([
      'formula 1 shown as code (MathJax: Missing close brace): \\frac{a}{',
      'formula 3 shown as code (MathJax: Undefined control sequence \\undefinedmacro): \\undefinedmacro{x}',
    ]);
    expect(r.image!.alt).toBe(`(2) ${FOCAL}`);
  });

  test('no formula drawn means no image', async () => {
    const renderer = createFormulaRenderer({ cache: memoryFormulaCache(), logger: recordingLogger().logger });
    expect(await renderer.render([])).toEqual({ image: null, drawn: new Set(), fallbacks: [] });
    expect((await renderer.render(formulas('\\frac{'))).image).toBeNull();
  });

  test('Chinese in \\text{} is drawn with the packaged CJK font, or falls back when there is none', async () => {
    expect(findCjkFont()).toMatch(/NotoSansHans-Regular\.otf$/);
    const tex = '\\text{损失} = \\frac{1}{N}\\sum_i \\ell_i';
    const withFont = await createFormulaRenderer({ cache: memoryFormulaCache(), logger: recordingLogger().logger }).render(formulas(tex));
    const latinOnly = await createFormulaRenderer({ cache: memoryFormulaCache(), logger: recordingLogger().logger }).render(
      formulas('\\text{loss} = \\frac{1}{N}\\sum_i \\ell_i'),
    );
    expect([...withFont.drawn]).toEqual([0]);
    // Two CJK glyphs carry more ink than four Latin letters: the font really drew them.
    expect(pngStats(withFont.image!.png).inkPixels).toBeGreaterThan(pngStats(latinOnly.image!.png).inkPixels);

    const { logger, warnings } = recordingLogger();
    const noFont = await createFormulaRenderer({ cache: memoryFormulaCache(), logger, cjkFont: null }).render(formulas(tex));
    expect(noFont.image).toBeNull();
    expect(noFont.fallbacks).toEqual([{ index: 0, reason: 'needs a CJK font and none is installed' }]);
    expect(warnings).toHaveLength(1);

    const missing = recordingLogger();
    const wrongPath = await createFormulaRenderer({
      cache: memoryFormulaCache(),
      logger: missing.logger,
      cjkFont: '/nonexistent/font.otf',
    }).render(formulas(tex));
    expect(wrongPath.fallbacks).toEqual([{ index: 0, reason: 'needs a CJK font and none is installed' }]);
    expect(missing.warnings[0]).toBe('CJK font not found at /nonexistent/font.otf: formulas with Chinese text will be shown as code');
  });

  test('a wide formula is scaled down to the width cap; one too wide to read that way falls back to code', async () => {
    const sum = (n: number) => Array.from({ length: n }, (_, i) => `x_{${i}}`).join(' + ');
    const renderer = createFormulaRenderer({ cache: memoryFormulaCache(), logger: recordingLogger().logger });
    const wide = await renderer.render(formulas(sum(16)));
    expect(wide.image!.width).toBe(1000);
    expect(pngStats(wide.image!.png).inkPixels).toBeGreaterThan(1000);
    const tooWide = await renderer.render(formulas(sum(40)));
    expect(tooWide.image).toBeNull();
    expect(tooWide.fallbacks[0]!.reason).toMatch(/^too wide to read as an image \(\d+ em\)$/);
  });
});

describe('the formula cache', () => {
  test('the same formulas are drawn once: a second renderer on the same cache gets identical bytes', async () => {
    const cache = countingCache();
    const first = await createFormulaRenderer({ cache, logger: recordingLogger().logger }).render(formulas(FOCAL, '\\frac{'));
    const puts = cache.puts;
    const { logger, warnings } = recordingLogger();
    const second = await createFormulaRenderer({ cache, logger }).render(formulas(FOCAL, '\\frac{'));
    expect(cache.puts).toBe(puts);
    expect(second.image!.png.equals(first.image!.png)).toBe(true);
    expect(second.fallbacks).toEqual(first.fallbacks);
    expect(second.drawn).toEqual(first.drawn);
    expect(warnings).toEqual([]);
  });

  test('a cache that fails costs a redraw and a log line, never the card', async () => {
    const { logger, warnings } = recordingLogger();
    const broken: FormulaCache = {
      get: async () => Promise.reject(new Error('EACCES: permission denied')),
      put: async () => Promise.reject(new Error('ENOSPC: no space left on device')),
    };
    const r = await createFormulaRenderer({ cache: broken, logger }).render(formulas(FOCAL));
    expect(pngStats(r.image!.png).inkPixels).toBeGreaterThan(1000);
    expect(warnings).toEqual([
      'formula cache unreadable, drawing again: EACCES: permission denied',
      'formula card not cached: ENOSPC: no space left on device',
    ]);
  });

  test('the file cache keeps cards in a folder across renderers, and a damaged entry is drawn again', async () => {
    const dir = tempDir('studybot-formulas-');
    const first = await createFormulaRenderer({ cache: fileFormulaCache(dir), logger: recordingLogger().logger }).render(formulas(FOCAL));
    const again = await createFormulaRenderer({ cache: fileFormulaCache(dir), logger: recordingLogger().logger }).render(formulas(FOCAL));
    expect(again.image!.png.equals(first.image!.png)).toBe(true);

    const cache = fileFormulaCache(dir);
    const { readdirSync, writeFileSync } = await import('node:fs');
    const manifest = readdirSync(dir).find((f) => f.endsWith('.json'))!;
    writeFileSync(`${dir}/${manifest}`, '{broken');
    const redrawn = await createFormulaRenderer({ cache, logger: recordingLogger().logger }).render(formulas(FOCAL));
    expect(redrawn.image!.png.equals(first.image!.png)).toBe(true);
    await expect(cache.get('../escape')).rejects.toThrow('not a formula cache key');
  });
});

test('renderSection: one call gives the text with formula numbers, the card and the images', async () => {
  const md = `定义：\n\n$$\n${FOCAL}\n$$\n\n当 $p_t \\to 1$ 时损失趋于 0。\n\n![结构](img/retina.png)\n\n$$\\frac{$$`;
  const renderer = createFormulaRenderer({ cache: memoryFormulaCache(), logger: recordingLogger().logger });
  const out = await renderSection(md, renderer);
  expect(out.text).toBe('定义：\n\n**(1)**\n\n当 pₜ → 1 时损失趋于 0。\n\n*[结构]*\n\n```\n\\frac{\n```');
  expect(out.formulaImage!.alt).toBe(`(1) ${FOCAL}`);
  expect(out.images).toEqual([{ kind: 'local', path: 'img/retina.png', alt: '结构' }]);
  expect(out.fallbacks).toEqual([{ index: 1, reason: 'MathJax: Missing close brace' }]);
  expect(out.text).toBe(placeFormulas(formatSection(md), new Set([0])));
});
