import { escapeMarkdown } from 'discord.js';
import { codeBlock } from './code.js';
import { displayWidth, padToWidth } from './display-width.js';

export type ColumnAlign = 'left' | 'right' | 'center' | null;

/** A table as plain cell text, the header row first. */
export interface TableText {
  rows: string[][];
  align: ColumnAlign[];
}

/**
 * Roughly what fits across a phone's Discord code block before it wraps (and a
 * wrapped table is unreadable).
 */
export const PHONE_TABLE_COLUMNS = 40;

const COLUMN_GAP = '  ';

/**
 * A table Discord can show: aligned columns in a code block when it fits
 * `maxColumns` (CJK counted double), otherwise one block of `column: value`
 * lines per row, headed by the row's first cell.
 */
export function formatTable(table: TableText, maxColumns = PHONE_TABLE_COLUMNS): string {
  const columns = Math.max(0, ...table.rows.map((r) => r.length));
  const rows = table.rows.map((r) => Array.from({ length: columns }, (_, i) => (r[i] ?? '').trim()));
  if (rows.length === 0 || columns === 0) return '';
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => displayWidth(r[c]!))));
  const total = widths.reduce((a, b) => a + b, 0) + COLUMN_GAP.length * (columns - 1);
  return total <= maxColumns ? alignedTable(rows, widths, table.align) : rowsAsLists(rows);
}

function alignedTable(rows: string[][], widths: number[], align: ColumnAlign[]): string {
  const line = (cells: string[]) =>
    cells.map((cell, c) => padToWidth(cell, widths[c]!, align[c] ?? 'left')).join(COLUMN_GAP).trimEnd();
  const [header, ...body] = rows;
  const rule = widths.map((w) => '─'.repeat(w)).join(COLUMN_GAP);
  return codeBlock([line(header!), rule, ...body.map(line)].join('\n'));
}

function rowsAsLists(rows: string[][]): string {
  const [header, ...body] = rows;
  if (body.length === 0) return header!.filter(Boolean).map((cell) => escapeMarkdown(cell)).join(' · ');
  return body
    .map((row) => {
      const [first, ...rest] = row;
      const fields = rest
        .map((value, i) => (value ? `${escapeMarkdown(header![i + 1] || `${i + 2}`)}: ${escapeMarkdown(value)}` : ''))
        .filter(Boolean);
      return [first ? `**${escapeMarkdown(first)}**` : '', ...fields].filter(Boolean).join('\n');
    })
    .join('\n\n');
}
