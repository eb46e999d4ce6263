/**
 * The hand-written encoders and file makers in test/support make what they claim, judged by
 * Chromium itself: each file decodes at its size, every pixel the color it was given. Otherwise
 * a validation test passing on them would prove nothing.
 */
import { describe, expect, test } from 'vitest';
import type { Bytes } from '../support/bytes';
import { hostileFileName, makeBmp, makePdf, makeZip, markupInName, pngBomb, zeroPng } from '../support/hostile-files';
import { encodeJpeg, type JpegMode, type JpegSpace, type Rgb } from '../support/jpeg-encoder';
import { encodePng, type PngBitDepth, type PngColor, type PngFilter } from '../support/png-encoder';
import { crc32, pngChunks } from './make-files';

/** Every pixel of what Chromium decodes, as RGBA; null when it refuses the bytes. */
async function decodePixels(bytes: Bytes): Promise<{ width: number; height: number; rgba: Uint8ClampedArray } | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes]), { premultiplyAlpha: 'none' });
  } catch {
    return null;
  }
  const { width, height } = bitmap;
  const context = new OffscreenCanvas(width, height).getContext('2d');
  if (!context) throw new Error('no 2d context');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { width, height, rgba: context.getImageData(0, 0, width, height).data };
}

/** The pixels that differ from `expected(x, y)` by more than `tolerance` in any channel, at most a few. */
function wrongPixels(
  image: { width: number; height: number; rgba: Uint8ClampedArray },
  expected: (x: number, y: number) => readonly number[],
  tolerance: number,
): string[] {
  const wrong: string[] = [];
  for (let y = 0; y < image.height && wrong.length < 5; y++) {
    for (let x = 0; x < image.width && wrong.length < 5; x++) {
      const want = expected(x, y);
      const got = [...image.rgba.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];
      if (want.some((v, i) => Math.abs(v - got[i]!) > tolerance)) wrong.push(`${x},${y}: ${got} not ${want}`);
    }
  }
  return wrong;
}

const crcsHold = (png: Uint8Array) =>
  pngChunks(png).every((chunk) => {
    const typeAndData = png.subarray(chunk.offset + 4, chunk.offset + 8 + chunk.data.length);
    return crc32(typeAndData) === chunk.crc;
  });

// ---------------------------------------------------------------------------------------------
// PNG

describe('PNG encoder', () => {
  const combinations: ReadonlyArray<[PngColor, PngBitDepth]> = [
    ['gray', 1],
    ['gray', 2],
    ['gray', 4],
    ['gray', 8],
    ['gray', 16],
    ['rgb', 8],
    ['rgb', 16],
    ['palette', 1],
    ['palette', 2],
    ['palette', 4],
    ['palette', 8],
    ['gray-alpha', 8],
    ['gray-alpha', 16],
    ['rgba', 8],
    ['rgba', 16],
  ];
  const filters: readonly PngFilter[] = ['none', 'sub', 'up', 'average', 'paeth'];
  const channels: Readonly<Record<PngColor, number>> = { gray: 1, rgb: 3, palette: 1, 'gray-alpha': 2, rgba: 4 };
  // Odd sizes: partial bytes at the end of low-depth rows, and Adam7 passes of uneven sizes.
  const width = 37;
  const height = 23;

  const cases = combinations.flatMap(([color, depth], i) =>
    [false, true].map((interlace) => ({ color, depth, interlace, filter: filters[i % filters.length]! })),
  );

  test.each(cases)('$depth-bit $color, interlaced: $interlace, filter $filter', async (entry) => {
    const { color, depth, interlace, filter } = entry;
    const max = 2 ** depth - 1;
    // Samples that change from pixel to pixel and channel to channel; alpha stays above half,
    // where reading premultiplied pixels back loses little.
    const sample = (x: number, y: number, c: number) => ((x * 3 + y * 5 + c * 7) * 2749) % (max + 1);
    const alpha = (x: number, y: number) => max - (((x + y) % 4) * Math.floor(max / 8));
    const paletteSize = Math.min(256, max + 1);
    const palette = Array.from({ length: paletteSize }, (_, i) => [(i * 37) % 256, (i * 91) % 256, (i * 53) % 256] as const);
    const paletteAlpha = palette.map((_, i) => 255 - (i % 3) * 40);

    const pixel = (x: number, y: number): number[] => {
      if (color === 'palette') return [(x + 2 * y) % paletteSize];
      const samples = Array.from({ length: channels[color] }, (_, c) => sample(x, y, c));
      if (color === 'gray-alpha' || color === 'rgba') samples[samples.length - 1] = alpha(x, y);
      return samples;
    };
    const to8 = (v: number) => Math.round((v * 255) / max);
    const expected = (x: number, y: number): number[] => {
      const p = pixel(x, y);
      if (color === 'palette') return [...palette[p[0]!]!, paletteAlpha[p[0]!]!];
      if (color === 'gray') return [to8(p[0]!), to8(p[0]!), to8(p[0]!), 255];
      if (color === 'gray-alpha') return [to8(p[0]!), to8(p[0]!), to8(p[0]!), to8(p[1]!)];
      if (color === 'rgb') return [...p.map(to8), 255];
      return p.map(to8);
    };

    const png = await encodePng({
      width,
      height,
      color,
      depth,
      interlace,
      filter,
      pixel,
      ...(color === 'palette' ? { palette, paletteAlpha } : {}),
    });
    expect(crcsHold(png)).toBe(true);
    const ihdr = pngChunks(png)[0]!;
    expect([ihdr.type, ihdr.data[8], ihdr.data[12]]).toEqual(['IHDR', depth, interlace ? 1 : 0]);
    const image = await decodePixels(png);
    expect(image && { width: image.width, height: image.height }).toEqual({ width, height });
    expect(wrongPixels(image!, expected, 3)).toEqual([]);
  });

  test('refuses a bit depth PNG does not have for the color type', async () => {
    const one = { width: 1, height: 1 };
    await expect(encodePng({ ...one, color: 'rgb', depth: 4, pixel: [0, 0, 0] })).rejects.toThrow(/no 4-bit rgb/);
    await expect(encodePng({ ...one, color: 'gray', depth: 8, pixel: [256] })).rejects.toThrow(/not 1 samples of 0–255/);
  });

  test('a 1920×100 16-bit RGB header is a few KB and shows its color', async () => {
    const png = await encodePng({ width: 1920, height: 100, color: 'rgb', depth: 16, pixel: [0xc0c0, 0x4040, 0x2020] });
    expect(png.length).toBeLessThan(10_000);
    const image = await decodePixels(png);
    expect(wrongPixels(image!, () => [0xc0, 0x40, 0x20, 255], 1)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// JPEG

interface Scan {
  components: number[];
  start: number;
  end: number;
}

/**
 * Walks every scan of a JPEG with the Huffman tables the file itself defines, and checks that
 * each scan's entropy-coded data codes exactly the blocks it covers and then ends, padded with
 * ones. Chromium is lenient here (a short end-of-band run only draws a warning), so this is
 * what catches a miscounted scan. Assumes what the encoder writes: 1×1 sampling, no restarts.
 */
function walkScans(jpeg: Uint8Array): Scan[] {
  const tables = new Map<number, Map<string, number>>(); // class << 4 | id → "length:code" → symbol
  const scans: Scan[] = [];
  let blocks = 0;
  let progressive = false;
  let offset = 2;
  while (offset < jpeg.length) {
    expect(jpeg[offset]).toBe(0xff);
    const marker = jpeg[offset + 1]!;
    if (marker === 0xd9) break;
    const length = (jpeg[offset + 2]! << 8) | jpeg[offset + 3]!;
    const payload = jpeg.subarray(offset + 4, offset + 2 + length);
    offset += 2 + length;
    if (marker === 0xc0 || marker === 0xc2) {
      progressive = marker === 0xc2;
      const height = (payload[1]! << 8) | payload[2]!;
      const width = (payload[3]! << 8) | payload[4]!;
      blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
    } else if (marker === 0xc4) {
      for (let at = 0; at < payload.length; ) {
        const codes = new Map<string, number>();
        const counts = payload.subarray(at + 1, at + 17);
        let k = at + 17;
        let code = 0;
        counts.forEach((count, i) => {
          for (let j = 0; j < count; j++) codes.set(`${i + 1}:${code++}`, payload[k++]!);
          code <<= 1;
        });
        tables.set(payload[at]!, codes);
        at = k;
      }
    } else if (marker === 0xda) {
      const count = payload[0]!;
      const components = Array.from({ length: count }, (_, i) => payload[1 + i * 2]!);
      const selectors = Array.from({ length: count }, (_, i) => payload[2 + i * 2]!);
      const [start, end] = [payload[1 + count * 2]!, payload[2 + count * 2]!];
      // The entropy-coded data runs to the next marker that is not a stuffed zero.
      let stop = offset;
      while (!(jpeg[stop] === 0xff && jpeg[stop + 1] !== 0x00)) stop++;
      const bits = new BitReader(jpeg.subarray(offset, stop));
      const decode = (table: number) => {
        const codes = tables.get(table);
        if (!codes) throw new Error(`no Huffman table ${table.toString(16)}`);
        for (let length = 1, code = 0; length <= 16; length++) {
          code = (code << 1) | bits.read(1);
          const symbol = codes.get(`${length}:${code}`);
          if (symbol !== undefined) return symbol;
        }
        throw new Error(`no code at bit ${bits.position}`);
      };
      let endOfBandRun = 0;
      for (let block = 0; block < blocks; block++) {
        selectors.forEach((selector) => {
          if (start === 0) {
            bits.read(decode(selector >> 4)); // DC: a category, then that many bits
            if (progressive) return;
          }
          if (endOfBandRun > 0) return void endOfBandRun--;
          for (let k = Math.max(start, 1); k <= end; k++) {
            const symbol = decode(0x10 | (selector & 0x0f));
            const [run, size] = [symbol >> 4, symbol & 0x0f];
            if (size === 0 && run < 15) {
              if (progressive) endOfBandRun = (1 << run) + bits.read(run) - 1;
              return;
            }
            k += run;
            bits.read(size);
          }
        });
      }
      expect(endOfBandRun).toBe(0);
      bits.expectOnlyPadding();
      scans.push({ components, start, end });
      offset = stop;
    }
  }
  return scans;
}

class BitReader {
  position = 0;
  private readonly bytes: number[] = [];
  constructor(stuffed: Uint8Array) {
    for (let i = 0; i < stuffed.length; i++) {
      this.bytes.push(stuffed[i]!);
      if (stuffed[i] === 0xff) i++; // skip the stuffed zero
    }
  }

  read(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++, this.position++) {
      const byte = this.bytes[this.position >> 3];
      if (byte === undefined) throw new Error('the scan ran out of data');
      value = (value << 1) | ((byte >> (7 - (this.position & 7))) & 1);
    }
    return value;
  }

  expectOnlyPadding() {
    const left = this.bytes.length * 8 - this.position;
    expect(left).toBeLessThan(8);
    expect(this.read(left)).toBe(2 ** left - 1);
  }
}

describe('JPEG encoder', () => {
  const modes: readonly JpegMode[] = ['baseline', 'progressive'];
  const spaces: readonly JpegSpace[] = ['gray', 'ycbcr', 'cmyk'];
  const cases = modes.flatMap((mode) => spaces.map((space) => ({ mode, space })));
  // Not a multiple of 8 either way, so the last blocks are partly outside the picture.
  const width = 203;
  const height = 61;
  const blockColor = (bx: number, by: number): Rgb => [(bx * 29) % 256, (by * 67 + 200) % 256, (bx * by * 13) % 256];
  const gray = ([r, g, b]: Rgb) => Math.round(0.299 * r + 0.587 * g + 0.114 * b);

  test.each(cases)('$mode $space: every pixel shows its block color', async ({ mode, space }) => {
    const jpeg = encodeJpeg({ width, height, mode, space, color: blockColor });
    const image = await decodePixels(jpeg);
    expect(image && { width: image.width, height: image.height }).toEqual({ width, height });
    const expected = (x: number, y: number) => {
      const color = blockColor(x >> 3, y >> 3);
      return space === 'gray' ? [gray(color), gray(color), gray(color), 255] : [...color, 255];
    };
    expect(wrongPixels(image!, expected, 3)).toEqual([]);
  });

  test.each(cases)('$mode $space: every scan codes exactly its blocks', ({ mode, space }) => {
    const jpeg = encodeJpeg({ width, height, mode, space, color: blockColor });
    const ids = { gray: [1], ycbcr: [1, 2, 3], cmyk: [1, 2, 3, 4] }[space];
    const expected =
      mode === 'baseline'
        ? [{ components: ids, start: 0, end: 63 }]
        : [
            { components: ids, start: 0, end: 0 },
            ...ids.flatMap((id) => [
              { components: [id], start: 1, end: 5 },
              { components: [id], start: 6, end: 63 },
            ]),
          ];
    expect(walkScans(jpeg)).toEqual(expected);
  });

  test('the markers say what the file is', () => {
    const markers = (jpeg: Uint8Array) => {
      const found: number[] = [];
      for (let at = 2; jpeg[at + 1] !== 0xda; at += 2 + ((jpeg[at + 2]! << 8) | jpeg[at + 3]!)) {
        found.push(jpeg[at + 1]!);
      }
      return found;
    };
    const black = { width: 8, height: 8, color: [0, 0, 0] } as const;
    expect(markers(encodeJpeg(black))).toEqual([0xe0, 0xdb, 0xc0, 0xc4]);
    expect(markers(encodeJpeg({ ...black, mode: 'progressive' }))).toEqual([0xe0, 0xdb, 0xc2, 0xc4]);
    const cmyk = encodeJpeg({ ...black, space: 'cmyk' });
    expect(markers(cmyk)).toEqual([0xee, 0xdb, 0xc0, 0xc4]);
    expect(String.fromCharCode(...cmyk.subarray(6, 11))).toBe('Adobe');
    expect(cmyk[6 + 11]).toBe(0); // transform 0: CMYK, not YCCK
  });

  test('a 1×1 and a 1920×100 JPEG decode at their size', async () => {
    for (const [w, h] of [
      [1, 1],
      [1920, 100],
    ] as const) {
      const jpeg = encodeJpeg({ width: w, height: h, mode: 'progressive', space: 'cmyk', color: [200, 100, 50] });
      const image = await decodePixels(jpeg);
      expect(image && [image.width, image.height]).toEqual([w, h]);
      expect(wrongPixels(image!, () => [200, 100, 50, 255], 3)).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Other files

describe('other file makers', () => {
  test('the BMP is a real BMP that Chromium decodes', async () => {
    const image = await decodePixels(makeBmp(13, 7, [255, 128, 0]));
    expect(image && [image.width, image.height]).toEqual([13, 7]);
    expect(wrongPixels(image!, () => [255, 128, 0, 255], 0)).toEqual([]);
  });

  test('the ZIP holds its file, stored, at the offsets its records give', () => {
    const content = new TextEncoder().encode('not an image');
    const zip = makeZip('banner.txt', content);
    const view = new DataView(zip.buffer);
    const end = zip.length - 22;
    expect(view.getUint32(end, true)).toBe(0x06054b50);
    const central = view.getUint32(end + 16, true);
    expect(view.getUint32(central, true)).toBe(0x02014b50);
    expect(view.getUint32(central + 16, true)).toBe(crc32(content));
    const local = view.getUint32(central + 42, true);
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    const dataAt = local + 30 + view.getUint16(local + 26, true);
    expect(new TextDecoder().decode(zip.subarray(dataAt, dataAt + content.length))).toBe('not an image');
    expect(new TextDecoder().decode(zip.subarray(local + 30, dataAt))).toBe('banner.txt');
  });

  test("the PDF's cross-reference table points at its objects", () => {
    const text = new TextDecoder().decode(makePdf());
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...text.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets.map((at) => text.slice(at, at + 7))).toEqual(['1 0 obj', '2 0 obj', '3 0 obj']);
  });

  test('the PNG bomb is a few KB, its IHDR valid and claiming 50000×50000, its IDAT zero rows', async () => {
    const bomb = await pngBomb();
    expect(bomb.length).toBeLessThan(4096);
    expect(crcsHold(bomb)).toBe(true);
    const [ihdr, idat] = pngChunks(bomb);
    const view = new DataView(ihdr!.data.buffer, ihdr!.data.byteOffset);
    expect([ihdr!.type, view.getUint32(0), view.getUint32(4)]).toEqual(['IHDR', 50_000, 50_000]);
    const stream = new Blob([idat!.data as Bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
    const rows = new Uint8Array(await new Response(stream).arrayBuffer());
    expect(rows.length).toBe(160 * 6251);
    expect(rows.every((byte) => byte === 0)).toBe(true);
  });

  test('the zero PNG within the decode limit is a few KB and decodes to 8000×5000 black', async () => {
    const png = await zeroPng();
    expect(png.length).toBeLessThan(8192);
    const bitmap = await createImageBitmap(new Blob([png]));
    expect([bitmap.width, bitmap.height]).toEqual([8000, 5000]);
    const context = new OffscreenCanvas(1, 1).getContext('2d')!;
    context.drawImage(bitmap, -7999, -4999);
    bitmap.close();
    expect([...context.getImageData(0, 0, 1, 1).data]).toEqual([0, 0, 0, 255]);
  });

  test('the hostile file name is 200 characters of markup, quotes, Chinese and padding', () => {
    const name = hostileFileName();
    expect(name).toHaveLength(200);
    expect(name.startsWith(markupInName)).toBe(true);
    expect(name).toMatch(/^<img src=x onerror=alert\(1\)>"' 博客头图 _+\.png$/);
    expect(new TextEncoder().encode(name).length).toBeLessThan(255); // still a legal file name on disk
  });
});
