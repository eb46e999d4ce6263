import { describe, expect, it } from 'vitest';
import {
  canFix,
  checkImage,
  decodeLimit,
  exceedsDecodeLimit,
  fixMaxBytes,
  formatBytes,
  formatLimit,
  formatOver,
  imageRules,
  imageSlots,
  MB,
  storedImages,
  type MeasuredImage,
  type RuleViolation,
} from '../../src/rules';

const png = (width: number | null, height: number | null, bytes = 1000): MeasuredImage => ({
  format: 'png',
  bytes,
  width,
  height,
});

describe('the rules table', () => {
  it('has a rule and a stored size for every image slot, in the form\'s order', () => {
    expect(Object.keys(imageRules)).toEqual([...imageSlots]);
    expect(Object.keys(storedImages)).toEqual([...imageSlots]);
  });

  it('holds CSDN form limits, with 1 MB = 1024 × 1024 bytes', () => {
    expect(imageRules.header).toMatchObject({ maxBytes: 2 * 1024 * 1024, minWidth: 1920, minHeight: 100 });
    expect(imageRules.background.maxBytes).toBe(1024 * 1024);
    // No pixel bound on the column or the background: CSDN's crop cuts any picture to its size.
    expect(imageRules.column).toEqual({ formats: ['png', 'jpeg'], maxBytes: 512 * 1024 });
    expect(imageRules.background).toEqual({ formats: ['png', 'jpeg'], maxBytes: 1024 * 1024 });
    for (const rule of Object.values(imageRules)) expect(rule.formats).toEqual(['png', 'jpeg']);
  });

  it('stores each image as CSDN\'s dialog does: a PNG of exactly the crop\'s size', () => {
    expect(storedImages).toEqual({
      header: { width: 1920, height: 100, type: 'image/png' },
      background: { width: 100, height: 100, type: 'image/png' },
      column: { width: 300, height: 38, type: 'image/png' },
    });
  });
});

describe('checkImage', () => {
  it('accepts a header at the limits and a bigger one', () => {
    expect(checkImage('header', png(1920, 100, 2 * MB))).toEqual([]);
    expect(checkImage('header', { ...png(4000, 250), format: 'jpeg' })).toEqual([]);
  });

  it('names the actual and required size of a small header', () => {
    expect(checkImage('header', png(1600, 100))).toEqual([{ key: 'errWidthMin', params: ['1600', '1920'] }]);
    expect(checkImage('header', png(1920, 99))).toEqual([{ key: 'errHeightMin', params: ['99', '100'] }]);
  });

  it('takes a column image of any size, since the crop cuts it to 300 × 38', () => {
    expect(checkImage('column', png(300, 38))).toEqual([]);
    expect(checkImage('column', png(301, 37))).toEqual([]);
    expect(checkImage('column', png(38, 300))).toEqual([]);
    expect(checkImage('column', png(1, 1))).toEqual([]);
    expect(checkImage('column', png(8000, 5000))).toEqual([]);
  });

  it('puts no pixel bound on the background', () => {
    expect(checkImage('background', png(1, 1))).toEqual([]);
    expect(checkImage('background', png(5000, 5000))).toEqual([]);
  });

  it('counts one byte over each limit', () => {
    expect(checkImage('header', png(1920, 100, 2 * MB + 1))).toEqual([
      { key: 'errBytes', params: ['2 MB + 1 B', '2 MB'] }, // never reads as the limit itself, nor as 2.1 MB
    ]);
    expect(checkImage('background', png(10, 10, MB + 1))[0]?.key).toBe('errBytes');
    expect(checkImage('column', png(300, 38, MB / 2))).toEqual([]);
    expect(checkImage('column', png(300, 38, MB / 2 + 1))[0]?.key).toBe('errBytes');
  });

  it('reports every broken rule of one file at once', () => {
    const keys = checkImage('header', png(100, 10, 3 * MB)).map((v) => v.key);
    expect(keys).toEqual(['errBytes', 'errWidthMin', 'errHeightMin']);
  });

  it('refuses other formats by name and unknown bytes as unrecognised, before any size rule', () => {
    expect(checkImage('header', { format: 'gif', bytes: 10, width: 1920, height: 100 })).toEqual([
      { key: 'errFormat', params: ['GIF'] },
    ]);
    expect(checkImage('column', { format: null, bytes: 10 * MB, width: null, height: null })).toEqual([
      { key: 'errFormatUnknown', params: [] },
    ]);
  });

  it('calls a PNG or JPEG that did not decode damaged', () => {
    expect(checkImage('background', png(null, null))).toEqual([{ key: 'errDamaged', params: [] }]);
  });
});

describe('exceedsDecodeLimit', () => {
  it('is judged on pixels, with a side no longer than a canvas can draw', () => {
    expect(decodeLimit).toEqual({ maxSide: 32_767, maxPixels: 40_000_000 });
  });

  it('allows a long banner: CSDN sets no maximum width', () => {
    expect(exceedsDecodeLimit(8192, 4882)).toBe(false);
    expect(exceedsDecodeLimit(8193, 100)).toBe(false);
    expect(exceedsDecodeLimit(10_000, 100)).toBe(false);
    expect(exceedsDecodeLimit(32_767, 100)).toBe(false);
    expect(exceedsDecodeLimit(100, 32_767)).toBe(false);
  });

  it('refuses a side past the limit, however few pixels', () => {
    expect(exceedsDecodeLimit(32_768, 1)).toBe(true);
    expect(exceedsDecodeLimit(1, 32_768)).toBe(true);
    expect(exceedsDecodeLimit(65_535, 65_535)).toBe(true);
  });

  it('refuses more than 40 MP, with both sides within the limit', () => {
    expect(exceedsDecodeLimit(8000, 5000)).toBe(false); // exactly 40 MP
    expect(exceedsDecodeLimit(8000, 5001)).toBe(true);
    expect(exceedsDecodeLimit(8000, 8000)).toBe(true); // 64 MP
    expect(exceedsDecodeLimit(20_000, 20_000)).toBe(true);
    expect(exceedsDecodeLimit(50000, 50000)).toBe(true);
  });
});

describe('canFix', () => {
  const broke = (key: RuleViolation['key'], ...params: string[]): RuleViolation => ({ key, params });

  it('fixes pictures of the formats a browser decodes, and no other', () => {
    for (const format of ['gif', 'webp', 'avif', 'bmp']) {
      expect(canFix(format, 1000, [broke('errFormat', format.toUpperCase())]), format).toBe(true);
    }
    // A drawing, and scriptable: never turned into a picture.
    expect(canFix('svg', 1000, [broke('errFormat', 'SVG')])).toBe(false);
    for (const format of ['pdf', 'zip', 'html']) {
      expect(canFix(format, 1000, [broke('errFormat', format.toUpperCase())]), format).toBe(false);
    }
    expect(canFix(null, 1000, [broke('errFormatUnknown')])).toBe(false);
  });

  it('fixes a PNG or JPEG too heavy or too small, even both at once', () => {
    expect(canFix('png', 3 * MB, [broke('errBytes', '3 MB', '2 MB')])).toBe(true);
    expect(canFix('jpeg', 1000, [broke('errWidthMin', '1600', '1920')])).toBe(true);
    expect(canFix('png', 1000, [broke('errHeightMin', '99', '100')])).toBe(true);
    const all = [broke('errBytes', '3 MB', '2 MB'), broke('errWidthMin', '100', '1920'), broke('errHeightMin', '10', '100')];
    expect(canFix('png', 3 * MB, all)).toBe(true);
  });

  it('fixes nothing damaged, empty or past the decode limit, even alongside a fixable rule', () => {
    expect(canFix('png', 1000, [broke('errDamaged')])).toBe(false);
    expect(canFix('png', 3 * MB, [broke('errBytes', '3 MB', '2 MB'), broke('errDamaged')])).toBe(false);
    expect(canFix('png', 1000, [broke('errTooLarge', '50000×50000')])).toBe(false);
    expect(canFix(null, 0, [broke('errEmpty')])).toBe(false);
  });

  it('reads no file over 16 MB: up to it is fixable, one byte more is not', () => {
    expect(fixMaxBytes).toBe(16 * MB);
    const heavy = [broke('errBytes', '16 MB', '2 MB')];
    expect(canFix('png', fixMaxBytes, heavy)).toBe(true);
    expect(canFix('png', fixMaxBytes + 1, heavy)).toBe(false);
    expect(canFix('gif', fixMaxBytes + 1, [broke('errFormat', 'GIF')])).toBe(false);
  });

  it('has nothing to fix in a file that breaks no rule', () => {
    expect(canFix('png', 1000, [])).toBe(false);
  });
});

describe('formatBytes', () => {
  it('speaks KB under a megabyte and MB from there', () => {
    expect(formatBytes(4198)).toBe('4.1 KB');
    expect(formatBytes(512 * 1024)).toBe('512 KB');
    expect(formatBytes(2 * MB)).toBe('2 MB');
    expect(formatBytes(2.34 * MB)).toBe('2.3 MB');
    expect(formatBytes(0)).toBe('0 B');
  });
});

describe('formatOver and formatLimit', () => {
  it('writes limits as the form does, in MB', () => {
    expect(formatLimit(2 * MB)).toBe('2 MB');
    expect(formatLimit(MB / 2)).toBe('0.5 MB');
  });

  it('reads a size just over a limit as over it, by how much, never rounded away from it', () => {
    expect(formatOver(MB + 1, MB)).toBe('1 MB + 1 B');
    expect(formatOver(2 * MB + 3000, 2 * MB)).toBe('2 MB + 2.9 KB');
    expect(formatOver(2.04 * MB, 2 * MB)).toBe('2 MB + 41 KB');
    expect(formatOver(2.06 * MB, 2 * MB)).toBe('2.1 MB');
    expect(formatOver(600 * 1024, MB / 2)).toBe('0.6 MB');
    expect(formatOver(3 * MB, 2 * MB)).toBe('3 MB');
  });
});
