import stringWidth from 'string-width';

/**
 * Columns a string takes in a monospace font: CJK and full-width characters
 * take two, combining marks and zero-width characters none. Ambiguous ones
 * count as narrow, as Discord's code font draws them.
 */
export function displayWidth(text: string): number {
  return stringWidth(text, { ambiguousIsNarrow: true });
}

/** `text` padded with spaces to `width` columns, placed as the column's alignment says. */
export function padToWidth(text: string, width: number, align: 'left' | 'right' | 'center' = 'left'): string {
  const gap = Math.max(0, width - displayWidth(text));
  if (align === 'right') return ' '.repeat(gap) + text;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(Math.ceil(gap / 2));
  return text + ' '.repeat(gap);
}
