import {
  clampChroma,
  converter,
  differenceEuclidean,
  formatHex,
  modeLrgb,
  modeOklab,
  modeOklch,
  modeRgb,
  parse,
  useMode,
  wcagContrast,
  wcagLuminance,
  type Oklch,
  type Rgb,
} from 'culori/fn';
import { parseHexColor, type HexColor } from './color';

/**
 * WCAG 2 contrast of a text color against what is behind it, and the nearest color that passes.
 * Every conversion is culori's; this module only decides what to compare. The editor loads it
 * when first needed (popup/contrast-tools.ts): the color library stays out of its first load.
 */

useMode(modeRgb);
useMode(modeLrgb);
useMode(modeOklab);
useMode(modeOklch);

const toOklch = converter('oklch');
const toRgb = converter('rgb');
const differenceOk = differenceEuclidean('oklab');

/** WCAG 2 relative luminance of a CSS color (0 black … 1 white). */
export const luminanceOf = (color: string): number => wcagLuminance(color);

/** WCAG 2 contrast ratio of two CSS colors, 1 … 21. */
export const contrastOf = (a: string, b: string): number => wcagContrast(a, b);

/** WCAG 2 contrast ratio of two relative luminances. */
export function ratioOfLuminances(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** A CSS color as 8-bit sRGB with alpha 0…1, or null when culori cannot read it. */
export function rgbaOf(css: string): [number, number, number, number] | null {
  const parsed = parse(css);
  if (!parsed) return null;
  const rgb = toRgb(parsed) as Rgb;
  const channel = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 255);
  return [channel(rgb.r), channel(rgb.g), channel(rgb.b), rgb.alpha ?? 1];
}

/** An opaque CSS color as the page may receive it (`#RRGGBB`), or null. */
export function hexOf(css: string): HexColor | null {
  const rgba = rgbaOf(css);
  if (!rgba || rgba[3] < 1) return null;
  return parseHexColor(formatHex({ mode: 'rgb', r: rgba[0] / 255, g: rgba[1] / 255, b: rgba[2] / 255 }));
}

/**
 * Luminance of each 8-bit value of one channel, weighted as WCAG weighs it: luminance is linear in
 * the three linearized channels, so a pixel's is the sum of three table entries.
 */
function channelTable(channel: 'r' | 'g' | 'b'): Float64Array {
  const table = new Float64Array(256);
  for (let value = 0; value < 256; value++) {
    table[value] = wcagLuminance({ mode: 'rgb', r: 0, g: 0, b: 0, [channel]: value / 255 });
  }
  return table;
}
const tables = [channelTable('r'), channelTable('g'), channelTable('b')] as const;

/** WCAG 2 relative luminance of an 8-bit sRGB pixel (culori's figures, read from a table). */
export function pixelLuminance(r: number, g: number, b: number): number {
  return tables[0][r]! + tables[1][g]! + tables[2][b]!;
}

/** What WCAG 2 asks of a text of this size: 3:1 for large text, else 4.5:1. */
export interface Threshold {
  /** ≥ 24 CSS px, or ≥ 18.66 CSS px (14 pt) and bold. */
  large: boolean;
  min: 3 | 4.5;
}

/** The WCAG 2 (1.4.3, AA) threshold for text rendered at `fontSize` CSS px and `fontWeight`. */
export function thresholdFor(fontSize: number, fontWeight: number): Threshold {
  const large = fontSize >= 24 || (fontSize >= 18.66 && fontWeight >= 700);
  return { large, min: large ? 3 : 4.5 };
}

/**
 * A ratio to one decimal, as the editor shows it (`4.6`). A ratio under the threshold never reads
 * as meeting it: #777777 on white is 4.48:1, shown as 4.4, not 4.5.
 */
export function formatRatio(ratio: number, min: number): string {
  const rounded = Math.round(ratio * 10) / 10;
  const shown = ratio < min && rounded >= min ? Math.floor(ratio * 10) / 10 : rounded;
  return shown.toFixed(1);
}

/** The share of the pixels behind a text, worst first, that its figure is taken against. */
export const WORST_SHARE = 0.05;

/**
 * The pixels behind a text, as their luminances. Its figure for a text color is taken against the
 * 5 % of them that contrast worst with it: the ratio that all the other 95 % reach. So a few stray
 * pixels (under 5 % of the area) do not decide it, but a band under a light name does.
 */
export class Backdrop {
  /** ln(L + 0.05) of each pixel, ascending: the ratio of two is e to the distance between theirs. */
  private readonly logs: Float64Array;

  constructor(luminances: ArrayLike<number>) {
    if (luminances.length === 0) throw new Error('a backdrop needs at least one pixel');
    this.logs = Float64Array.from(luminances, (luminance) => Math.log(luminance + 0.05)).sort();
  }

  get size(): number {
    return this.logs.length;
  }

  /** The ratio of a text of `luminance` against the best-contrasting of its worst 5 % of pixels. */
  ratioFor(luminance: number): number {
    const { logs } = this;
    const target = Math.log(luminance + 0.05);
    const count = Math.max(1, Math.ceil(logs.length * WORST_SHARE));
    // The worst pixels are the nearest in log luminance: a window grown outwards from the target.
    let right = lowerBound(logs, target);
    let left = right - 1;
    let distance = 0;
    for (let taken = 0; taken < count; taken++) {
      const below = left >= 0 ? target - logs[left]! : Infinity;
      const above = right < logs.length ? logs[right]! - target : Infinity;
      if (below <= above) {
        distance = below;
        left--;
      } else {
        distance = above;
        right++;
      }
    }
    return Math.exp(distance);
  }
}

function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** One text on the page, with what is behind it: a text color is judged against each. */
export interface TextBackdrop {
  backdrop: Backdrop;
  threshold: Threshold;
}

export interface Judgement {
  /** The worst text's ratio (the one furthest below, or least above, its threshold). */
  ratio: number;
  /** `ratio` as shown: one decimal, never rounded up to a threshold it misses. */
  shown: string;
  threshold: Threshold;
  passes: boolean;
}

/** Judges a text color against every text it colors; null when the page shows none. */
export function judge(color: HexColor, texts: readonly TextBackdrop[]): Judgement | null {
  const luminance = luminanceOf(color);
  let worst: Judgement | null = null;
  for (const { backdrop, threshold } of texts) {
    const ratio = backdrop.ratioFor(luminance);
    if (!worst || ratio / threshold.min < worst.ratio / worst.threshold.min) {
      worst = { ratio, shown: formatRatio(ratio, threshold.min), threshold, passes: ratio >= threshold.min };
    }
  }
  return worst;
}

/** True when `color` meets every text's threshold. */
export const passesAll = (color: HexColor, texts: readonly TextBackdrop[]): boolean => judge(color, texts)?.passes ?? true;

/** OKLCH lightness of a color (0 … 1). */
export const lightnessOf = (color: string): number => toOklch(color)?.l ?? 0;

/** True for a color with no hue: equal red, green and blue. */
export function isGray(color: HexColor): boolean {
  return color.slice(1, 3) === color.slice(3, 5) && color.slice(3, 5) === color.slice(5, 7);
}

/** Lightness steps of the search: fine enough that the 8-bit rounding, not the step, decides. */
const STEP = 0.002;

/**
 * The color nearest to `color` by OKLCH lightness that `passes`, with its hue, and its chroma where
 * the sRGB gamut allows (chroma is lowered at that lightness until the color fits). A gray stays a
 * gray: it is one of the 256 of them. Null when no lightness passes.
 */
export function nearestPassing(color: HexColor, passes: (candidate: HexColor) => boolean): HexColor | null {
  if (passes(color)) return color;
  const start = lightnessOf(color);
  if (isGray(color)) {
    const grays: HexColor[] = [];
    for (let value = 0; value < 256; value++) {
      const digits = value.toString(16).padStart(2, '0').toUpperCase();
      grays.push(`#${digits}${digits}${digits}`);
    }
    const distance = (gray: HexColor) => Math.abs(lightnessOf(gray) - start);
    return grays.sort((a, b) => distance(a) - distance(b)).find(passes) ?? null;
  }
  const { c = 0, h = 0 } = toOklch(color) as Oklch;
  const at = (l: number): HexColor => {
    const fitted = clampChroma({ mode: 'oklch', l, c, h }, 'oklch');
    return parseHexColor(formatHex(fitted))!;
  };
  /** The first passing color walking from `start` by `direction`, pinned down between grid steps. */
  const walk = (direction: 1 | -1): HexColor | null => {
    for (let step = 1; step * STEP <= 1 + STEP; step++) {
      const l = Math.min(1, Math.max(0, start + direction * step * STEP));
      if (!passes(at(l))) continue;
      // Between the last failing step and this one, the passing lightness nearest the start.
      let failing = start + direction * (step - 1) * STEP;
      let passing = l;
      for (let i = 0; i < 12; i++) {
        const middle = (failing + passing) / 2;
        if (passes(at(middle))) passing = middle;
        else failing = middle;
      }
      return at(passing);
    }
    return null;
  };
  const found = [walk(1), walk(-1)].filter((candidate): candidate is HexColor => candidate !== null);
  const distance = (candidate: HexColor) => Math.abs(lightnessOf(candidate) - start);
  return found.sort((a, b) => distance(a) - distance(b))[0] ?? null;
}

/** ΔE OK: the Euclidean distance of two colors in OKLab (under about 0.02 looks the same). */
export const deltaEOK = (a: string, b: string): number => differenceOk(a, b);

/** A hover this close to the title color would not be seen. */
export const HOVER_MIN_DELTA_E = 0.05;
