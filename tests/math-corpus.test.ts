/**
 * Every formula in the bundled notes and in the external dl500 corpus, as the
 * bot will meet them (section by section): each display formula is drawn as a
 * checked PNG or falls back to code with a reason, and each inline expression
 * converts to Unicode or stays code with a reason. The counts are printed for
 * the README and asserted as floors, so a regression in MathJax handling or in
 * the Unicode pre-pass shows up here.
 */
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mathFromMarkdown } from 'mdast-util-math';
import { math } from 'micromark-extension-math';
import { describe, expect, test } from 'vitest';
import { texToUnicode } from '../src/render/format/inline-math.js';
import { formatSection } from '../src/render/format/section.js';
import { CARD_STYLE } from '../src/render/math/card.js';
import { memoryFormulaCache } from '../src/render/math/formula-cache.js';
import { createFormulaRenderer } from '../src/render/math/render-formulas.js';
import { pngStats } from './support/png-stats.js';
import { DL500_SKIP_MESSAGE, dl500Dir, hasDl500, loadNotes, notesDir } from './support/quiz-notes.js';

interface Corpus {
  display: string[];
  inline: string[];
}

function inlineMath(node: Nodes): string[] {
  if (node.type === 'inlineMath') return [node.value];
  return 'children' in node ? node.children.flatMap((c) => inlineMath(c)) : [];
}

async function corpusFormulas(dir: string): Promise<Corpus> {
  const display = new Set<string>();
  const inline = new Set<string>();
  for (const note of await loadNotes(dir)) {
    for (const chunk of note.chunks) {
      const formulas = formatSection(chunk.text).formulas.map((f) => f.tex);
      for (const tex of formulas) display.add(tex);
      // `$…$` alone on a line was lifted out as a display formula; every other one is inline.
      const tree = fromMarkdown(chunk.text, { extensions: [math()], mdastExtensions: [mathFromMarkdown()] });
      for (const tex of inlineMath(tree)) if (!formulas.includes(tex.trim())) inline.add(tex);
    }
  }
  return { display: [...display], inline: [...inline] };
}

async function checkDisplay(name: string, formulas: string[]) {
  const renderer = createFormulaRenderer({ cache: memoryFormulaCache(), logger: { warn() {} } });
  const reasons = new Map<string, number>();
  let drawn = 0;
  const started = performance.now();
  for (const tex of formulas) {
    const r = await renderer.render([{ index: 0, tex, marker: '' }]);
    if (!r.image) {
      expect(r.fallbacks, tex).toHaveLength(1);
      expect(r.fallbacks[0]!.reason, tex).not.toBe('');
      const kind = r.fallbacks[0]!.reason.replace(/\\\S+|\(\d+ em\)/g, '…');
      reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
      continue;
    }
    drawn++;
    const s = pngStats(r.image.png, CARD_STYLE.radiusPx);
    expect(s.width, tex).toBeLessThanOrEqual(CARD_STYLE.maxWidthPx);
    expect(s.width, tex).toBeGreaterThanOrEqual(60);
    expect(s.height, tex).toBeGreaterThanOrEqual(40);
    expect(s.height, tex).toBeLessThanOrEqual(2000);
    expect(r.image.png.length, tex).toBeGreaterThan(300);
    expect(r.image.png.length, tex).toBeLessThan(400_000);
    expect(s.seeThroughOutsideCorners, tex).toBe(0);
    expect(s.inkPixels, tex).toBeGreaterThan(20);
    expect(s.lumaVariance, tex).toBeGreaterThan(50);
  }
  const ms = performance.now() - started;
  console.log(
    `${name}: ${formulas.length} distinct display formulas, ${drawn} drawn, ${formulas.length - drawn} shown as code ` +
      `(${[...reasons].map(([k, n]) => `${n}× ${k}`).join('; ') || 'none'}); ${(ms / 1000).toFixed(1)} s, ${(ms / formulas.length).toFixed(0)} ms each`,
  );
  return drawn;
}

function checkInline(name: string, expressions: string[]) {
  let converted = 0;
  for (const tex of expressions) {
    const r = texToUnicode(tex);
    if (r.ok) {
      converted++;
      // Braces, carets and underscores the TeX escaped (\{ \_) are text; a script with no Unicode form is written
      // as plain-text math writes it (μ_B, P_data, a^[1]): any other brace, backslash, caret or underscore is unconverted markup.
      const literal = new Set([...tex.matchAll(/\\([{}_^])/g)].map((m) => m[1]));
      const plainScripts = r.text.replace(/[_^](?=[\p{L}\p{N}([])/gu, '');
      expect(
        [...plainScripts].filter((c) => '\\^_{}'.includes(c) && !literal.has(c)),
        tex,
      ).toEqual([]);
    } else expect(r.reason, tex).not.toBe('');
  }
  console.log(
    `${name}: ${expressions.length} distinct inline expressions, ${converted} as Unicode, ${expressions.length - converted} kept as code`,
  );
  return converted;
}

describe('the bundled notes', () => {
  test('every display formula is drawn; inline math mostly reads as Unicode', async () => {
    const { display, inline } = await corpusFormulas(notesDir);
    expect(display.length).toBeGreaterThan(20);
    expect(await checkDisplay('notes', display)).toBe(display.length);
    expect(checkInline('notes', inline)).toBeGreaterThan(inline.length * 0.95);
  });
});

describe.runIf(hasDl500)('the dl500 corpus', () => {
  test('every display formula is drawn or falls back with a reason; each inline expression converts or falls back', async () => {
    const { display, inline } = await corpusFormulas(dl500Dir);
    expect(display.length).toBeGreaterThan(200);
    expect(await checkDisplay('dl500', display)).toBeGreaterThan(display.length * 0.9);
    expect(checkInline('dl500', inline)).toBeGreaterThan(inline.length * 0.9);
  }, 180_000);
});

if (!hasDl500) {
  describe('dl500 corpus', () => {
    test.skipIf(true)(DL500_SKIP_MESSAGE, () => {});
  });
}
