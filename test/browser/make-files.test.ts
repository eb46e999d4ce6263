/**
 * The test files are what they claim to be, judged by Chromium itself: otherwise a validation test
 * passing on them would prove nothing.
 */
import { describe, expect, test } from 'vitest';
import {
  bytesDecodersSkip,
  crc32,
  damagePng,
  jpegSegments,
  makeGif,
  makeJpeg,
  makePng,
  makeWebp,
  padTo,
  pngChunks,
  svgText,
  truncateJpeg,
  withBytesBeforeFrame,
  withExifOrientation,
  withJpegClaim,
  withPngClaim,
  type Bytes,
} from './make-files';

const MB = 1024 * 1024;

/** What Chromium decodes, as displayed; null when it refuses the bytes. */
async function decode(bytes: Bytes): Promise<{ width: number; height: number } | null> {
  try {
    const bitmap = await createImageBitmap(new Blob([bytes]), { imageOrientation: 'from-image' });
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return null;
  }
}

/** Every chunk's CRC matches its type and data. */
const crcsHold = (png: Uint8Array) =>
  pngChunks(png).every((chunk) => {
    const typeAndData = png.subarray(chunk.offset + 4, chunk.offset + 8 + chunk.data.length);
    return crc32(typeAndData) === chunk.crc;
  });

test('crc32 gives the standard check value', () => {
  expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
});

describe('canvas-made files', () => {
  test.each([
    ['PNG', makePng, [0x89, 0x50, 0x4e, 0x47]],
    ['JPEG', makeJpeg, [0xff, 0xd8, 0xff]],
  ] as const)('%s decodes at the size drawn', async (_name, make, signature) => {
    const bytes = await make(1920, 100);
    expect([...bytes.subarray(0, signature.length)]).toEqual(signature);
    expect(await decode(bytes)).toEqual({ width: 1920, height: 100 });
  });

  test('WebP is a real WebP that Chromium decodes', async () => {
    const webp = await makeWebp(1920, 100);
    expect(String.fromCharCode(...webp.subarray(0, 4), ...webp.subarray(8, 12))).toBe('RIFFWEBP');
    expect(await decode(webp)).toEqual({ width: 1920, height: 100 });
  });
});

describe('padding to an exact size', () => {
  test.each([
    ['PNG', makePng, 2 * MB],
    ['PNG', makePng, 2 * MB + 1],
    ['JPEG', makeJpeg, 2 * MB],
    ['JPEG', makeJpeg, 2 * MB + 1],
    ['JPEG', makeJpeg, 0.5 * MB + 1],
  ] as const)('%s padded to %i bytes still shows the same picture', async (_name, make, size) => {
    const padded = padTo(await make(300, 38), size);
    expect(padded.length).toBe(size);
    expect(await decode(padded)).toEqual({ width: 300, height: 38 });
  });

  test('PNG padding is one private ancillary chunk before IEND, with a valid CRC', async () => {
    const padded = padTo(await makePng(300, 38), 100_000);
    const types = pngChunks(padded).map((c) => c.type);
    expect(types.slice(-2)).toEqual(['skPd', 'IEND']);
    expect(crcsHold(padded)).toBe(true);
  });

  test('JPEG padding is comment segments right after SOI', async () => {
    const jpeg = await makeJpeg(300, 38);
    const padded = padTo(jpeg, jpeg.length + 200_000);
    const markers = jpegSegments(padded).map((s) => s.marker);
    expect(markers.slice(0, 4)).toEqual([0xfe, 0xfe, 0xfe, 0xfe]);
    expect(markers[4]).not.toBe(0xfe);
  });

  test('JPEG padding after the frame header keeps the header near the start, and the picture', async () => {
    const jpeg = await makeJpeg(300, 38);
    const padded = padTo(jpeg, jpeg.length + 200_000, 'after-frame');
    expect(padded.length).toBe(jpeg.length + 200_000);
    const segments = jpegSegments(padded);
    const sof = segments.findIndex((s) => s.marker >= 0xc0 && s.marker <= 0xc2);
    expect(segments[sof]!.offset).toBe(jpegSegments(jpeg)[sof]!.offset);
    expect(segments.slice(sof + 1, sof + 5).map((s) => s.marker)).toEqual([0xfe, 0xfe, 0xfe, 0xfe]);
    expect(await decode(padded)).toEqual({ width: 300, height: 38 });
  });
});

describe('damaged files', () => {
  test.each(['corrupt', 'truncate'] as const)('a PNG damaged by "%s" is refused by createImageBitmap', async (damage) => {
    const png = await makePng(1920, 100);
    const damaged = damagePng(png, damage);
    expect(damaged).not.toEqual(png);
    expect(await decode(damaged)).toBeNull();
  });

  test('the corrupt PNG keeps valid CRCs: only its compressed pixels are wrong', async () => {
    expect(crcsHold(damagePng(await makePng(1920, 100), 'corrupt'))).toBe(true);
  });

  test('a JPEG cut in half is refused by createImageBitmap', async () => {
    expect(await decode(truncateJpeg(await makeJpeg(1920, 100)))).toBeNull();
  });
});

describe('EXIF orientation', () => {
  test('tag 6 makes a stored 100×1920 JPEG display as 1920×100', async () => {
    const stored = await makeJpeg(100, 1920);
    expect(await decode(stored)).toEqual({ width: 100, height: 1920 });
    expect(await decode(withExifOrientation(stored, 6))).toEqual({ width: 1920, height: 100 });
  });

  test('tag 1 (as stored) leaves it 100×1920', async () => {
    expect(await decode(withExifOrientation(await makeJpeg(100, 1920), 1))).toEqual({ width: 100, height: 1920 });
  });
});

describe('size claims', () => {
  test('a PNG claiming 50000×50000 has a valid IHDR but cannot be decoded', async () => {
    const claim = withPngClaim(await makePng(40, 30), 50_000, 50_000);
    const ihdr = pngChunks(claim)[0]!;
    const view = new DataView(ihdr.data.buffer, ihdr.data.byteOffset);
    expect([ihdr.type, view.getUint32(0), view.getUint32(4)]).toEqual(['IHDR', 50_000, 50_000]);
    expect(crcsHold(claim)).toBe(true);
    expect(claim.length).toBeLessThan(2000);
    // Chromium refuses it (the claim is beyond what it decodes), while the same bytes with an honest IHDR decode.
    expect(await decode(claim)).toBeNull();
    expect(await decode(withPngClaim(claim, 40, 30))).toEqual({ width: 40, height: 30 });
  });

  test('a JPEG claim changes the size Chromium decodes', async () => {
    expect(await decode(withJpegClaim(await makeJpeg(40, 30), 80, 60))).toEqual({ width: 80, height: 60 });
  });

  test.each(bytesDecodersSkip)('Chromium decodes a JPEG with %s before its frame header', async (_name, bytes) => {
    expect(await decode(withBytesBeforeFrame(await makeJpeg(40, 30), bytes))).toEqual({ width: 40, height: 30 });
  });
});

describe('other formats', () => {
  test('the hand-written GIF is a real GIF of the given size', async () => {
    const gif = makeGif(1920, 100);
    expect(String.fromCharCode(...gif.subarray(0, 6))).toBe('GIF89a');
    expect(await decode(gif)).toEqual({ width: 1920, height: 100 });
  });

  test('the SVG is an SVG document', () => {
    const text = new TextDecoder().decode(svgText(1920, 100));
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.documentElement.localName).toBe('svg');
    expect(doc.documentElement.getAttribute('width')).toBe('1920');
  });
});
