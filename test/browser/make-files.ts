/**
 * Real image files, made inside the browser by the test that needs them, so the repository holds
 * no binary fixtures. PNG, JPEG and WebP come from Chromium's own canvas encoder (rarer kinds of
 * PNG and JPEG from the encoders in test/support); everything else (padding, damage, EXIF, size
 * claims) is an edit of those bytes that keeps the file well formed except where the damage is
 * the point.
 */
import { ascii, concat, crc32, type Bytes } from '../support/bytes';
import { pngChunk } from '../support/png-encoder';

export { crc32, type Bytes };

export type CanvasType = 'image/png' | 'image/jpeg' | 'image/webp';

/**
 * A picture of `width`×`height` in vertical colored stripes: enough detail that encoders do real
 * work, and the same bytes every run.
 */
export async function drawImage(width: number, height: number, type: CanvasType): Promise<Bytes> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  const stripe = 16;
  for (let x = 0; x < width; x += stripe) {
    context.fillStyle = `hsl(${(x * 7) % 360} 70% 50%)`;
    context.fillRect(x, 0, stripe, height);
  }
  const blob = await canvas.convertToBlob({ type, quality: 0.9 });
  if (blob.type !== type) throw new Error(`canvas made ${blob.type}, not ${type}`);
  return new Uint8Array(await blob.arrayBuffer());
}

export const makePng = (width: number, height: number) => drawImage(width, height, 'image/png');
export const makeJpeg = (width: number, height: number) => drawImage(width, height, 'image/jpeg');
export const makeWebp = (width: number, height: number) => drawImage(width, height, 'image/webp');

/** A picked file, as the popup's <input type=file> hands it over. */
export function asFile(bytes: Bytes, name: string, type = ''): File {
  return new File([bytes], name, { type });
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const isPng = (bytes: Uint8Array) => bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
const isJpeg = (bytes: Uint8Array) => bytes[0] === 0xff && bytes[1] === 0xd8;

// ---------------------------------------------------------------------------------------------
// PNG

export interface PngChunk {
  type: string;
  /** Where the chunk's length field starts. */
  offset: number;
  data: Uint8Array;
  crc: number;
}

export function pngChunks(png: Uint8Array): PngChunk[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: PngChunk[] = [];
  for (let offset = 8; offset + 12 <= png.length; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    chunks.push({ type, offset, data, crc: view.getUint32(offset + 8 + length) });
    offset += 12 + length;
  }
  return chunks;
}

function chunkOf(png: Uint8Array, type: string): PngChunk {
  const chunk = pngChunks(png).find((c) => c.type === type);
  if (!chunk) throw new Error(`no ${type} chunk`);
  return chunk;
}

/** Overhead of one PNG chunk: length, type and CRC. */
const PNG_CHUNK_OVERHEAD = 12;

/**
 * The same PNG grown to exactly `size` bytes by one private ancillary chunk before IEND
 * (`skPd`: ancillary, private, safe to copy), so decoders skip it and the picture is unchanged.
 */
export function padPng(png: Bytes, size: number): Bytes {
  const fill = size - png.length - PNG_CHUNK_OVERHEAD;
  if (fill < 0) throw new Error(`a PNG of ${png.length} bytes cannot be padded to ${size}`);
  const iend = chunkOf(png, 'IEND').offset;
  return concat(png.subarray(0, iend), pngChunk('skPd', new Uint8Array(fill).fill(0x2e)), png.subarray(iend));
}

/** The same PNG with its IHDR claiming another size (CRC recomputed, so the header itself is valid). */
export function withPngClaim(png: Bytes, width: number, height: number): Bytes {
  const out = png.slice();
  const ihdr = chunkOf(out, 'IHDR');
  const view = new DataView(out.buffer);
  view.setUint32(ihdr.offset + 8, width);
  view.setUint32(ihdr.offset + 12, height);
  view.setUint32(ihdr.offset + 8 + 13, crc32(out.subarray(ihdr.offset + 4, ihdr.offset + 8 + 13)));
  return out;
}

export type PngDamage =
  /** The compressed pixels scrambled, with a fresh CRC: only inflating them can tell. */
  | 'corrupt'
  /** Cut off halfway through the pixel data, as an interrupted download leaves it. */
  | 'truncate';

export function damagePng(png: Bytes, damage: PngDamage): Bytes {
  const idat = chunkOf(png, 'IDAT');
  const dataStart = idat.offset + 8;
  if (damage === 'truncate') return png.slice(0, dataStart + Math.floor(idat.data.length / 2));
  const out = png.slice();
  // Keep the 2-byte zlib header so the stream starts like a real one; scramble what follows.
  for (let i = dataStart + 2; i < dataStart + idat.data.length; i++) out[i] = (i * 131 + 7) & 0xff;
  const crcAt = dataStart + idat.data.length;
  new DataView(out.buffer).setUint32(crcAt, crc32(out.subarray(idat.offset + 4, crcAt)));
  return out;
}

/** The same PNG without any chunk of `type`: without IDAT, a valid header and no image data. */
export function withoutPngChunks(png: Bytes, type: string): Bytes {
  const kept = pngChunks(png).filter((c) => c.type !== type);
  return concat(png.subarray(0, 8), ...kept.map((c) => png.subarray(c.offset, c.offset + 12 + c.data.length)));
}

/** The same PNG with one bit of its first `type` chunk's CRC flipped: the data intact, its check wrong. */
export function withBadCrc(png: Bytes, type: string): Bytes {
  const out = png.slice();
  const chunk = chunkOf(out, type);
  const last = chunk.offset + 8 + chunk.data.length + 3;
  out[last] = out[last]! ^ 0x01;
  return out;
}

// ---------------------------------------------------------------------------------------------
// JPEG

export interface JpegSegment {
  marker: number;
  /** Where the segment's 0xFF starts. */
  offset: number;
  /** The segment's length field: its own two bytes plus the payload. */
  length: number;
}

/** The marker segments before the scan data (SOI excluded), walked by their lengths. */
export function jpegSegments(jpeg: Uint8Array): JpegSegment[] {
  const segments: JpegSegment[] = [];
  for (let offset = 2; offset + 4 <= jpeg.length; ) {
    if (jpeg[offset] !== 0xff) throw new Error(`no marker at ${offset}`);
    const marker = jpeg[offset + 1]!;
    const length = (jpeg[offset + 2]! << 8) | jpeg[offset + 3]!;
    segments.push({ marker, offset, length });
    if (marker === 0xda) break; // start of scan: entropy-coded data follows
    offset += 2 + length;
  }
  return segments;
}

function frameHeader(jpeg: Uint8Array): JpegSegment {
  const sof = jpegSegments(jpeg).find((s) => s.marker >= 0xc0 && s.marker <= 0xc2);
  if (!sof) throw new Error('no frame header');
  return sof;
}

/** A marker segment with `payload`; at most 65533 payload bytes fit in one. */
function jpegSegment(marker: number, payload: Uint8Array): Bytes {
  const length = payload.length + 2;
  if (length > 0xffff) throw new Error('segment too long');
  return concat(new Uint8Array([0xff, marker, length >> 8, length & 0xff]), payload);
}

/** Largest whole COM segment: marker (2) + length field (2) + 65533 payload bytes. */
const MAX_COM = 0xffff + 2;
const COM_OVERHEAD = 4;

/**
 * Where `padJpeg` puts its comments: right after SOI, so a large padding pushes the frame header
 * far from the start of the file, as big EXIF or ICC data does; or right after the frame header,
 * so the file grows and its header stays where most files have it, in the first few KB.
 */
export type JpegPadding = 'before-frame' | 'after-frame';

/** The same JPEG grown to exactly `size` bytes by COM (comment) segments, placed as `where` says. */
export function padJpeg(jpeg: Bytes, size: number, where: JpegPadding = 'before-frame'): Bytes {
  let left = size - jpeg.length;
  if (left < COM_OVERHEAD) throw new Error(`a JPEG of ${jpeg.length} bytes cannot be padded to ${size}`);
  const comments: Bytes[] = [];
  while (left > 0) {
    let take = Math.min(left, MAX_COM);
    if (left - take > 0 && left - take < COM_OVERHEAD) take -= COM_OVERHEAD; // leave room for a last one
    comments.push(jpegSegment(0xfe, new Uint8Array(take - COM_OVERHEAD).fill(0x20)));
    left -= take;
  }
  const sof = frameHeader(jpeg);
  const at = where === 'before-frame' ? 2 : sof.offset + 2 + sof.length;
  return concat(jpeg.subarray(0, at), ...comments, jpeg.subarray(at));
}

/** The same JPEG with its frame header (SOF) claiming another size. */
export function withJpegClaim(jpeg: Bytes, width: number, height: number): Bytes {
  const out = jpeg.slice();
  const sof = frameHeader(out);
  const view = new DataView(out.buffer);
  view.setUint16(sof.offset + 5, height);
  view.setUint16(sof.offset + 7, width);
  return out;
}

/**
 * The same JPEG with `bytes` just before its frame header: stray bytes, or markers without a
 * length (FF00, TEM FF01, RSTn FFD0–FFD7). libjpeg skips all of these, so Chromium shows the file.
 */
export function withBytesBeforeFrame(jpeg: Bytes, bytes: readonly number[]): Bytes {
  const at = frameHeader(jpeg).offset;
  return concat(jpeg.subarray(0, at), new Uint8Array(bytes), jpeg.subarray(at));
}

/** What libjpeg skips between segments, by name, for `withBytesBeforeFrame`. */
export const bytesDecodersSkip: ReadonlyArray<[string, readonly number[]]> = [
  ['a stray byte', [0x00]],
  ['three stray bytes', [0x01, 0x02, 0x03]],
  ['a stuffed zero (FF00)', [0xff, 0x00]],
  ['a TEM marker (FF01)', [0xff, 0x01]],
  ['a restart marker (FFD0)', [0xff, 0xd0]],
  ['a restart marker (FFD7)', [0xff, 0xd7]],
];

/** The same JPEG without its marker segments `marker` before the scan, e.g. its frame header (SOF). */
export function withoutJpegSegments(jpeg: Bytes, marker: number): Bytes {
  const dropped = jpegSegments(jpeg).filter((s) => s.marker === marker);
  if (dropped.length === 0) throw new Error(`no segment FF${marker.toString(16).toUpperCase()}`);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const s of dropped) {
    parts.push(jpeg.subarray(from, s.offset));
    from = s.offset + 2 + s.length;
  }
  return concat(...parts, jpeg.subarray(from));
}

/** Cut off halfway, as an interrupted download leaves it (no end-of-image marker). */
export const truncateJpeg = (jpeg: Bytes): Bytes => jpeg.slice(0, Math.floor(jpeg.length / 2));

/**
 * The same JPEG with an EXIF APP1 segment, right after SOI, holding one Orientation tag
 * (0x0112). 6 means "rotate 90° clockwise to display", so a stored 100×1920 shows as 1920×100.
 */
export function withExifOrientation(jpeg: Bytes, orientation: number): Bytes {
  const tiff = new Uint8Array(26);
  const view = new DataView(tiff.buffer);
  tiff.set(ascii('MM'), 0); // big-endian
  view.setUint16(2, 42);
  view.setUint32(4, 8); // first IFD right after this header
  view.setUint16(8, 1); // one entry
  view.setUint16(10, 0x0112); // Orientation
  view.setUint16(12, 3); // SHORT
  view.setUint32(14, 1); // one value
  view.setUint16(18, orientation); // a SHORT sits left-aligned in the 4-byte value field
  view.setUint32(22, 0); // no next IFD
  const app1 = jpegSegment(0xe1, concat(ascii('Exif\0\0'), tiff));
  return concat(jpeg.subarray(0, 2), app1, jpeg.subarray(2));
}

// ---------------------------------------------------------------------------------------------
// Other formats, and padding whichever kind it is

/**
 * Grows a PNG or JPEG to exactly `size` bytes without changing its picture. A PNG's padding always
 * follows its header (IHDR comes first); a JPEG's goes where `jpegPadding` says.
 */
export function padTo(bytes: Bytes, size: number, jpegPadding?: JpegPadding): Bytes {
  if (isPng(bytes)) return padPng(bytes, size);
  if (isJpeg(bytes)) return padJpeg(bytes, size, jpegPadding);
  throw new Error('only PNG and JPEG can be padded');
}

/**
 * A real GIF89a, written by hand: a `width`×`height` logical screen, two-color palette, and one
 * black 1×1 image in its corner (the rest shows the background color).
 */
export function makeGif(width: number, height: number): Bytes {
  const screen = new Uint8Array(7);
  const view = new DataView(screen.buffer);
  view.setUint16(0, width, true);
  view.setUint16(2, height, true);
  screen[4] = 0x80; // global color table of 2 entries, 1 bit per pixel
  const palette = [0x00, 0x00, 0x00, 0xff, 0xff, 0xff];
  const image = [
    0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, // descriptor: at 0,0, 1×1, no local palette
    0x02, 0x02, 0x44, 0x01, 0x00, // LZW minimum code size 2; one 2-byte block: clear, 0, end; terminator
  ];
  return concat(ascii('GIF89a'), screen, new Uint8Array(palette), new Uint8Array(image), new Uint8Array([0x3b]));
}

export const svgText = (width: number, height: number): Bytes =>
  new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<rect width="100%" height="100%" fill="#c00"/></svg>\n`,
  );

export const plainText = (): Bytes => new TextEncoder().encode('This is not a picture.\nJust a note saved as .png\n');

/**
 * The file type box an AVIF file starts with (brand `avif`, compatible with the HEIF image brands):
 * what sniffing reads. No picture follows: enough for a file that must never reach the decoder.
 */
export function avifHead(): Bytes {
  const box = concat(new Uint8Array(4), ascii('ftypavif'), new Uint8Array(4), ascii('avifmif1miaf'));
  new DataView(box.buffer).setUint32(0, box.length);
  return box;
}
