/**
 * A plain separable Lanczos-3 resampler over RGBA floats: the textbook definition, written for
 * checking resized images against, not for speed. Pixel centres map onto pixel centres; when
 * shrinking, the kernel is stretched by the scale so it also filters out what the smaller size
 * cannot hold; near an edge the taps that would fall outside are dropped and the rest renormalized.
 */

/** RGBA, four numbers a pixel, row by row; values on the 0–255 scale. */
export interface FloatImage {
  width: number;
  height: number;
  data: Float64Array;
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

const LOBES = 3;

export function lanczos3(t: number): number {
  const x = Math.abs(t);
  if (x >= LOBES) return 0;
  if (x < 1e-9) return 1;
  const px = Math.PI * x;
  return (LOBES * Math.sin(px) * Math.sin(px / LOBES)) / (px * px);
}

/** Bytes (e.g. ImageData.data) as a FloatImage. */
export function toFloatImage(width: number, height: number, bytes: ArrayLike<number>): FloatImage {
  return { width, height, data: Float64Array.from(bytes) };
}

/** One output position's taps: source indices from `first`, with weights summing to 1. */
interface Taps {
  first: number;
  weights: Float64Array;
}

/** Taps along one axis, for `size` source samples (of a region) resampled to `toSize`. */
function axisTaps(size: number, toSize: number): Taps[] {
  const scale = toSize / size;
  const stretch = Math.min(1, scale); // < 1 when shrinking: a wider, lower kernel
  const reach = LOBES / stretch;
  const taps: Taps[] = [];
  for (let out = 0; out < toSize; out++) {
    const centre = (out + 0.5) / scale - 0.5; // in source pixel indices
    const first = Math.max(0, Math.ceil(centre - reach));
    const last = Math.min(size - 1, Math.floor(centre + reach));
    const weights = new Float64Array(last - first + 1);
    let total = 0;
    for (let i = first; i <= last; i++) {
      const w = lanczos3((i - centre) * stretch);
      weights[i - first] = w;
      total += w;
    }
    for (let k = 0; k < weights.length; k++) weights[k]! /= total;
    taps.push({ first, weights });
  }
  return taps;
}

/**
 * `region` of `source` resampled to `toWidth`×`toHeight`: rows first, then columns. Channels are
 * filtered independently, which is right for opaque pictures (the ones it is used on).
 */
export function resampleLanczos3(source: FloatImage, region: Region, toWidth: number, toHeight: number): FloatImage {
  const { x: rx, y: ry, width: rw, height: rh } = region;
  if (rx < 0 || ry < 0 || rx + rw > source.width || ry + rh > source.height || rw < 1 || rh < 1) {
    throw new RangeError('region outside the source');
  }
  const across = axisTaps(rw, toWidth);
  const down = axisTaps(rh, toHeight);

  // Horizontal pass: rh rows of toWidth pixels.
  const wide = new Float64Array(toWidth * rh * 4);
  for (let y = 0; y < rh; y++) {
    const rowStart = ((ry + y) * source.width + rx) * 4;
    for (let x = 0; x < toWidth; x++) {
      const { first, weights } = across[x]!;
      const out = (y * toWidth + x) * 4;
      for (let k = 0; k < weights.length; k++) {
        const w = weights[k]!;
        const at = rowStart + (first + k) * 4;
        for (let c = 0; c < 4; c++) wide[out + c]! += w * source.data[at + c]!;
      }
    }
  }

  // Vertical pass.
  const data = new Float64Array(toWidth * toHeight * 4);
  for (let y = 0; y < toHeight; y++) {
    const { first, weights } = down[y]!;
    for (let k = 0; k < weights.length; k++) {
      const w = weights[k]!;
      const rowStart = (first + k) * toWidth * 4;
      const outStart = y * toWidth * 4;
      for (let i = 0; i < toWidth * 4; i++) data[outStart + i]! += w * wide[rowStart + i]!;
    }
  }
  return { width: toWidth, height: toHeight, data };
}
