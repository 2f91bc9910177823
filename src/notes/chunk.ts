import { createHash } from 'node:crypto';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { mathFromMarkdown } from 'mdast-util-math';
import { frontmatter } from 'micromark-extension-frontmatter';
import { math } from 'micromark-extension-math';
import { toString as nodeText } from 'mdast-util-to-string';
import type { Heading, PhrasingContent, RootContent } from 'mdast';
import { cardsOfReadable } from './cards.js';
import { splitSentences } from './sentences.js';
import { readFrontMatter } from './front-matter.js';
import { readableNote } from './note-syntax.js';
import { withoutNoteExtension } from './note-file.js';
import { sectionKey } from './section.js';
import type { Chunk, NoteMeta, NoteSource, ParsedNote } from './types.js';

export { CHUNKER_VERSION } from './chunker-version.js';

export interface ChunkOptions {
  /** Sections longer than this are split at block, then sentence boundaries. */
  maxChars: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { maxChars: 1200 };

/** A span of the source that may end a chunk part; atomic spans are never cut. */
interface Span {
  start: number;
  end: number;
}

/**
 * Parses one note and cuts it into chunks along its heading tree.
 * Front matter becomes metadata; every chunk carries its heading path and
 * 1-based line range in the original file.
 */
export function chunkNote(source: NoteSource, options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): ParsedNote {
  // Obsidian and blog syntax become plain Markdown line for line, so line numbers stay the file's.
  const readable = readableNote(source.text);
  let text = readable.text;
  const parse = (markdown: string) =>
    fromMarkdown(markdown, {
      extensions: [frontmatter(['yaml']), math()],
      mdastExtensions: [frontmatterFromMarkdown(['yaml']), mathFromMarkdown()],
    });
  let tree = parse(text);
  const yamlNode = tree.children.find((n) => n.type === 'yaml');
  const front = readFrontMatter(yamlNode?.type === 'yaml' ? yamlNode.value : undefined);
  const firstH1 = tree.children.find((n): n is Heading => n.type === 'heading' && n.depth === 1);
  // Read as every heading is (headingText), so a title shown beside its own H1 is recognised as the same words:
  // "# 第八章  目标检测" (two spaces) was shown twice in a citation.
  const title = front.title ?? (firstH1 ? headingText(firstH1) || undefined : undefined) ?? basename(source.file);
  const meta: NoteMeta = {
    file: source.file,
    title,
    tags: [...new Set([...front.tags, ...readable.tags])],
    aliases: front.aliases,
    // Optional keys only when present: notes without them keep the metadata they always had.
    ...(front.categories.length ? { categories: front.categories } : {}),
    ...(front.permalink ? { permalink: front.permalink } : {}),
    ...(readable.links.length ? { links: readable.links } : {}),
  };
  // The student's flashcards are asked as cards (notes/cards.ts): blanked here, they are neither quoted nor mined as concepts.
  const cardLines = cardsOfReadable(source.file, text, meta.tags).cardLines;
  if (cardLines.length > 0) {
    text = blankLines(text, cardLines);
    tree = parse(text);
  }

  const lineStarts = lineStartOffsets(text);
  const lineOf = (offset: number) => upperBound(lineStarts, offset);

  const chunks: Chunk[] = [];
  const seenIds = new Set<string>();
  const stack: Array<{ depth: number; text: string }> = [];
  let blocks: RootContent[] = [];

  const flush = () => {
    if (blocks.length === 0) return;
    // A reference list names papers; its English titles match English questions it never answers.
    if (stack.some((h) => isBibliography(h.text))) {
      blocks = [];
      return;
    }
    const headingPath = stack.length > 0 ? stack.map((h) => h.text) : [title];
    const parts = packSpans(
      blocks.flatMap((b) => spansOf(b, text, options.maxChars)),
      options.maxChars,
    );
    parts.forEach((span, part) => {
      const body = text.slice(span.start, span.end).trim();
      if (!body) return;
      let id = chunkId(source.file, headingPath, body);
      // Identical sections repeated in one file still need distinct ids.
      for (let n = 2; seenIds.has(id); n++) id = chunkId(source.file, headingPath, body, n);
      seenIds.add(id);
      chunks.push({
        id,
        file: source.file,
        title,
        headingPath,
        startLine: lineOf(span.start),
        endLine: lineOf(Math.max(span.start, span.end - 1)),
        text: body,
        part,
      });
    });
    blocks = [];
  };

  for (const node of tree.children) {
    if (node.type === 'yaml' || node.type === 'definition') continue;
    if (node.type === 'heading') {
      flush();
      while (stack.length > 0 && stack[stack.length - 1]!.depth >= node.depth) stack.pop();
      stack.push({ depth: node.depth, text: headingText(node) || '(untitled)' });
      continue;
    }
    if (node.type === 'html' && /^\s*<img\b[^>]*>\s*$/i.test(node.value)) continue; // image tags carry no text
    blocks.push(node);
  }
  flush();
  return { meta, chunks, ...(front.excludedBecause ? { excludedBecause: front.excludedBecause } : {}) };
}

const BIBLIOGRAPHY =
  /^(?:参考文献|参考资料|引用文献|相关文献|延伸阅读|扩展阅读|拓展阅读|references?|bibliography|works cited|further reading)$/i;

/**
 * "参考文献", "19.9 参考文献", "相关文献", "References", "Further reading": a heading over a list of sources. Its
 * link titles are no answer: "相关文献" of the GPU chapter ("附录 购买GPU") came first for which GPU to buy.
 */
function isBibliography(heading: string): boolean {
  return BIBLIOGRAPHY.test(heading.replace(/^[\d.\s]+/, '').trim());
}

/** Heading text without Markdown markup, but with inline math kept as `$…$` so "$1\times1$ 卷积" stays readable. */
function headingText(node: Heading): string {
  const walk = (n: Heading | PhrasingContent): string => {
    if (n.type === 'inlineMath') return `$${n.value}$`;
    if ('children' in n) return (n.children as PhrasingContent[]).map(walk).join('');
    return nodeText(n);
  };
  return walk(node).replace(/\s+/g, ' ').trim();
}

/**
 * The cut points a block offers. Code, math and tables are one atomic span;
 * a paragraph longer than the limit offers its sentence boundaries.
 */
function spansOf(node: RootContent, text: string, maxChars: number): Span[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  if (end - start <= maxChars || node.type !== 'paragraph') return [{ start, end }];
  return splitSentences(text.slice(start, end)).map((s) => ({ start: start + s.start, end: start + s.end }));
}

/** Greedily packs consecutive spans into parts of at most `maxChars` (an oversized atomic span stands alone). */
function packSpans(spans: Span[], maxChars: number): Span[] {
  const parts: Span[] = [];
  let current: Span | undefined;
  for (const span of spans) {
    if (current && span.end - current.start <= maxChars) current.end = span.end;
    else {
      if (current) parts.push(current);
      current = { ...span };
    }
  }
  if (current) parts.push(current);
  return parts;
}

/**
 * The section half of a chunk id: the same for every part of a section, so
 * most chunks are told apart from a section's parts without reading them.
 * It is a 40-bit hash: two sections may share it (about once in 20,000
 * vaults of 10,000 sections), so equal halves still need the sections compared.
 */
export function sectionHashOf(chunkId: string): string {
  const half = chunkId.indexOf('-');
  return half < 0 ? chunkId : chunkId.slice(0, half);
}

function chunkId(file: string, headingPath: string[], body: string, occurrence = 1): string {
  const where = sha1(sectionKey({ file, headingPath })).slice(0, 10);
  const what = sha1(occurrence > 1 ? `${body}\u0000${occurrence}` : body).slice(0, 10);
  return `${where}-${what}`;
}

function sha1(s: string): string {
  return createHash('sha1').update(s).digest('hex');
}

/** `text` with the given 1-based lines emptied: the line count, and so every line number, stays the same. */
function blankLines(text: string, lineNumbers: readonly number[]): string {
  const blank = new Set(lineNumbers);
  return text
    .split('\n')
    .map((line, i) => (blank.has(i + 1) ? '' : line))
    .join('\n');
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line containing `offset`: the count of line starts at or before it. */
function upperBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function basename(file: string): string {
  return withoutNoteExtension(file.replace(/^.*\//, ''));
}
