import { LIMITS } from './limits.js';

/** What every shortened text ends with. */
export const ELLIPSIS = '…';

/** Cuts `text` to at most `max` UTF-16 units (what Discord counts is never more), ending with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  return `${sliceSafe(text, max - ELLIPSIS.length).trimEnd()}${ELLIPSIS}`;
}

/** Like `slice(0, n)` but never splits a surrogate pair (half an emoji or CJK extension character). */
function sliceSafe(text: string, n: number): string {
  if (n <= 0) return '';
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

/**
 * Truncates Markdown to `max`, preferring a line or sentence end, and leaves it
 * well formed: an open code block is closed and a dangling inline-code tick dropped.
 */
export function truncateMarkdown(text: string, max: number): string {
  if (text.length <= max) return text;
  const closer = '\n```';
  const suffix = `\n${ELLIPSIS}`;
  let cut = sliceSafe(text, Math.max(0, max - closer.length - suffix.length));
  // A cut within the last quarter at a natural boundary reads better than one mid-word.
  const boundary = Math.max(
    cut.lastIndexOf('\n'),
    ...['。', '；', '！', '？', '. ', '; '].map((p) => cut.lastIndexOf(p) + p.trimEnd().length - 1),
  );
  if (boundary > cut.length * 0.75) cut = cut.slice(0, boundary + 1);
  cut = cut.trimEnd();
  if (openFence(cut)) return `${cut}${closer}${suffix}`;
  const lastLine = cut.slice(cut.lastIndexOf('\n') + 1);
  if ((lastLine.match(/`/g) ?? []).length % 2 === 1) cut = cut.slice(0, cut.lastIndexOf('`')).trimEnd();
  return `${cut}${suffix}`;
}

/** The fence line (e.g. "```cpp") of a code block left open at the end of `text`, or null. */
function openFence(text: string): string | null {
  let open: string | null = null;
  for (const line of text.split('\n')) {
    const m = /^\s*(```+|~~~+)(.*)$/.exec(line);
    if (!m) continue;
    if (open === null) open = line.trim();
    else if (line.trim().startsWith(open.slice(0, m[1]!.length)) && !m[2]!.trim()) open = null;
  }
  return open;
}

/** Plain message text within 2,000 characters. */
export function fitContent(text: string): string {
  return truncateMarkdown(text, LIMITS.content);
}

/**
 * Splits long Markdown into pages of at most `max` characters at line
 * boundaries. A code block spanning pages is closed and reopened, so each
 * page renders on its own.
 */
export function splitPages(text: string, max: number): string[] {
  const pages: string[] = [];
  let lines: string[] = [];
  let length = 0;
  let fence: string | null = null;
  const reserve = 24; // room for closing and reopening a fence
  const flush = () => {
    if (!lines.length) return;
    if (fence) lines.push('```');
    pages.push(lines.join('\n'));
    lines = fence ? [fence] : [];
    length = fence ? fence.length : 0;
  };
  for (const raw of text.split('\n')) {
    for (const line of hardWrap(raw, max - reserve)) {
      if (length + line.length + 1 > max - reserve && lines.length > (fence ? 1 : 0)) flush();
      lines.push(line);
      length += line.length + 1;
      const m = /^\s*(```+|~~~+)(.*)$/.exec(line);
      if (m) fence = fence === null ? line.trim() : m[2]!.trim() ? fence : null;
    }
  }
  if (lines.length > (fence ? 1 : 0) || pages.length === 0) {
    if (fence) lines.push('```');
    pages.push(lines.join('\n'));
  }
  return pages.map((p) => p.trim()).filter((p, _i, all) => p || all.length === 1);
}

function hardWrap(line: string, width: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const piece = sliceSafe(rest, width);
    out.push(piece);
    rest = rest.slice(piece.length);
  }
  out.push(rest);
  return out;
}

/**
 * Discord renders most Markdown but not LaTeX or tables, and reads `_` inside
 * formulas as italics (`$p_t$ … $\alpha_t$` would lose its underscores).
 * Formulas become code (monospace, verbatim), tables a code block; fenced
 * code passes through untouched.
 */
export function discordMarkdown(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (fence) {
      out.push(line);
      if (trimmed.startsWith(fence) && trimmed.slice(fence.length).trim() === '') fence = null;
      continue;
    }
    const code = /^(```+|~~~+)/.exec(trimmed);
    if (code) {
      fence = code[1]!;
      out.push(line);
      continue;
    }
    if (trimmed.startsWith('$$')) {
      // Display math, one line ($$x$$) or several ($$ … $$).
      const body: string[] = [];
      let j = i;
      let rest = trimmed.slice(2);
      for (;;) {
        const end = rest.indexOf('$$');
        if (end >= 0) {
          body.push(rest.slice(0, end));
          break;
        }
        body.push(rest);
        if (++j >= lines.length) break;
        rest = lines[j]!.trim();
      }
      const formula = body.join('\n').trim();
      if (formula) out.push('```', formula, '```');
      i = j;
      continue;
    }
    if (trimmed.startsWith('|')) {
      const table: string[] = [];
      while (i < lines.length && lines[i]!.trim().startsWith('|')) table.push(lines[i++]!.trim());
      i--;
      out.push('```', ...table, '```');
      continue;
    }
    out.push(inlineMath(line));
  }
  if (fence) out.push(fence);
  return out.join('\n');
}

/** `$x_i$` → `` `x_i` ``, leaving inline code spans and lone dollar signs alone. */
function inlineMath(line: string): string {
  return line
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/(?<![\\$\w])\$(?!\s)([^$\n`]+?)(?<![\s\\])\$(?![\w$])/g, '`$1`')))
    .join('');
}
