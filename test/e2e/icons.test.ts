/**
 * The icon each build ships: every size the toolbar, the extensions page and the stores ask for,
 * named by the manifest, a real PNG of that size, sharp at 16 px and visible on light and dark
 * toolbars.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const sizes = [16, 32, 48, 128] as const;

/** Chrome's light and dark toolbar colours. */
const lightToolbar = [0xff, 0xff, 0xff] as const;
const darkToolbar = [0x20, 0x21, 0x24] as const;

interface Manifest {
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string> | string };
}

interface Image {
  width: number;
  height: number;
  /** RGBA, 8 bits a channel, row by row. */
  pixels: Uint8Array;
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which must come first. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(signature), 'PNG signature').toBe(true);
  expect(bytes.toString('latin1', 12, 16), 'first chunk').toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Decodes an 8-bit RGBA, non-interlaced PNG (what the build writes). */
function decodePng(bytes: Buffer): Image {
  const { width, height } = pngSize(bytes);
  expect({ depth: bytes[24], colorType: bytes[25], interlace: bytes[28] }, '8-bit RGBA, not interlaced').toEqual({ depth: 8, colorType: 6, interlace: 0 });
  const data: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') data.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * 4;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const byte = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= 4 ? pixels[y * stride + x - 4]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4]! : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter!];
      if (predictor === undefined) throw new Error(`unknown PNG filter ${filter}`);
      pixels[y * stride + x] = (byte + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

const alphaAt = (image: Image, x: number, y: number) =>
  x < 0 || y < 0 || x >= image.width || y >= image.height ? 0 : image.pixels[(y * image.width + x) * 4 + 3]!;

/** The shape's rim: pixels that are not clear but touch (or are) a pixel that is not fully opaque, or the image's border. */
function rim(image: Image): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (alphaAt(image, x, y) === 0) continue;
      const around = [-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => alphaAt(image, x + dx, y + dy)));
      if (around.some((alpha) => alpha < 255)) found.push([x, y]);
    }
  }
  return found;
}

/** The opaque pixels' colours, most common first, with how many pixels have each. */
function opaqueColors(image: Image): { opaque: number; colors: Array<{ rgb: number[]; count: number }> } {
  const counts = new Map<string, number>();
  let opaque = 0;
  for (let i = 0; i < image.pixels.length; i += 4) {
    if (image.pixels[i + 3] !== 255) continue;
    opaque++;
    const key = [...image.pixels.subarray(i, i + 3)].join(',');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const colors = [...counts].map(([key, count]) => ({ rgb: key.split(',').map(Number), count })).sort((a, b) => b.count - a.count);
  return { opaque, colors };
}

/** WCAG relative luminance of an sRGB colour. */
function luminance([r, g, b]: readonly number[]): number {
  const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

describe.each(['chrome', 'firefox'])('dist/%s icons', (target) => {
  const dir = `dist/${target}`;
  const manifest = (): Manifest => {
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir}/manifest.json is missing: build first with \`npm run build\``);
    return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  };
  const image = (size: number) => {
    const path = manifest().icons?.[String(size)];
    if (!path) throw new Error(`${dir}/manifest.json names no ${size} px icon`);
    return decodePng(readFileSync(join(dir, path)));
  };

  it.each(['icons', 'action.default_icon'])('%s names a PNG of each size', (key) => {
    const set = key === 'icons' ? manifest().icons : manifest().action?.default_icon;
    expect(typeof set, `${key} is a set of sizes`).toBe('object');
    const icons = set as Record<string, string>;
    expect(Object.keys(icons).map(Number).sort((a, b) => a - b)).toEqual([...sizes]);
    for (const size of sizes) {
      const path = join(dir, icons[String(size)]!);
      expect(existsSync(path), `${path} is in the build`).toBe(true);
      expect(pngSize(readFileSync(path)), path).toEqual({ width: size, height: size });
    }
  });

  it('is sharp at 16 px: a solid body, hard edges and whole-pixel lines', () => {
    const icon = image(16);
    // The middle 8×8 pixels are fully opaque: the icon is a solid shape, not a faint outline.
    for (let y = 4; y < 12; y++) for (let x = 4; x < 12; x++) expect(alphaAt(icon, x, y), `alpha at ${x},${y}`).toBe(255);
    // Most of the rim is fully opaque (only rounded corners blend); a drawing off the pixel grid
    // would have a rim of half-transparent pixels all round.
    const edge = rim(icon);
    const hard = edge.filter(([x, y]) => alphaAt(icon, x, y) === 255).length;
    expect(hard / edge.length).toBeGreaterThanOrEqual(0.7);
    // Inside, the mark's lines land on whole pixels: nearly every opaque pixel is one of the two
    // colours, with few blends between them.
    const { opaque, colors } = opaqueColors(icon);
    expect(((colors[0]?.count ?? 0) + (colors[1]?.count ?? 0)) / opaque).toBeGreaterThanOrEqual(0.98);
  });

  it.each(sizes)('stands out from light and dark toolbars at %i px', (size) => {
    const icon = image(size);
    // The colour a toolbar meets at the shape's edge (its opaque rim pixels) contrasts with both
    // toolbars by at least WCAG's 3:1 for graphics.
    const edge = rim(icon).filter(([x, y]) => alphaAt(icon, x, y) === 255);
    expect(edge.length).toBeGreaterThan(0);
    const mean =
      edge.reduce((sum, [x, y]) => sum + luminance([...icon.pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 3)]), 0) / edge.length;
    expect(contrast(mean, luminance(lightToolbar)), 'against a light toolbar').toBeGreaterThanOrEqual(3);
    expect(contrast(mean, luminance(darkToolbar)), 'against a dark toolbar').toBeGreaterThanOrEqual(3);
    // And the mark is not lost in its tile: the two main colours differ by at least 3:1 too.
    const [tile, mark] = opaqueColors(icon).colors;
    expect(contrast(luminance(tile!.rgb), luminance(mark!.rgb)), 'mark against its tile').toBeGreaterThanOrEqual(3);
  });
});
