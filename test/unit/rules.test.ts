import { describe, expect, it } from 'vitest';
import { checkImage, exceedsDecodeLimit, formatBytes, imageRules, MB, type MeasuredImage } from '../../src/rules';

const png = (width: number | null, height: number | null, bytes = 1000): MeasuredImage => ({
  format: 'png',
  bytes,
  width,
  height,
});

describe('the rules table', () => {
  it('holds CSDN form limits, with 1 MB = 1024 × 1024 bytes', () => {
    expect(imageRules.header).toMatchObject({ maxBytes: 2 * 1024 * 1024, minWidth: 1920, minHeight: 100 });
    expect(imageRules.background.maxBytes).toBe(1024 * 1024);
    expect(imageRules.column).toMatchObject({ maxBytes: 512 * 1024, exactWidth: 300, exactHeight: 38 });
    for (const rule of Object.values(imageRules)) expect(rule.formats).toEqual(['png', 'jpeg']);
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

  it('wants the column image exactly 300 × 38', () => {
    expect(checkImage('column', png(300, 38))).toEqual([]);
    expect(checkImage('column', png(301, 37))).toEqual([
      { key: 'errWidthExact', params: ['301', '300'] },
      { key: 'errHeightExact', params: ['37', '38'] },
    ]);
  });

  it('puts no pixel bound on the background', () => {
    expect(checkImage('background', png(1, 1))).toEqual([]);
    expect(checkImage('background', png(5000, 5000))).toEqual([]);
  });

  it('counts one byte over each limit', () => {
    expect(checkImage('header', png(1920, 100, 2 * MB + 1))).toEqual([
      { key: 'errBytes', params: ['2.1 MB', '2 MB'] }, // rounded up: never reads as the limit itself
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
  it('allows what a skin could need and refuses more', () => {
    expect(exceedsDecodeLimit(8192, 4882)).toBe(false);
    expect(exceedsDecodeLimit(8193, 100)).toBe(true);
    expect(exceedsDecodeLimit(50000, 50000)).toBe(true);
    expect(exceedsDecodeLimit(8000, 8000)).toBe(true); // 64 MP
  });
});

describe('formatBytes', () => {
  it('speaks KB under a megabyte and MB from there', () => {
    expect(formatBytes(4198)).toBe('4.1 KB');
    expect(formatBytes(512 * 1024)).toBe('512 KB');
    expect(formatBytes(2 * MB)).toBe('2 MB');
    expect(formatBytes(2.34 * MB)).toBe('2.3 MB');
  });
});
