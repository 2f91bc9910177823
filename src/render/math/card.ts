import type { MathSvg } from './tex-to-svg.js';

/**
 * How a formula card looks. Dark text on an opaque light card reads on both of
 * Discord's themes; 30 px per em makes a typical loss formula ~400 px wide,
 * the width a phone shows an embed image at without shrinking it much.
 */
export const CARD_STYLE = {
  emPx: 30,
  paddingPx: 24,
  gapPx: 22,
  labelGapPx: 28,
  radiusPx: 14,
  background: '#f6f7f9',
  ink: '#1e1f22',
  labelInk: '#6d6f78',
  /**
   * Wider cards are scaled down to this. A phone shows an embed image ~350 px
   * wide, so 1000 px is already shown at a third, an em of ~10 px.
   */
  maxWidthPx: 1000,
  /** A formula that would be drawn smaller than this (wider than ~55 em) is shown as code, which wraps. */
  minScale: 0.6,
} as const;

/** Whether a formula is too wide to read once its card is scaled to `maxWidthPx`. */
export function tooWideForCard(formula: MathSvg, style = CARD_STYLE): boolean {
  return formula.widthEm * style.emPx > style.maxWidthPx / style.minScale;
}

export interface CardRow {
  formula: MathSvg;
  /** The formula's number, typeset like a LaTeX equation tag: "(1)". */
  label: MathSvg;
}

export interface CardSvg {
  svg: string;
  /** Size of the SVG's own coordinate system, before any scaling to `maxWidthPx`. */
  width: number;
  height: number;
}

/** Stacks formulas into one card, in order, each centred with its number at the right. */
export function composeCard(rows: CardRow[], style = CARD_STYLE): CardSvg {
  const px = (em: number) => em * style.emPx;
  const formulaWidth = Math.max(...rows.map((r) => px(r.formula.widthEm)));
  const labelWidth = Math.max(...rows.map((r) => px(r.label.widthEm)));
  const width = Math.ceil(style.paddingPx * 2 + formulaWidth + style.labelGapPx + labelWidth);
  const parts: string[] = [];
  let y = style.paddingPx;
  for (const row of rows) {
    const h = px(row.formula.heightEm);
    const w = px(row.formula.widthEm);
    const x = style.paddingPx + (formulaWidth - w) / 2;
    parts.push(placed(row.formula.svg, x, y, w, h));
    const lh = px(row.label.heightEm);
    const lw = px(row.label.widthEm);
    parts.push(`<g color="${style.labelInk}">${placed(row.label.svg, width - style.paddingPx - lw, y + (h - lh) / 2, lw, lh)}</g>`);
    y += h + style.gapPx;
  }
  const height = Math.ceil(y - style.gapPx + style.paddingPx);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" color="${style.ink}">` +
    `<rect width="${width}" height="${height}" rx="${style.radiusPx}" fill="${style.background}"/>` +
    parts.join('') +
    '</svg>';
  return { svg, width, height };
}

/** MathJax's `<svg>` re-sized in pixels and placed at (x, y) in the card. */
function placed(svg: string, x: number, y: number, w: number, h: number): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  const viewBox = /viewBox="([^"]*)"/.exec(open?.[0] ?? '');
  if (!open || !viewBox) throw new Error('not a MathJax <svg>');
  const inner = svg.slice(open[0].length, svg.lastIndexOf('</svg>'));
  const n = (v: number) => v.toFixed(2);
  return `<svg x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" viewBox="${viewBox[1]}" overflow="visible">${inner}</svg>`;
}
