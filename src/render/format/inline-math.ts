import { escapeMarkdown } from '@discordjs/formatters';
import { replace as unicodeit } from 'unicodeit';
import { combiningmarks, replacements, subsuperscripts } from 'unicodeit/ts_dist/js/data.js';
import { codeSpan } from './code.js';

/** The outcome of turning one inline TeX expression into plain Unicode. */
export type UnicodeMath = { ok: true; text: string } | { ok: false; reason: string };

const KNOWN = new Set(replacements.map(([tex]) => tex!));
const COMBINING = new Set(combiningmarks.map(([tex]) => tex!));
const SCRIPT_FORM = new Map(subsuperscripts.map(([tex, char]) => [tex!, char!]));
const UNICODE_OF = new Map(replacements.map(([tex, char]) => [tex!, char!]));

// Private-use stand-ins for characters TeX escapes, so the residue check below
// can treat every remaining brace, underscore or caret as unconverted TeX.
const LITERAL: Record<string, string> = { '\\{': '\uE010', '\\}': '\uE011', '\\_': '\uE012', '\\^': '\uE013' };
const RESTORE: Record<string, string> = { '\uE010': '{', '\uE011': '}', '\uE012': '_', '\uE013': '^' };

const OPERATOR_NAMES = [
  'arg',
  'argmax',
  'argmin',
  'cos',
  'cosh',
  'det',
  'exp',
  'inf',
  'lim',
  'ln',
  'log',
  'max',
  'min',
  'sin',
  'sinh',
  'sup',
  'tan',
  'tanh',
  'sgn',
  'softmax',
  'Pr',
  'dim',
  'ker',
  'tr',
  'diag',
];

/**
 * Converts inline TeX to Unicode when the result says exactly what the TeX says
 * (γ, pₜ, x², ‖W‖₂, α·CE); otherwise reports why not. unicodeit does the
 * symbol tables; this pre-pass handles what it would mangle (`\log` → `łog`,
 * `\left` → `≤ft`) or leave as markup (`\frac`, `\text`, spacing).
 */
export function texToUnicode(tex: string): UnicodeMath {
  let s = plainScripts(prepass(tex.trim()));
  if (!s) return { ok: false, reason: 'empty' };
  const problem = unconvertible(s);
  if (problem) return { ok: false, reason: problem };
  s = unicodeit(s);
  if (/[\\_^{}]/.test(s)) return { ok: false, reason: 'markup left after conversion' };
  s = s.replace(/[\uE010-\uE013]/g, (c) => RESTORE[c]!);
  return { ok: true, text: tidySpacing(s) };
}

/** Inline math as Discord Markdown: escaped Unicode when faithful, else the TeX in a code span. */
export function inlineMathMarkdown(tex: string): string {
  const converted = texToUnicode(tex);
  return converted.ok ? escapeMarkdown(converted.text) : codeSpan(tex.trim());
}

/** `text` in Unicode sub- (`_`) or superscript (`^`) characters, or null when one has no such form. */
export function unicodeScript(kind: '_' | '^', text: string): string | null {
  let out = '';
  for (const char of text) {
    const form = SCRIPT_FORM.get(`${kind}${char}`);
    if (form === undefined) return null;
    out += form;
  }
  return out;
}

function prepass(tex: string): string {
  // Zero-width spaces are editor debris in many notes.
  let s = tex.replace(/[\u200B\uFEFF]/g, '').replace(/\\[{}_^]/g, (m) => LITERAL[m]!);
  // Sizing commands only change how big a delimiter is drawn.
  s = s.replace(/\\(?:left|right|[bB]igg?[lrm]?)\s*(\\[a-zA-Z]+|[.()[\]|\uE010\uE011])/g, (_, d: string) => (d === '.' ? '' : d));
  s = s.replace(/\\(?:[lr]?Vert|\|)/g, '‖').replace(/\\[lr]vert/g, '|');
  s = s.replace(/\\(?:mathrm|text|textrm|textit|mathit|operatorname\*?|mbox|mathop)\s*\{([^{}\\]*)\}/g, '$1');
  s = s.replace(/\\(?:rm|it|limits|nolimits|displaystyle|textstyle)(?![a-zA-Z])\s*/g, '');
  s = s.replace(/\\(?:boldsymbol|bm)\s*(?:\{([a-zA-Z])\}|([a-zA-Z]))/g, (_, a?: string, b?: string) => `\\mathbf{${a ?? b}}`);
  // Accents written without braces (`\vec x`, `\hat\theta`): unicodeit only reads the braced form.
  s = s.replace(/\\(hat|vec|bar|tilde|dot|ddot)(?![a-zA-Z])\s*(\\[a-zA-Z]+|[a-zA-Z])/g, '\\$1{$2}');
  s = s.replace(new RegExp(`\\\\(${OPERATOR_NAMES.join('|')})(?![a-zA-Z])`, 'g'), '$1');
  s = s.replace(/\^\s*(?:\{\s*(?:'|\\prime)\s*\}|')/g, '′');
  // TeX ignores the space in `\theta ^{T}`; Unicode would print it.
  s = s.replace(/\s+([_^])/g, '$1');
  s = unwrapFractions(s);
  s = s.replace(/\\(?:dots|ldots)(?![a-zA-Z])/g, '…');
  s = s.replace(/\\(?:qquad|quad)(?![a-zA-Z])|\\[,;: ]|~/g, ' ').replace(/\\!/g, '');
  s = unwrapPlainGroups(s);
  return s.replace(/\s+/g, ' ').trim();
}

/** What a script written plainly may hold: names, numbers, macros (\\alpha, \\in), primes, brackets and operators; not a stray "`". */
const PLAIN_SCRIPT_TOKEN = /^(?:\\[a-zA-Z]+|[\p{L}\p{N}\p{Sm}+\-=,.;*/()[\]|′'])$/u;

/**
 * A script Unicode has no characters for (the B of μ_B, the "data" of
 * P_{data}: no capital and few small letters have a subscript form) is
 * written as plain-text math writes it, μ_B and P_data, in parentheses when
 * it holds more than a name (x_(i∈S)); the rest of the formula still becomes
 * Unicode, where the whole of it used to be shown as TeX. The marks stand in
 * as LITERAL characters, so no check below takes them for markup.
 */
function plainScripts(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    const script = c === '_' || c === '^' ? scriptBody(s, i + 1) : null;
    if (!script || script.tokens.every((t) => scriptForm(c, t)) || !script.tokens.every((t) => PLAIN_SCRIPT_TOKEN.test(t))) {
      out += c;
      i++;
      continue;
    }
    const body = s
      .slice(i + 1, script.end)
      .replace(/^\{|\}$/g, '')
      .trim();
    const mark = c === '_' ? LITERAL['\\_'] : LITERAL['\\^'];
    const plain = /^[\p{L}\p{N}]+$/u.test(body) || script.tokens.length === 1 || /^(?:\(.*\)|\[.*\])$/.test(body);
    out += plain ? `${mark}${body}` : `${mark}(${body})`;
    i = script.end;
  }
  return out;
}

/** `\frac{a}{b}` → `a/b` and `\sqrt{x}` → `√x`, brackets added where the operand needs them; nesting allowed. */
function unwrapFractions(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const macro = /^\\(dfrac|tfrac|frac|sqrt)(?![a-zA-Z])\s*/.exec(s.slice(i));
    if (!macro) {
      out += s[i++];
      continue;
    }
    const first = readGroup(s, i + macro[0].length);
    const second = first && macro[1] !== 'sqrt' ? readGroup(s, first.end) : null;
    if (!first || (macro[1] !== 'sqrt' && !second)) {
      out += macro[0];
      i += macro[0].length;
      continue;
    }
    const end = (second ?? first).end;
    if (second) {
      const fraction = `${operand(unwrapFractions(first.body))}/${operand(unwrapFractions(second.body))}`;
      // Next to another factor, `1/2(x+y)` would read as 1/(2(x+y)); `(1/2)(x+y)` cannot.
      const juxtaposed = /[\p{L}\p{N})\]]$/u.test(out.trimEnd()) || /^\s*[\p{L}\p{N}(\\]/u.test(s.slice(end));
      out += juxtaposed ? `(${fraction})` : fraction;
    } else out += `√${operand(unwrapFractions(first.body))}`;
    i = end;
  }
  return out;
}

/** A balanced `{…}` group starting at `from` (after spaces), or null. */
function readGroup(s: string, from: number): { body: string; end: number } | null {
  let i = from;
  while (s[i] === ' ') i++;
  if (s[i] !== '{') return null;
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return { body: s.slice(i + 1, j), end: j + 1 };
  }
  return null;
}

/** Braces that only group (`{\theta}_i`, `\times{C_2}`), not a script's or a macro's argument, mean nothing in print. */
function unwrapPlainGroups(s: string): string {
  let previous: string;
  do {
    previous = s;
    // After a symbol, which takes no argument (\times, \sigma, \sum): not after \hat or \mathbb, which do.
    s = s.replace(/(\\[a-zA-Z]+)\s*\{([^{}]*)\}/g, (whole, macro: string, inner: string) =>
      KNOWN.has(macro) && !COMBINING.has(macro) ? `${macro}${/^[a-zA-Z]/.test(inner) ? ' ' : ''}${inner}` : whole,
    );
    // Not after `_`/`^` (a script), a letter (`\hat{y}`, `\mathbb{R}`) or `}` (`\frac{a}{b}`), spaces between allowed.
    s = s.replace(/(^|[^_^a-zA-Z}\s]|(?<![_^a-zA-Z}])\s)\{([^{}]*)\}/g, '$1$2');
  } while (s !== previous);
  return s;
}

/** TeX ignores spaces in math; Unicode text shows them, so they are set the way print sets them. */
function tidySpacing(s: string): string {
  return s
    .replace(/\s*([=≈≤≥≠<>→←⇒⇔∈∉⊂⊆∝∼])\s*/g, ' $1 ')
    .replace(/\s*([⋅×])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC'); // y + combining hat → ŷ, one character as fonts expect
}

/** `x+1` (or `KT`, a product) in `a/b` needs brackets to keep its meaning; one symbol or a number does not. */
function operand(expr: string): string {
  const e = expr.trim();
  return /^(?:\p{L}|\p{N}+(?:\.\p{N}+)?|\\[a-zA-Z]+)$/u.test(e) ? e : `(${e})`;
}

/** Why unicodeit cannot render `s` faithfully, or null if it can. */
function unconvertible(s: string): string | null {
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === '\\') {
      const word = /^\\([a-zA-Z]+|.)/.exec(s.slice(i));
      const macro = word![0];
      const braced = /^\{([^{}]*)\}/.exec(s.slice(i + macro.length));
      if (braced && KNOWN.has(`${macro}${braced[0]}`)) i += macro.length + braced[0].length;
      else if (braced && COMBINING.has(macro) && isOneSymbol(braced[1]!)) i += macro.length + braced[0].length;
      else if (KNOWN.has(macro)) i += macro.length;
      else return `no Unicode for ${macro}`;
      continue;
    }
    if (c === '_' || c === '^') {
      const script = scriptBody(s, i + 1);
      if (!script) return `empty ${c === '_' ? 'subscript' : 'superscript'}`;
      const missing = script.tokens.find((t) => !scriptForm(c, t));
      if (missing !== undefined) return `no Unicode ${c === '_' ? 'subscript' : 'superscript'} for ${missing}`;
      i = script.end;
      continue;
    }
    i++;
  }
  return null;
}

/** The tokens of a script (`_t`, `_{ij}`, `^\gamma`) and where it ends; null when malformed. */
function scriptBody(s: string, from: number): { tokens: string[]; end: number } | null {
  const rest = s.slice(from);
  const group = /^\{([^{}]*)\}/.exec(rest);
  const single = /^\s*(\\[a-zA-Z]+|[^\s{}\\])/.exec(rest);
  const body = group ? group[1]! : single ? single[1]! : null;
  if (body === null || !body.trim()) return null;
  const tokens = (body.match(/\\[a-zA-Z]+|\\.|./gu) ?? []).filter((t) => t.trim());
  return { tokens, end: from + (group ?? single)![0].length };
}

function isOneSymbol(text: string): boolean {
  return [...text].length === 1 || KNOWN.has(text);
}

function scriptForm(kind: string, token: string): boolean {
  const char = token.startsWith('\\') ? UNICODE_OF.get(token) : token;
  return char !== undefined && SCRIPT_FORM.has(`${kind}${char}`);
}
