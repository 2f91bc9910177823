import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { Logger } from '../../log.js';
import { formulaNumber } from '../format/formula-slots.js';
import type { DisplayFormula } from '../format/types.js';
import { CARD_STYLE, composeCard, tooWideForCard, type CardRow } from './card.js';
import { CJK_FONT_FAMILY, findCjkFont } from './cjk-font.js';
import type { FormulaCache } from './formula-cache.js';
import { loadTexToSvg, TexError, type TexToSvg } from './tex-to-svg.js';

/** A section's drawn formulas: one PNG, the TeX as its alt text. */
export interface FormulaImage {
  png: Buffer;
  width: number;
  height: number;
  alt: string;
}

export interface FormulaFallback {
  index: number;
  reason: string;
}

export interface FormulaRendering {
  /** Null when no formula could be drawn (or there were none). */
  image: FormulaImage | null;
  /** Indexes of the formulas in `image`, for `placeFormulas`. */
  drawn: Set<number>;
  /** Formulas to show as code, with why. */
  fallbacks: FormulaFallback[];
}

export interface FormulaRendererOptions {
  cache: FormulaCache;
  logger: Pick<Logger, 'warn'>;
  /** The CJK font file; defaults to the one the font package ships, null for none. */
  cjkFont?: string | null;
}

export interface FormulaRenderer {
  render(formulas: readonly DisplayFormula[]): Promise<FormulaRendering>;
}

/** Discord's limit on an attachment's description, where the alt text goes. */
export const ALT_TEXT_MAX = 1024;

// Part of every cache key: bump it when the card's look changes so old PNGs are not reused.
const CARD_VERSION = 'card-2';

/**
 * Draws each section's display formulas as one card (MathJax → SVG → resvg →
 * PNG), cached by content. MathJax is loaded on the first formula that is not
 * in the cache. A formula MathJax rejects, or one that needs a CJK font when
 * there is none, is left out of the card and reported as a fallback.
 */
export function createFormulaRenderer(options: FormulaRendererOptions): FormulaRenderer {
  let cjkFont = options.cjkFont === undefined ? findCjkFont() : options.cjkFont;
  // resvg skips a font file it cannot read without a word, and would draw blanks.
  if (cjkFont !== null && !existsSync(cjkFont)) {
    options.logger.warn(`CJK font not found at ${cjkFont}: formulas with Chinese text will be shown as code`);
    cjkFont = null;
  }
  let texToSvg: Promise<TexToSvg> | undefined;
  const typeset = () => (texToSvg ??= loadTexToSvg());

  return {
    async render(formulas) {
      if (formulas.length === 0) return { image: null, drawn: new Set(), fallbacks: [] };
      const key = cacheKey(formulas, cjkFont !== null);
      // A cache that fails (disk full, permissions) costs a redraw, never the answer.
      const cached = await fromCache(options.cache, key).catch((error: unknown) => {
        options.logger.warn(`formula cache unreadable, drawing again: ${message(error)}`);
        return null;
      });
      if (cached) return cached;

      const toSvg = await typeset();
      const rows: CardRow[] = [];
      const drawn = new Set<number>();
      const fallbacks: FormulaFallback[] = [];
      for (const f of formulas) {
        const reason = tryTypeset(toSvg, f.tex, (svg) => {
          const label = toSvg(texText(formulaNumber(f)), false);
          if ((svg.needsTextFont || label.needsTextFont) && !cjkFont) return 'needs a CJK font and none is installed';
          if (tooWideForCard(svg)) return `too wide to read as an image (${svg.widthEm.toFixed(0)} em)`;
          rows.push({ formula: svg, label });
          drawn.add(f.index);
          return null;
        });
        if (reason) {
          fallbacks.push({ index: f.index, reason });
          options.logger.warn(`formula ${f.index + 1} shown as code (${reason}): ${oneLine(f.tex)}`);
        }
      }
      let image: FormulaImage | null = null;
      try {
        if (rows.length)
          image = rasterise(
            rows,
            formulas.filter((f) => drawn.has(f.index)),
            cjkFont,
          );
      } catch (error) {
        // Without a PNG every formula meant for it is shown as code instead.
        for (const index of drawn) fallbacks.push({ index, reason: `resvg: ${message(error)}` });
        fallbacks.sort((a, b) => a.index - b.index);
        drawn.clear();
        options.logger.warn(`formula card not drawn, formulas shown as code: ${message(error)}`);
      }
      const rendering: FormulaRendering = { image, drawn, fallbacks };
      await toCache(options.cache, key, rendering).catch((error: unknown) => {
        options.logger.warn(`formula card not cached: ${message(error)}`);
      });
      return rendering;
    },
  };
}

function tryTypeset(toSvg: TexToSvg, tex: string, use: (svg: ReturnType<TexToSvg>) => string | null): string | null {
  try {
    return use(toSvg(tex, true));
  } catch (error) {
    if (error instanceof TexError) return `MathJax: ${error.message}`;
    return `MathJax failed: ${message(error)}`;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function rasterise(rows: CardRow[], formulas: DisplayFormula[], cjkFont: string | null): FormulaImage {
  const card = composeCard(rows);
  const needsFont = rows.some((r) => r.formula.needsTextFont || r.label.needsTextFont);
  const resvg = new Resvg(card.svg, {
    fitTo: card.width > CARD_STYLE.maxWidthPx ? { mode: 'width', value: CARD_STYLE.maxWidthPx } : { mode: 'original' },
    font: {
      // Only our font, never the machine's: the same PNG everywhere, and no font scan per card.
      loadSystemFonts: false,
      fontFiles: needsFont && cjkFont ? [cjkFont] : [],
      defaultFontFamily: CJK_FONT_FAMILY,
      serifFamily: CJK_FONT_FAMILY,
      sansSerifFamily: CJK_FONT_FAMILY,
    },
  });
  const rendered = resvg.render();
  return { png: rendered.asPng(), width: rendered.width, height: rendered.height, alt: altText(formulas) };
}

function altText(formulas: DisplayFormula[]): string {
  const text = formulas.map((f) => `${formulaNumber(f)} ${oneLine(f.tex)}`).join('\n');
  return text.length <= ALT_TEXT_MAX ? text : `${text.slice(0, ALT_TEXT_MAX - 1)}…`;
}

/** A number as upright TeX text; a tag may hold characters TeX treats as markup. */
function texText(text: string): string {
  return `\\text{${text.replace(/[\\{}$&#^_%~]/g, (c) => `\\${c}`)}}`;
}

function oneLine(tex: string): string {
  return tex.replace(/\s+/g, ' ').trim();
}

function cacheKey(formulas: readonly DisplayFormula[], hasCjkFont: boolean): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([CARD_VERSION, hasCjkFont, formulas.map((f) => [f.index, f.tag ?? null, f.tex])]));
  return hash.digest('hex');
}

interface CachedManifest {
  drawn: number[];
  fallbacks: FormulaFallback[];
  width: number;
  height: number;
  alt: string;
}

async function fromCache(cache: FormulaCache, key: string): Promise<FormulaRendering | null> {
  const manifestBytes = await cache.get(`${key}.json`);
  if (!manifestBytes) return null;
  let manifest: CachedManifest;
  try {
    manifest = JSON.parse(Buffer.from(manifestBytes).toString('utf8')) as CachedManifest;
  } catch {
    return null; // a damaged entry is drawn again and overwritten
  }
  const drawn = new Set(manifest.drawn);
  if (drawn.size === 0) return { image: null, drawn, fallbacks: manifest.fallbacks };
  const png = await cache.get(`${key}.png`);
  if (!png) return null;
  return {
    image: { png: Buffer.from(png), width: manifest.width, height: manifest.height, alt: manifest.alt },
    drawn,
    fallbacks: manifest.fallbacks,
  };
}

async function toCache(cache: FormulaCache, key: string, rendering: FormulaRendering): Promise<void> {
  // The PNG first: a manifest is only ever found next to its image.
  if (rendering.image) await cache.put(`${key}.png`, rendering.image.png);
  const manifest: CachedManifest = {
    drawn: [...rendering.drawn],
    fallbacks: rendering.fallbacks,
    width: rendering.image?.width ?? 0,
    height: rendering.image?.height ?? 0,
    alt: rendering.image?.alt ?? '',
  };
  await cache.put(`${key}.json`, Buffer.from(JSON.stringify(manifest)));
}
