import { placeFormulas } from './format/formula-slots.js';
import { inlineMathMarkdown, texToUnicode } from './format/inline-math.js';
import { formatSection } from './format/section.js';

/**
 * The one formatter for note text shown anywhere: the /ask quote, Full section
 * pages, quiz stems, daily posts and the CLI. Inline math becomes Unicode (or
 * code), tables are aligned, HTML and footnotes read as text, and display math
 * is a code block. Callers that attach a formula image use `renderSection`
 * (math/render-section.ts) instead, which places the drawn formulas as numbers.
 */
export function sectionMarkdown(markdown: string): string {
  return placeFormulas(formatSection(markdown));
}

// `$…$` on one line, not `$$`, not an escaped `\$`.
const INLINE_MATH = /(?<![\\$])\$(?!\s)([^$\n]+?)(?<![\s\\])\$(?!\$)/g;

/**
 * A one-line text from the notes (a heading, a term, a quiz option) as Discord
 * Markdown: inline math as Unicode where faithful, else a code span. Unlike
 * `sectionMarkdown`, a lone `$x$` stays inline: a heading is never a display formula.
 */
export function inlineMarkdown(text: string): string {
  return text.replace(INLINE_MATH, (_, tex: string) => inlineMathMarkdown(tex));
}

/** Like `inlineMarkdown`, for plain text (a terminal, a button label): no Markdown escapes or code marks. */
export function inlinePlain(text: string): string {
  return text.replace(INLINE_MATH, (_, tex: string) => {
    const converted = texToUnicode(tex);
    return converted.ok ? converted.text : tex.trim();
  });
}
