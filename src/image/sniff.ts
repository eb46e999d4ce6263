/**
 * What a file is, read from its first bytes: never from its name or MIME type.
 */

/** Formats we can name in a message; only `png` and `jpeg` are ever accepted. */
export type SniffedFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'bmp' | 'svg' | 'pdf' | 'zip' | 'html';

const signatures: ReadonlyArray<[SniffedFormat, readonly number[]]> = [
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]], // GIF8
  ['bmp', [0x42, 0x4d]], // BM
  ['pdf', [0x25, 0x50, 0x44, 0x46]], // %PDF
  ['zip', [0x50, 0x4b, 0x03, 0x04]], // PK..
];

export function sniffFormat(bytes: Uint8Array): SniffedFormat | null {
  for (const [format, signature] of signatures) {
    if (signature.every((byte, i) => bytes[i] === byte)) return format;
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 4) === 'ftyp' && /^avi[fs]$/.test(ascii(bytes, 8, 4))) return 'avif';
  // Text formats: look past a BOM and leading blanks for the first tag.
  const text = new TextDecoder().decode(bytes.subarray(0, 512)).replace(/^\uFEFF?\s*/, '').toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'))) return 'svg';
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return 'html';
  return null;
}

export interface PixelSize {
  width: number;
  height: number;
}

/**
 * The pixel size a PNG or JPEG header claims, before any decoding (JPEG: as stored, before EXIF
 * orientation). Null when the header is missing or cut short.
 */
export function headerSize(bytes: Uint8Array, format: 'png' | 'jpeg'): PixelSize | null {
  return format === 'png' ? pngHeaderSize(bytes) : jpegHeaderSize(bytes);
}

function pngHeaderSize(bytes: Uint8Array): PixelSize | null {
  // Signature (8), then the IHDR chunk: length (4), type (4), width (4), height (4).
  if (bytes.length < 24 || ascii(bytes, 12, 4) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Start-of-frame markers: every SOFn except DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** Markers with no length field: a stuffed zero (00), TEM (01), RST0–RST7 (D0–D7). */
const hasNoLength = (marker: number) => marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/**
 * Walks the segments as libjpeg does, skipping what it skips: Chromium decodes a file with stray
 * bytes or parameterless markers before its frame, so giving up there would let it through unchecked.
 */
function jpegHeaderSize(bytes: Uint8Array): PixelSize | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 2; // past SOI
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) {
      offset += 1; // stray byte between segments
      continue;
    }
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (hasNoLength(marker)) {
      offset += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan data before any frame
    const length = view.getUint16(offset + 2);
    if (isStartOfFrame(marker)) {
      if (offset + 9 > bytes.length) return null;
      return { width: view.getUint16(offset + 7), height: view.getUint16(offset + 5) };
    }
    offset += 2 + length;
  }
  return null;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/**
 * The pixel size any format the editor can fix claims in its header, before decoding: so a fix
 * (一键修复) never decodes a picture past the decode limit. Null when the header does not say.
 */
export function claimedSize(bytes: Uint8Array, format: SniffedFormat): PixelSize | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (length: number) => bytes.length >= length;
  switch (format) {
    case 'png':
    case 'jpeg':
      return headerSize(bytes, format);
    case 'gif': // logical screen: width, height (16 bits, little-endian) after the signature
      return has(10) ? { width: view.getUint16(6, true), height: view.getUint16(8, true) } : null;
    case 'bmp': // BITMAPINFOHEADER: width, height (32 bits, little-endian; a negative height is top-down)
      return has(26) ? { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) } : null;
    case 'webp':
      return webpSize(bytes, view);
    case 'avif':
      return avifSize(bytes, view);
    default:
      return null;
  }
}

function webpSize(bytes: Uint8Array, view: DataView): PixelSize | null {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X' && bytes.length >= 30) {
    const u24 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
    return { width: u24(24) + 1, height: u24(27) + 1 };
  }
  if (chunk === 'VP8L' && bytes.length >= 25) {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && bytes.length >= 30) {
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  return null;
}

/** The largest image spatial extents (`ispe`) box in the head: an AVIF's size, or its grid's. */
function avifSize(bytes: Uint8Array, view: DataView): PixelSize | null {
  let largest: PixelSize | null = null;
  for (let at = 4; at + 16 <= bytes.length; at++) {
    if (bytes[at] !== 0x69 || ascii(bytes, at, 4) !== 'ispe') continue; // 'i'
    const size = { width: view.getUint32(at + 8), height: view.getUint32(at + 12) };
    if (!largest || size.width * size.height > largest.width * largest.height) largest = size;
  }
  return largest;
}
