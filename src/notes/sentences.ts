/**
 * Sentence boundaries for mixed Chinese/English prose.
 *
 * A sentence ends after 。！？；or an ellipsis (… / ……), after . ! ? followed by
 * white space, at a blank line, and before a line that starts a list item.
 * A period does not end a sentence when it belongs to a list marker ("1. ",
 * "**2.** "), a decimal ("0.25", which has no space after the point anyway) or
 * an abbreviation ("e.g.", "i.e.", "Fig.", "et al."). Inline math (`$...$`)
 * and inline code (`` `...` ``) are never split, because a formula like
 * `$p_t = 0.5. $` must stay whole when it is quoted.
 */

/** Lower-cased, without the final period. "etc" is not here: it ends sentences as often as not. */
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'cf',
  'vs',
  'fig',
  'figs',
  'eq',
  'eqs',
  'sec',
  'ch',
  'vol',
  'pp',
  'approx',
  'resp',
  'incl',
  'al',
  'mr',
  'mrs',
  'dr',
  'prof',
]);

/** The start of a list item at the beginning of a line: "- ", "* ", "1. ", "2) ", "1、", "（1）", "(1)". */
export const LIST_ITEM_START = /^[ \t\u200b\u3000]*(?:[-*+][ \t]|\d{1,3}[.)][ \t]|\d{1,3}、|[（(]\d{1,3}[)）])/;

/** Characters that close what a sentence opened and belong with it. */
const CLOSERS = /[”’"')）\]】」』]/;

/** Sentence ends in order, found one at a time: the first sentence is found without reading the rest. */
function* sentenceEnds(text: string): Generator<number> {
  let last = -1;
  let inMath = false;
  let inCode = false;
  let sentenceStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '`' && !inMath) {
      inCode = !inCode;
      continue;
    }
    if (ch === '$' && !inCode) {
      inMath = !inMath;
      continue;
    }
    if (inMath || inCode) continue;
    const next = text[i + 1];
    let end = -1;
    if (ch === '。' || ch === '！' || ch === '？' || ch === '；') end = i + 1;
    else if (ch === '…') {
      let j = i;
      while (text[j + 1] === '…') j++;
      // "1, 2, …, n" and "…）" continue the sentence; "……" before a new clause ends it.
      if (!/^[，,、；;：:)）\]】A-Za-z0-9_$\\]/.test(text[j + 1] ?? '')) end = j + 1;
      i = j;
    } else if ((ch === '.' || ch === '!' || ch === '?') && (next === undefined || /\s/.test(next))) {
      if (ch !== '.' || !periodContinues(text, sentenceStart, i)) end = i + 1;
    } else if (ch === '\n' && next === '\n') end = i + 1;
    else if (ch === '\n' && LIST_ITEM_START.test(text.slice(i + 1, i + 12))) end = i + 1;
    if (end > 0) {
      // Keep closing quotes, brackets and the end of bold (**) with the sentence they close.
      for (;;) {
        if (end < text.length && CLOSERS.test(text[end]!)) end++;
        else if (text.startsWith('**', end) && countOf(text.slice(sentenceStart, end), '**') % 2 === 1) end += 2;
        else break;
      }
      yield end;
      last = end;
      sentenceStart = end;
      i = end - 1;
    }
  }
  if (last < text.length) yield text.length;
}

/** A period followed by white space that still does not end the sentence: a list marker or an abbreviation. */
function periodContinues(text: string, sentenceStart: number, at: number): boolean {
  // "1." / "**2." / "a." alone since the last boundary, or "1." right after a Chinese colon, is a list marker.
  const before = text.slice(sentenceStart, at);
  if (/^[\s*_>-]*(?:\d{1,3}|[A-Za-z])$/.test(before) || /：\s*\d{1,3}$/.test(before)) return true;
  const word = /([A-Za-z][A-Za-z.]*)$/.exec(text.slice(Math.max(sentenceStart, at - 12), at))?.[1]?.toLowerCase();
  if (!word) return false;
  if (word === 'al') return /\bet\s+$/i.test(text.slice(Math.max(0, at - 6), at - 2));
  return ABBREVIATIONS.has(word);
}

function countOf(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** A sentence of a text, with its offsets into it. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

/** The sentences of `text` that are not blank, in order, found one at a time. */
function* sentencesOf(text: string): Generator<Sentence> {
  let start = 0;
  for (const end of sentenceEnds(text)) {
    const piece = text.slice(start, end);
    if (piece.trim()) yield { start, end, text: piece };
    start = end;
  }
}

/** The first sentence of `text` that is not blank, as splitSentences gives it, or undefined. */
export function firstSentence(text: string): Sentence | undefined {
  for (const sentence of sentencesOf(text)) return sentence;
  return undefined;
}

/** Splits `text` into sentences, keeping each sentence's offset. */
export function splitSentences(text: string): Sentence[] {
  return [...sentencesOf(text)];
}
