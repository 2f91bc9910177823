import { describe, expect, test } from 'vitest';
import { displayWidth } from '../src/render/format/display-width.js';
import { formatTable } from '../src/render/format/table.js';

describe('tables in Discord', () => {
  test('a CJK table lines up in a code block, Chinese characters counted two columns wide', () => {
    const out = formatTable({
      rows: [
        ['方法', 'AP', '速度'],
        ['RetinaNet', '39.1', '慢'],
        ['YOLO', '21.6', '很快'],
      ],
      align: [null, 'right', null],
    });
    const lines = out.split('\n');
    expect(lines[0]).toBe('```');
    expect(lines.at(-1)).toBe('```');
    const grid = lines.slice(1, -1);
    expect(grid).toEqual(['方法         AP  速度', '─────────  ────  ────', 'RetinaNet  39.1  慢', 'YOLO       21.6  很快']);
    // Every column starts at the same screen column on every row.
    const columnStart = (line: string, cell: string) => displayWidth(line.slice(0, line.indexOf(cell)));
    expect(columnStart(grid[0]!, '速度')).toBe(columnStart(grid[2]!, '慢'));
    expect(columnStart(grid[0]!, '速度')).toBe(columnStart(grid[3]!, '很快'));
  });

  test('no trace of the Markdown separator row', () => {
    const out = formatTable({
      rows: [
        ['a', 'b'],
        ['1', '2'],
      ],
      align: [],
    });
    expect(out).not.toMatch(/\|/);
    expect(out).not.toContain('---');
  });

  test('a table too wide for a phone becomes "column: value" lines per row', () => {
    const long = '在交叉熵上乘以调制因子，自动压低大量简单样本的损失';
    const out = formatTable(
      {
        rows: [
          ['方法', '说明', 'AP'],
          ['Focal Loss', long, '39.1'],
        ],
        align: [],
      },
      40,
    );
    expect(out).toBe(`**Focal Loss**\n说明: ${long}\nAP: 39.1`);
  });

  test('a row of "…" (rows a quote left out) is one "…" line among the rows', () => {
    const long = '在交叉熵上乘以调制因子，自动压低大量简单样本的损失';
    const out = formatTable({
      rows: [
        ['方法', '说明'],
        ['…', '…'],
        ['Focal Loss', long],
      ],
      align: [],
    });
    expect(out).toBe(`…\n\n**Focal Loss**\n说明: ${long}`);
  });

  test('display width counts CJK double, combining marks zero', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('损失')).toBe(4);
    expect(displayWidth('x̅')).toBe(1);
  });
});
