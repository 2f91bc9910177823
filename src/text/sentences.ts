/**
 * Sentence boundaries for mixed Chinese/English prose.
 *
 * Returns the end offsets (exclusive) of each sentence in `text`. A sentence
 * ends after 。！？!? or a period followed by white space, or at a blank line.
 * Inline math (`$...$`) and inline code (`` `...` ``) are never split, because a
 * formula like `$p_t = 0.5. $` must stay whole when it is quoted.
 */
export function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  let inMath = false;
  let inCode = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') { i++; continue; }
    if (ch === '`' && !inMath) { inCode = !inCode; continue; }
    if (ch === '$' && !inCode) { inMath = !inMath; continue; }
    if (inMath || inCode) continue;
    const next = text[i + 1];
    let end = -1;
    if (ch === '。' || ch === '！' || ch === '？' || ch === '；') end = i + 1;
    else if ((ch === '.' || ch === '!' || ch === '?') && (next === undefined || /\s/.test(next))) end = i + 1;
    else if (ch === '\n' && next === '\n') end = i + 1;
    if (end > 0) {
      // Keep closing quotes and brackets with the sentence they close.
      while (end < text.length && /[”’"')）\]】」』]/.test(text[end]!)) end++;
      ends.push(end);
    }
  }
  if (ends.length === 0 || ends[ends.length - 1]! < text.length) ends.push(text.length);
  return ends;
}

/** Splits `text` into sentences, keeping each sentence's offset. */
export function splitSentences(text: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  let start = 0;
  for (const end of sentenceEnds(text)) {
    const piece = text.slice(start, end);
    if (piece.trim()) out.push({ start, end, text: piece });
    start = end;
  }
  return out;
}
