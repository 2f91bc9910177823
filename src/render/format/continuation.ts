/**
 * What starts the next line of a multi-line replacement made on a line that
 * begins with `prefix`: its quote marks, and spaces under list markers and
 * indentation, so the replacement stays in its quote or list item. Text before
 * the replacement on that line is not structure and adds nothing.
 */
export function continuation(prefix: string): string {
  const structure = /^(?:[ \t]*>[ \t]?|[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)*[ \t]*/.exec(prefix)![0];
  return structure.replace(/[^\s>]/g, ' ');
}

/** `text` with every line after the first continued under `prefix`. */
export function continueLines(text: string, prefix: string): string {
  const next = continuation(prefix);
  return next ? text.replace(/\n/g, `\n${next}`) : text;
}
