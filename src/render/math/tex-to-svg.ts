/** One formula typeset by MathJax, sized in em (MathJax's SVG units are 1/1000 em). */
export interface MathSvg {
  /** A standalone `<svg>` drawing the formula in `currentColor`. */
  svg: string;
  widthEm: number;
  heightEm: number;
  /** Whether MathJax drew some characters as `<text>` (not in its fonts: CJK in `\text{}`), which needs a font. */
  needsTextFont: boolean;
}

export type TexToSvg = (tex: string, display: boolean) => MathSvg;

/** TeX MathJax rejects; `message` is MathJax's own ("Missing close brace", "Undefined control sequence \foo"). */
export class TexError extends Error {
  override readonly name = 'TexError';
}

// Packages that hide errors (noerrors, noundefined) would draw red text instead of
// telling us to fall back; bussproofs and html add nothing notes use.
const LEFT_OUT = new Set(['noerrors', 'noundefined', 'bussproofs', 'html']);

/**
 * Loads MathJax (TeX input, SVG output, the DOM-free lite adaptor). It is
 * imported here, on the first formula, because it costs ~0.1 s and tens of MB
 * that a bot answering formula-free sections never needs.
 */
export async function loadTexToSvg(): Promise<TexToSvg> {
  const [{ TeX }, { SVG }, { liteAdaptor }, { HTMLHandler }, { AllPackages }] = await Promise.all([
    import('mathjax-full/js/input/tex.js'),
    import('mathjax-full/js/output/svg.js'),
    import('mathjax-full/js/adaptors/liteAdaptor.js'),
    import('mathjax-full/js/handlers/html/HTMLHandler.js'),
    import('mathjax-full/js/input/tex/AllPackages.js'),
  ]);
  const adaptor = liteAdaptor();
  // A handler of our own rather than RegisterHTMLHandler: MathJax's handler list is global.
  const handler = new HTMLHandler(adaptor);
  const tex = new TeX({
    packages: AllPackages.filter((p) => !LEFT_OUT.has(p)),
    formatError: (_jax: unknown, error: { message: string }) => {
      throw new TexError(error.message);
    },
  });
  const document = handler.create('', { InputJax: tex, OutputJax: new SVG({ fontCache: 'none' }) });

  return (source, display) => {
    const node = document.convert(source, { display, em: 16, ex: 8, containerWidth: 80 * 16 });
    const svg = adaptor.innerHTML(node);
    // Only the outer <svg>'s own box: equation tags make MathJax size it 100% wide with none.
    const open = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
    const viewBox = /viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"/.exec(open);
    if (!viewBox) throw new TexError('MathJax produced no fixed-size drawing');
    if (/data-mjx-error|<g data-mml-node="merror"/.test(svg)) throw new TexError(errorTitle(svg));
    return {
      svg,
      widthEm: Number(viewBox[3]) / 1000,
      heightEm: Number(viewBox[4]) / 1000,
      needsTextFont: /<text\b/.test(svg),
    };
  };
}

function errorTitle(svg: string): string {
  return /<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? /data-mjx-error="([^"]*)"/.exec(svg)?.[1] ?? 'MathJax error';
}
