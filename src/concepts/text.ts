/**
 * Text helpers shared by the concept bank and the quiz generator: reading the
 * prose sentences of a chunk (no code, formulas or tables), turning inline
 * Markdown into text a student can read in Discord, and matching a term and
 * its aliases in text (to blank them out, or to prove they are not there).
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mathFromMarkdown } from 'mdast-util-math';
import { math } from 'micromark-extension-math';
import type { Nodes, Paragraph } from 'mdast';
import type { Chunk } from '../notes/types.js';
import { splitSentences } from '../notes/sentences.js';
import { withSpacesRead } from '../notes/spaces.js';
import { GREEK_LETTERS } from '../text/greek.js';

/** One sentence of note prose, with its place in the file. */
export interface ProseSentence {
  /** The Markdown source of the sentence. */
  raw: string;
  /** Readable text: emphasis removed, formulas as `code`, whitespace collapsed. */
  text: string;
  /** A formula that could not be made readable (it would show as a half formula). */
  hardMath: boolean;
  /**
   * The sentence is whole: it ends with sentence punctuation, or closes its
   * paragraph without leading into a formula, code block or list (“……设为” followed
   * by a display formula is not whole).
   */
  complete: boolean;
  startLine: number;
  endLine: number;
}

export interface ProseParagraph {
  raw: string;
  sentences: ProseSentence[];
  startLine: number;
  endLine: number;
  /** The paragraph opens a list item. */
  listItem: boolean;
  /** Index of the paragraph in its chunk. */
  index: number;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const CJK_G = /[\u3400-\u9fff\uf900-\ufaff]/g;

export function hasCjk(s: string): boolean {
  return CJK.test(s);
}

/** Every prose paragraph of a chunk (list items and block quotes included), split into sentences. */
export function proseParagraphs(chunk: Chunk): ProseParagraph[] {
  const text = chunk.text;
  let tree: ReturnType<typeof fromMarkdown>;
  try {
    tree = fromMarkdown(text, { extensions: [math()], mdastExtensions: [mathFromMarkdown()] });
  } catch {
    return [];
  }
  const out: ProseParagraph[] = [];
  const visit = (node: Nodes, inListItem: boolean, next?: Nodes) => {
    if (node.type === 'paragraph') {
      addParagraph(node, inListItem, next);
      return;
    }
    if (node.type === 'listItem') {
      node.children.forEach((child, i) => {
        visit(child, i === 0, node.children[i + 1]);
      });
      return;
    }
    if (node.type === 'root' || node.type === 'list' || node.type === 'blockquote') {
      node.children.forEach((child, i) => {
        visit(child, false, node.children[i + 1]);
      });
    }
    // code, math, html, headings, thematic breaks, definitions: not prose.
  };
  const addParagraph = (node: Paragraph, listItem: boolean, next?: Nodes) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    const line = node.position?.start.line;
    if (start === undefined || end === undefined || line === undefined) return;
    const raw = text.slice(start, end);
    if (/^\s*\|/.test(raw)) return; // a table (no GFM extension here, so it parses as a paragraph)
    const startLine = chunk.startLine + line - 1;
    const sentences: ProseSentence[] = [];
    const leadsIntoBlock =
      next !== undefined &&
      (next.type === 'math' ||
        next.type === 'code' ||
        next.type === 'list' ||
        (next.type === 'paragraph' && /^\s*\|/.test(text.slice(next.position?.start.offset ?? 0, next.position?.end.offset ?? 0))));
    const pieces = splitSentences(raw);
    for (const [k, s] of pieces.entries()) {
      const cleaned = cleanInline(s.text);
      if (!cleaned.text) continue;
      const ended = /[。！？!?.；;][”’"')）\]】」』]*$/.test(cleaned.text.replace(/`$/, ''));
      const last = k === pieces.length - 1;
      const complete = ended || (last && !leadsIntoBlock && !/[：:，,、（(]$/.test(cleaned.text));
      const before = raw.slice(0, s.start + (s.text.length - s.text.trimStart().length));
      const inside = s.text.trim();
      const first = startLine + countNewlines(before);
      sentences.push({
        raw: inside,
        text: cleaned.text,
        hardMath: cleaned.hardMath,
        complete,
        startLine: first,
        endLine: first + countNewlines(inside),
      });
    }
    if (sentences.length === 0) return;
    out.push({
      raw,
      sentences,
      startLine,
      endLine: startLine + countNewlines(raw),
      listItem,
      index: out.length,
    });
  };
  visit(tree, false);
  return out;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

export interface CleanText {
  text: string;
  hardMath: boolean;
}

/**
 * Inline Markdown → readable text. Bold/italic markers, links, images and HTML
 * go; inline code stays `code`; inline math becomes readable Unicode in
 * backticks (so Discord shows it literally) and is flagged when it cannot be.
 */
export function cleanInline(markdown: string): CleanText {
  const src = decodeEntities(markdown);
  let out = '';
  let hardMath = false;
  let i = 0;
  let textStart = 0;
  const flushText = (end: number) => {
    out += cleanTextSegment(src.slice(textStart, end));
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '`') {
      const close = src.indexOf('`', i + 1);
      if (close > i) {
        flushText(i);
        const code = src.slice(i + 1, close).trim();
        if (code) out += `\`${code.replace(/`/g, "'")}\``;
        i = close + 1;
        textStart = i;
        continue;
      }
    }
    if (ch === '$') {
      const double = src[i + 1] === '$';
      const open = double ? 2 : 1;
      const close = findMathClose(src, i + open, double);
      if (close > 0) {
        flushText(i);
        const formula = src.slice(i + open, close).trim();
        const readable = latexToText(formula);
        if (readable.hard) hardMath = true;
        if (readable.text) out += `\`${readable.text.replace(/`/g, "'")}\``;
        i = close + open;
        textStart = i;
        continue;
      }
    }
    i++;
  }
  flushText(src.length);
  // A stray quote marker inside a paragraph (“举例： > 标量就是……”) is not quoting anything.
  return {
    text: collapseWhitespace(out)
      .replace(/^(?:>\s*)+/, '')
      .replace(/([：:。；])\s*>\s+/g, '$1'),
    hardMath,
  };
}

function findMathClose(src: string, from: number, double: boolean): number {
  for (let j = from; j < src.length; j++) {
    const c = src[j]!;
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '$') {
      if (!double) return j;
      if (src[j + 1] === '$') return j;
    }
  }
  return -1;
}

function decodeEntities(s: string): string {
  return withSpacesRead(s)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\u00a0|\u3000/g, ' ');
}

function cleanTextSegment(s: string): string {
  return s
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '') // images
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links keep their text
    .replace(/<\/?[A-Za-z][^>]*>/g, '') // HTML tags
    .replace(/\*\*|__/g, '') // bold
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])/g, '$1$2') // *italic*
    .replace(/(^|[^\w])_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)/g, '$1$2') // _italic_
    .replace(/\\([\\`*_{}[\]()#+\-.!$|~<>])/g, '$1'); // Markdown escapes
}

/** Joins the lines of a paragraph: no space between CJK characters, one elsewhere. */
function collapseWhitespace(s: string): string {
  return s
    .replace(/\s*\n\s*/g, (m, offset: number, all: string) => {
      const before = all[offset - 1] ?? '';
      const after = all[offset + m.length] ?? '';
      return isCjkOrFullwidth(before) && isCjkOrFullwidth(after) ? '' : ' ';
    })
    .replace(/[ \t]+/g, ' ')
    .trim();
}

function isCjkOrFullwidth(ch: string): boolean {
  return CJK.test(ch) || /[\u3000-\u303f\uff00-\uffef]/.test(ch);
}

// ---------------------------------------------------------------------------
// LaTeX → readable text

const GREEK: Record<string, string> = {
  ...GREEK_LETTERS,
  varepsilon: 'ε',
  vartheta: 'θ',
  varphi: 'φ',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Xi: 'Ξ',
  Pi: 'Π',
  Sigma: 'Σ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
};

const SYMBOLS: Record<string, string> = {
  times: '×',
  cdot: '·',
  div: '÷',
  pm: '±',
  mp: '∓',
  le: '≤',
  leq: '≤',
  leqslant: '≤',
  ge: '≥',
  geq: '≥',
  geqslant: '≥',
  neq: '≠',
  ne: '≠',
  approx: '≈',
  sim: '~',
  equiv: '≡',
  propto: '∝',
  infty: '∞',
  in: '∈',
  notin: '∉',
  subset: '⊂',
  subseteq: '⊆',
  cup: '∪',
  cap: '∩',
  to: '→',
  rightarrow: '→',
  leftarrow: '←',
  Rightarrow: '⇒',
  Leftrightarrow: '⇔',
  mapsto: '↦',
  sum: 'Σ',
  prod: 'Π',
  int: '∫',
  partial: '∂',
  nabla: '∇',
  forall: '∀',
  exists: '∃',
  varnothing: '∅',
  emptyset: '∅',
  ldots: '…',
  dots: '…',
  cdots: '⋯',
  top: 'ᵀ',
  prime: '′',
  circ: '∘',
  odot: '⊙',
  otimes: '⊗',
  oplus: '⊕',
  lceil: '⌈',
  rceil: '⌉',
  lfloor: '⌊',
  rfloor: '⌋',
  langle: '⟨',
  rangle: '⟩',
  '|': '‖',
  '{': '{',
  '}': '}',
  '%': '%',
  '#': '#',
  '&': '&',
  _: '_',
  ',': ' ',
  ';': ' ',
  ':': ' ',
  '!': '',
  ' ': ' ',
  quad: ' ',
  qquad: ' ',
  mid: '|',
  vert: '|',
  Vert: '‖',
  star: '*',
  ast: '*',
  neg: '¬',
  land: '∧',
  lor: '∨',
  angle: '∠',
  perp: '⊥',
  parallel: '∥',
  deg: '°',
  ell: 'ℓ',
};

const NAMED_FUNCTIONS = new Set([
  'log',
  'ln',
  'exp',
  'max',
  'min',
  'arg',
  'sin',
  'cos',
  'tan',
  'tanh',
  'sigmoid',
  'softmax',
  'lim',
  'sup',
  'inf',
  'det',
  'dim',
  'mod',
  'argmax',
  'argmin',
  'Pr',
  'E',
  'sgn',
  'sign',
]);

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '+': '⁺',
  '-': '⁻',
  T: 'ᵀ',
  n: 'ⁿ',
  i: 'ⁱ',
};
const SUBSCRIPT: Record<string, string> = {
  '0': '₀',
  '1': '₁',
  '2': '₂',
  '3': '₃',
  '4': '₄',
  '5': '₅',
  '6': '₆',
  '7': '₇',
  '8': '₈',
  '9': '₉',
};

/**
 * Converts a short inline formula to plain Unicode (`(1-p_t)^\gamma` → `(1-p_t)^γ`).
 * `hard` is set when something (an environment, an unknown command) could not be
 * converted, so callers can avoid showing half a formula.
 */
export function latexToText(latex: string): { text: string; hard: boolean } {
  const state = { hard: false };
  if (/\\begin\{|\\end\{|\\\\/.test(latex)) state.hard = true;
  const text = convertLatex(latex, state)
    .replace(/\s+/g, ' ')
    .replace(/\s*([,;])\s*/g, '$1 ')
    .trim();
  if (text.length > 60) state.hard = true;
  return { text, hard: state.hard };
}

function convertLatex(src: string, state: { hard: boolean }): string {
  let out = '';
  let i = 0;
  const readGroup = (): string => {
    // Reads one argument: {…} or a single token.
    while (src[i] === ' ') i++;
    if (src[i] === '{') {
      let depth = 0;
      const start = i;
      for (; i < src.length; i++) {
        if (src[i] === '\\') {
          i++;
          continue;
        }
        if (src[i] === '{') depth++;
        else if (src[i] === '}') {
          depth--;
          if (depth === 0) {
            i++;
            return src.slice(start + 1, i - 1);
          }
        }
      }
      state.hard = true;
      return src.slice(start + 1);
    }
    if (src[i] === '\\') {
      const m = /^\\([A-Za-z]+|.)/.exec(src.slice(i));
      if (m) {
        i += m[0].length;
        return m[0];
      }
    }
    const ch = src[i] ?? '';
    i++;
    return ch;
  };
  const atom = (s: string) => (/^[\w.′]+$|^[α-ωΑ-Ω]$|^\(.*\)$/u.test(s) ? s : `(${s})`);
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '\\') {
      const m = /^\\([A-Za-z]+|.)/.exec(src.slice(i));
      if (!m) {
        i++;
        continue;
      }
      const name = m[1]!;
      i += m[0].length;
      if (
        name === 'left' ||
        name === 'right' ||
        name === 'big' ||
        name === 'Big' ||
        name === 'bigg' ||
        name === 'Bigg' ||
        name === 'displaystyle' ||
        name === 'limits' ||
        name === 'nolimits'
      )
        continue;
      if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
        const a = convertLatex(readGroup(), state).trim();
        const b = convertLatex(readGroup(), state).trim();
        out += `${atom(a)}/${atom(b)}`;
        continue;
      }
      if (name === 'sqrt') {
        const arg = convertLatex(readGroup(), state).trim();
        out += `√${atom(arg)}`;
        continue;
      }
      if (
        [
          'mathrm',
          'text',
          'textrm',
          'mathbf',
          'boldsymbol',
          'mathit',
          'operatorname',
          'mathcal',
          'mathbb',
          'mathfrak',
          'textbf',
          'mathsf',
          'bm',
          'textit',
          'emph',
        ].includes(name)
      ) {
        out += convertLatex(readGroup(), state);
        continue;
      }
      if (name === 'hat' || name === 'tilde' || name === 'bar' || name === 'overline' || name === 'vec' || name === 'dot') {
        const arg = convertLatex(readGroup(), state).trim();
        const mark =
          name === 'hat' ? '\u0302' : name === 'tilde' ? '\u0303' : name === 'dot' ? '\u0307' : name === 'vec' ? '\u20d7' : '\u0304';
        out += arg.length === 1 ? arg + mark : `${name}(${arg})`;
        continue;
      }
      if (GREEK[name]) {
        out += GREEK[name];
        continue;
      }
      if (name in SYMBOLS) {
        out += SYMBOLS[name];
        continue;
      }
      if (NAMED_FUNCTIONS.has(name)) {
        out += name;
        continue;
      }
      state.hard = true;
      out += name;
      continue;
    }
    if (ch === '^' || ch === '_') {
      i++;
      const arg = convertLatex(readGroup(), state).trim();
      const table = ch === '^' ? SUPERSCRIPT : SUBSCRIPT;
      if (arg.length > 0 && [...arg].every((c) => table[c])) out += [...arg].map((c) => table[c]).join('');
      else if (ch === '^') out += `^${arg.length > 1 ? `(${arg})` : arg}`;
      else out += `_${arg.length > 1 && !/^\w+$/.test(arg) ? `(${arg})` : arg}`;
      continue;
    }
    if (ch === '{' || ch === '}') {
      i++;
      continue;
    }
    if (ch === '&') {
      state.hard = true;
      i++;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Names: normalising, finding and blanking a term in text

/** Lower case, no spaces, punctuation or symbols: the form names are compared in. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** A short ASCII name (CE, KD, FPN) only counts as a whole word; anything else as a substring. */
function isShortAscii(norm: string): boolean {
  return /^[a-z0-9]+$/.test(norm) && norm.length <= 3;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A pattern matching `name` in running text: case-insensitive, spaces, hyphens
 * and underscores optional between its parts, and whole-word for Latin names.
 */
export function namePattern(name: string): string {
  const norm = normalizeName(name);
  const chars = [
    ...name
      .normalize('NFKC')
      .replace(/[\s\-_·]+/g, ' ')
      .trim(),
  ];
  let body = '';
  for (const c of chars) {
    if (c === ' ') body += '[\\s\\-_·]*';
    else if (/[\p{P}\p{S}]/u.test(c)) body += `${escapeRegex(c)}?`;
    else body += escapeRegex(c);
    if (c !== ' ' && !/[\p{P}\p{S}]/u.test(c)) body += '(?:[\\s\\-_·]?)';
  }
  // Remove the optional separator after the last character.
  body = body.replace(/\(\?:\[\\s\\-_·\]\?\)$/, '');
  if (!body) return '(?!)';
  const latin = /^[a-z0-9]/.test(norm);
  const latinEnd = /[a-z0-9]$/.test(norm);
  return `${latin ? '(?<![A-Za-z0-9])' : ''}${body}${latinEnd ? '(?![A-Za-z0-9])' : ''}`;
}

/** True when `name` (any spelling: case, spaces, punctuation) occurs in `text`. */
export function mentions(text: string, name: string): boolean {
  const norm = normalizeName(name);
  if (norm.length < 2) return false;
  if (isShortAscii(norm)) {
    const spaced = [...norm].map(escapeRegex).join('[\\s\\-_.·]*');
    return new RegExp(`(?<![a-z0-9])${spaced}(?![a-z0-9])`, 'i').test(text.normalize('NFKC'));
  }
  return normalizeName(text).includes(norm);
}

export const BLANK = '＿＿＿';

/**
 * Replaces every occurrence of any of `names` in `text` by `blank`; a blanked
 * term followed by its blanked translation in brackets becomes one blank.
 */
export function blankOut(text: string, names: string[], blank = BLANK): { text: string; count: number } {
  const usable = [...new Set(names)]
    .filter((n) => normalizeName(n).length >= 2)
    .sort((a, b) => normalizeName(b).length - normalizeName(a).length);
  if (usable.length === 0) return { text, count: 0 };
  const re = new RegExp(usable.map(namePattern).join('|'), 'giu');
  // Formulas and code are matched too: a term may sit inside them.
  let count = 0;
  // A private-use character marks each blank while touching blanks are merged: notes do not contain one.
  let out = text.replace(re, () => {
    count++;
    return '\uE000';
  });
  // "X（Y, Z）" with every part blanked → one blank; then merge touching blanks.
  out = out.replace(/\uE000\s*[（(]\s*\uE000(?:\s*[,，、/]\s*\uE000)*\s*[)）]/g, '\uE000');
  out = out.replace(/\uE000(?:\s*\uE000)+/g, '\uE000');
  const finalCount = (out.match(/\uE000/g) ?? []).length;
  return { text: out.replace(/\uE000/g, blank), count: count === 0 ? 0 : finalCount };
}

export function cjkCount(s: string): number {
  return (s.match(CJK_G) ?? []).length;
}
