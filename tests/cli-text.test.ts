/**
 * The CLI prints a quote as Discord shows it: the same formatter, and
 * Markdown's backslash escapes read as the characters they stand for, since
 * a terminal renders no Markdown. Code keeps every backslash.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../src/search/ask.js';
import { renderAnswerText, withEscapesRead } from '../src/render/text.js';

describe('withEscapesRead', () => {
  it('reads a backslash before punctuation as that punctuation, outside code only', () => {
    expect(withEscapesRead('x̂ = (x − μ\\_B)/√(σ\\_B² + ε), θ\\*')).toBe('x̂ = (x − μ_B)/√(σ_B² + ε), θ*');
    expect(withEscapesRead('用 `a\\_b` 和 μ\\_B')).toBe('用 `a\\_b` 和 μ_B');
    expect(withEscapesRead('```\nprint("a\\_b")\n```\nμ\\_B')).toBe('```\nprint("a\\_b")\n```\nμ_B');
    // A backslash before a letter is no escape: it stays.
    expect(withEscapesRead('C:\\notes')).toBe('C:\\notes');
  });
});

describe('renderAnswerText', () => {
  it('prints inline math with a plain subscript as Discord shows it', () => {
    const answer: Answer = {
      question: '批归一化的公式是什么',
      corrections: [],
      answered: true,
      legs: { keyword: true, dense: false },
      results: [
        {
          chunkId: 'bn',
          file: 'bn.md',
          title: 'BN',
          headingPath: ['批归一化'],
          startLine: 3,
          endLine: 3,
          score: 1,
          coverage: 1,
          quote: '标准化：$\\hat{x} = \\frac{x - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}}$。',
          text: '',
        },
      ],
    };
    expect(renderAnswerText(answer)).toContain('标准化：x̂ = (x − μ_B)/(√(σ_B² + ε))。');
  });
});
