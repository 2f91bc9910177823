import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { mathFromMarkdown } from 'mdast-util-math';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmTable } from 'micromark-extension-gfm-table';
import { math } from 'micromark-extension-math';
import type { Nodes, Parent, PhrasingContent, RootContent, Table } from 'mdast';
import { SPACE_REFERENCE } from '../../notes/spaces.js';
import { codeBlock } from './code.js';
import { continueLines } from './continuation.js';
import { formulaMarker, splitTag } from './formula-slots.js';
import { htmlToText, imagePlaceholder, imageRef, scriptText } from './html.js';
import { inlineMathMarkdown, texToUnicode } from './inline-math.js';
import { formatTable, PHONE_TABLE_COLUMNS, type TableText } from './table.js';
import type { DisplayFormula, FormatOptions, FormattedSection, ImageRef } from './types.js';

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** What one section collects while it is formatted; lives for one call. */
interface Collected {
  formulas: DisplayFormula[];
  images: ImageRef[];
  footnotes: Map<string, string>;
}

/**
 * A note section's Markdown made readable in Discord. The source is kept
 * byte for byte except the constructs Discord cannot show: display math
 * (lifted into `formulas`, a marker left in place), inline math, tables,
 * HTML, footnotes, images and indented code.
 */
export function formatSection(markdown: string, options: FormatOptions = {}): FormattedSection {
  const collected: Collected = { formulas: [], images: [], footnotes: new Map() };
  const body = collapseBlankLines(formatMarkdown(markdown.replace(CONTROL_CHARACTERS, ''), options, collected)).trim();
  const notes = [...collected.footnotes.values()];
  const text = notes.length ? `${body}\n\n${notes.join('\n')}` : body;
  return { text, formulas: collected.formulas, images: collected.images };
}

/** Control characters but tab and line breaks, which a note may hold by accident (a backspace pasted with the text): Discord draws them as boxes. */
const CONTROL_CHARACTERS = /(?![\t\n\r])\p{Cc}/gu;

/** `inline` formats a table cell: there a lone `$x$` is inline math, not a display formula. */
type Context = 'block' | 'inline';

function formatMarkdown(markdown: string, options: FormatOptions, collected: Collected, context: Context = 'block'): string {
  const tree = fromMarkdown(markdown, {
    extensions: [math(), gfmTable(), gfmFootnote()],
    mdastExtensions: [mathFromMarkdown(), gfmTableFromMarkdown(), gfmFootnoteFromMarkdown()],
  });
  const edits: Edit[] = [];
  const visitor = new SectionVisitor(markdown, options, collected, edits, context);
  visitor.children(tree);
  return applyEdits(markdown, edits);
}

class SectionVisitor {
  constructor(
    private readonly source: string,
    private readonly options: FormatOptions,
    private readonly collected: Collected,
    private readonly edits: Edit[],
    private readonly context: Context,
  ) {}

  children(parent: Parent): void {
    const kids = parent.children as RootContent[];
    for (let i = 0; i < kids.length; i++) {
      const node = kids[i]!;
      const pair = this.scriptPair(kids, i);
      if (pair) {
        i = pair;
        continue;
      }
      const range = i > 0 && repeatsCaption(kids[i - 1]!, node) ? rangeOf(node) : null;
      if (range) {
        this.edit(range, '');
        continue;
      }
      this.node(node);
    }
  }

  private node(node: RootContent): void {
    const range = rangeOf(node);
    if (!range) return;
    switch (node.type) {
      case 'math': {
        // `$$x = 1` opening a block and `… \tag{1}$$` closing it are not fences to
        // CommonMark math (the first line becomes "meta", the block runs on), so
        // the formula is read from the source: up to the first closing `$$`.
        const irregular = Boolean(node.meta) || node.value.includes('$$');
        const split = irregular ? /^\s*\$\$([\s\S]*?)\$\$([\s\S]*)$/.exec(this.source.slice(range.start, range.end)) : null;
        const marker = this.displayFormula(split ? split[1]! : node.value);
        const after = split?.[2]?.trim() ? `\n\n${formatMarkdown(split[2], this.options, this.collected).trim()}` : '';
        this.edit(range, marker + after);
        return;
      }
      case 'inlineMath':
        // `$…$` alone on its line is a display formula written with single dollars.
        this.edit(
          range,
          this.context === 'block' && this.aloneOnLine(range) ? this.displayFormula(node.value) : inlineMathMarkdown(node.value),
        );
        return;
      case 'table':
        this.edit(range, formatTable(this.tableText(node), this.options.tableColumns ?? PHONE_TABLE_COLUMNS));
        return;
      case 'html': {
        const out = htmlToText(node.value, this.collected.images);
        // A lone <br> is a line break; any other fragment's edge breaks would only add blank lines.
        this.edit(range, /^<br\s*\/?>$/i.test(node.value.trim()) ? out : out.replace(/^\n+|\n+$/g, ''));
        return;
      }
      case 'image':
        this.edit(range, imagePlaceholder(imageRef(node.url, node.alt ?? ''), this.collected.images));
        return;
      case 'code':
        // Indented code has no fence, and Discord only renders fenced blocks.
        if (!/^\s*(```|~~~)/.test(this.source.slice(range.start, range.end))) this.edit(range, codeBlock(node.value));
        return;
      case 'footnoteReference':
        this.edit(range, footnoteMark(node.label ?? node.identifier));
        return;
      case 'footnoteDefinition': {
        const inner = node.children.length ? spanOf(node.children as RootContent[]) : null;
        const body = inner ? formatMarkdown(this.source.slice(inner.start, inner.end), this.options, this.collected) : '';
        this.collected.footnotes.set(node.identifier, `${footnoteMark(node.label ?? node.identifier)} ${body.trim()}`);
        this.edit(range, '');
        return;
      }
      case 'text':
        this.textPatterns(range);
        return;
      case 'link':
        // A link to an anchor in the note (`[14](#bookmark90)`) leads nowhere from Discord.
        if (node.url.startsWith('#')) {
          const inner = node.children.length ? spanOf(node.children as RootContent[]) : null;
          this.edit(range, inner ? formatMarkdown(this.source.slice(inner.start, inner.end), this.options, this.collected, 'inline') : '');
        } else this.children(node);
        return;
      default:
        if ('children' in node) this.children(node);
    }
  }

  /** `<sub>…</sub>` arrives as three siblings; returns the index of the closing one when handled. */
  private scriptPair(kids: RootContent[], i: number): number | null {
    const open = kids[i]!;
    if (open.type !== 'html') return null;
    const tag = /^<(sub|sup)>$/i.exec(open.value.trim());
    if (!tag) return null;
    const close = kids.findIndex((k, j) => j > i && k.type === 'html' && new RegExp(`^</${tag[1]}>$`, 'i').test(k.value.trim()));
    if (close < 0) return null;
    const from = rangeOf(open)!;
    const to = rangeOf(kids[close]!)!;
    const inner = kids
      .slice(i + 1, close)
      .map((k) => plainText(k, this.collected.images))
      .join('');
    this.edit({ start: from.start, end: to.end }, scriptText(tag[1]!.toLowerCase() as 'sub' | 'sup', inner));
    return close;
  }

  /** Whether nothing but spaces (and quote marks) shares the source lines of `range`. */
  private aloneOnLine(range: { start: number; end: number }): boolean {
    const lineStart = this.source.lastIndexOf('\n', range.start - 1) + 1;
    const lineEnd = this.source.indexOf('\n', range.end);
    const before = this.source.slice(lineStart, range.start);
    const after = this.source.slice(range.end, lineEnd < 0 ? undefined : lineEnd);
    return /^[\s>]*$/.test(before) && !after.trim();
  }

  /** Records a display formula and returns the marker that stands in its place. */
  private displayFormula(tex: string): string {
    const index = this.collected.formulas.length;
    const formula: DisplayFormula = { index, ...splitTag(tex), marker: formulaMarker(index) };
    this.collected.formulas.push(formula);
    return formula.marker;
  }

  private tableText(table: Table): TableText {
    const images = this.collected.images;
    return {
      rows: table.children.map((row) =>
        row.children.map((cell) => {
          const range = cell.children.length ? spanOf(cell.children as RootContent[]) : null;
          // The images were listed by plainText; the Markdown form is only for the list layout.
          const source = range ? this.source.slice(range.start, range.end) : '';
          const markdown = formatMarkdown(source, this.options, { ...this.collected, images: [] }, 'inline');
          return { plain: cell.children.map((c) => plainText(c, images)).join(''), markdown: markdown.replace(/\s*\n\s*/g, ' ') };
        }),
      ),
      align: table.align ?? [],
    };
  }

  /**
   * What CommonMark leaves as plain text: Obsidian's `![[file.png]]` (and
   * `![[file.png|300]]`), an image whose path has spaces (`![](img/Mask
   * R-CNN-01.png)`, as Typora and blog sources write it), and `[^1]` whose
   * definition is in another section.
   */
  private textPatterns(range: { start: number; end: number }): void {
    const text = this.source.slice(range.start, range.end);
    // A space written as a character reference (&emsp;&emsp; indents every paragraph of many Chinese notes):
    // Discord shows the entity as typed.
    for (const m of text.matchAll(SPACE_REFERENCE)) {
      const start = range.start + m.index;
      this.edit({ start, end: start + m[0].length }, ' ');
    }
    for (const m of text.matchAll(/!\[\[([^\]|#]+)(?:[|#][^\]]*)?\]\]|\[\^([^\]\s]+)\](?!:)/g)) {
      const start = range.start + m.index;
      const replaced = { start, end: start + m[0].length };
      if (m[2] !== undefined) {
        this.edit(replaced, footnoteMark(m[2]));
        continue;
      }
      const path = m[1]!.trim();
      this.edit(replaced, imagePlaceholder({ kind: 'local', path, alt: basename(path) }, this.collected.images));
    }
    for (const m of text.matchAll(SPACED_IMAGE)) {
      const start = range.start + m.index;
      this.edit({ start, end: start + m[0].length }, imagePlaceholder(imageRef(m[2]!, m[1]!), this.collected.images));
    }
    // Obsidian's ==highlight==, marked in the note: Discord has no highlight, and bold is the emphasis it has.
    // Only the marks are replaced, so an edit inside (a space reference) stays apart.
    for (const m of text.matchAll(HIGHLIGHT)) {
      const start = range.start + m.index;
      const end = start + m[0].length;
      this.edit({ start, end: start + 2 }, '**');
      this.edit({ start: end - 2, end }, '**');
    }
  }

  private edit(range: { start: number; end: number }, text: string): void {
    this.edits.push({ ...range, text });
  }
}

/**
 * Whether `node` is an HTML caption that says again what the image just before it says ("![架构图](img.png)" then
 * "<center>架构图</center>", as blog sources caption a figure): the image's placeholder already shows those words.
 */
function repeatsCaption(before: RootContent, node: RootContent): boolean {
  if (node.type !== 'html' || before.type !== 'paragraph') return false;
  const image = before.children.at(-1);
  if (image?.type !== 'image' || !image.alt?.trim()) return false;
  return htmlToText(node.value, []).trim() === image.alt.trim();
}

/** `==text==` with no space inside its marks: "a == b == c" compares, it highlights nothing. */
const HIGHLIGHT = /==(?=[^\s=])[^=\n]*?[^\s=]==/g;

/** "![alt](path with spaces.png)": a path with a space, no brackets or parentheses, ending in an image extension. */
const SPACED_IMAGE = /!\[([^\]\n]*)\]\(([^()<>\n]*? [^()<>\n]*?\.(?:png|jpe?g|gif|webp|svg|bmp|avif))\)/gi;

/** Cell and script text: what a reader sees, with math as Unicode where faithful; images are listed. */
function plainText(node: Nodes, images: ImageRef[]): string {
  switch (node.type) {
    case 'inlineMath': {
      const unicode = texToUnicode(node.value);
      return unicode.ok ? unicode.text : node.value;
    }
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'html':
      return htmlToText(node.value, images).replace(/\n/g, ' ');
    case 'image': {
      const ref = imageRef(node.url, node.alt ?? '');
      images.push(ref);
      return node.alt || basename(node.url);
    }
    case 'break':
      return ' ';
    default:
      return 'children' in node ? (node.children as PhrasingContent[]).map((c) => plainText(c, images)).join('') : '';
  }
}

function footnoteMark(label: string): string {
  const sup = /^\d+$/.test(label) ? scriptText('sup', label) : null;
  return sup && !sup.startsWith('^') ? sup : `[${label}]`;
}

function rangeOf(node: Nodes): { start: number; end: number } | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? null : { start, end };
}

function spanOf(nodes: RootContent[]): { start: number; end: number } | null {
  const first = rangeOf(nodes[0]!);
  const last = rangeOf(nodes[nodes.length - 1]!);
  return first && last ? { start: first.start, end: last.end } : null;
}

function basename(path: string): string {
  return path.split('/').pop() ?? path;
}

/** Removed blocks (footnote definitions, empty HTML) leave runs of blank lines; code keeps its own. */
function collapseBlankLines(text: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  let blanks = 0;
  for (const line of text.split('\n')) {
    const run = /^\s*(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence === null && run) fence = run[1]!;
    else if (fence !== null && run && !run[2]!.trim() && run[1]![0] === fence[0] && run[1]!.length >= fence.length) fence = null;
    const blank = fence === null && !line.trim();
    blanks = blank ? blanks + 1 : 0;
    // A line of spaces (what "&emsp;&emsp;" on a line of its own leaves) is a blank line.
    if (blanks <= 1) out.push(blank ? '' : line);
  }
  return out.join('\n');
}

/**
 * Edits never overlap: a node that is replaced is not descended into. A
 * replacement of several lines inside a list item or quote continues under
 * the same indentation and `>` marks, so it stays inside it.
 */
function applyEdits(source: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    const linePrefix = source.slice(source.lastIndexOf('\n', e.start - 1) + 1, e.start);
    out += source.slice(at, e.start) + continueLines(e.text, linePrefix);
    at = e.end;
  }
  return out + source.slice(at);
}
