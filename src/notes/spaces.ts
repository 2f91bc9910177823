/**
 * Spaces a note writes as something other than a space. Chinese blog sources indent every paragraph with
 * character references ("&emsp;&emsp;", on a line of its own or before the text) and paste zero-width spaces
 * ("\u200b\t"): a reader sees blank space, so every reader of the text (the renderer, the definition finder,
 * concept mining, the eval's heading match) treats them as one.
 */

/** A space written as an HTML character reference: named, decimal or hexadecimal. */
export const SPACE_REFERENCE = /&(?:emsp|ensp|nbsp|thinsp|#160|#8194|#8195|#8201|#x0*a0|#x0*200[239]);/gi;

/** Characters that take no room at all: zero-width spaces and joiners, and a byte-order mark. */
export const ZERO_WIDTH = /\u200b|\u200c|\u200d|\ufeff/g;

/** The text as a reader sees its spacing: space references read as spaces, zero-width characters gone. */
export function withSpacesRead(text: string): string {
  return text.replace(SPACE_REFERENCE, ' ').replace(ZERO_WIDTH, '');
}
