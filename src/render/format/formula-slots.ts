import { codeBlock } from './code.js';
import { continueLines } from './continuation.js';
import type { DisplayFormula, FormattedSection } from './types.js';

// Private-use characters never occur in notes, so a marker cannot collide with prose.
const OPEN = '\uE000';
const CLOSE = '\uE001';

export function formulaMarker(index: number): string {
  return `${OPEN}formula ${index}${CLOSE}`;
}

/** A formula's number, "(1)" or its own `\tag` "(5-1)", the same in the text and on the card. */
export function formulaNumber(formula: Pick<DisplayFormula, 'index' | 'tag'>): string {
  return `(${formula.tag ?? formula.index + 1})`;
}

/**
 * Splits `\tag{…}` off a formula: the card draws numbers itself, and MathJax
 * lays tagged formulas out full-width with no size of their own.
 */
export function splitTag(tex: string): { tex: string; tag?: string } {
  let tag: string | undefined;
  const rest = tex.replace(/\\tag\*?\s*\{([^{}]*)\}/g, (_, t: string) => {
    tag ??= t.trim();
    return '';
  });
  return tag === undefined ? { tex: tex.trim() } : { tex: rest.trim(), tag };
}

/**
 * The section's final text: each display formula drawn in the image becomes
 * its number, each one that was not (or all, with no image) the code block
 * Discord users saw before formulas were drawn.
 */
export function placeFormulas(section: FormattedSection, drawn: ReadonlySet<number> = new Set()): string {
  const text = section.text;
  return text.replace(new RegExp(`${OPEN}formula (\\d+)${CLOSE}`, 'g'), (_, n: string, offset: number) => {
    const index = Number(n);
    const formula = section.formulas[index];
    if (!formula) return '';
    if (drawn.has(index)) return `**${formulaNumber(formula)}**`;
    const code = codeBlock(formula.tag ? `${formula.tex}  \\tag{${formula.tag}}` : formula.tex);
    return continueLines(code, text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset));
  });
}
