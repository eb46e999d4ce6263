/**
 * A minimal JPEG encoder for test files: baseline (SOF0) or progressive (SOF2), grayscale,
 * YCbCr or Adobe CMYK. Each 8×8 block is one flat color, so a block is its DC coefficient alone;
 * that keeps the encoder small while the files are real ones, with the standard Huffman tables
 * (ITU T.81 Annex K), that any decoder reads. Plain TypeScript on Uint8Array, for Node and the
 * browser alike; Chromium checks that each kind decodes (test/browser/encoders.test.ts).
 */
import { ascii, concat, type Bytes } from './bytes';

export type JpegMode = 'baseline' | 'progressive';
/** gray: 1 component; ycbcr: 3 (JFIF); cmyk: 4, with an Adobe APP14 marker, stored inverted as Adobe does. */
export type JpegSpace = 'gray' | 'ycbcr' | 'cmyk';
export type Rgb = readonly [number, number, number];

export interface JpegSpec {
  width: number;
  height: number;
  mode?: JpegMode;
  space?: JpegSpace;
  /** The color of the whole picture, or of each 8×8 block by its column and row. */
  color: Rgb | ((blockX: number, blockY: number) => Rgb);
}

// ---------------------------------------------------------------------------------------------
// Tables

/** A Huffman table as DHT carries it: how many codes of each length 1–16, then the symbols. */
interface HuffmanSpec {
  counts: readonly number[];
  symbols: readonly number[];
}

/** Table K.3: luminance DC differences, categories 0–11. */
const standardDc: HuffmanSpec = {
  counts: [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0],
  symbols: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
};

/** Table K.5: luminance AC coefficients (run/size); only EOB (0x00) is ever written here. */
const standardAc: HuffmanSpec = {
  counts: [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d],
  symbols: [
    0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
    0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
    0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
    0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
    0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
    0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
    0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
    0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
    0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
    0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
    0xf9, 0xfa,
  ],
};

/**
 * Progressive AC scans: the standard AC table has no end-of-band runs longer than one block
 * (EOB1..EOB14 are symbols 0x10..0xE0), so these scans get a table of the fifteen EOBn symbols,
 * all 4 bits long, and each scan is a few end-of-band runs over all its blocks.
 */
const endOfBandRuns: HuffmanSpec = {
  counts: [0, 0, 0, 15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  symbols: Array.from({ length: 15 }, (_, n) => n << 4),
};

/** Canonical codes (T.81 Annex C): symbol → [code, length]. */
function huffmanCodes({ counts, symbols }: HuffmanSpec): Map<number, readonly [number, number]> {
  const codes = new Map<number, readonly [number, number]>();
  let code = 0;
  let k = 0;
  counts.forEach((count, i) => {
    for (let j = 0; j < count; j++) codes.set(symbols[k++]!, [code++, i + 1]);
    code <<= 1;
  });
  return codes;
}

/**
 * Every quantizer 8: a flat block's DC coefficient is 8 × (sample − 128) (the DCT's scale), so
 * quantized it is the sample − 128 itself, exact for whole samples.
 */
const QUANTIZER = 8;

/** Spectral bands of the progressive AC scans: two per component, to use spectral selection. */
const acBands: ReadonlyArray<readonly [number, number]> = [
  [1, 5],
  [6, 63],
];

// ---------------------------------------------------------------------------------------------
// Encoder

export function encodeJpeg(spec: JpegSpec): Bytes {
  const { width, height, mode = 'baseline', space = 'ycbcr' } = spec;
  if (width < 1 || height < 1 || width > 0xffff || height > 0xffff) throw new Error(`no JPEG is ${width}×${height}`);
  const colorAt = typeof spec.color === 'function' ? spec.color : () => spec.color as Rgb;
  const blocksWide = Math.ceil(width / 8);
  const blocksHigh = Math.ceil(height / 8);
  const components = componentCount[space];
  // Every component is sampled 1×1, so each has one block per 8×8 of the picture, and an
  // interleaved MCU is one block of each component.
  const dc: Int16Array[] = Array.from({ length: components }, () => new Int16Array(blocksWide * blocksHigh));
  for (let by = 0; by < blocksHigh; by++) {
    for (let bx = 0; bx < blocksWide; bx++) {
      toSamples(space, colorAt(bx, by)).forEach((sample, c) => {
        dc[c]![by * blocksWide + bx] = sample - 128;
      });
    }
  }

  const ids = Array.from({ length: components }, (_, c) => c + 1);
  const progressive = mode === 'progressive';
  const segments: Bytes[] = [
    space === 'cmyk' ? adobeApp14() : jfifApp0(),
    segment(0xdb, concat(new Uint8Array([0x00]), new Uint8Array(64).fill(QUANTIZER))), // DQT: 8-bit, table 0
    segment(progressive ? 0xc2 : 0xc0, frameHeader(width, height, ids)),
    segment(0xc4, concat(huffmanTable(0x00, standardDc), huffmanTable(0x10, progressive ? endOfBandRuns : standardAc))),
  ];
  const dcCodes = huffmanCodes(standardDc);
  if (progressive) {
    // First the DC of every component, interleaved; then each component's AC bands on their own.
    segments.push(scanHeader(ids, 0, 0), dcScan(dc, dcCodes, null));
    const runs = huffmanCodes(endOfBandRuns);
    for (const id of ids) {
      for (const [start, end] of acBands) {
        segments.push(scanHeader([id], start, end), endOfBandScan(blocksWide * blocksHigh, runs));
      }
    }
  } else {
    const endOfBlock = huffmanCodes(standardAc).get(0x00)!;
    segments.push(scanHeader(ids, 0, 63), dcScan(dc, dcCodes, endOfBlock));
  }
  return concat(new Uint8Array([0xff, 0xd8]), ...segments, new Uint8Array([0xff, 0xd9]));
}

const componentCount: Readonly<Record<JpegSpace, number>> = { gray: 1, ycbcr: 3, cmyk: 4 };

/** One block's samples per component, 0–255. */
function toSamples(space: JpegSpace, [r, g, b]: Rgb): number[] {
  const clamp = (v: number) => Math.min(255, Math.max(0, Math.round(v)));
  const y = 0.299 * r + 0.587 * g + 0.114 * b;
  if (space === 'gray') return [clamp(y)];
  if (space === 'ycbcr') {
    // JFIF's conversion (full range).
    const cb = -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
    const cr = 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
    return [clamp(y), clamp(cb), clamp(cr)];
  }
  // Ink with black pulled out, then inverted as Adobe stores CMYK (255 = no ink); a decoder shows
  // r = C·K/255 and likewise for g and b.
  const black = 1 - Math.max(r, g, b) / 255;
  const ink = (v: number) => (black === 1 ? 0 : (1 - v / 255 - black) / (1 - black));
  return [clamp(255 * (1 - ink(r))), clamp(255 * (1 - ink(g))), clamp(255 * (1 - ink(b))), clamp(255 * (1 - black))];
}

function segment(marker: number, payload: Uint8Array): Bytes {
  const length = payload.length + 2;
  return concat(new Uint8Array([0xff, marker, length >> 8, length & 0xff]), payload);
}

/** JFIF 1.01, no units, 1:1 pixels, no thumbnail. */
const jfifApp0 = () => segment(0xe0, concat(ascii('JFIF\0'), new Uint8Array([1, 1, 0, 0, 1, 0, 1, 0, 0])));

/** Adobe APP14: version 100, no flags, transform 0 (the components are CMYK as stored, not YCCK). */
const adobeApp14 = () => segment(0xee, concat(ascii('Adobe'), new Uint8Array([0, 100, 0, 0, 0, 0, 0])));

function frameHeader(width: number, height: number, ids: readonly number[]): Bytes {
  // 8-bit samples; per component its id, sampling 1×1 and quantization table 0.
  const size = [height >> 8, height & 0xff, width >> 8, width & 0xff];
  return new Uint8Array([8, ...size, ids.length, ...ids.flatMap((id) => [id, 0x11, 0])]);
}

function huffmanTable(classAndId: number, { counts, symbols }: HuffmanSpec): Bytes {
  return new Uint8Array([classAndId, ...counts, ...symbols]);
}

/** SOS: components (all on DC table 0 and AC table 0), spectral band, no successive approximation. */
function scanHeader(ids: readonly number[], start: number, end: number): Bytes {
  return segment(0xda, new Uint8Array([ids.length, ...ids.flatMap((id) => [id, 0x00]), start, end, 0x00]));
}

/**
 * Entropy-coded data of a scan holding every component's DC, interleaved block by block: each DC
 * as its difference from the component's previous block; in a baseline scan each block then ends
 * at once (`endOfBlock`), its 63 AC coefficients all zero.
 */
function dcScan(
  dc: readonly Int16Array[],
  codes: Map<number, readonly [number, number]>,
  endOfBlock: readonly [number, number] | null,
): Bytes {
  const bits = new BitWriter();
  const previous = dc.map(() => 0);
  for (let block = 0; block < dc[0]!.length; block++) {
    dc.forEach((values, c) => {
      const diff = values[block]! - previous[c]!;
      previous[c] = values[block]!;
      const size = magnitudeBits(diff);
      bits.write(...codes.get(size)!);
      // A negative difference is sent as its ones' complement in `size` bits (T.81 F.1.2.1).
      if (size > 0) bits.write(diff < 0 ? diff + (1 << size) - 1 : diff, size);
      if (endOfBlock) bits.write(...endOfBlock);
    });
  }
  return bits.finish();
}

/** A progressive AC scan in which every one of `blocks` blocks is zero: end-of-band runs of up to 32767. */
function endOfBandScan(blocks: number, codes: Map<number, readonly [number, number]>): Bytes {
  const bits = new BitWriter();
  for (let left = blocks; left > 0; ) {
    const run = Math.min(left, 0x7fff);
    const n = 31 - Math.clz32(run); // EOBn: a run of 2^n plus n more bits
    bits.write(...codes.get(n << 4)!);
    if (n > 0) bits.write(run - (1 << n), n);
    left -= run;
  }
  return bits.finish();
}

const magnitudeBits = (value: number) => (value === 0 ? 0 : 32 - Math.clz32(Math.abs(value)));

/** Entropy-coded bits, most significant first, with a 0x00 stuffed after every 0xFF byte. */
class BitWriter {
  private readonly bytes: number[] = [];
  private buffer = 0;
  private count = 0;

  write(value: number, length: number) {
    for (let i = length - 1; i >= 0; i--) {
      this.buffer = (this.buffer << 1) | ((value >> i) & 1);
      if (++this.count === 8) this.emit();
    }
  }

  /** Pads the last byte with ones, as T.81 asks. */
  finish(): Bytes {
    if (this.count > 0) this.write(0xff, 8 - this.count);
    return new Uint8Array(this.bytes);
  }

  private emit() {
    this.bytes.push(this.buffer);
    if (this.buffer === 0xff) this.bytes.push(0x00);
    this.buffer = 0;
    this.count = 0;
  }
}
