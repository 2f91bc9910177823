import { codeBlock } from './code.js';
import type { FormattedSection } from './types.js';

// Private-use characters never occur in notes, so a marker cannot collide with prose.
const OPEN = '\uE000';
const CLOSE = '\uE001';

export function formulaMarker(index: number): string {
  return `${OPEN}formula ${index}${CLOSE}`;
}

/** How the text refers to formula `index` drawn in the image (numbered the same way there). */
export function formulaLabel(index: number): string {
  return `**(${index + 1})**`;
}

/**
 * The section's final text: each display formula drawn in the image becomes
 * its number, each one that was not (or all, with no image) the code block
 * Discord users saw before formulas were drawn.
 */
export function placeFormulas(section: FormattedSection, drawn: ReadonlySet<number> = new Set()): string {
  return section.text.replace(new RegExp(`${OPEN}formula (\\d+)${CLOSE}`, 'g'), (_, n: string) => {
    const index = Number(n);
    const formula = section.formulas[index];
    if (!formula) return '';
    return drawn.has(index) ? formulaLabel(index) : codeBlock(formula.tex);
  });
}
