/**
 * How much drawing formulas costs: `node --expose-gc dist/render/math/measure.js`.
 * Prints the cold first formula (MathJax loaded on demand), warm ms per
 * formula, a cache hit, and the resident memory MathJax adds. A measurement
 * script, not a test: timings depend on the machine and are not asserted.
 */
import { formatSection } from '../format/section.js';
import { memoryFormulaCache } from './formula-cache.js';
import { createFormulaRenderer } from './render-formulas.js';
import { loadTexToSvg } from './tex-to-svg.js';

const FORMULAS = [
  '\\mathrm{FL}(p_t) = -\\alpha_t (1-p_t)^\\gamma \\log(p_t)',
  'p_t = \\begin{cases} p & y = 1 \\\\ 1 - p & \\text{otherwise} \\end{cases}',
  'b = -\\log\\frac{1-\\pi}{\\pi}',
  '\\mathrm{Attention}(Q, K, V) = \\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right) V',
  '\\mathcal{L} = \\frac{1}{N}\\sum_{i=1}^{N} \\ell(f(x_i; \\theta), y_i) + \\lambda \\|\\theta\\|_2^2',
  '\\text{损失} = \\text{分类损失} + \\lambda \\cdot \\text{回归损失}',
  '\\sigma(z)_j = \\frac{e^{z_j}}{\\sum_{k=1}^K e^{z_k}}',
  'W_{t+1} = W_t - \\eta \\nabla_W \\mathcal{L}(W_t)',
];

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

function rss(): number {
  gc?.();
  return process.memoryUsage().rss;
}

async function main(): Promise<void> {
  const logger = { warn: (m: string) => console.log(`  (fallback) ${m}`) };
  const section = (tex: string) => formatSection(`$$\n${tex}\n$$`).formulas;

  // resvg (native) and our modules are loaded by the imports above; what follows adds MathJax only.
  const renderer = createFormulaRenderer({ cache: memoryFormulaCache(), logger });
  const before = rss();
  let t = performance.now();
  await renderer.render(section(FORMULAS[0]!));
  const coldMs = performance.now() - t;
  const afterLoad = rss();

  t = performance.now();
  await loadTexToSvg();
  const setupMs = performance.now() - t;

  const warm: number[] = [];
  for (const tex of FORMULAS.slice(1)) {
    t = performance.now();
    await renderer.render(section(tex));
    warm.push(performance.now() - t);
  }
  t = performance.now();
  const stacked = await renderer.render(formatSection(FORMULAS.map((f) => `$$\n${f}\n$$`).join('\n\n')).formulas);
  const stackedMs = performance.now() - t;
  t = performance.now();
  await renderer.render(section(FORMULAS[0]!));
  const hitMs = performance.now() - t;
  const afterAll = rss();

  const mean = warm.reduce((a, b) => a + b, 0) / warm.length;
  console.log(
    `cold first formula (loads MathJax): ${coldMs.toFixed(0)} ms; RSS +${mb(afterLoad - before)} (${mb(before)} → ${mb(afterLoad)})`,
  );
  console.log(`  of which TeX/SVG setup once modules are loaded: ${setupMs.toFixed(0)} ms`);
  console.log(`warm, one formula per card: mean ${mean.toFixed(1)} ms, max ${Math.max(...warm).toFixed(1)} ms over ${warm.length}`);
  console.log(
    `${FORMULAS.length} formulas stacked in one card: ${stackedMs.toFixed(0)} ms, ${stacked.image?.width}×${stacked.image?.height} px, ${stacked.image?.png.length} bytes`,
  );
  console.log(`cache hit: ${hitMs.toFixed(2)} ms`);
  console.log(`RSS after drawing: ${mb(afterAll)}${gc ? '' : ' (run with --expose-gc for steadier figures)'}`);
}

await main();
