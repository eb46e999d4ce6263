import { converter, formatHex, modeOklab, modeRgb, useMode, type Oklab } from 'culori/fn';
import { parseHexColor, type HexColor } from './color';

/**
 * The dominant colors of an image: k-means in OKLab over its pixels, seeded the same way every
 * time (k-means++ with a fixed-seed random sequence), then clusters closer than a just-visible
 * difference merged, so an image of five flat colors gives exactly five and one of one color
 * gives one. Runs in the palette worker (src/palette.worker.ts); every conversion is culori's.
 */

useMode(modeRgb);
useMode(modeOklab);

const toOklab = converter('oklab');

/** One suggested color and the share of the image's pixels it stands for (0 … 1). */
export interface Swatch {
  color: HexColor;
  share: number;
}

/** Pixels as `ImageData` holds them: RGBA, 8 bits a channel, row by row. */
export interface RgbaPixels {
  data: ArrayLike<number>;
  width: number;
  height: number;
}

export interface PaletteOptions {
  /** At most this many colors, the largest shares first. */
  max?: number;
  /** Every `step`-th pixel of every `step`-th row is counted. */
  step?: number;
}

/** How many clusters k-means starts with: more than are shown, so no distinct color is missed. */
const CLUSTERS = 12;
const ROUNDS = 16;
/** Clusters whose centres are closer than this ΔE OK are one color (about 0.02 looks the same). */
export const MERGE_DELTA_E = 0.06;
/** A cluster under this share of the pixels is an edge or a speck, not a color of the image. */
export const MIN_SHARE = 0.005;

type Lab = [number, number, number];

/** A small deterministic random sequence (mulberry32), so the same image always gives the same colors. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const distance2 = (a: Lab, b: Lab) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;

function labOf(rgb: number): Lab {
  const lab = toOklab({ mode: 'rgb', r: (rgb >>> 16) / 255, g: ((rgb >>> 8) & 255) / 255, b: (rgb & 255) / 255 }) as Oklab;
  return [lab.l, lab.a, lab.b];
}

function hexOfLab([l, a, b]: Lab): HexColor {
  return parseHexColor(formatHex({ mode: 'oklab', l, a, b }))!;
}

/** The image's dominant colors, at most `max` (6), the largest share first. */
export function paletteOf(pixels: RgbaPixels, { max = 6, step = 4 }: PaletteOptions = {}): Swatch[] {
  // The counted pixels as a weighted set of distinct colors: a flat image is a handful of points.
  const counts = new Map<number, number>();
  const { data, width, height } = pixels;
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      const i = (y * width + x) * 4;
      if (data[i + 3]! < 128) continue; // transparent: the page's color shows there, not the image's
      const rgb = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
      counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
    }
  }
  if (counts.size === 0) return [];
  const points: Lab[] = [];
  const weights: number[] = [];
  for (const [rgb, count] of [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
    points.push(labOf(rgb));
    weights.push(count);
  }
  const total = weights.reduce((sum, weight) => sum + weight, 0);

  // k-means++: the most frequent color first, then each next centre drawn by weight × distance².
  const next = random(0x5eed);
  const centres: Lab[] = [points[0]!];
  const nearest = points.map((point) => distance2(point, centres[0]!));
  while (centres.length < Math.min(CLUSTERS, points.length)) {
    let sum = 0;
    for (let i = 0; i < points.length; i++) sum += weights[i]! * nearest[i]!;
    if (sum === 0) break; // every color is already a centre
    let target = next() * sum;
    let chosen = points.length - 1;
    for (let i = 0; i < points.length; i++) {
      target -= weights[i]! * nearest[i]!;
      if (target < 0) {
        chosen = i;
        break;
      }
    }
    const centre = points[chosen]!;
    centres.push(centre);
    for (let i = 0; i < points.length; i++) nearest[i] = Math.min(nearest[i]!, distance2(points[i]!, centre));
  }

  // Lloyd's rounds, weighted.
  const owner = new Int32Array(points.length);
  let clusters = centres.map((centre) => ({ centre, weight: 0 }));
  for (let round = 0; round < ROUNDS; round++) {
    let moved = false;
    for (let i = 0; i < points.length; i++) {
      let best = 0;
      let bestDistance = Infinity;
      for (let c = 0; c < clusters.length; c++) {
        const d = distance2(points[i]!, clusters[c]!.centre);
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      if (owner[i] !== best || round === 0) moved = true;
      owner[i] = best;
    }
    const sums = clusters.map(() => ({ l: 0, a: 0, b: 0, weight: 0 }));
    for (let i = 0; i < points.length; i++) {
      const sum = sums[owner[i]!]!;
      const [l, a, b] = points[i]!;
      const weight = weights[i]!;
      sum.l += l * weight;
      sum.a += a * weight;
      sum.b += b * weight;
      sum.weight += weight;
    }
    clusters = sums.map((sum, c) => ({
      centre: sum.weight > 0 ? ([sum.l / sum.weight, sum.a / sum.weight, sum.b / sum.weight] as Lab) : clusters[c]!.centre,
      weight: sum.weight,
    }));
    if (!moved) break;
  }

  // Merge what looks the same, the closest pair first, until no two are within MERGE_DELTA_E.
  let merged = clusters.filter((cluster) => cluster.weight > 0);
  for (;;) {
    let pair: [number, number] | null = null;
    let closest = MERGE_DELTA_E ** 2;
    for (let i = 0; i < merged.length; i++) {
      for (let j = i + 1; j < merged.length; j++) {
        const d = distance2(merged[i]!.centre, merged[j]!.centre);
        if (d < closest) {
          closest = d;
          pair = [i, j];
        }
      }
    }
    if (!pair) break;
    const [a, b] = [merged[pair[0]]!, merged[pair[1]]!];
    const weight = a.weight + b.weight;
    const centre = [0, 1, 2].map((k) => (a.centre[k]! * a.weight + b.centre[k]! * b.weight) / weight) as Lab;
    merged = merged.filter((_, index) => index !== pair[0] && index !== pair[1]);
    merged.push({ centre, weight });
  }

  return merged
    .filter((cluster) => cluster.weight / total >= MIN_SHARE)
    .sort((a, b) => b.weight - a.weight || a.centre[0] - b.centre[0])
    .slice(0, max)
    .map((cluster) => ({ color: hexOfLab(cluster.centre), share: cluster.weight / total }));
}

/** Decodes an image file (a worker has no <img>: `createImageBitmap`) and finds its colors. */
export async function paletteOfImage(blob: Blob, options?: PaletteOptions): Promise<Swatch[]> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return paletteOf(context.getImageData(0, 0, canvas.width, canvas.height), options);
}
