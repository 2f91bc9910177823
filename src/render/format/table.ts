import { escapeMarkdown } from '@discordjs/formatters';
import { codeBlock } from './code.js';
import { displayWidth, padToWidth } from './display-width.js';

export type ColumnAlign = 'left' | 'right' | 'center' | null;

/**
 * One cell, as plain text for a monospace grid and as Markdown for a list
 * (where TeX that has no Unicode form can be a code span). A string is plain
 * text in both.
 */
export type TableCell = string | { plain: string; markdown: string };

/** A table's cells, the header row first. */
export interface TableText {
  rows: TableCell[][];
  align: ColumnAlign[];
}

/**
 * Roughly what fits across a phone's Discord code block before it wraps (and a
 * wrapped table is unreadable).
 */
export const PHONE_TABLE_COLUMNS = 40;

const COLUMN_GAP = '  ';

interface Cell {
  plain: string;
  markdown: string;
}

/**
 * A table Discord can show: aligned columns in a code block when it fits
 * `maxColumns` (CJK counted double), otherwise one block of `column: value`
 * lines per row, headed by the row's first cell.
 */
export function formatTable(table: TableText, maxColumns = PHONE_TABLE_COLUMNS): string {
  const columns = Math.max(0, ...table.rows.map((r) => r.length));
  const rows = table.rows.map((r) => Array.from({ length: columns }, (_, i) => normalise(r[i] ?? '')));
  if (rows.length === 0 || columns === 0) return '';
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => displayWidth(r[c]!.plain))));
  const total = widths.reduce((a, b) => a + b, 0) + COLUMN_GAP.length * (columns - 1);
  return total <= maxColumns ? alignedTable(rows, widths, table.align) : rowsAsLists(rows);
}

function normalise(cell: TableCell): Cell {
  const c = typeof cell === 'string' ? { plain: cell, markdown: escapeMarkdown(cell) } : cell;
  return { plain: c.plain.trim(), markdown: c.markdown.trim() };
}

function alignedTable(rows: Cell[][], widths: number[], align: ColumnAlign[]): string {
  const line = (cells: Cell[]) =>
    cells
      .map((cell, c) => padToWidth(cell.plain, widths[c]!, align[c] ?? 'left'))
      .join(COLUMN_GAP)
      .trimEnd();
  const [header, ...body] = rows;
  const rule = widths.map((w) => '─'.repeat(w)).join(COLUMN_GAP);
  return codeBlock([line(header!), rule, ...body.map(line)].join('\n'));
}

/** A cell that only says something was left out. */
const ELLIPSIS = /^(?:…|\.{3})$/;

function rowsAsLists(rows: Cell[][]): string {
  const [header, ...body] = rows;
  if (body.length === 0)
    return header!
      .map((c) => c.markdown)
      .filter(Boolean)
      .join(' · ');
  return body
    .map((row) => {
      // A row of "…" stands for rows a quote left out: one "…" says so.
      if (row.every((cell) => ELLIPSIS.test(cell.plain))) return '…';
      const [first, ...rest] = row;
      const fields = rest
        .map((value, i) => (value.markdown ? `${header![i + 1]!.markdown || `${i + 2}`}: ${value.markdown}` : ''))
        .filter(Boolean);
      return [first!.markdown ? `**${first!.markdown}**` : '', ...fields].filter(Boolean).join('\n');
    })
    .join('\n\n');
}
