/**
 * validateImageFile in real Chromium, on real files: CSDN's checks before its crop box opens. What
 * a blogger picks is judged by its bytes, its byte size and how the browser displays it; a refused
 * file says whether a fix (一键修复) can make one CSDN takes from it.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { sourceFormatOf, validateImageFile, type AcceptedImage, type RejectedImage } from '../../src/image/validate';
import { fixMaxBytes, imageRules, MB, type ImageSlot, type RuleViolation } from '../../src/rules';
import { makeBmp } from '../support/hostile-files';
import { PNG_SIGNATURE } from '../support/png-encoder';
import {
  asFile,
  avifHead,
  bytesDecodersSkip,
  damagePng,
  makeGif,
  makeJpeg,
  makePng,
  makeWebp,
  padJpeg,
  padTo,
  plainText,
  svgText,
  truncateJpeg,
  withBytesBeforeFrame,
  withExifOrientation,
  withJpegClaim,
  withPngClaim,
  type Bytes,
} from './make-files';

const kinds = [
  { format: 'png', make: makePng, name: 'skin.png', type: 'image/png' },
  { format: 'jpeg', make: makeJpeg, name: 'skin.jpg', type: 'image/jpeg' },
] as const;

/** The most of a file read before its byte size is judged: its head, for sniffing. */
const HEAD_BYTES = 256 * 1024;

/** The broken rules of a picked file; empty when it was accepted. */
async function violationsOf(slot: ImageSlot, file: File): Promise<RuleViolation[]> {
  const result = await validateImageFile(slot, file);
  return result.ok ? [] : result.violations;
}

async function accept(slot: ImageSlot, file: File): Promise<AcceptedImage> {
  const result = await validateImageFile(slot, file);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.violations)}`);
  return result;
}

async function refuse(slot: ImageSlot, file: File): Promise<RejectedImage> {
  const result = await validateImageFile(slot, file);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.facts)}`);
  return result;
}

/** Counts the decoder's calls, so a test can tell that a file was never decoded. */
function watchDecoder() {
  return vi.spyOn(window, 'createImageBitmap');
}

type Reader = (...args: unknown[]) => unknown;

/**
 * Watches every way a page reads a blob's bytes (Blob methods and FileReader), so a test can
 * tell how much of a file was read: `sizes` lists the size of each blob read, the whole file or
 * a slice of it.
 */
function watchReads() {
  const blobReads = (['arrayBuffer', 'bytes', 'text', 'stream'] as const)
    .filter((name) => name in Blob.prototype)
    .map((name) => vi.spyOn(Blob.prototype as unknown as Record<string, Reader>, name));
  const readerReads = (['readAsArrayBuffer', 'readAsBinaryString', 'readAsDataURL', 'readAsText'] as const).map((name) =>
    vi.spyOn(FileReader.prototype as unknown as Record<string, Reader>, name),
  );
  return {
    sizes: (): number[] => [
      ...blobReads.flatMap((spy) => spy.mock.contexts.map((blob) => (blob as Blob).size)),
      ...readerReads.flatMap((spy) => spy.mock.calls.map(([blob]) => (blob as Blob).size)),
    ],
  };
}

/** A file of exactly `size` bytes: `head` and then zeros, made without writing `size` bytes of our own. */
const fileOfSize = (head: Bytes, size: number, name: string, type = '') =>
  new File([head, new Uint8Array(size - head.length)], name, { type });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('good files are accepted with their facts', () => {
  const cases: ReadonlyArray<[ImageSlot, number, number]> = [
    ['header', 1920, 100],
    ['header', 2560, 240],
    ['background', 1, 1],
    ['background', 800, 600],
    ['column', 300, 38],
  ];
  describe.each(kinds)('$format', ({ format, make, name, type }) => {
    test.each(cases)('%s %i×%i', async (slot, width, height) => {
      const bytes = await make(width, height);
      const result = await validateImageFile(slot, asFile(bytes, name, type));
      expect(result).toEqual({ ok: true, facts: { name, format, bytes: bytes.length, width, height } });
    });
  });

  test('the format is what the bytes are, not what the file is called', async () => {
    const png = await makePng(1920, 100);
    expect((await accept('header', asFile(png, 'photo.jpg', 'image/jpeg'))).facts).toMatchObject({ name: 'photo.jpg', format: 'png' });

    const jpeg = await makeJpeg(300, 38);
    expect((await accept('column', asFile(jpeg, 'column.png', 'image/png'))).facts).toMatchObject({ name: 'column.png', format: 'jpeg' });
  });
});

describe('pixel size rules', () => {
  describe.each(kinds)('$format', ({ make, name, type }) => {
    const cases: ReadonlyArray<[ImageSlot, number, number, RuleViolation[]]> = [
      ['header', 1919, 100, [{ key: 'errWidthMin', params: ['1919', '1920'] }]],
      ['header', 1920, 99, [{ key: 'errHeightMin', params: ['99', '100'] }]],
      [
        'header',
        1919,
        99,
        [
          { key: 'errWidthMin', params: ['1919', '1920'] },
          { key: 'errHeightMin', params: ['99', '100'] },
        ],
      ],
    ];
    test.each(cases)('%s %i×%i is refused, and a fix can enlarge it', async (slot, width, height, expected) => {
      const bytes = await make(width, height);
      const result = await validateImageFile(slot, asFile(bytes, name, type));
      expect(result).toEqual({
        ok: false,
        violations: expected,
        measured: { format: expect.any(String), bytes: bytes.length, width, height },
        fixable: true,
      });
    });

    // The crop cuts a column to 300×38 and a background to 100×100, from a picture of any size.
    const anySize: ReadonlyArray<[ImageSlot, number, number]> = [
      ['column', 301, 38],
      ['column', 299, 38],
      ['column', 300, 39],
      ['column', 300, 37],
      ['column', 38, 300],
      ['column', 1, 1],
      ['background', 3, 700],
    ];
    test.each(anySize)('%s %i×%i is accepted: the crop makes the stored size', async (slot, width, height) => {
      const bytes = await make(width, height);
      expect((await accept(slot, asFile(bytes, name, type))).facts).toMatchObject({ width, height, bytes: bytes.length });
    });
  });
});

describe('byte limits (1 MB = 1024 × 1024 bytes)', () => {
  // The file's size is rounded up, so one byte over never reads as the limit itself.
  const limits: ReadonlyArray<[ImageSlot, number, number, number, string, string]> = [
    ['header', 1920, 100, 2 * MB, '2 MB + 1 B', '2 MB'],
    ['background', 64, 64, 1 * MB, '1 MB + 1 B', '1 MB'],
    ['column', 300, 38, 0.5 * MB, '0.5 MB + 1 B', '0.5 MB'],
  ];
  describe.each(kinds)('$format', ({ format, make, name, type }) => {
    test.each(limits)('%s: exactly the limit is accepted', async (slot, width, height, limit) => {
      const bytes = padTo(await make(width, height), limit);
      const result = await accept(slot, asFile(bytes, name, type));
      expect(result.facts).toEqual({ name, format, bytes: limit, width, height });
    });

    test.each(limits)('%s: one byte over is refused from its size, fixable, and never decoded', async (slot, width, height, limit, size, max) => {
      // A JPEG's frame header where most files have it, within the head (see the next describe for one past it).
      const bytes = padTo(await make(width, height), limit + 1, 'after-frame');
      const decoder = watchDecoder();
      expect(await validateImageFile(slot, asFile(bytes, name, type))).toEqual({
        ok: false,
        violations: [{ key: 'errBytes', params: [size, max] }],
        // The size its header claims, for the message: never decoded to find it.
        measured: { format, bytes: limit + 1, width, height },
        fixable: true,
      });
      expect(decoder).not.toHaveBeenCalled();
    });
  });

  test('a file breaking every header rule lists them all, bytes first, from its header alone', async () => {
    const bytes = padTo(await makePng(1919, 99), 2 * MB + 1);
    const decoder = watchDecoder();
    const result = await refuse('header', asFile(bytes, 'big.png', 'image/png'));
    expect(result.violations).toEqual([
      { key: 'errBytes', params: ['2 MB + 1 B', '2 MB'] },
      { key: 'errWidthMin', params: ['1919', '1920'] },
      { key: 'errHeightMin', params: ['99', '100'] },
    ]);
    expect(result.fixable).toBe(true);
    expect(decoder).not.toHaveBeenCalled();
  });

  test('a too-heavy file is read no further than its head', async () => {
    const png = await makePng(1920, 100);
    const file = fileOfSize(png, 3 * MB, 'heavy.png', 'image/png');
    const decoder = watchDecoder();
    const reads = watchReads();
    expect(await violationsOf('header', file)).toEqual([{ key: 'errBytes', params: ['3 MB', '2 MB'] }]);
    expect(reads.sizes().length).toBeGreaterThan(0); // the head was read, and the watch saw it
    for (const size of reads.sizes()) expect(size).toBeLessThanOrEqual(HEAD_BYTES);
    expect(decoder).not.toHaveBeenCalled();
  });

  test('a file within the limit whose frame header lies past its head is read whole (what the watch above would see)', async () => {
    const bytes = padJpeg(await makeJpeg(1920, 100), HEAD_BYTES + 100 * 1024);
    const reads = watchReads();
    expect((await accept('header', asFile(bytes, 'exif.jpg', 'image/jpeg'))).facts).toMatchObject({ width: 1920, height: 100 });
    expect(reads.sizes()).toContain(bytes.length);
  });

  // A too-heavy file is read no further than its first 256 KB, so a JPEG whose frame header lies
  // past them (large EXIF, ICC or XMP data) has no known size: unknown, not damaged.
  test('a too-heavy JPEG whose frame header lies past its head is refused for its bytes alone, fixable', async () => {
    const bytes = padTo(await makeJpeg(1920, 100), 2 * MB + 1, 'before-frame');
    const decoder = watchDecoder();
    expect(await validateImageFile('header', asFile(bytes, 'camera.jpg', 'image/jpeg'))).toEqual({
      ok: false,
      violations: [{ key: 'errBytes', params: ['2 MB + 1 B', '2 MB'] }],
      measured: { format: 'jpeg', bytes: 2 * MB + 1, width: null, height: null },
      fixable: true,
    });
    expect(decoder).not.toHaveBeenCalled();
  });

  describe('a fix reads at most 16 MB', () => {
    const MAX = fixMaxBytes;

    test('16 MB is the line', () => {
      expect(MAX).toBe(16 * MB);
    });

    test.each([
      ['exactly 16 MB', MAX, true],
      ['one byte over 16 MB', MAX + 1, false],
      ['17 MB', 17 * MB, false],
    ] as const)('a PNG header of %s: refused unread and undecoded, fixable = %s', async (_name, size, fixable) => {
      const png = await makePng(1000, 50);
      const file = fileOfSize(png, size, 'huge.png', 'image/png');
      const decoder = watchDecoder();
      const reads = watchReads();
      const result = await refuse('header', file);
      expect(result.violations.map((v) => v.key)).toEqual(['errBytes', 'errWidthMin', 'errHeightMin']);
      expect(result.measured).toEqual({ format: 'png', bytes: size, width: 1000, height: 50 });
      expect(result.fixable).toBe(fixable);
      expect(decoder).not.toHaveBeenCalled();
      expect(reads.sizes().length).toBeGreaterThan(0);
      for (const read of reads.sizes()) expect(read).toBeLessThanOrEqual(HEAD_BYTES);
    });

    test.each([
      ['exactly 16 MB', MAX, true],
      ['one byte over 16 MB', MAX + 1, false],
    ] as const)('a GIF of %s: fixable = %s, and never read past its head', async (_name, size, fixable) => {
      const reads = watchReads();
      const result = await refuse('background', fileOfSize(makeGif(100, 100), size, 'tile.gif', 'image/gif'));
      expect(result.violations).toEqual([{ key: 'errFormat', params: ['GIF'] }]);
      expect(result.fixable).toBe(fixable);
      for (const read of reads.sizes()) expect(read).toBeLessThanOrEqual(HEAD_BYTES);
    });
  });
});

test('an empty file is refused as empty, unread and undecoded, with nothing to fix', async () => {
  const decoder = watchDecoder();
  const reads = watchReads();
  for (const slot of ['header', 'background', 'column'] as const) {
    expect(await validateImageFile(slot, asFile(new Uint8Array(0), 'banner.png', 'image/png'))).toEqual({
      ok: false,
      violations: [{ key: 'errEmpty', params: [] }],
      measured: { format: null, bytes: 0, width: null, height: null },
      fixable: false,
    });
  }
  expect(decoder).not.toHaveBeenCalled();
  expect(reads.sizes()).toEqual([]);
});

describe('other formats are refused by their bytes, whatever their name, and never decoded', () => {
  interface Renamed {
    kind: string;
    make: () => Promise<Bytes> | Bytes;
    name: string;
    type: string;
    violation: RuleViolation;
    format: string | null;
    /** A picture the browser decodes: a fix turns it into a PNG. */
    fixable: boolean;
  }
  const renamed: readonly Renamed[] = [
    {
      kind: 'GIF',
      make: () => makeGif(1920, 100),
      name: 'banner.png',
      type: 'image/png',
      violation: { key: 'errFormat', params: ['GIF'] },
      format: 'gif',
      fixable: true,
    },
    {
      kind: 'WebP',
      make: () => makeWebp(1920, 100),
      name: 'banner.jpg',
      type: 'image/jpeg',
      violation: { key: 'errFormat', params: ['WEBP'] },
      format: 'webp',
      fixable: true,
    },
    {
      kind: 'AVIF',
      make: avifHead,
      name: 'banner.png',
      type: 'image/png',
      violation: { key: 'errFormat', params: ['AVIF'] },
      format: 'avif',
      fixable: true,
    },
    {
      kind: 'SVG',
      make: () => svgText(1920, 100),
      name: 'banner.png',
      type: 'image/png',
      violation: { key: 'errFormat', params: ['SVG'] },
      format: 'svg',
      fixable: false,
    },
    {
      kind: 'text',
      make: plainText,
      name: 'banner.png',
      type: 'image/png',
      violation: { key: 'errFormatUnknown', params: [] },
      format: null,
      fixable: false,
    },
    {
      kind: 'text',
      make: plainText,
      name: 'banner.jpg',
      type: 'image/jpeg',
      violation: { key: 'errFormatUnknown', params: [] },
      format: null,
      fixable: false,
    },
  ];
  describe.each(['header', 'background', 'column'] as const)('%s', (slot) => {
    test.each(renamed)('$kind named $name ($type): fixable = $fixable', async ({ make, name, type, violation, format, fixable }) => {
      const bytes = await make();
      const decoder = watchDecoder();
      const result = await validateImageFile(slot, asFile(bytes, name, type));
      expect(result).toEqual({
        ok: false,
        violations: [violation],
        measured: { format, bytes: bytes.length, width: null, height: null },
        fixable,
      });
      expect(decoder).not.toHaveBeenCalled();
    });
  });
});

describe('sourceFormatOf: the format a fix reads a file as', () => {
  test.each([
    ['png', () => makePng(4, 4)],
    ['jpeg', () => makeJpeg(4, 4)],
    ['gif', () => makeGif(4, 4)],
    ['webp', () => makeWebp(4, 4)],
    ['bmp', () => makeBmp(4, 4, [255, 0, 0])],
    ['avif', avifHead],
    [null, () => svgText(4, 4)],
    [null, plainText],
    [null, () => new Uint8Array(0)],
  ] as const)('%s', async (format, make) => {
    expect(await sourceFormatOf(new Blob([await make()]))).toBe(format);
  });
});

describe('damaged files', () => {
  const damaged: ReadonlyArray<[string, () => Promise<Bytes>]> = [
    ['a PNG with corrupt pixel data', async () => damagePng(await makePng(1920, 100), 'corrupt')],
    ['a PNG cut off mid-data', async () => damagePng(await makePng(1920, 100), 'truncate')],
    ['a JPEG cut in half', async () => truncateJpeg(await makeJpeg(1920, 100))],
  ];
  test.each(damaged)('%s is refused as damaged after trying to decode it, with nothing to fix', async (_name, make) => {
    const bytes = await make();
    const decoder = watchDecoder();
    const result = await validateImageFile('header', asFile(bytes, 'banner.png', 'image/png'));
    expect(result).toEqual({
      ok: false,
      violations: [{ key: 'errDamaged', params: [] }],
      measured: { format: expect.any(String), bytes: bytes.length, width: null, height: null },
      fixable: false,
    });
    expect(decoder).toHaveBeenCalledTimes(1);
  });

  test('a too-heavy file is judged by its size before its damage: only a decode would find that', async () => {
    const bytes = padTo(damagePng(await makePng(300, 38), 'corrupt'), 0.5 * MB + 1);
    const decoder = watchDecoder();
    const result = await refuse('column', asFile(bytes, 'c.png', 'image/png'));
    expect(result.violations).toEqual([{ key: 'errBytes', params: ['0.5 MB + 1 B', '0.5 MB'] }]);
    expect(result.measured).toMatchObject({ width: 300, height: 38 });
    expect(decoder).not.toHaveBeenCalled();
  });

  test('a too-heavy file with no header to read names both, and no fix is offered', async () => {
    // The PNG signature, then nothing a PNG has: no IHDR to read a size from.
    const file = fileOfSize(PNG_SIGNATURE, 0.5 * MB + 1, 'c.png', 'image/png');
    const decoder = watchDecoder();
    const reads = watchReads();
    expect(await validateImageFile('column', file)).toEqual({
      ok: false,
      violations: [
        { key: 'errBytes', params: ['0.5 MB + 1 B', '0.5 MB'] },
        { key: 'errDamaged', params: [] },
      ],
      measured: { format: 'png', bytes: 0.5 * MB + 1, width: null, height: null },
      fixable: false,
    });
    expect(decoder).not.toHaveBeenCalled();
    // Not read further to look for a header: it is over the limit.
    expect(reads.sizes().length).toBeGreaterThan(0);
    for (const size of reads.sizes()) expect(size).toBeLessThanOrEqual(HEAD_BYTES);
  });
});

describe('EXIF orientation: judged as displayed', () => {
  test('a JPEG stored 100×1920 with orientation 6 is a 1920×100 header', async () => {
    const bytes = withExifOrientation(await makeJpeg(100, 1920), 6);
    const result = await accept('header', asFile(bytes, 'rotated.jpg', 'image/jpeg'));
    expect(result.facts).toEqual({ name: 'rotated.jpg', format: 'jpeg', width: 1920, height: 100, bytes: bytes.length });
  });

  test('the same stored picture without the tag is refused as 100 px wide', async () => {
    const bytes = withExifOrientation(await makeJpeg(100, 1920), 1);
    expect(await violationsOf('header', asFile(bytes, 'upright.jpg', 'image/jpeg'))).toEqual([
      { key: 'errWidthMin', params: ['100', '1920'] },
    ]);
  });

  test('a column stored 38×300 with orientation 6 has the facts of a 300×38 picture', async () => {
    const bytes = withExifOrientation(await makeJpeg(38, 300), 6);
    expect((await accept('column', asFile(bytes, 'col.jpg', 'image/jpeg'))).facts).toMatchObject({ width: 300, height: 38 });
  });
});

describe('decode limit: a file claiming a huge picture is refused before decoding, with nothing to fix', () => {
  test.each(['header', 'background', 'column'] as const)('%s: a tiny PNG claiming 50000×50000', async (slot) => {
    const bytes = withPngClaim(await makePng(40, 30), 50_000, 50_000);
    const decoder = watchDecoder();
    const result = await validateImageFile(slot, asFile(bytes, 'bomb.png', 'image/png'));
    expect(result).toEqual({
      ok: false,
      violations: [{ key: 'errTooLarge', params: ['50000×50000'] }],
      measured: { format: 'png', bytes: bytes.length, width: null, height: null },
      fixable: false,
    });
    expect(decoder).not.toHaveBeenCalled();
  });

  // CSDN sets no maximum width: a long banner is cropped like any other.
  test.each([
    [8192, 100],
    [8193, 100],
    [10_000, 100],
  ])('a real %i×%i header is within the limit', async (width, height) => {
    const bytes = await makePng(width, height);
    expect((await accept('header', asFile(bytes, 'wide.png', 'image/png'))).facts).toMatchObject({ width, height });
  });

  test('a PNG claiming a side of 32768 px, one past the limit, is not decoded', async () => {
    const bytes = withPngClaim(await makePng(40, 30), 32_768, 100);
    const decoder = watchDecoder();
    expect(await validateImageFile('header', asFile(bytes, 'long.png', 'image/png'))).toMatchObject({
      violations: [{ key: 'errTooLarge', params: ['32768×100'] }],
      fixable: false,
    });
    expect(decoder).not.toHaveBeenCalled();
  });

  test('a PNG claiming more than 40 MP with both sides within the limit is not decoded', async () => {
    const bytes = withPngClaim(await makePng(40, 30), 8000, 5001);
    const decoder = watchDecoder();
    expect(await violationsOf('background', asFile(bytes, 'big.png', 'image/png'))).toEqual([
      { key: 'errTooLarge', params: ['8000×5001'] },
    ]);
    expect(decoder).not.toHaveBeenCalled();
  });

  test('a too-heavy PNG claiming past the limit is refused for its pixels: a fix could not decode it either', async () => {
    const bytes = padTo(withPngClaim(await makePng(40, 30), 50_000, 50_000), 3 * MB);
    const decoder = watchDecoder();
    const reads = watchReads();
    expect(await validateImageFile('header', asFile(bytes, 'bomb.png', 'image/png'))).toEqual({
      ok: false,
      violations: [{ key: 'errTooLarge', params: ['50000×50000'] }],
      measured: { format: 'png', bytes: 3 * MB, width: null, height: null },
      fixable: false,
    });
    expect(decoder).not.toHaveBeenCalled();
    for (const size of reads.sizes()) expect(size).toBeLessThanOrEqual(HEAD_BYTES);
  });

  // Chromium decodes each of these JPEGs at the size they claim (see make-files.test.ts).
  const jpegClaims: ReadonlyArray<[string, (jpeg: Bytes) => Bytes]> = [
    ['the frame header near the start', (jpeg) => jpeg],
    ['the frame header behind 300 KB of comments', (jpeg) => padJpeg(jpeg, jpeg.length + 300 * 1024)],
    ...bytesDecodersSkip.map(([name, bytes]): [string, (jpeg: Bytes) => Bytes] => [
      `${name} before the frame header`,
      (jpeg) => withBytesBeforeFrame(jpeg, bytes),
    ]),
  ];
  test.each(jpegClaims)('a JPEG claiming 9000×9000 with %s', async (_name, arrange) => {
    const bytes = arrange(withJpegClaim(await makeJpeg(40, 30), 9000, 9000));
    expect(bytes.length).toBeLessThan(imageRules.header.maxBytes);
    const decoder = watchDecoder();
    expect(await validateImageFile('header', asFile(bytes, 'bomb.jpg', 'image/jpeg'))).toMatchObject({
      violations: [{ key: 'errTooLarge', params: ['9000×9000'] }],
      fixable: false,
    });
    expect(decoder).not.toHaveBeenCalled();
  });

  test.each([
    [32_768, 100],
    [9000, 9000],
  ])('a decoded picture of %i×%i is never accepted, whatever the header said', async (width, height) => {
    // Stands for a file whose header we read differently from the decoder.
    vi.spyOn(window, 'createImageBitmap').mockResolvedValue({ width, height, close: () => {} } as ImageBitmap);
    const bytes = await makePng(1920, 100);
    expect(await validateImageFile('header', asFile(bytes, 'odd.png', 'image/png'))).toMatchObject({
      ok: false,
      violations: [{ key: 'errTooLarge', params: [`${width}×${height}`] }],
      fixable: false,
    });
  });
});
