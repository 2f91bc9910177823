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
    expect(unicode('\\frac{e^{x}}{\\frac{1}{2}}')).toBe('(eˣ)/(1/2)');
  });

  test('notation as notes really write it', () => {
    expect(unicode('{\\theta}_i')).toBe('θᵢ');
    expect(unicode('\\boldsymbol w^T x')).toBe('𝐰ᵀ x');
    expect(unicode("f^{'}(x)")).toBe('f′(x)');
    expect(unicode('\\vec\\theta')).toBe('θ\u20D7');
    expect(unicode('{\\rm d}x')).toBe('dx');
    expect(unicode('\\delta\u200B')).toBe('δ');
    expect(unicode('\\bigl(x\\bigr)')).toBe('(x)');
    expect(unicode('\\{C_2, \\dots, C_5\\}')).toBe('{C₂, …, C₅}');
    expect(unicode('\\theta ^{T}x')).toBe('θᵀx');
  });

  test('braces after a symbol only group: \\times{C_2} is ×C₂, while \\hat{y} keeps its argument', () => {
    expect(unicode('H\\times{W}\\times{C_2}')).toBe('H×W×C₂');
    expect(unicode('\\sigma{(z)}-y')).toBe('σ(z)−y');
    expect(unicode('\\hat{y}')).toBe('ŷ');
  });

  test('fractions keep their meaning in one line', () => {
    expect(unicode('L = \\frac{1}{2}(\\hat{y} - y)^2')).toBe('L = (1/2)(ŷ − y)²');
    expect(unicode('\\frac{1}{KT}(z_i - v_i)')).toBe('(1/(KT))(zᵢ − vᵢ)');
    expect(unicode('\\sqrt{wh}/224')).toBe('√(wh)/224');
    expect(unicode('g(z)=\\frac{1}{1+e^{-z}}')).toBe('g(z) = 1/(1+e⁻ᶻ)');
  });
});

describe('a script Unicode has no characters for is written as plain-text math writes it', () => {
  test.each([
    ['W_q', 'W_q'],
    ['\\nabla_\\theta', '∇_θ'],
    ['\\frac{x_q}{2}', '(x_q)/2'],
    ['A_{m\\times n}', 'A_(m×n)'],
    ['P_{data}(x)', 'P_data(x)'],
    ['A_{(i,j,k)}', 'A_(i,j,k)'],
    ['a^{[1]}', 'a^[1]'],
    ["w_{n'}", "w_(n')"],
    // The rest of the formula is still Unicode: the batch mean's B alone has no subscript form.
    ['\\hat{x} = \\frac{x - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}}', 'x̂ = (x − μ_B)/(√(σ_B² + ε))'],
  ])('%s → %s', (tex, text) => {
    expect(texToUnicode(tex)).toEqual({ ok: true, text });
  });
});

describe('what Unicode cannot say stays TeX in a code span', () => {
  test.each([
    ['x_{i_j}', 'no Unicode subscript for _'],
    // A stray mark in a script (a backtick typed for a prime) is no script to write out.
    ['f^{`}(x)', 'no Unicode superscript for `'],
    ['\\begin{bmatrix}1&0\\end{bmatrix}', 'no Unicode for \\begin'],
    ['\\foo', 'no Unicode for \\foo'],
  ])('%s (%s)', (tex, reason) => {
    expect(texToUnicode(tex)).toEqual({ ok: false, reason });
  });

  test('in a code span that survives backticks in the TeX', () => {
    expect(inlineMathMarkdown('x_{i_j}')).toBe('`x_{i_j}`');
    expect(inlineMathMarkdown('\\text{`a`}\\foo')).toBe('``\\text{`a`}\\foo``');
    expect(inlineMathMarkdown('`x`\\foo')).toBe('`` `x`\\foo ``');
  });
});

test('converted text is escaped for Discord Markdown', () => {
  expect(inlineMathMarkdown('\\theta^{*}')).toBe('θ\\*');
  expect(inlineMathMarkdown('a*b*c')).toBe('a\\*b\\*c');
});
