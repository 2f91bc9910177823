import { describe, expect, test } from 'vitest';
import { inlineMathMarkdown, texToUnicode } from '../src/render/format/inline-math.js';

const unicode = (tex: string) => {
  const r = texToUnicode(tex);
  return r.ok ? r.text : `FALLBACK: ${r.reason}`;
};

describe('inline math becomes Unicode when that is faithful', () => {
  test.each([
    ['\\gamma', 'γ'],
    ['p_t', 'pₜ'],
    ['x^2', 'x²'],
    ['\\|W\\|_2', '‖W‖₂'],
    ['\\lVert W \\rVert_2', '‖ W ‖₂'],
    ['\\alpha \\cdot CE', 'α⋅CE'],
    ['a \\approx b', 'a ≈ b'],
    ['p_t \\leq 0.5', 'pₜ ≤ 0.5'],
    ['p_t \\to 1', 'pₜ → 1'],
    ['(1-p_t)^\\gamma', '(1−pₜ)ᵞ'],
    ['x_{ij}', 'xᵢⱼ'],
    ['H\\times W', 'H×W'],
    ['\\hat{y}', '\u0177'],
    ['\\mathbb{R}^{d}', 'ℝᵈ'],
  ])('%s → %s', (tex, expected) => {
    expect(unicode(tex)).toBe(expected);
  });

  test('the pre-pass unwraps what unicodeit would leave as markup or mangle', () => {
    expect(unicode('\\mathrm{FL}(p_t)')).toBe('FL(pₜ)');
    expect(unicode('\\text{softmax}(z)')).toBe('softmax(z)');
    expect(unicode('\\frac{a}{b}')).toBe('a/b');
    expect(unicode('\\frac{x+1}{n}')).toBe('(x+1)/n');
    // unicodeit alone turns \log into "łog" and \left into "≤ft".
    expect(unicode('\\log p_t')).toBe('log pₜ');
    expect(unicode('\\left(x\\right)')).toBe('(x)');
    expect(unicode('a\\,b\\quad c')).toBe('a b c');
    expect(unicode('\\sqrt{d_k}')).toBe('√(dₖ)');
  });
});

describe('what Unicode cannot say stays TeX in a code span', () => {
  test.each([
    ['W_q', 'no Unicode subscript for q'],
    ['\\nabla_\\theta', 'no Unicode subscript for \\theta'],
    ['x_{i_j}', 'no Unicode subscript for _'],
    ['\\begin{bmatrix}1&0\\end{bmatrix}', 'no Unicode for \\begin'],
    ['\\frac{e^{x}}{2}', 'no Unicode for \\frac'],
    ['\\foo', 'no Unicode for \\foo'],
  ])('%s (%s)', (tex, reason) => {
    expect(texToUnicode(tex)).toEqual({ ok: false, reason });
    expect(inlineMathMarkdown(tex)).toBe(`\`${tex}\``);
  });

  test('a code span survives backticks in the TeX', () => {
    expect(inlineMathMarkdown('\\text{`a`}_q')).toBe('``\\text{`a`}_q``');
    expect(inlineMathMarkdown('`x`_q')).toBe('`` `x`_q ``');
  });
});

test('converted text is escaped for Discord Markdown', () => {
  expect(inlineMathMarkdown('\\theta^{*}')).toBe('θ\\*');
  expect(inlineMathMarkdown('a*b*c')).toBe('a\\*b\\*c');
});
