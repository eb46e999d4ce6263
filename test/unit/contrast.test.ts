import { clampChroma, converter, formatHex } from 'culori/fn';
import { describe, expect, it } from 'vitest';
import type { HexColor } from '../../src/color';
import {
  Backdrop,
  contrastOf,
  deltaEOK,
  formatRatio,
  hexOf,
  judge,
  lightnessOf,
  luminanceOf,
  nearestPassing,
  passesAll,
  pixelLuminance,
  ratioOfLuminances,
  thresholdFor,
  type TextBackdrop,
} from '../../src/contrast';

const oklch = converter('oklch');
const hueOf = (color: string) => oklch(color)!.h!;
/** A color at its hue and lightness with the chroma sRGB allows, as `#rrggbb`. */
const toGamut = (css: string) => formatHex(clampChroma(css, 'oklch'))!;
const hueGap = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);

/** A backdrop of one color, for a text of `size` px and `weight`. */
const solid = (color: string, size = 14, weight = 400): TextBackdrop => ({
  backdrop: new Backdrop([luminanceOf(color)]),
  threshold: thresholdFor(size, weight),
});

describe('WCAG 2 contrast ratio', () => {
  // Pairs WCAG's understanding documents and techniques cite (G18, G145): grays on white, and the extremes.
  it.each([
    ['#000000', '#FFFFFF', 21],
    ['#FFFFFF', '#FFFFFF', 1],
    ['#777777', '#FFFFFF', 4.48],
    ['#767676', '#FFFFFF', 4.54],
    ['#595959', '#FFFFFF', 7.0],
    ['#AFAFAF', '#FFFFFF', 2.19],
    ['#FF0000', '#FFFFFF', 4.0],
    ['#0000FF', '#FFFFFF', 8.59],
  ])('%s on %s is %s:1', (text, background, ratio) => {
    expect(contrastOf(text, background)).toBeCloseTo(ratio, 2);
    expect(contrastOf(background, text)).toBeCloseTo(ratio, 2);
  });

  it('reads pixel luminance from its tables as culori computes it', () => {
    for (const [r, g, b] of [
      [0, 0, 0],
      [255, 255, 255],
      [119, 119, 119],
      [10, 200, 37],
      [11, 11, 11],
    ] as const) {
      expect(pixelLuminance(r, g, b)).toBeCloseTo(luminanceOf(`rgb(${r}, ${g}, ${b})`), 12);
    }
    expect(ratioOfLuminances(pixelLuminance(0, 0, 0), pixelLuminance(255, 255, 255))).toBeCloseTo(21, 10);
  });

  it('reads the colors a page computes', () => {
    expect(hexOf('rgb(34, 34, 38)')).toBe('#222226');
    expect(hexOf('rgba(34, 34, 38, 0.5)')).toBeNull();
    expect(hexOf('nonsense')).toBeNull();
  });
});

describe('the threshold for a text as the page renders it', () => {
  it.each([
    [24, 400, true],
    [28, 600, true],
    [23.9, 400, false],
    [18.66, 700, true],
    [20, 700, true],
    [18.6, 700, false],
    [20, 600, false],
    [14, 400, false],
    [14, 900, false],
  ])('%s px at weight %s: large %s', (size, weight, large) => {
    expect(thresholdFor(size, weight)).toEqual({ large, min: large ? 3 : 4.5 });
  });
});

describe('the ratio as shown', () => {
  it('has one decimal', () => {
    expect(formatRatio(2.1936, 3)).toBe('2.2');
    expect(formatRatio(4.544, 4.5)).toBe('4.5');
    expect(formatRatio(21, 4.5)).toBe('21.0');
    expect(formatRatio(4.6, 4.5)).toBe('4.6');
  });

  it('never rounds a ratio up to a threshold it misses', () => {
    expect(formatRatio(4.478, 4.5)).toBe('4.4');
    expect(formatRatio(2.96, 3)).toBe('2.9');
    expect(formatRatio(4.478, 3)).toBe('4.5');
  });
});

describe('the worst 5 % of the pixels behind a text', () => {
  const white = luminanceOf('#FFFFFF');
  const black = luminanceOf('#000000');
  const pixels = (blackShare: number, count = 1000) =>
    Array.from({ length: count }, (_, i) => (i < blackShare * count ? black : white));

  it('a few stray pixels do not decide it', () => {
    // Black text over white with 3 % black specks: the specks are under the 5 %.
    expect(new Backdrop(pixels(0.03)).ratioFor(black)).toBeCloseTo(21, 6);
  });

  it('a band of more than 5 % does', () => {
    expect(new Backdrop(pixels(0.08)).ratioFor(black)).toBeCloseTo(1, 6);
    expect(new Backdrop(pixels(0.92)).ratioFor(white)).toBeCloseTo(1, 6);
  });

  it('takes the ratio all the other 95 % reach', () => {
    // 100 grays from black to white: the 5 nearest to a middle gray in ratio.
    const grays = Array.from({ length: 100 }, (_, i) => luminanceOf(`rgb(${i * 2.5}, ${i * 2.5}, ${i * 2.5})`));
    const text = luminanceOf('#808080');
    const ratios = grays.map((l) => ratioOfLuminances(l, text)).sort((a, b) => a - b);
    expect(new Backdrop(grays).ratioFor(text)).toBeCloseTo(ratios[4]!, 10);
  });

  it('judges a color by its worst text', () => {
    const texts = [solid('#FFFFFF', 28, 600), solid('#EEEEEE', 14)];
    const judgement = judge('#777777', texts)!;
    // Large on white: 4.48 ≥ 3 passes; small on #EEE: 3.8 < 4.5 fails, and decides.
    expect(judgement.passes).toBe(false);
    expect(judgement.threshold.min).toBe(4.5);
    expect(judgement.ratio).toBeCloseTo(contrastOf('#777777', '#EEEEEE'), 6);
    expect(judge('#777777', [])).toBeNull();
  });
});

describe('the nearest passing color', () => {
  /**
   * Every color of the start's hue and chroma (fitted to sRGB, as the search fits it) whose
   * lightness is nearer the start's than the found one's, on either side, fails.
   */
  function nothingNearerPasses(start: HexColor, found: HexColor, passes: (c: HexColor) => boolean) {
    const from = lightnessOf(start);
    const reach = Math.abs(lightnessOf(found) - from);
    const { c, h } = oklch(start)!;
    let tried = 0;
    for (let i = -200; i <= 200; i++) {
      const l = from + (reach * i) / 200;
      if (l < 0 || l > 1) continue;
      const nearer = hexOf(toGamut(`oklch(${l} ${c} ${h})`));
      // Within 8-bit rounding of the found lightness, a neighbour may pass too.
      if (!nearer || Math.abs(lightnessOf(nearer) - from) >= reach - 0.004) continue;
      tried++;
      expect(passes(nearer), nearer).toBe(false);
    }
    expect(tried).toBeGreaterThan(50);
  }

  it.each([
    ['#E67E22', '#FFFFFF', 14],
    ['#3498DB', '#FFFFFF', 14],
    ['#C0392B', '#2C3E50', 28],
    ['#1ABC9C', '#FFFFFF', 28],
    ['#8E44AD', '#000000', 14],
  ] as Array<[HexColor, string, number]>)('for %s over %s at %s px: passes, keeps the hue, is the nearest by lightness', (start, background, size) => {
    const texts = [solid(background, size, 600)];
    const passes = (c: HexColor) => passesAll(c, texts);
    expect(passes(start)).toBe(false);
    const found = nearestPassing(start, passes)!;
    expect(found).toMatch(/^#[0-9A-F]{6}$/);
    expect(passes(found)).toBe(true);
    expect(hueGap(hueOf(found), hueOf(start))).toBeLessThan(3);
    nothingNearerPasses(start, found, passes);
  });

  it('goes darker over a light backdrop and lighter over a dark one', () => {
    const onWhite = [solid('#FFFFFF', 14)];
    const onNavy = [solid('#1E2A44', 14)];
    expect(lightnessOf(nearestPassing('#E67E22', (c) => passesAll(c, onWhite))!)).toBeLessThan(lightnessOf('#E67E22'));
    expect(lightnessOf(nearestPassing('#6A3D9A', (c) => passesAll(c, onNavy))!)).toBeGreaterThan(lightnessOf('#6A3D9A'));
  });

  it('over a mid gray, where both ways pass, takes the nearer', () => {
    // Large text on #5A5A5A: near black (3.0:1) or light (from about #A9A9A9) both reach 3:1.
    const texts = [solid('#5A5A5A', 28)];
    const passes = (c: HexColor) => passesAll(c, texts);
    expect(passes('#000000') && passes('#FFFFFF')).toBe(true);
    for (const [start, way] of [
      ['#301818', -1],
      ['#4A2A6A', -1],
      ['#8A5A5A', 1],
    ] as Array<[HexColor, number]>) {
      const found = nearestPassing(start, passes)!;
      expect(Math.sign(lightnessOf(found) - lightnessOf(start)), `${start} → ${found}`).toBe(way);
      nothingNearerPasses(start, found, passes);
    }
  });

  it('keeps a gray gray, the nearest one that passes', () => {
    const texts = [solid('#FFFFFF', 28, 600)];
    const passes = (c: HexColor) => passesAll(c, texts);
    const found = nearestPassing('#AFAFAF', passes)!;
    expect(found).toMatch(/^#([0-9A-F]{2})\1\1$/);
    expect(contrastOf(found, '#FFFFFF')).toBeGreaterThanOrEqual(3);
    // One step lighter fails.
    const value = parseInt(found.slice(1, 3), 16) + 1;
    const lighter = `#${value.toString(16).toUpperCase().repeat(3)}` as HexColor;
    expect(passes(lighter)).toBe(false);
  });

  it('returns a passing color as it is, and null when no lightness passes', () => {
    const white = [solid('#FFFFFF')];
    expect(nearestPassing('#222222', (c) => passesAll(c, white))).toBe('#222222');
    // Black, mid gray and white, a third each, behind small text: no color reaches 4.5 against all.
    const thirds = Array.from({ length: 300 }, (_, i) => [0, luminanceOf('#777777'), 1][i % 3]!);
    const split = [{ backdrop: new Backdrop(thirds), threshold: thresholdFor(14, 400) }];
    expect(nearestPassing('#3498DB', (c) => passesAll(c, split))).toBeNull();
    expect(nearestPassing('#777777', (c) => passesAll(c, split))).toBeNull();
  });
});

describe('ΔE OK', () => {
  it('is 0 for the same color, small for a near one, large for another', () => {
    expect(deltaEOK('#C0392B', '#C0392B')).toBe(0);
    expect(deltaEOK('#C0392B', '#C13A2C')).toBeLessThan(0.05);
    expect(deltaEOK('#C0392B', '#16A085')).toBeGreaterThan(0.2);
    expect(deltaEOK('#000000', '#FFFFFF')).toBeCloseTo(1, 3);
  });
});
