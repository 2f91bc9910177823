import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Family name inside the font file; resvg picks fonts by family. */
export const CJK_FONT_FAMILY = 'Noto Sans Hans';

/**
 * Noto Sans Hans (Simplified Chinese, OTF) from the `@embedpdf/fonts-sc`
 * package, for CJK characters MathJax's own fonts lack (`\text{损失}`). Null
 * when the package is missing, so such formulas fall back to code instead of
 * drawing empty boxes.
 */
export function findCjkFont(): string | null {
  try {
    const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
    const file = join(dirname(dirname(entry)), 'fonts', 'NotoSansHans-Regular.otf');
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}
