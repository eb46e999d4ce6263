/**
 * validateImageFile in real Chromium, on real files: what a blogger picks is judged by its bytes
 * and by how the browser displays it, against CSDN's rules.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { validateImageFile, type AcceptedImage } from '../../src/image/validate';
import { MB, type ImageSlot, type RuleViolation } from '../../src/rules';
import { isImageDataUrl } from '../../src/skin';
import {
  asFile,
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
  toBase64,
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

/** Counts the decoder's calls, so a test can tell that a file was never decoded. */
function watchDecoder() {
  return vi.spyOn(window, 'createImageBitmap');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('good files are accepted with their facts and their own bytes', () => {
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
      const result = await accept(slot, asFile(bytes, name, type));
      expect(result.info).toEqual({ name, format, bytes: bytes.length, width, height, revision: expect.any(String) });
      expect(result.info.revision).not.toBe('');
      expect(result.dataUrl).toBe(`data:image/${format};base64,${toBase64(bytes)}`);
      expect(isImageDataUrl(result.dataUrl)).toBe(true);
    });
  });

  test('the data URL names what the bytes are, not what the file is called', async () => {
    const png = await makePng(1920, 100);
    const result = await accept('header', asFile(png, 'photo.jpg', 'image/jpeg'));
    expect(result.dataUrl.startsWith('data:image/png;base64,')).toBe(true);
    expect(result.info).toMatchObject({ name: 'photo.jpg', format: 'png' });

    const jpeg = await makeJpeg(300, 38);
    const other = await accept('column', asFile(jpeg, 'column.png', 'image/png'));
    expect(other.dataUrl).toBe(`data:image/jpeg;base64,${toBase64(jpeg)}`);
    expect(other.info.format).toBe('jpeg');
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
      ['column', 301, 38, [{ key: 'errWidthExact', params: ['301', '300'] }]],
      ['column', 299, 38, [{ key: 'errWidthExact', params: ['299', '300'] }]],
      ['column', 300, 39, [{ key: 'errHeightExact', params: ['39', '38'] }]],
      ['column', 300, 37, [{ key: 'errHeightExact', params: ['37', '38'] }]],
      [
        'column',
        38,
        300,
        [
          { key: 'errWidthExact', params: ['38', '300'] },
          { key: 'errHeightExact', params: ['300', '38'] },
        ],
      ],
    ];
    test.each(cases)('%s %i×%i is refused', async (slot, width, height, expected) => {
      const bytes = await make(width, height);
      const result = await validateImageFile(slot, asFile(bytes, name, type));
      expect(result).toEqual({
        ok: false,
        violations: expected,
        measured: { format: expect.any(String), bytes: bytes.length, width, height },
      });
    });
  });
});

describe('byte limits (1 MB = 1024 × 1024 bytes)', () => {
  // The file's size is rounded up, so one byte over never reads as the limit itself.
  const limits: ReadonlyArray<[ImageSlot, number, number, number, string, string]> = [
    ['header', 1920, 100, 2 * MB, '2.1 MB', '2 MB'],
    ['background', 64, 64, 1 * MB, '1.1 MB', '1 MB'],
    ['column', 300, 38, 0.5 * MB, '512.1 KB', '512 KB'],
  ];
  describe.each(kinds)('$format', ({ format, make, name, type }) => {
    test.each(limits)('%s: exactly the limit is accepted', async (slot, width, height, limit) => {
      const bytes = padTo(await make(width, height), limit);
      const result = await accept(slot, asFile(bytes, name, type));
      expect(result.info).toMatchObject({ format, bytes: limit, width, height });
      expect(result.dataUrl).toBe(`data:image/${format};base64,${toBase64(bytes)}`);
    });

    test.each(limits)('%s: one byte over is refused', async (slot, width, height, limit, size, max) => {
      const bytes = padTo(await make(width, height), limit + 1);
      expect(await violationsOf(slot, asFile(bytes, name, type))).toEqual([{ key: 'errBytes', params: [size, max] }]);
    });
  });

  test('a file breaking every header rule lists them all, bytes first', async () => {
    const bytes = padTo(await makePng(1919, 99), 2 * MB + 1);
    expect(await violationsOf('header', asFile(bytes, 'big.png', 'image/png'))).toEqual([
      { key: 'errBytes', params: ['2.1 MB', '2 MB'] },
      { key: 'errWidthMin', params: ['1919', '1920'] },
      { key: 'errHeightMin', params: ['99', '100'] },
    ]);
  });
});

describe('other formats are refused by their bytes, whatever their name, and never decoded', () => {
  interface Renamed {
    kind: string;
    make: () => Promise<Bytes> | Bytes;
    name: string;
    type: string;
    violation: RuleViolation;
    format: string | null;
  }
  const renamed: readonly Renamed[] = [
    {
      kind: 'GIF',
      make: () => makeGif(1920, 100),
      name: 'banner.png',
      type: 'image/png',
      violation: { key: 'errFormat', params: ['GIF'] },
      format: 'gif',
    },
    {
      kind: 'WebP',
      make: () => makeWebp(1920, 100),
      name: 'banner.jpg',
      type: 'image/jpeg',
      violation: { key: 'errFormat', params: ['WEBP'] },
      format: 'webp',
    },
    {
      kind: 'SVG',
      make: () => svgText(1920, 100),
      name: 'banner.png',
      type: 'image/png',
      violation: { key: 'errFormat', params: ['SVG'] },
      format: 'svg',
    },
    {
      kind: 'text',
      make: plainText,
      name: 'banner.png',
      type: 'image/png',
      violation: { key: 'errFormatUnknown', params: [] },
      format: null,
    },
    {
      kind: 'text',
      make: plainText,
      name: 'banner.jpg',
      type: 'image/jpeg',
      violation: { key: 'errFormatUnknown', params: [] },
      format: null,
    },
  ];
  describe.each(['header', 'background', 'column'] as const)('%s', (slot) => {
    test.each(renamed)('$kind named $name ($type)', async ({ make, name, type, violation, format }) => {
      const bytes = await make();
      const decoder = watchDecoder();
      const result = await validateImageFile(slot, asFile(bytes, name, type));
      expect(result).toEqual({
        ok: false,
        violations: [violation],
        measured: { format, bytes: bytes.length, width: null, height: null },
      });
      expect(decoder).not.toHaveBeenCalled();
    });
  });
});

describe('damaged files', () => {
  const damaged: ReadonlyArray<[string, () => Promise<Bytes>]> = [
    ['a PNG with corrupt pixel data', async () => damagePng(await makePng(1920, 100), 'corrupt')],
    ['a PNG cut off mid-data', async () => damagePng(await makePng(1920, 100), 'truncate')],
    ['a JPEG cut in half', async () => truncateJpeg(await makeJpeg(1920, 100))],
  ];
  test.each(damaged)('%s is refused as damaged after trying to decode it', async (_name, make) => {
    const bytes = await make();
    const decoder = watchDecoder();
    const result = await validateImageFile('header', asFile(bytes, 'banner.png', 'image/png'));
    expect(result).toEqual({
      ok: false,
      violations: [{ key: 'errDamaged', params: [] }],
      measured: { format: expect.any(String), bytes: bytes.length, width: null, height: null },
    });
    expect(decoder).toHaveBeenCalledTimes(1);
  });

  test('a damaged file that is also too big names both', async () => {
    const bytes = padTo(damagePng(await makePng(300, 38), 'corrupt'), 0.5 * MB + 1);
    expect(await violationsOf('column', asFile(bytes, 'c.png', 'image/png'))).toEqual([
      { key: 'errBytes', params: ['512.1 KB', '512 KB'] },
      { key: 'errDamaged', params: [] },
    ]);
  });
});

describe('EXIF orientation: judged as displayed', () => {
  test('a JPEG stored 100×1920 with orientation 6 is a 1920×100 header', async () => {
    const bytes = withExifOrientation(await makeJpeg(100, 1920), 6);
    const result = await accept('header', asFile(bytes, 'rotated.jpg', 'image/jpeg'));
    expect(result.info).toMatchObject({ format: 'jpeg', width: 1920, height: 100, bytes: bytes.length });
    expect(result.dataUrl).toBe(`data:image/jpeg;base64,${toBase64(bytes)}`);
  });

  test('the same stored picture without the tag is refused as 100 px wide', async () => {
    const bytes = withExifOrientation(await makeJpeg(100, 1920), 1);
    expect(await violationsOf('header', asFile(bytes, 'upright.jpg', 'image/jpeg'))).toEqual([
      { key: 'errWidthMin', params: ['100', '1920'] },
    ]);
  });

  test('a column stored 38×300 with orientation 6 is exactly 300×38', async () => {
    const bytes = withExifOrientation(await makeJpeg(38, 300), 6);
    expect((await accept('column', asFile(bytes, 'col.jpg', 'image/jpeg'))).info).toMatchObject({ width: 300, height: 38 });
  });
});

describe('decode limit: a file claiming a huge picture is refused before decoding', () => {
  test.each(['header', 'background', 'column'] as const)('%s: a tiny PNG claiming 50000×50000', async (slot) => {
    const bytes = withPngClaim(await makePng(40, 30), 50_000, 50_000);
    const decoder = watchDecoder();
    const result = await validateImageFile(slot, asFile(bytes, 'bomb.png', 'image/png'));
    expect(result).toEqual({
      ok: false,
      violations: [{ key: 'errTooLarge', params: ['50000×50000'] }],
      measured: { format: 'png', bytes: bytes.length, width: null, height: null },
    });
    expect(decoder).not.toHaveBeenCalled();
  });

  test('a real 8192 px wide header is within the limit', async () => {
    const bytes = await makePng(8192, 100);
    expect((await accept('header', asFile(bytes, 'wide.png', 'image/png'))).info).toMatchObject({ width: 8192 });
  });

  test('a real 8193 px wide header is not decoded', async () => {
    const bytes = await makePng(8193, 100);
    const decoder = watchDecoder();
    expect(await violationsOf('header', asFile(bytes, 'wide.png', 'image/png'))).toEqual([
      { key: 'errTooLarge', params: ['8193×100'] },
    ]);
    expect(decoder).not.toHaveBeenCalled();
  });

  test('a PNG claiming more than 40 MP with both sides within 8192 is not decoded', async () => {
    const bytes = withPngClaim(await makePng(40, 30), 8000, 5001);
    const decoder = watchDecoder();
    expect(await violationsOf('background', asFile(bytes, 'big.png', 'image/png'))).toEqual([
      { key: 'errTooLarge', params: ['8000×5001'] },
    ]);
    expect(decoder).not.toHaveBeenCalled();
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
    expect(bytes.length).toBeLessThan(2 * MB);
    const decoder = watchDecoder();
    expect(await violationsOf('header', asFile(bytes, 'bomb.jpg', 'image/jpeg'))).toEqual([
      { key: 'errTooLarge', params: ['9000×9000'] },
    ]);
    expect(decoder).not.toHaveBeenCalled();
  });

  test('a decoded picture over the limit is never accepted, whatever the header said', async () => {
    // Stands for a file whose header we read differently from the decoder.
    vi.spyOn(window, 'createImageBitmap').mockResolvedValue({
      width: 9000,
      height: 100,
      close: () => {},
    } as ImageBitmap);
    const bytes = await makePng(1920, 100);
    expect(await violationsOf('header', asFile(bytes, 'odd.png', 'image/png'))).toEqual([
      { key: 'errTooLarge', params: ['9000×100'] },
    ]);
  });
});
