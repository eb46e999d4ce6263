import { describe, expect, it } from 'vitest';
import { differenceEuclidean } from 'culori/fn';
import { paletteOf, type RgbaPixels } from '../../src/palette'; // registers OKLab for the distance below

const deltaE = differenceEuclidean('oklab');
type Rgb = [number, number, number];

const hex = ([r, g, b]: Rgb) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase()}`;

/** A width×height image of vertical stripes, each pixel's color from `at` (x, y, stripe color). */
function stripes(colors: Rgb[], width = 1920, height = 100, at = (_x: number, _y: number, color: Rgb): Rgb => color): RgbaPixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = at(x, y, colors[Math.floor((x * colors.length) / width)]!);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return { data, width, height };
}

const five: Rgb[] = [
  [0x1e, 0x3a, 0x8a],
  [0xdc, 0x26, 0x26],
  [0x16, 0xa3, 0x4a],
  [0xea, 0xb3, 0x08],
  [0xf8, 0xfa, 0xfc],
];

describe('paletteOf', () => {
  it('finds five stripes as five colors, each near its stripe', () => {
    const swatches = paletteOf(stripes(five));
    expect(swatches).toHaveLength(5);
    for (const color of five) {
      const nearest = Math.min(...swatches.map((swatch) => deltaE(swatch.color, hex(color))));
      expect(nearest, hex(color)).toBeLessThan(0.01);
    }
    for (const swatch of swatches) expect(swatch.share).toBeCloseTo(0.2, 1);
  });

  it('gives one color for an image of one color', () => {
    const swatches = paletteOf(stripes([[0x33, 0x66, 0x99]]));
    expect(swatches).toEqual([{ color: '#336699', share: 1 }]);
  });

  it('does not split a stripe for noise within it', () => {
    // ±6 on each channel, from a fixed sequence: a photo's grain, not a color of its own.
    let seed = 7;
    const noise = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) % 13) - 6;
    const clamp = (v: number) => Math.max(0, Math.min(255, v));
    const noisy = stripes(five.slice(0, 3), 1920, 100, (_x, _y, [r, g, b]) => [clamp(r + noise()), clamp(g + noise()), clamp(b + noise())]);
    const swatches = paletteOf(noisy);
    expect(swatches).toHaveLength(3);
    for (const color of five.slice(0, 3)) {
      expect(Math.min(...swatches.map((swatch) => deltaE(swatch.color, hex(color)))), hex(color)).toBeLessThan(0.02);
    }
  });

  it('gives at most six, the largest shares first, and the same every time', () => {
    const many: Rgb[] = [...five, [0x7c, 0x3a, 0xed], [0x0f, 0x76, 0x6e], [0x00, 0x00, 0x00]];
    const image = stripes([...many, many[0]!, many[0]!]); // the first color three times as wide
    const swatches = paletteOf(image);
    expect(swatches).toHaveLength(6);
    expect(deltaE(swatches[0]!.color, hex(many[0]!))).toBeLessThan(0.01);
    for (let i = 1; i < swatches.length; i++) expect(swatches[i]!.share).toBeLessThanOrEqual(swatches[i - 1]!.share);
    expect(paletteOf(image)).toEqual(swatches);
  });

  it('leaves out transparent pixels', () => {
    const image = stripes([[0x11, 0x22, 0x33], [0xee, 0xdd, 0xcc]]);
    for (let i = 3; i < image.data.length; i += 8 * 4) (image.data as Uint8ClampedArray)[i] = 0;
    for (let x = 960; x < 1920; x++) for (let y = 0; y < 100; y++) (image.data as Uint8ClampedArray)[(y * 1920 + x) * 4 + 3] = 0;
    expect(paletteOf(image).map((swatch) => swatch.color)).toEqual(['#112233']);
  });
});
