/**
 * A small PNG encoder for test files: every color type and bit depth the format allows, palettes
 * with transparency, the five row filters and Adam7 interlacing, with correct CRCs. Plain
 * TypeScript on Uint8Array, so the same files can be made in Node (end-to-end tests) and in the
 * browser (browser-mode tests); Chromium checks that each kind decodes (test/browser/encoders.test.ts).
 */
import { ascii, concat, crc32, deflate, type Bytes } from './bytes';

export type PngColor = 'gray' | 'rgb' | 'palette' | 'gray-alpha' | 'rgba';
export type PngBitDepth = 1 | 2 | 4 | 8 | 16;
export type PngFilter = 'none' | 'sub' | 'up' | 'average' | 'paeth';

/** The IHDR color type code, samples per pixel, and the bit depths PNG allows for each. */
const colorTypes: Readonly<Record<PngColor, { code: number; channels: number; depths: readonly PngBitDepth[] }>> = {
  gray: { code: 0, channels: 1, depths: [1, 2, 4, 8, 16] },
  rgb: { code: 2, channels: 3, depths: [8, 16] },
  palette: { code: 3, channels: 1, depths: [1, 2, 4, 8] },
  'gray-alpha': { code: 4, channels: 2, depths: [8, 16] },
  rgba: { code: 6, channels: 4, depths: [8, 16] },
};

const filterCodes: Readonly<Record<PngFilter, number>> = { none: 0, sub: 1, up: 2, average: 3, paeth: 4 };

export const PNG_SIGNATURE: Bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What IHDR says. */
export interface PngHeader {
  width: number;
  height: number;
  color: PngColor;
  depth: PngBitDepth;
  interlace?: boolean;
}

export interface PngChunkSpec {
  type: string;
  data: Uint8Array;
}

export interface PngSpec extends PngHeader {
  /**
   * One pixel's samples in the color type's order (gray; r g b; index; gray alpha; r g b alpha),
   * each at the bit depth's scale: 0–65535 at 16 bits, a palette index for `palette`.
   * Either one pixel for the whole picture or a function of the position.
   */
  pixel: readonly number[] | ((x: number, y: number) => readonly number[]);
  /** PLTE entries as [r, g, b]; required for `palette`. */
  palette?: ReadonlyArray<readonly [number, number, number]>;
  /** tRNS for a palette: the alpha of the first entries. */
  paletteAlpha?: readonly number[];
  /** The row filter, the same on every row (default `none`). */
  filter?: PngFilter;
  /** Chunks written after IHDR, PLTE and tRNS and before IDAT, such as tEXt. */
  extraChunks?: readonly PngChunkSpec[];
}

/** One chunk: length, type, data, and the CRC of type and data. */
export function pngChunk(type: string, data: Uint8Array): Bytes {
  if (!/^[A-Za-z]{4}$/.test(type)) throw new Error(`bad chunk type ${JSON.stringify(type)}`);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(ascii(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

export function ihdrData({ width, height, color, depth, interlace = false }: PngHeader): Bytes {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data.set([depth, colorTypes[color].code, 0, 0, interlace ? 1 : 0], 8); // deflate, adaptive filtering
  return data;
}

/**
 * A PNG from scanlines already filtered (a filter byte before each row, passes in Adam7 order
 * when interlaced). Nothing checks that they match the header: that is how a file claiming far
 * more than its data holds is made.
 */
export async function pngFromScanlines(
  header: PngHeader,
  scanlines: Uint8Array,
  before: readonly PngChunkSpec[] = [],
): Promise<Bytes> {
  return concat(
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdrData(header)),
    ...before.map(({ type, data }) => pngChunk(type, data)),
    pngChunk('IDAT', await deflate(scanlines)),
    pngChunk('IEND', new Uint8Array(0)),
  );
}

/** Adam7: where each pass starts and how far apart its pixels are, as [x0, y0, dx, dy]. */
const adam7: ReadonlyArray<readonly [number, number, number, number]> = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** A real PNG of `spec`; throws on a combination PNG does not allow, so a test cannot ask for nonsense. */
export async function encodePng(spec: PngSpec): Promise<Bytes> {
  const { width, height, color, depth, interlace = false, filter = 'none' } = spec;
  const { channels, depths } = colorTypes[color];
  if (!depths.includes(depth)) throw new Error(`PNG has no ${depth}-bit ${color}`);
  if (width < 1 || height < 1) throw new Error('a PNG has at least one pixel');
  if (color === 'palette' && !spec.palette?.length) throw new Error('a palette PNG needs PLTE');
  if (spec.palette && spec.palette.length > Math.min(256, 2 ** depth)) throw new Error('palette too long');

  const pixelAt = typeof spec.pixel === 'function' ? spec.pixel : () => spec.pixel as readonly number[];
  const max = 2 ** depth - 1;
  const samplesAt = (x: number, y: number) => {
    const samples = pixelAt(x, y);
    if (samples.length !== channels || samples.some((s) => !Number.isInteger(s) || s < 0 || s > max)) {
      throw new Error(`pixel ${x},${y}: ${JSON.stringify(samples)} is not ${channels} samples of 0–${max}`);
    }
    return samples;
  };

  const passes = interlace ? adam7 : [[0, 0, 1, 1] as const];
  const bytesPerPixel = Math.max(1, (channels * depth) / 8); // the filters' step
  const rows: Bytes[] = [];
  for (const [x0, y0, dx, dy] of passes) {
    const passWidth = Math.ceil((width - x0) / dx);
    const passHeight = Math.ceil((height - y0) / dy);
    if (passWidth <= 0 || passHeight <= 0) continue; // an empty pass has no rows at all
    const rowBytes = Math.ceil((passWidth * channels * depth) / 8);
    let previous = new Uint8Array(rowBytes); // the row above the first is zeros
    for (let py = 0; py < passHeight; py++) {
      const row = new Uint8Array(rowBytes);
      const bits = new BitPacker(row, depth);
      for (let px = 0; px < passWidth; px++) {
        for (const sample of samplesAt(x0 + px * dx, y0 + py * dy)) bits.put(sample);
      }
      rows.push(filterRow(filterCodes[filter], row, previous, bytesPerPixel));
      previous = row;
    }
  }

  const before: PngChunkSpec[] = [];
  if (spec.palette) before.push({ type: 'PLTE', data: new Uint8Array(spec.palette.flat()) });
  if (spec.paletteAlpha) before.push({ type: 'tRNS', data: new Uint8Array(spec.paletteAlpha) });
  before.push(...(spec.extraChunks ?? []));
  return pngFromScanlines(spec, concat(...rows), before);
}

/** Writes samples into a row: big-endian at 16 bits, packed from the high bit below 8. */
class BitPacker {
  private at = 0;
  private bit = 0;
  constructor(
    private readonly row: Uint8Array,
    private readonly depth: PngBitDepth,
  ) {}

  put(sample: number) {
    if (this.depth === 16) {
      this.row[this.at++] = sample >> 8;
      this.row[this.at++] = sample & 0xff;
    } else if (this.depth === 8) {
      this.row[this.at++] = sample;
    } else {
      this.row[this.at] = this.row[this.at]! | (sample << (8 - this.depth - this.bit));
      this.bit += this.depth;
      if (this.bit === 8) {
        this.bit = 0;
        this.at++;
      }
    }
  }
}

/** The filter byte and the row filtered against the (unfiltered) row above it, as PNG 9.2 defines. */
function filterRow(type: number, row: Uint8Array, above: Uint8Array, bpp: number): Bytes {
  const out = new Uint8Array(row.length + 1);
  out[0] = type;
  for (let i = 0; i < row.length; i++) {
    const a = i >= bpp ? row[i - bpp]! : 0; // left
    const b = above[i]!; // up
    const c = i >= bpp ? above[i - bpp]! : 0; // up-left
    const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][type]!;
    out[i + 1] = (row[i]! - predictor) & 0xff;
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
