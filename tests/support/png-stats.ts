/** What a test needs to know about a PNG to say it shows something: size, opacity, ink. */
import { PNG } from 'pngjs';

export interface PngStats {
  width: number;
  height: number;
  /** Share of pixels with alpha 255. */
  opaqueShare: number;
  /** Pixels not fully opaque outside the four `cornerPx` squares (where rounded corners may cut). */
  seeThroughOutsideCorners: number;
  /** Variance of luminance (0–255 scale) over opaque pixels: 0 for a blank card. */
  lumaVariance: number;
  /** Pixels much darker than the card: the formula's ink. */
  inkPixels: number;
}

export function pngStats(bytes: Uint8Array, cornerPx = 0): PngStats {
  const png = PNG.sync.read(Buffer.from(bytes));
  const inCorner = (x: number, y: number) => (x < cornerPx || x >= png.width - cornerPx) && (y < cornerPx || y >= png.height - cornerPx);
  let seeThrough = 0;
  let opaque = 0;
  let sum = 0;
  let sumSq = 0;
  let ink = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i + 3] !== 255) {
      const pixel = i / 4;
      if (!inCorner(pixel % png.width, Math.floor(pixel / png.width))) seeThrough++;
      continue;
    }
    opaque++;
    const luma = 0.2126 * png.data[i]! + 0.7152 * png.data[i + 1]! + 0.0722 * png.data[i + 2]!;
    sum += luma;
    sumSq += luma * luma;
    if (luma < 128) ink++;
  }
  const mean = opaque ? sum / opaque : 0;
  return {
    width: png.width,
    height: png.height,
    opaqueShare: opaque / (png.width * png.height),
    seeThroughOutsideCorners: seeThrough,
    lumaVariance: opaque ? sumSq / opaque - mean * mean : 0,
    inkPixels: ink,
  };
}
