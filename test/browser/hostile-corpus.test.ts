/**
 * Issue 3, "Hostile files": one table of hostile or awkward files, each made here from scratch
 * (no binary fixtures), with the verdict validateImageFile must reach in real Chromium: accepted
 * with its facts, or refused with exactly these broken rules and whether a fix (一键修复) can
 * make a file CSDN takes from it. Files that are not PNG or JPEG, files over the byte limit and
 * files claiming more pixels than the decode limit must be refused without ever being decoded.
 *
 * validate.test.ts keeps the exhaustive matrices (every size and byte rule in both formats and
 * every slot, canvas-made files); this corpus is the list, each kind once, mostly from
 * the hand-written encoders in test/support, and also run as one sequence, the way a user might
 * pick them one after another.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { validateImageFile } from '../../src/image/validate';
import { MB, type ImageSlot, type RuleViolation } from '../../src/rules';
import type { SniffedFormat } from '../../src/image/sniff';
import { concat } from '../support/bytes';
import { hostileFileName, htmlText, makeBmp, makePdf, makeZip, pngBomb, zeroPng } from '../support/hostile-files';
import { encodeJpeg, type JpegSpec } from '../support/jpeg-encoder';
import { encodePng, ihdrData, PNG_SIGNATURE, pngChunk, type PngSpec } from '../support/png-encoder';
import {
  asFile,
  avifHead,
  damagePng,
  makeGif,
  makeWebp,
  padTo,
  svgText,
  truncateJpeg,
  withBadCrc,
  withExifOrientation,
  withJpegClaim,
  withoutJpegSegments,
  withoutPngChunks,
  withPngClaim,
  type Bytes,
} from './make-files';

type Format = SniffedFormat;

type Refusal = { ok: false; violations: RuleViolation[]; decoded: boolean; fixable: boolean };
type Verdict = { ok: true; width: number; height: number } | Refusal;

interface HostileFile {
  /** What the file is, as the test's name. */
  kind: string;
  make: () => Bytes | Promise<Bytes>;
  /** The picked file's name; its extension sets the MIME type the picker claims. */
  file: string;
  slot: ImageSlot;
  /** What the bytes are (null: nothing we can name). */
  format: Format | null;
  verdict: Verdict;
}

const accepted = (width: number, height: number): Verdict => ({ ok: true, width, height });
/** Refused after decoding it (or trying to), with nothing a fix could do. */
const refused = (...violations: RuleViolation[]): Refusal => ({ ok: false, violations, decoded: true, fixable: false });
/** Refused from its first bytes or its header alone: the decoder never sees it. No fix either. */
const refusedUndecoded = (...violations: RuleViolation[]): Refusal => ({ ok: false, violations, decoded: false, fixable: false });
/** As `refused` or `refusedUndecoded`, but a fix can make a file CSDN takes from it. */
const fixable = (verdict: Refusal): Refusal => ({ ...verdict, fixable: true });
const broke = (key: RuleViolation['key'], ...params: string[]): RuleViolation => ({ key, params });

// The encoders' pictures: flat colors, a few KB each whatever their size.
const png = (width: number, height: number, spec: Partial<PngSpec> = {}) =>
  encodePng({ width, height, color: 'rgb', depth: 8, pixel: [40, 90, 160], ...spec });
const jpeg = (width: number, height: number, spec: Partial<JpegSpec> = {}) =>
  encodeJpeg({ width, height, color: [200, 100, 50], ...spec });
const text = (type: string, content: string) => ({ type, data: new TextEncoder().encode(content) });

const corpus: readonly HostileFile[] = [
  // Nothing, or next to nothing
  {
    kind: 'an empty file',
    slot: 'header', file: 'banner.png', format: null,
    make: () => new Uint8Array(0),
    verdict: refusedUndecoded(broke('errEmpty')),
  },
  {
    kind: 'an empty file named .jpg',
    slot: 'column', file: 'column.jpg', format: null,
    make: () => new Uint8Array(0),
    verdict: refusedUndecoded(broke('errEmpty')),
  },
  {
    kind: 'a single zero byte',
    slot: 'column', file: 'column.png', format: null,
    make: () => new Uint8Array(1),
    verdict: refusedUndecoded(broke('errFormatUnknown')),
  },
  {
    kind: 'the PNG signature alone',
    slot: 'header', file: 'banner.png', format: 'png',
    make: () => PNG_SIGNATURE.slice(),
    verdict: refused(broke('errDamaged')),
  },
  {
    kind: 'the JPEG start marker alone',
    slot: 'header', file: 'banner.jpg', format: 'jpeg',
    make: () => new Uint8Array([0xff, 0xd8, 0xff]),
    verdict: refused(broke('errDamaged')),
  },

  // Damaged
  {
    kind: 'a 16-bit PNG cut off mid-IDAT',
    slot: 'header', file: 'banner.png', format: 'png',
    make: async () => damagePng(await png(1920, 100, { depth: 16, pixel: (x) => [x * 30, 0, 0] }), 'truncate'),
    verdict: refused(broke('errDamaged')),
  },
  {
    kind: 'a PNG cut right after IHDR',
    slot: 'header', file: 'banner.png', format: 'png',
    make: async () => (await png(1920, 100)).slice(0, 33),
    verdict: refused(broke('errDamaged')),
  },
  {
    kind: 'a JPEG cut in half',
    slot: 'header', file: 'banner.jpg', format: 'jpeg',
    make: () => truncateJpeg(jpeg(1920, 100)),
    verdict: refused(broke('errDamaged')),
  },
  // Chromium refuses a JPEG without its end-of-image marker (createImageBitmap wants the whole image).
  {
    kind: 'a progressive JPEG missing only its end marker',
    slot: 'header', file: 'banner.jpg', format: 'jpeg',
    make: () => jpeg(1920, 100, { mode: 'progressive' }).slice(0, -2),
    verdict: refused(broke('errDamaged')),
  },
  {
    kind: 'a PNG header with no image data (no IDAT)',
    slot: 'header', file: 'banner.png', format: 'png',
    make: async () => withoutPngChunks(await png(1920, 100), 'IDAT'),
    verdict: refused(broke('errDamaged')),
  },
  {
    kind: 'a PNG of IHDR and IEND only, claiming 1920×100',
    slot: 'header', file: 'banner.png', format: 'png',
    make: () =>
      concat(
        PNG_SIGNATURE,
        pngChunk('IHDR', ihdrData({ width: 1920, height: 100, color: 'rgb', depth: 8 })),
        pngChunk('IEND', new Uint8Array(0)),
      ),
    verdict: refused(broke('errDamaged')),
  },
  {
    kind: 'a JPEG without a frame header (SOF)',
    slot: 'header', file: 'banner.jpg', format: 'jpeg',
    make: () => withoutJpegSegments(jpeg(1920, 100), 0xc0),
    verdict: refused(broke('errDamaged')),
  },
  // Bad CRCs, as Chromium judges them (see "what Chromium does with a bad CRC" below): a critical
  // chunk with a bad CRC (IHDR, IDAT) is refused, so the file is damaged; a bad CRC on an
  // ancillary chunk (tEXt) only loses that chunk, and on IEND comes after the whole picture:
  // Chromium shows both, so accepting them is right, and what CSDN will show is that picture.
  {
    kind: 'a PNG with a bad IHDR CRC',
    slot: 'header', file: 'banner.png', format: 'png',
    make: async () => withBadCrc(await png(1920, 100), 'IHDR'),
    verdict: refused(broke('errDamaged')),
  },
  {
    kind: 'a PNG with a bad IDAT CRC',
    slot: 'header', file: 'banner.png', format: 'png',
    make: async () => withBadCrc(await png(1920, 100), 'IDAT'),
    verdict: refused(broke('errDamaged')),
  },
  {
    kind: 'a PNG with a bad CRC on an ancillary tEXt chunk',
    slot: 'header', file: 'banner.png', format: 'png',
    make: async () => withBadCrc(await png(1920, 100, { extraChunks: [text('tEXt', 'Comment\0bad CRC')] }), 'tEXt'),
    verdict: accepted(1920, 100),
  },
  {
    kind: 'a PNG with a bad IEND CRC',
    slot: 'column', file: 'column.png', format: 'png',
    make: async () => withBadCrc(await png(300, 38), 'IEND'),
    verdict: accepted(300, 38),
  },

  // Other formats under a PNG or JPG name: refused by their bytes, never decoded; pictures the
  // browser decodes can be fixed (turned into a PNG), nothing else can
  {
    kind: 'a GIF renamed .png',
    slot: 'header', file: 'banner.png', format: 'gif',
    make: () => makeGif(1920, 100),
    verdict: fixable(refusedUndecoded(broke('errFormat', 'GIF'))),
  },
  {
    kind: 'a WebP renamed .jpg',
    slot: 'column', file: 'column.jpg', format: 'webp',
    make: () => makeWebp(300, 38),
    verdict: fixable(refusedUndecoded(broke('errFormat', 'WEBP'))),
  },
  {
    kind: 'a BMP renamed .png',
    slot: 'background', file: 'tile.png', format: 'bmp',
    make: () => makeBmp(64, 64, [255, 0, 0]),
    verdict: fixable(refusedUndecoded(broke('errFormat', 'BMP'))),
  },
  {
    kind: 'the head of an AVIF renamed .jpg',
    slot: 'header', file: 'banner.jpg', format: 'avif',
    make: avifHead,
    verdict: fixable(refusedUndecoded(broke('errFormat', 'AVIF'))),
  },
  {
    kind: 'an SVG renamed .png',
    slot: 'header', file: 'banner.png', format: 'svg',
    make: () => svgText(1920, 100),
    verdict: refusedUndecoded(broke('errFormat', 'SVG')),
  },
  {
    kind: 'an HTML page with script renamed .jpg',
    slot: 'header', file: 'banner.jpg', format: 'html',
    make: htmlText,
    verdict: refusedUndecoded(broke('errFormat', 'HTML')),
  },
  {
    kind: 'a ZIP renamed .png',
    slot: 'header', file: 'banner.png', format: 'zip',
    make: () => makeZip('banner.png', new Uint8Array(1000)),
    verdict: refusedUndecoded(broke('errFormat', 'ZIP')),
  },
  {
    kind: 'a PDF renamed .jpg',
    slot: 'background', file: 'tile.jpg', format: 'pdf',
    make: makePdf,
    verdict: refusedUndecoded(broke('errFormat', 'PDF')),
  },

  // One pixel each side of each size rule
  {
    kind: 'a header 1 px too narrow (1919×100, palette PNG)',
    slot: 'header', file: 'banner.png', format: 'png',
    make: () => png(1919, 100, { color: 'palette', palette: [[0, 0, 0]], pixel: [0] }),
    verdict: fixable(refused(broke('errWidthMin', '1919', '1920'))),
  },
  {
    kind: 'a header 1 px too low (1920×99, progressive JPEG)',
    slot: 'header', file: 'banner.jpg', format: 'jpeg',
    make: () => jpeg(1920, 99, { mode: 'progressive' }),
    verdict: fixable(refused(broke('errHeightMin', '99', '100'))),
  },
  {
    kind: 'a header of exactly 1920×100',
    slot: 'header', file: 'banner.png', format: 'png',
    make: () => png(1920, 100),
    verdict: accepted(1920, 100),
  },
  {
    kind: 'a header 1 px over each minimum (1921×101)',
    slot: 'header', file: 'banner.jpg', format: 'jpeg',
    make: () => jpeg(1921, 101),
    verdict: accepted(1921, 101),
  },
  // The column has no size rule: CSDN's crop cuts any picture to 300×38.
  {
    kind: 'a column 1 px narrower than it is stored (299×38)',
    slot: 'column', file: 'column.jpg', format: 'jpeg',
    make: () => jpeg(299, 38),
    verdict: accepted(299, 38),
  },
  {
    kind: 'a column 1 px wider than it is stored (301×38)',
    slot: 'column', file: 'column.png', format: 'png',
    make: () => png(301, 38),
    verdict: accepted(301, 38),
  },
  {
    kind: 'a column 1 px lower than it is stored (300×37)',
    slot: 'column', file: 'column.png', format: 'png',
    make: () => png(300, 37, { color: 'gray', pixel: [128] }),
    verdict: accepted(300, 37),
  },
  {
    kind: 'a column 1 px higher than it is stored (300×39)',
    slot: 'column', file: 'column.jpg', format: 'jpeg',
    make: () => jpeg(300, 39, { space: 'gray' }),
    verdict: accepted(300, 39),
  },

  // Byte limits: exactly the limit, and one byte over (1 MB = 1024 × 1024 bytes), judged from the
  // size alone: a file over the limit is never decoded, and a fix can make it lighter
  {
    kind: 'a 16-bit PNG header of exactly 2 MB',
    slot: 'header', file: 'banner.png', format: 'png',
    make: async () => padTo(await png(1920, 100, { depth: 16, pixel: [65535, 0, 0] }), 2 * MB),
    verdict: accepted(1920, 100),
  },
  {
    kind: 'a PNG header 1 byte over 2 MB',
    slot: 'header', file: 'banner.png', format: 'png',
    make: async () => padTo(await png(1920, 100), 2 * MB + 1),
    verdict: fixable(refusedUndecoded(broke('errBytes', '2 MB + 1 B', '2 MB'))),
  },
  {
    kind: 'a progressive JPEG background of exactly 1 MB',
    slot: 'background', file: 'tile.jpg', format: 'jpeg',
    make: () => padTo(jpeg(64, 64, { mode: 'progressive' }), MB),
    verdict: accepted(64, 64),
  },
  {
    kind: 'a JPEG background 1 byte over 1 MB',
    slot: 'background', file: 'tile.jpg', format: 'jpeg',
    // Padded after its frame header: see validate.test.ts for a heavy JPEG with its header further in.
    make: () => padTo(jpeg(64, 64), MB + 1, 'after-frame'),
    verdict: fixable(refusedUndecoded(broke('errBytes', '1 MB + 1 B', '1 MB'))),
  },
  {
    kind: 'a CMYK JPEG column of exactly 512 KB',
    slot: 'column', file: 'column.jpg', format: 'jpeg',
    make: () => padTo(jpeg(300, 38, { space: 'cmyk' }), 0.5 * MB),
    verdict: accepted(300, 38),
  },
  {
    kind: 'an interlaced PNG column 1 byte over 512 KB',
    slot: 'column', file: 'column.png', format: 'png',
    make: async () => padTo(await png(300, 38, { interlace: true }), 0.5 * MB + 1),
    verdict: fixable(refusedUndecoded(broke('errBytes', '0.5 MB + 1 B', '0.5 MB'))),
  },

  // Less common kinds of PNG and JPEG, all accepted
  {
    kind: 'a 16-bit RGB PNG',
    slot: 'header', file: 'banner.png', format: 'png',
    make: () => png(1920, 100, { depth: 16, pixel: (x) => [x * 34, 30000, 65535 - x * 34] }),
    verdict: accepted(1920, 100),
  },
  {
    kind: 'a palette PNG with tRNS transparency',
    slot: 'column', file: 'column.png', format: 'png',
    make: () => {
      const redAndClear = { palette: [[255, 0, 0], [0, 0, 255]] as const, paletteAlpha: [255, 0] };
      return png(300, 38, { color: 'palette', depth: 2, ...redAndClear, pixel: (x) => [(x >> 4) & 1] });
    },
    verdict: accepted(300, 38),
  },
  {
    kind: 'an 8-bit grayscale PNG',
    slot: 'background', file: 'tile.png', format: 'png',
    make: () => png(64, 64, { color: 'gray', pixel: (x, y) => [(x * y) & 0xff] }),
    verdict: accepted(64, 64),
  },
  {
    kind: 'a 16-bit grayscale PNG',
    slot: 'background', file: 'tile.png', format: 'png',
    make: () => png(64, 64, { color: 'gray', depth: 16, pixel: (x, y) => [x * y * 16] }),
    verdict: accepted(64, 64),
  },
  {
    kind: 'a gray+alpha PNG',
    slot: 'column', file: 'column.png', format: 'png',
    make: () => png(300, 38, { color: 'gray-alpha', pixel: (x) => [200, x % 256] }),
    verdict: accepted(300, 38),
  },
  {
    kind: 'an RGBA PNG with partial transparency',
    slot: 'header', file: 'banner.png', format: 'png',
    make: () => png(1920, 100, { color: 'rgba', pixel: (x, y) => [x & 0xff, y, 90, (x + y) & 0xff] }),
    verdict: accepted(1920, 100),
  },
  {
    kind: 'an Adam7-interlaced PNG',
    slot: 'header', file: 'banner.png', format: 'png',
    make: () => png(1920, 100, { interlace: true, filter: 'paeth', pixel: (x, y) => [x & 0xff, y, 200] }),
    verdict: accepted(1920, 100),
  },
  {
    kind: 'a progressive JPEG',
    slot: 'header', file: 'banner.jpg', format: 'jpeg',
    make: () => jpeg(1920, 100, { mode: 'progressive' }),
    verdict: accepted(1920, 100),
  },
  {
    kind: 'a CMYK JPEG (Adobe APP14)',
    slot: 'header', file: 'banner.jpg', format: 'jpeg',
    make: () => jpeg(1920, 100, { space: 'cmyk' }),
    verdict: accepted(1920, 100),
  },
  {
    kind: 'a progressive CMYK JPEG',
    slot: 'column', file: 'column.jpg', format: 'jpeg',
    make: () => jpeg(300, 38, { mode: 'progressive', space: 'cmyk' }),
    verdict: accepted(300, 38),
  },

  // EXIF orientation: judged as displayed
  {
    kind: 'a JPEG stored 100×1920, EXIF orientation 6 (shown 1920×100)',
    slot: 'header', file: 'banner.jpg', format: 'jpeg',
    make: () => withExifOrientation(jpeg(100, 1920), 6),
    verdict: accepted(1920, 100),
  },
  {
    kind: 'a JPEG stored 100×1920, EXIF orientation 8 (shown 1920×100)',
    slot: 'header', file: 'banner.jpg', format: 'jpeg',
    make: () => withExifOrientation(jpeg(100, 1920, { mode: 'progressive' }), 8),
    verdict: accepted(1920, 100),
  },
  {
    kind: 'a JPEG stored 1920×100, EXIF orientation 6 (shown 100×1920)',
    slot: 'header', file: 'banner.jpg', format: 'jpeg',
    make: () => withExifOrientation(jpeg(1920, 100), 6),
    verdict: fixable(refused(broke('errWidthMin', '100', '1920'))),
  },

  // Bombs, and the largest picture the decode limit lets through
  {
    kind: 'a PNG bomb: a few KB claiming 50000×50000',
    slot: 'header', file: 'banner.png', format: 'png',
    make: pngBomb,
    verdict: refusedUndecoded(broke('errTooLarge', '50000×50000')),
  },
  {
    kind: 'the same PNG bomb as a column',
    slot: 'column', file: 'column.png', format: 'png',
    make: pngBomb,
    verdict: refusedUndecoded(broke('errTooLarge', '50000×50000')),
  },
  // PNG puts IHDR first, so that is the only place the header reader looks. A bomb with a chunk
  // before its IHDR slips past that check and is handed to the decoder, which is safe only
  // because Chromium refuses such a PNG outright (as it does any chunk before IHDR).
  {
    kind: 'a PNG bomb hiding its IHDR behind a tEXt chunk',
    slot: 'header', file: 'banner.png', format: 'png',
    make: async () => {
      const bomb = await pngBomb();
      const first = pngChunk('tEXt', new TextEncoder().encode('Comment\0first'));
      return concat(bomb.subarray(0, 8), first, bomb.subarray(8));
    },
    verdict: refused(broke('errDamaged')),
  },
  {
    kind: 'a progressive JPEG claiming 65535×65535',
    slot: 'header', file: 'banner.jpg', format: 'jpeg',
    make: () => withJpegClaim(jpeg(40, 30, { mode: 'progressive' }), 65535, 65535),
    verdict: refusedUndecoded(broke('errTooLarge', '65535×65535')),
  },
  {
    kind: 'a complete black PNG of 8000×5001 (1 row over 40 MP), a few KB',
    slot: 'header', file: 'banner.png', format: 'png',
    make: () => zeroPng(8000, 5001),
    verdict: refusedUndecoded(broke('errTooLarge', '8000×5001')),
  },
  // Exactly 40 MP is within the decode limit, so it is decoded and judged by CSDN's rules: a
  // header must be at least 1920×100 and at most 2 MB, and this one is both.
  {
    kind: 'a complete black PNG of 8000×5000 (40 MP), a few KB',
    slot: 'header', file: 'banner.png', format: 'png',
    make: () => zeroPng(8000, 5000),
    verdict: accepted(8000, 5000),
  },
  {
    kind: 'the same 8000×5000 PNG as a column',
    slot: 'column', file: 'column.png', format: 'png',
    make: () => zeroPng(8000, 5000),
    verdict: accepted(8000, 5000),
  },
  // No maximum width: a banner as long as a canvas can be is cropped like any other.
  {
    kind: 'a header of 20000×100',
    slot: 'header', file: 'banner.png', format: 'png',
    make: () => zeroPng(20_000, 100),
    verdict: accepted(20_000, 100),
  },
  {
    kind: 'a PNG claiming a side of 32768 px',
    slot: 'header', file: 'banner.png', format: 'png',
    make: async () => withPngClaim(await png(40, 30), 32_768, 100),
    verdict: refusedUndecoded(broke('errTooLarge', '32768×100')),
  },

  // A name that would run script if it were ever written into the page as HTML
  {
    kind: 'a file named with HTML, quotes and 200 characters',
    slot: 'header', file: hostileFileName('.png'), format: 'png',
    make: () => png(1920, 100),
    verdict: accepted(1920, 100),
  },
];

const mimeOf = (file: string) => (file.endsWith('.png') ? 'image/png' : file.endsWith('.jpg') ? 'image/jpeg' : '');

/** Each file is made once, for its own test and for the run of the whole corpus. */
const made = new Map<HostileFile, Promise<Bytes>>();
const bytesOf = (entry: HostileFile) => {
  if (!made.has(entry)) made.set(entry, Promise.resolve(entry.make()));
  return made.get(entry)!;
};

/** Checks one verdict; returns how many times the file was decoded. */
async function expectVerdict(entry: HostileFile): Promise<number> {
  const bytes = await bytesOf(entry);
  const decoder = vi.spyOn(window, 'createImageBitmap');
  const result = await validateImageFile(entry.slot, asFile(bytes, entry.file, mimeOf(entry.file)));
  const { verdict } = entry;
  if (verdict.ok) {
    expect(result).toEqual({
      ok: true,
      facts: { name: entry.file, format: entry.format, bytes: bytes.length, width: verdict.width, height: verdict.height },
    });
  } else {
    expect(result.ok).toBe(false);
    if (result.ok) return decoder.mock.calls.length;
    expect(result.violations).toEqual(verdict.violations);
    expect(result.fixable).toBe(verdict.fixable);
    expect(result.measured).toMatchObject({ format: entry.format, bytes: bytes.length });
    if (verdict.violations.some((v) => ['errDamaged', 'errTooLarge', 'errFormat', 'errFormatUnknown', 'errEmpty'].includes(v.key))) {
      // No size to name: never decoded, or it did not decode.
      expect(result.measured).toMatchObject({ width: null, height: null });
    }
  }
  expect(decoder).toHaveBeenCalledTimes(verdict.ok || verdict.decoded ? 1 : 0);
  const decodes = decoder.mock.calls.length;
  decoder.mockRestore();
  return decodes;
}

afterEach(() => {
  vi.restoreAllMocks();
});

test('the corpus holds at least 30 files, each kind once', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(30);
  expect(new Set(corpus.map((entry) => entry.kind)).size).toBe(corpus.length);
});

describe('each hostile file gets its verdict', () => {
  test.each(corpus)('$slot: $kind', async (entry) => {
    await expectVerdict(entry);
  });
});

// How long the checks take is the bench's to measure (bench/), not a test's to guess at. What a
// test can hold is what makes them quick: no file is decoded more than once, and none of those
// refused from their bytes or header is decoded at all (counted per file by expectVerdict).
test('the whole corpus in a row, as one user might pick them, gets the same verdicts, each file decoded at most once', async () => {
  let decodes = 0;
  for (const entry of corpus) decodes += await expectVerdict(entry);
  const decodable = corpus.filter(({ verdict }) => verdict.ok || verdict.decoded);
  expect(decodes).toBe(decodable.length);
  // Most of the corpus is judged without the decoder: every other format, every file over the
  // byte limit and every bomb.
  expect(corpus.length - decodable.length).toBeGreaterThanOrEqual(15);
});

describe('what Chromium does with a bad CRC (the ground for the verdicts above)', () => {
  async function decodes(bytes: Bytes): Promise<boolean> {
    try {
      (await createImageBitmap(new Blob([bytes]))).close();
      return true;
    } catch {
      return false;
    }
  }
  test.each([
    ['IHDR', false],
    ['IDAT', false],
    ['tEXt', true],
    ['IEND', true],
  ] as const)('a bad %s CRC: decodes = %s', async (type, expected) => {
    const good = await png(64, 8, { extraChunks: [text('tEXt', 'Comment\0a note')] });
    expect(await decodes(good)).toBe(true);
    expect(await decodes(withBadCrc(good, type))).toBe(expected);
  });
});
