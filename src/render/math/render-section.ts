import { placeFormulas } from '../format/formula-slots.js';
import { formatSection } from '../format/section.js';
import type { FormatOptions, ImageRef } from '../format/types.js';
import type { FormulaFallback, FormulaImage, FormulaRenderer } from './render-formulas.js';

export interface DiscordSection {
  /** Discord Markdown; formulas in `image` appear as their number, the others as code blocks. */
  text: string;
  /** The section's display formulas as one PNG, or null when there are none to draw. */
  formulaImage: FormulaImage | null;
  /** Images the section references, to resolve (see resolve-image.ts) and attach. */
  images: ImageRef[];
  fallbacks: FormulaFallback[];
}

/** The one call a caller needs: a note section as Discord text plus its formula image. */
export async function renderSection(markdown: string, renderer: FormulaRenderer, options: FormatOptions = {}): Promise<DiscordSection> {
  const section = formatSection(markdown, options);
  const math = await renderer.render(section.formulas);
  return {
    text: placeFormulas(section, math.drawn),
    formulaImage: math.image,
    images: section.images,
    fallbacks: math.fallbacks,
  };
}
