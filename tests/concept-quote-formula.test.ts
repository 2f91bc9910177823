import { describe, expect, it } from 'vitest';
import type { Concept } from '../src/concepts/types.js';
import type { Chunk } from '../src/notes/types.js';
import { conceptQuote } from '../src/render/concept-quote.js';

const chunk = (lines: string[]): Chunk => ({
  id: 'cccccccccc-dddddddddd',
  file: 'focal.md',
  title: 'Focal',
  headingPath: ['Focal', '定义'],
  startLine: 10,
  endLine: 10 + lines.length - 1,
  part: 0,
  text: lines.join('\n'),
});
const concept: Concept = {
  id: 'fedcba9876543210',
  term: 'Focal Loss',
  aliases: ['Focal Loss'],
  definition: 'Focal Loss 是乘以调制因子的损失。',
  kind: 'loss',
  topic: 'focal.md',
  source: { file: 'focal.md', headingPath: ['Focal', '定义'], startLine: 10, endLine: 10 },
};
const quote = (lines: string[]) => conceptQuote([{ file: 'focal.md', chunks: [chunk(lines)] }], concept).markdown;

describe('conceptQuote and the formula a definition introduces', () => {
  it('a definition ending with a colon is quoted with the display formula after it', () => {
    expect(quote(['**Focal Loss 是**乘以调制因子的损失：', '', '$$', '\\mathrm{FL}(p_t) = -\\log(p_t)', '$$', '', '- 其他。'])).toBe(
      '**Focal Loss 是**乘以调制因子的损失：\n\n$$\n\\mathrm{FL}(p_t) = -\\log(p_t)\n$$',
    );
    expect(quote(['**Focal Loss 是**乘以调制因子的损失：', '$\\mathrm{FL}(p_t) = -\\log(p_t)$'])).toBe(
      '**Focal Loss 是**乘以调制因子的损失：\n\n$\\mathrm{FL}(p_t) = -\\log(p_t)$',
    );
  });

  it('takes nothing else along: no formula, a sentence not ending in a colon, or a block that never closes', () => {
    expect(quote(['**Focal Loss 是**乘以调制因子的损失：', '', '- 一项。'])).toBe('**Focal Loss 是**乘以调制因子的损失：');
    expect(quote(['**Focal Loss 是**乘以调制因子的损失。', '', '$$x$$'])).toBe('**Focal Loss 是**乘以调制因子的损失。');
    expect(quote(['**Focal Loss 是**乘以调制因子的损失：', '$$', ...Array(20).fill('x + y')])).toBe(
      '**Focal Loss 是**乘以调制因子的损失：',
    );
  });
});
