/**
 * The student's own flashcards, written in a note in the formats of the
 * Obsidian Spaced Repetition plugin: `question::answer`, `question:::answer`
 * (both directions), multi-line cards split by a line holding only `?` (`??`
 * for both directions), and clozes (`==highlight==`, one card per highlight).
 * As in the plugin, only notes tagged `#flashcards` (or a sub-tag such as
 * `#flashcards/cpp`, inline or in front matter `tags`) hold cards, so a C++
 * note full of `std::vector` is not read as cards unless its author says so.
 *
 * Pure: it reads a note's text and never writes it. The plugin's scheduling
 * comments (`<!--SR:!2024-08-16,51,230-->`) are not part of a card, and any
 * HTML comment hides what it wraps (the plugin's way of switching a card off).
 */
import { createHash } from 'node:crypto';
import { readFrontMatter } from './front-matter.js';
import { frontMatterEnd, readableNote } from './note-syntax.js';
import type { NoteSource } from './types.js';

export type CardKind = 'single' | 'single-reversed' | 'multi' | 'multi-reversed' | 'cloze';

export interface NoteCard {
  /** Stable while the file and the card's question stay the same (hash of file, kind, variant and question). */
  id: string;
  file: string;
  /** The headings above the card, top first; empty above the first heading. */
  headingPath: string[];
  /** 1-based, inclusive: the lines of the card's text in the file. */
  startLine: number;
  endLine: number;
  kind: CardKind;
  /** 0 for a card as written; 1 for the reverse side of a bidirectional card; for a cloze, which highlight (0-based) is hidden. */
  variant: number;
  /** Markdown as written (wikilinks shown as their text); a cloze's hidden part is `[...]`. */
  question: string;
  /** Markdown as written; for a cloze, the whole text with the hidden part in bold. */
  answer: string;
}

/** Something that looks like a card but is not one; the note is read on without it. */
export interface CardProblem {
  line: number;
  message: string;
}

export interface NoteCards {
  /** The note carries a flashcard tag; without one it has no cards, whatever it contains. */
  flashcardNote: boolean;
  cards: NoteCard[];
  problems: CardProblem[];
  /** 1-based lines holding a card's text or a scheduling comment: what the note's prose does not include. */
  cardLines: number[];
}

export const FLASHCARD_TAG = 'flashcards';

/** `flashcards`, `#flashcards` and sub-tags such as `flashcards/cpp` (case-insensitive). */
export function isFlashcardTag(tag: string): boolean {
  const t = tag.trim().replace(/^#/, '').toLowerCase();
  return t === FLASHCARD_TAG || t.startsWith(`${FLASHCARD_TAG}/`);
}

/** The cards of one note, read from its source text. */
export function parseCards(source: NoteSource): NoteCards {
  const readable = readableNote(source.text);
  const lines = readable.text.split('\n');
  const end = frontMatterEnd(lines);
  const front = readFrontMatter(end > 0 ? lines.slice(1, end - 1).join('\n') : undefined);
  return cardsOfReadable(source.file, readable.text, [...front.tags, ...readable.tags]);
}

interface Line {
  /** 1-based line number in the file. */
  n: number;
  text: string;
  /** `text` with inline code spans replaced by placeholders of the same length: separators inside code never count. */
  masked: string;
}

interface Block {
  headingPath: string[];
  lines: Line[];
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
/** Setext underlines and thematic breaks end a block and are never card text (`===` is not a highlight). */
const RULE_LINE = /^ {0,3}(?:=+|-{2,}|\*{3,}|_{3,})[ \t]*$/;
const CODE_SPAN = /(`+)[^`\n]*?\1/g;
const SR_COMMENT = /^<!--\s*SR:/;
const LIST_MARKER = /^\s*(?:[-*+]|\d{1,9}[.)])\s+/;
const MASK = '\uE000';

/**
 * The cards of a note already made readable (`readableNote`: same lines as the
 * file, Obsidian comments gone, wikilinks as text), given its tags (front
 * matter and inline). Also what the chunker uses to leave card lines out of the
 * note's prose.
 */
export function cardsOfReadable(file: string, text: string, tags: readonly string[]): NoteCards {
  const result: NoteCards = { flashcardNote: tags.some(isFlashcardTag), cards: [], problems: [], cardLines: [] };
  if (!result.flashcardNote) return result;
  const source = text.split('\n');
  const { blocks, schedulingLines } = readBlocks(source, frontMatterEnd(source));
  const ids = new Set<string>();
  const cardLines = new Set<number>(schedulingLines);
  const add = (block: Block, from: Line, to: Line, kind: CardKind, variant: number, question: string, answer: string) => {
    let id = cardId(file, kind, variant, question);
    // The same card written twice in one note still needs two ids.
    for (let n = 2; ids.has(id); n++) id = cardId(file, kind, variant, `${question}\u0000${n}`);
    ids.add(id);
    result.cards.push({ id, file, headingPath: block.headingPath, startLine: from.n, endLine: to.n, kind, variant, question, answer });
    for (let n = from.n; n <= to.n; n++) cardLines.add(n);
  };
  for (const block of blocks) readBlock(block, add, result.problems);
  result.cardLines = [...cardLines].sort((a, b) => a - b);
  return result;
}

type AddCard = (block: Block, from: Line, to: Line, kind: CardKind, variant: number, question: string, answer: string) => void;

/** One block of consecutive non-blank prose lines: a multi-line card, or single-line cards and clozes. */
function readBlock(block: Block, add: AddCard, problems: CardProblem[]): void {
  const { lines } = block;
  const split = lines.findIndex((l) => l.text.trim() === '?' || l.text.trim() === '??');
  if (split >= 0) {
    const question = joinLines(lines.slice(0, split));
    const answer = joinLines(lines.slice(split + 1));
    const separator = lines[split]!;
    if (!question || !answer) {
      problems.push({ line: separator.n, message: `a multi-line card needs text on both sides of "${separator.text.trim()}"` });
      return;
    }
    const first = lines[0]!;
    const last = lines[lines.length - 1]!;
    const both = separator.text.trim() === '??';
    add(block, first, last, both ? 'multi-reversed' : 'multi', 0, question, answer);
    if (both) add(block, first, last, 'multi-reversed', 1, answer, question);
    return;
  }
  let rest: Line[] = [];
  const flushCloze = () => {
    if (rest.length) readCloze(block, rest, add, problems);
    rest = [];
  };
  for (const line of lines) {
    const sep = separatorIn(line.masked);
    if (!sep) {
      rest.push(line);
      continue;
    }
    flushCloze();
    const question = withoutLeadingMarks(line.text.slice(0, sep.at));
    const answer = line.text.slice(sep.at + sep.length).trim();
    if (!question || !answer) {
      problems.push({ line: line.n, message: `a card needs text on both sides of "${sep.length === 3 ? ':::' : '::'}"` });
      continue;
    }
    if (sep.length === 3) {
      add(block, line, line, 'single-reversed', 0, question, answer);
      add(block, line, line, 'single-reversed', 1, answer, question);
    } else add(block, line, line, 'single', 0, question, answer);
  }
  flushCloze();
}

/** `:::` (both directions) or else `::`, outside code spans. */
function separatorIn(masked: string): { at: number; length: 2 | 3 } | null {
  const triple = masked.indexOf(':::');
  if (triple >= 0) return { at: triple, length: 3 };
  const double = masked.indexOf('::');
  return double >= 0 ? { at: double, length: 2 } : null;
}

/** A cloze text: one card per `==highlight==`, that highlight hidden and the others shown. */
function readCloze(block: Block, lines: Line[], add: AddCard, problems: CardProblem[]): void {
  const text = lines.map((l) => l.text).join('\n');
  const masked = lines.map((l) => l.masked).join('\n');
  const lineAt = (offset: number) => lines[countNewlines(masked.slice(0, offset))]!.n;
  const marks = [...masked.matchAll(/==/g)].map((m) => m.index);
  if (marks.length % 2 === 1) {
    const unclosed = marks.pop()!;
    problems.push({ line: lineAt(unclosed), message: 'an "==" highlight is not closed on this card; that part is left as text' });
  }
  const highlights: Array<{ start: number; end: number; content: string }> = [];
  for (let i = 0; i + 1 < marks.length; i += 2) {
    const start = marks[i]!;
    const end = marks[i + 1]! + 2;
    const content = text.slice(start + 2, end - 2).trim();
    if (!content) problems.push({ line: lineAt(start), message: 'an empty "====" highlight hides nothing; it makes no card' });
    highlights.push({ start, end, content });
  }
  const render = (hidden: number, hiddenAs: (content: string) => string) => {
    let out = '';
    let at = 0;
    highlights.forEach((h, i) => {
      out += text.slice(at, h.start) + (i === hidden ? hiddenAs(h.content) : h.content);
      at = h.end;
    });
    return (out + text.slice(at)).trim();
  };
  highlights.forEach((h, i) => {
    if (!h.content) return;
    add(
      block,
      lines[0]!,
      lines[lines.length - 1]!,
      'cloze',
      i,
      render(i, () => '[...]'),
      render(i, (c) => `**${c}**`),
    );
  });
}

/**
 * The note's prose as blocks of consecutive non-blank lines with the headings
 * above them; code, display math, headings and rules are left out. HTML
 * comments are removed first, and the lines holding only a scheduling comment
 * are returned apart.
 */
function readBlocks(source: string[], from: number): { blocks: Block[]; schedulingLines: number[] } {
  const blocks: Block[] = [];
  const schedulingLines: number[] = [];
  const headings: Array<{ depth: number; text: string }> = [];
  let run: Line[] = [];
  let block: Block | null = null;
  const endBlock = () => {
    if (block?.lines.length) blocks.push(block);
    block = null;
  };
  const flushRun = () => {
    for (const line of withoutComments(run, schedulingLines)) {
      const heading = ATX_HEADING.exec(line.text);
      if (heading) {
        endBlock();
        const depth = heading[1]!.length;
        while (headings.length && headings[headings.length - 1]!.depth >= depth) headings.pop();
        headings.push({ depth, text: (heading[2] ?? '').trim() });
        continue;
      }
      if (!line.text.trim() || RULE_LINE.test(line.text)) {
        endBlock();
        continue;
      }
      block ??= { headingPath: headings.map((h) => h.text), lines: [] };
      block.lines.push(line);
    }
    endBlock();
    run = [];
  };
  let fence: string | null = null;
  let math = false;
  for (let i = from; i < source.length; i++) {
    const text = source[i]!;
    if (fence !== null) {
      if (new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(text)) fence = null;
      continue;
    }
    if (math) {
      if (text.trim().endsWith('$$')) math = false;
      continue;
    }
    const open = FENCE_OPEN.exec(text);
    const t = text.trim();
    if (open || (t.startsWith('$$') && !(t.length > 2 && t.endsWith('$$')))) {
      flushRun();
      if (open) fence = open[1]!;
      else math = true;
      continue;
    }
    run.push({ n: i + 1, text, masked: '' });
  }
  flushRun();
  return { blocks, schedulingLines };
}

/**
 * The lines with HTML comments removed (a comment may span lines; one inside
 * a code span is code) and code spans masked. A line that held only a
 * scheduling comment is recorded in `schedulingLines`.
 */
function withoutComments(run: Line[], schedulingLines: number[]): Line[] {
  if (run.length === 0) return [];
  const text = run.map((l) => l.text).join('\n');
  const masked = text.replace(CODE_SPAN, (span) => MASK.repeat(span.length));
  let keptText = '';
  let keptMasked = '';
  let at = 0;
  for (const m of masked.matchAll(/<!--[\s\S]*?-->/g)) {
    keptText += text.slice(at, m.index);
    keptMasked += masked.slice(at, m.index);
    const breaks = '\n'.repeat(countNewlines(m[0]));
    keptText += breaks;
    keptMasked += breaks;
    at = m.index + m[0].length;
  }
  keptText += text.slice(at);
  keptMasked += masked.slice(at);
  const texts = keptText.split('\n');
  const maskeds = keptMasked.split('\n');
  return run.map((line, k) => {
    if (!texts[k]!.trim() && SR_COMMENT.test(line.text.trim())) schedulingLines.push(line.n);
    return { n: line.n, text: texts[k]!, masked: maskeds[k]! };
  });
}

/** A single-line card's question without the list marker or deck tags in front of it. */
function withoutLeadingMarks(question: string): string {
  let q = question.replace(LIST_MARKER, '').trim();
  for (let m = /^#([\p{L}\p{N}_\-/]+)\s+/u.exec(q); m && isFlashcardTag(m[1]!); m = /^#([\p{L}\p{N}_\-/]+)\s+/u.exec(q)) {
    q = q.slice(m[0].length);
  }
  return q.trim();
}

function joinLines(lines: Line[]): string {
  return lines
    .map((l) => l.text)
    .join('\n')
    .trim();
}

function cardId(file: string, kind: CardKind, variant: number, question: string): string {
  return createHash('sha1').update(`${file}\u0000${kind}:${variant}\u0000${question}`).digest('hex').slice(0, 20);
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}
