import { LIST_ITEM_START, splitSentences } from '../notes/sentences.js';

export const QUOTE_MAX_CHARS = 600;

/**
 * A piece of the section that is quoted whole or not at all: a sentence of
 * prose, a list item (with its marker and number), or a code, formula or
 * table block. Offsets point into the section text, so a quote is a verbatim
 * slice of the note.
 */
interface Unit {
  start: number;
  end: number;
  kind: 'sentence' | 'item' | 'block';
  /** Units of one list, or of one code/formula/table block, share a group; prose sentences have their own. */
  group: number;
  /** The unit finishes a thought: a quote may end after it without "…". */
  closes: boolean;
  /** A sentence that introduces the list or block after it (ends with a colon). */
  leadIn?: boolean;
  /** A sentence that goes on from the one before it in its paragraph, which stops on "；" or "，". */
  continues?: boolean;
  /** The question's terms the unit holds, with their weights. */
  terms: ReadonlyMap<string, number>;
  /** Those it says itself: the section's opening holds its heading's terms without saying them. */
  said: ReadonlyMap<string, number>;
  /** Their sum: whether (and how much) the unit matters on its own. */
  score: number;
  /** A fenced code block. */
  code: boolean;
  /** A table block. */
  table: boolean;
}
type RawUnit = Omit<Unit, 'terms' | 'said' | 'score' | 'code' | 'table'>;

/**
 * A term found only in a code block counts this much, as in the keyword
 * index's code field: identifiers in a script are weak evidence of what a
 * passage explains.
 */
const CODE_WEIGHT = 0.25;

/**
 * What `bestPassage` needs to know of a piece of the section: the question's
 * terms it holds with their weights (each counted once over a run), or just a
 * number, the piece's own weight (summed over a run).
 */
export type Weigh = (piece: string) => ReadonlyMap<string, number> | number;

/**
 * Picks the passage of a section a student should read: the run of whole
 * units of at most `maxChars` that holds the most of the question (each of
 * its terms counted once over the run), earlier runs winning ties so a
 * definition at the top of a section beats a later passage that merely
 * repeats the words.
 *
 * - It starts at a sentence or list item that carries the question's words;
 *   a list or formula is preceded by the line that introduces it
 *   ("**优点**：", "定义为：").
 * - It never cuts a sentence, list item, formula, code block or table (a single
 *   unit longer than the limit is shortened at a line or with "…"), and it
 *   ends where a thought ends: not on "；" or a lead-in line, and not in the
 *   middle of a list without "…". A table its last line introduces comes
 *   with it, cut to whole rows ("…") past the limit.
 */
export function bestPassage(text: string, weigh: Weigh, maxChars = QUOTE_MAX_CHARS): string {
  return scoredPassage(text, weigh, maxChars).quote;
}

/** The passage `bestPassage` picks, with how much of the question it holds: parts of one section are compared by it. */
export function scoredPassage(
  text: string,
  weigh: Weigh,
  maxChars = QUOTE_MAX_CHARS,
  /** Terms the section's first unit holds without saying them: those of the heading it continues. */
  leadTerms: ReadonlyMap<string, number> = new Map(),
): { quote: string; score: number } {
  const raw = toUnits(text);
  // The heading's words go to what opens the section's text, past a credit or a source link before it
  // ("**（贡献者：…）**", "https://blog.csdn.net/…"), which says nothing the heading names.
  const opening = raw.findIndex((u) => !ASIDE.test(text.slice(u.start, u.end).trim()));
  const units: Unit[] = raw.map((u, k) => {
    const weighed = weigh(text.slice(u.start, u.end));
    // A plain number is a term of the unit's own, so a run sums them.
    const own = typeof weighed === 'number' ? new Map([[`\u0000unit${k}`, weighed]]) : weighed;
    const terms = k === opening && leadTerms.size > 0 ? new Map([...leadTerms, ...own]) : own;
    let score = 0;
    for (const w of terms.values()) score += w;
    return { ...u, terms, said: own, score, code: isCode(text, u), table: isTable(text, u) };
  });
  if (units.length === 0) return { quote: '', score: 0 };
  const anyRelevant = units.some((u) => u.score > 0);
  let best: Window | null = null;
  const saidIn = (w: Window) => {
    w.said ??= holding(units, w.start, w.end, (u) => u.said);
    return w.said;
  };
  for (let i = 0; i < units.length; i++) {
    // A passage starts at a unit that matters (if any does), so the quote reads as an answer, not as context.
    if (anyRelevant && units[i]!.score <= 0) continue;
    const window = windowFrom(units, startFor(units, i, maxChars), maxChars);
    // Between runs holding as much, one that says the words itself beats the opening that holds them only
    // through its heading: "PolarMask 提出在极坐标下直接计算…IoU" answers "polar iou loss", the motivation before it less.
    const better = !best || window.score > best.score + 1e-9 || (window.score > best.score - 1e-9 && saidIn(window) > saidIn(best) + 1e-9);
    if (better) best = window;
  }
  // What a table row holds of the question, for a table cut to the budget: its terms' weights, each once.
  const rowWeight = (row: string) => {
    const weighed = weigh(row);
    return typeof weighed === 'number' ? weighed : [...weighed.values()].reduce((a, b) => a + b, 0);
  };
  return { quote: render(text, units, best!, maxChars, rowWeight), score: best!.score };
}

/**
 * A line that is only an aside to the text: a bracketed credit or note, a bare link. A figure is not: the text
 * after it reads it ("上图是…").
 */
const ASIDE = /^(?:\**[（(][^()（）\n]*[)）]\**|<?https?:\/\/\S+>?)$/;

/** How much of the question a run holds: each term once, a term found only in code at CODE_WEIGHT. */
function holding(units: Unit[], start: number, end: number, termsOf = (u: Unit) => u.terms): number {
  const prose = new Map<string, number>();
  const code = new Map<string, number>();
  for (let k = start; k < end; k++) {
    const u = units[k]!;
    // A key may weigh differently in two units (an idea held through one translation here, a heavier one there).
    for (const [t, w] of termsOf(u)) {
      const held = u.code ? code : prose;
      held.set(t, Math.max(held.get(t) ?? 0, w));
    }
  }
  let total = 0;
  for (const w of prose.values()) total += w;
  for (const [t, w] of code) if (!prose.has(t)) total += CODE_WEIGHT * w;
  return total;
}

/** A caption names its table or figure by number (or the placeholder "XX" of a draft): "表3-1 …", "Table 2: …". */
const CAPTION = /^(?:表|图|table|fig(?:ure)?\.?)\s*(?:[0-9０-９]+|xx)/i;

function isTable(text: string, u: RawUnit): boolean {
  return u.kind === 'block' && text.charAt(u.start) === '|';
}

function isCode(text: string, u: RawUnit): boolean {
  return u.kind === 'block' && CODE_FENCE.test(text.slice(u.start, u.end));
}

/** A code fence at the start of a line, inside a blockquote too ("> ```"): the quote markers, then the fence. */
const CODE_FENCE = /^((?:>[ \t]?)*)(```+|~~~+)/;
/** Blockquote markers before a line's content: a fence inside a quote opens and closes as one outside does. */
const QUOTE_MARKERS = /^(?:>[ \t]?)+/;

interface Window {
  start: number;
  end: number;
  score: number;
  /** How much of the question the run says itself (its score without the heading's terms lent to the opening): read on a tie. */
  said?: number;
  ellipsis: boolean;
}

/**
 * Where a passage whose first relevant unit is `i` should start: at the lead-in
 * line of the list or block `i` opens, and inside a short list at its start
 * (lead-in included), so "2." is not quoted without "1." and the label.
 */
function startFor(units: Unit[], i: number, maxChars: number): number {
  const unit = units[i]!;
  if (unit.kind === 'sentence') {
    // A clause after "；" goes on from the sentence it belongs to: the quote starts where that sentence does,
    // if that costs at most half the quote ("会有两个问题：…；回归损失量级与分类损失难平衡。").
    let first = i;
    while (first > 0 && units[first]!.continues && units[i]!.end - units[first - 1]!.start <= maxChars / 2) first--;
    return first;
  }
  let first = i;
  while (first > 0 && units[first - 1]!.group === unit.group) first--;
  const lead = first > 0 && units[first - 1]!.leadIn ? first - 1 : first;
  // Going back to a list's start may cost at most half the quote: the unit that answers keeps the rest.
  const room = first === i ? maxChars : maxChars / 2;
  return units[i]!.end - units[lead]!.start <= room ? lead : i;
}

/** Extends from `start` while units fit, then pulls the end back to where a thought ends (or marks "…"). */
function windowFrom(units: Unit[], start: number, maxChars: number): Window {
  let end = start + 1;
  while (end < units.length && units[end]!.end - units[start]!.start <= maxChars) end++;
  // A passage that ends on the line introducing a table ("具体的参数列表如表XX所示。表XX 卷积神经网络常见参数") quotes
  // the table too, its rows cut to the budget (render), rather than stop where the answer begins.
  if (end < units.length && units[end - 1]!.leadIn && units[end]!.table) end++;
  // A line that leads into what did not fit ("**（3）Anchor densification strategy**", "定义为：") is left out, however
  // much of the question it holds: the passage that starts at it quotes it with what it introduces.
  while (end - 1 > start && end < units.length && units[end - 1]!.leadIn) end--;
  let top = start;
  for (let k = start; k < end; k++) if (units[k]!.score > units[top]!.score) top = k;
  let closedEnd = end;
  while (closedEnd > top + 1 && !units[closedEnd - 1]!.closes) closedEnd--;
  const ellipsis = !units[closedEnd - 1]!.closes;
  if (ellipsis) closedEnd = end; // no clean end after the answer: keep what fits and say it goes on
  return { start, end: closedEnd, score: holding(units, start, closedEnd), ellipsis };
}

function render(text: string, units: Unit[], w: Window, maxChars: number, rowWeight: (row: string) => number): string {
  const first = units[w.start]!;
  const last = units[w.end - 1]!;
  let passage = text
    .slice(first.start, last.end)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (passage.length > maxChars && last.table) return withRowsCut(passage, maxChars, rowWeight);
  if (passage.length > maxChars) return shorten(passage, first.kind === 'block', maxChars);
  const atSectionEnd = w.end === units.length;
  // A table row or block can still end on "；" mid-section: what follows goes on, so say so.
  if (w.ellipsis || (!atSectionEnd && /[；;]$/.test(passage))) passage = `${passage.replace(/[；;，,、：:]+$/, '')}…`;
  // A section that itself stops on "；" (a list of clauses with nothing after): the quote stops on the last word.
  else if (atSectionEnd) passage = passage.replace(/[；;]+$/, '');
  return passage;
}

/**
 * A passage ending in a table, past the budget: what comes before the table,
 * its header, and of the rows that hold the question the heaviest that fit,
 * in their order (at least one), a row of "…" where rows are left out before
 * or between them and a "…" line after the table when rows follow. "5.20
 * 全连接、局部连接、全卷积与局部卷积" compares four ways to connect in four rows:
 * "局部卷积是啥" is answered by the fourth, not by the first two that fit. A
 * table no row of which holds the question is cut after the rows that fit,
 * in order.
 */
function withRowsCut(passage: string, maxChars: number, rowWeight: (row: string) => number): string {
  const lines = passage.split('\n');
  // The table the passage ends in: an earlier one in the passage is quoted whole.
  let tableStart = lines.length;
  while (tableStart > 0 && lines[tableStart - 1]!.trimStart().startsWith('|')) tableStart--;
  const headed = SEPARATOR_ROW.test(lines[tableStart + 1] ?? '');
  const firstRow = tableStart + (headed ? 2 : 1);
  const rows = lines.slice(firstRow).map((line, i) => ({ i, line, weight: rowWeight(line) }));
  const cells = (lines[tableStart]!.match(/\|/g)?.length ?? 2) - 1;
  const skipped = `|${' … |'.repeat(Math.max(1, cells))}`;
  const rendered = (kept: ReadonlySet<number>) => {
    const out = lines.slice(0, firstRow);
    let gap = false;
    for (const row of rows) {
      if (!kept.has(row.i)) gap = true;
      else {
        if (gap) out.push(skipped);
        out.push(row.line);
        gap = false;
      }
    }
    return gap ? `${out.join('\n')}\n…` : out.join('\n');
  };
  // The rows holding the question, heaviest first (in order among equals); none holding it, the rows in order.
  const holdingRows = rows.filter((r) => r.weight > 0).sort((a, b) => b.weight - a.weight || a.i - b.i);
  const order = holdingRows.length > 0 ? holdingRows : rows;
  const kept = new Set<number>();
  for (const row of order) {
    kept.add(row.i);
    if (kept.size > 1 && rendered(kept).length > maxChars) kept.delete(row.i);
  }
  return rendered(kept);
}

/** A table's separator row: "|---|:---:|". */
const SEPARATOR_ROW = /^\s*\|?(?:\s*:?-{1,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$/;

/**
 * One unit longer than the whole budget. A code block or table is cut after
 * its last whole line (a code fence is closed again); a display formula is
 * quoted whole, since half a formula does not render; prose is cut with "…".
 */
function shorten(passage: string, isBlock: boolean, maxChars: number): string {
  if (isBlock) {
    if (passage.startsWith('$$')) return passage;
    const opener = CODE_FENCE.exec(passage);
    // Closed again inside the blockquote it opened in: "> ```".
    const closing = opener ? `\n${opener[1]!}${opener[2]!}` : '';
    const room = maxChars - closing.length - 2;
    const cut = passage.slice(0, room);
    const lastLine = cut.lastIndexOf('\n');
    return `${lastLine > 0 ? cut.slice(0, lastLine) : cut}\n…${closing}`;
  }
  return `${passage.slice(0, maxChars - 1).trimEnd()}…`;
}

interface Block {
  start: number;
  end: number;
  kind: 'prose' | 'list' | 'block';
}

/** Splits a section into units: prose into sentences, lists into items, code/formula/table blocks whole. */
function toUnits(text: string): RawUnit[] {
  const units: RawUnit[] = [];
  let group = 0;
  let previous: Block | null = null;
  for (const block of toBlocks(text)) {
    // A list interrupted by blank lines ("loose" list) is still one list.
    if (!(block.kind === 'list' && previous?.kind === 'list')) group++;
    if (block.kind === 'block') units.push({ start: block.start, end: block.end, kind: 'block', group, closes: true });
    else if (block.kind === 'list') {
      for (const item of listItems(text, block)) units.push({ ...item, kind: 'item', group, closes: false });
    } else {
      let before: RawUnit | null = null;
      for (const s of splitSentences(text.slice(block.start, block.end))) {
        const start = block.start + s.start + (s.text.length - s.text.trimStart().length);
        const end = block.start + s.end - (s.text.length - s.text.trimEnd().length);
        if (end <= start) continue;
        const unit: RawUnit = { start, end, kind: 'sentence', group: ++group, closes: sentenceCloses(text.slice(start, end)) };
        if (before && /[；;，,]$/.test(stripEmphasis(text.slice(before.start, before.end)))) unit.continues = true;
        units.push(unit);
        before = unit;
      }
    }
    previous = block;
  }
  // A reference list ends what the section says: "参考文献：" or "Reference：" on a line of its own, then the
  // works it cites, whose titles hold the question's words but answer nothing. A quote stops before it; a
  // section that is nothing else keeps it.
  const references = units.findIndex((u, k) => k > 0 && u.kind === 'sentence' && REFERENCES_LABEL.test(text.slice(u.start, u.end)));
  if (references > 0) units.length = references;
  // A list's last item ends the list; a colon line before a list or block leads into it.
  for (let k = 0; k < units.length; k++) {
    const u = units[k]!;
    const next = units[k + 1];
    // A list item whose last line ends on a colon ("6、移动端开发步骤：", "3、…正例与反例信息如下：" before a table) goes on into
    // what follows, as a colon line does, though it is the list's last; before a block, it leads into it.
    const colon = endsOnColon(text, u);
    if (u.kind === 'item' && next?.group !== u.group) u.closes = !colon;
    if (u.kind === 'item' && next?.kind === 'block' && colon) u.leadIn = true;
    if (u.kind === 'sentence' && next && next.kind !== 'sentence' && colon) u.leadIn = true;
    // A sentence announcing what follows ("以下是一些值得研究的方向。", "as follows.") leads into the list or block after it
    // though it ends on a full stop: the list is what it announces, so no quote ends on it.
    if (u.kind === 'sentence' && next && next.kind !== 'sentence' && ANNOUNCES.test(text.slice(u.start, u.end))) {
      u.leadIn = true;
      u.closes = false;
    }
    // A bold label alone on its line ("**（3）Anchor densification strategy**", "**兼容性**") heads what follows, as
    // a heading does: a quote does not end on it.
    if (u.kind === 'sentence' && next && BOLD_LABEL_LINE.test(text.slice(u.start, u.end).trim()) && aloneOnItsLine(text, u)) {
      u.leadIn = true;
      u.closes = false;
    }
    // A table's caption ("表XX 卷积神经网络常见参数", "Table 2: …") leads into it, and a thought does not end on it.
    if (u.kind === 'sentence' && next && isTable(text, next) && CAPTION.test(text.slice(u.start, u.end).replace(/^[\s\u200b]+/, ''))) {
      u.leadIn = true;
      u.closes = false;
    }
  }
  // The section's last unit ends the section's thought, whatever its punctuation, unless it leads into what a
  // long section's next part holds ("话不多说，上代码：" before the code): a quote ending there says it goes on.
  const last = units[units.length - 1]!;
  last.closes = last.kind === 'block' || !endsOnColon(text, last);
  return units;
}

/** The label of a reference list, alone on its line (the works may follow in the same paragraph): 参考文献, References, Reference：. */
const REFERENCES_LABEL =
  /^\s*\**[ \t]*(?:参考文献|参考资料|参考链接|references?|bibliography)[ \t]*\**[ \t]*[：:]?[ \t]*\**[ \t]*(?:\n|$)/i;

/** Whether a unit's text stops on a colon (bold and closing brackets aside): it leads into what follows. */
function endsOnColon(text: string, u: RawUnit): boolean {
  return /[：:]$/.test(stripEmphasis(text.slice(u.start, u.end)));
}

/** A line that is all bold, short: a label over what follows. */
const BOLD_LABEL_LINE = /^\*\*[^*\n]{1,60}\*\*[：:]?$/;

/** Whether the unit is all of its line: nothing before it on its line, a line break (or the end) after it. */
function aloneOnItsLine(text: string, u: RawUnit): boolean {
  const before = text.lastIndexOf('\n', u.start - 1);
  const lineStart = before < 0 ? 0 : before + 1;
  return !text.slice(lineStart, u.start).trim() && (u.end >= text.length || /^[ \t]*(?:\n|$)/.test(text.slice(u.end)));
}

/** Words that announce a list or block to come: 以下, 如下, "the following", "as follows". */
const ANNOUNCES = /以下|如下|下列|下面|\bthe\s+following\b|\bas\s+follows\b/i;

/** A sentence ends a thought unless it stops on "；", a comma or a colon (it goes on, or leads into something). */
function sentenceCloses(sentence: string): boolean {
  return !/[；;，,、：:]$/.test(stripEmphasis(sentence));
}

function stripEmphasis(s: string): string {
  return s.trim().replace(/[*_”’"')）\]】」』]+$/, '');
}

/** Blocks at blank lines; fenced code and $$ formulas (blank lines and all), tables and lists are recognised. */
function toBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  let fence: string | null = null;
  const flush = () => {
    if (current) blocks.push(current);
    current = null;
  };
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    const end = offset + line.length;
    offset = end + 1;
    const trimmed = line.trim().replace(QUOTE_MARKERS, '').trim();
    if (fence) {
      current!.end = end;
      if (trimmed.startsWith(fence) && (fence !== '$$' || trimmed.endsWith('$$'))) {
        fence = null;
        flush();
      }
      continue;
    }
    const opener = /^(```+|~~~+|\$\$)/.exec(trimmed);
    if (opener) {
      flush();
      current = { start, end, kind: 'block' };
      // "$$ x $$" on one line is a whole formula.
      if (opener[1] === '$$' && trimmed.length > 2 && trimmed.endsWith('$$')) flush();
      else fence = opener[1]!;
      continue;
    }
    if (!trimmed) {
      flush();
      continue;
    }
    const kind: Block['kind'] = trimmed.startsWith('|') ? 'block' : LIST_ITEM_START.test(line) ? 'list' : 'prose';
    // Continuation lines belong to the block they continue; a list marker or table row starts a new one after prose.
    if (current && (current.kind === kind || (current.kind === 'list' && kind === 'prose'))) current.end = end;
    else {
      flush();
      current = { start, end, kind };
    }
  }
  flush();
  return blocks;
}

/** The items of a list block: each runs from its marker to the next marker at the same or a lower indent. */
function listItems(text: string, block: Block): Array<{ start: number; end: number }> {
  const items: Array<{ start: number; end: number }> = [];
  let offset = block.start;
  let indent = -1;
  for (const line of text.slice(block.start, block.end).split('\n')) {
    const start = offset;
    const end = offset + line.length;
    offset = end + 1;
    const lineIndent = line.length - line.trimStart().length;
    const startsItem = LIST_ITEM_START.test(line) && (indent < 0 || lineIndent <= indent);
    if (startsItem) {
      indent = lineIndent;
      items.push({ start: start + lineIndent, end });
    } else if (items.length) items[items.length - 1]!.end = end;
    else items.push({ start, end });
  }
  return items;
}
