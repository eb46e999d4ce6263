/**
 * The crop frame's arithmetic: where CSDN's crop box starts (defaultCrop; checked against the
 * real plugin in test/browser/default-crop.test.ts), a stored or dragged frame made safe to draw
 * (fitCrop), and when drawing a frame at the stored size enlarges it (enlarges).
 */
import { describe, expect, it } from 'vitest';
import { cropAspect, defaultCrop, enlarges, fitCrop } from '../../src/image/crop';
import { storedImages } from '../../src/rules';

describe('cropAspect', () => {
  it('is the stored image’s ratio', () => {
    expect(cropAspect('header')).toBe(19.2);
    expect(cropAspect('background')).toBe(1);
    expect(cropAspect('column')).toBeCloseTo(300 / 38, 12);
  });
});

describe('defaultCrop', () => {
  it('takes the whole width of a picture taller than the ratio, centred down it', () => {
    // 4000 / 19.2 = 208.33 rows, (400 - 208.33) / 2 = 95.8 above.
    expect(defaultCrop('header', { width: 4000, height: 400 })).toEqual({ x: 0, y: 96, width: 4000, height: 208 });
    expect(defaultCrop('background', { width: 300, height: 900 })).toEqual({ x: 0, y: 300, width: 300, height: 300 });
    expect(defaultCrop('column', { width: 300, height: 41 })).toEqual({ x: 0, y: 2, width: 300, height: 38 });
  });

  it('takes the whole height of a picture wider than the ratio, centred across it', () => {
    expect(defaultCrop('background', { width: 640, height: 480 })).toEqual({ x: 80, y: 0, width: 480, height: 480 });
    expect(defaultCrop('header', { width: 8000, height: 200 })).toEqual({ x: 2080, y: 0, width: 3840, height: 200 });
    expect(defaultCrop('column', { width: 1000, height: 38 })).toEqual({ x: 350, y: 0, width: 300, height: 38 });
  });

  it('takes all of a picture of the stored size, or of its ratio', () => {
    for (const slot of ['header', 'background', 'column'] as const) {
      const { width, height } = storedImages[slot];
      expect(defaultCrop(slot, { width, height }), slot).toEqual({ x: 0, y: 0, width, height });
      expect(defaultCrop(slot, { width: width * 2, height: height * 2 }), slot).toEqual({ x: 0, y: 0, width: width * 2, height: height * 2 });
    }
  });

  it('rounds the centred frame to whole pixels', () => {
    // 39 rows for 38: the centred frame starts half a row down, rounded as Math.round rounds it.
    // (The plugin reads 0.49999… there and reports 0: within the one pixel its test allows.)
    expect(defaultCrop('column', { width: 300, height: 39 })).toEqual({ x: 0, y: 1, width: 300, height: 38 });
    expect(defaultCrop('background', { width: 641, height: 480 })).toEqual({ x: 81, y: 0, width: 480, height: 480 });
    // 1921 / 19.2 = 100.05 rows: rounded to 100, centred on the unrounded frame.
    expect(defaultCrop('header', { width: 1921, height: 101 })).toEqual({ x: 0, y: 0, width: 1921, height: 100 });
  });

  it('never makes a frame of no pixels, nor one outside the picture', () => {
    // A 1×1 picture at 19.2:1 would be 1×0.05: kept at one pixel.
    expect(defaultCrop('header', { width: 1, height: 1 })).toEqual({ x: 0, y: 0, width: 1, height: 1 });
    expect(defaultCrop('column', { width: 38, height: 300 })).toEqual({ x: 0, y: 148, width: 38, height: 5 });
    for (const [width, height] of [[1, 1], [3, 7], [19, 1], [1920, 99], [7, 3000]]) {
      for (const slot of ['header', 'background', 'column'] as const) {
        const crop = defaultCrop(slot, { width: width!, height: height! });
        expect(crop.width).toBeGreaterThanOrEqual(1);
        expect(crop.height).toBeGreaterThanOrEqual(1);
        expect(crop.x + crop.width).toBeLessThanOrEqual(width!);
        expect(crop.y + crop.height).toBeLessThanOrEqual(height!);
      }
    }
  });
});

describe('fitCrop', () => {
  const picture = { width: 1920, height: 120 };

  it('keeps a frame inside the picture as it is', () => {
    expect(fitCrop({ x: 0, y: 10, width: 1920, height: 100 }, picture)).toEqual({ x: 0, y: 10, width: 1920, height: 100 });
    expect(fitCrop({ x: 5, y: 0, width: 1, height: 1 }, picture)).toEqual({ x: 5, y: 0, width: 1, height: 1 });
  });

  it('rounds to whole pixels', () => {
    expect(fitCrop({ x: 0.4, y: 9.6, width: 959.5, height: 49.9 }, picture)).toEqual({ x: 0, y: 10, width: 960, height: 50 });
  });

  it('moves a frame hanging off an edge back onto the picture', () => {
    expect(fitCrop({ x: -20, y: -3, width: 960, height: 50 }, picture)).toEqual({ x: 0, y: 0, width: 960, height: 50 });
    expect(fitCrop({ x: 1900, y: 100, width: 960, height: 50 }, picture)).toEqual({ x: 960, y: 70, width: 960, height: 50 });
  });

  it('shrinks a frame larger than the picture to it, and grows an empty one to a pixel', () => {
    expect(fitCrop({ x: 10, y: 10, width: 5000, height: 500 }, picture)).toEqual({ x: 0, y: 0, width: 1920, height: 120 });
    expect(fitCrop({ x: 10, y: 10, width: 0, height: -4 }, picture)).toEqual({ x: 10, y: 10, width: 1, height: 1 });
  });

  it('ignores anything but the four numbers', () => {
    expect(fitCrop({ x: 1, y: 2, width: 3, height: 4, rotate: 90, scaleX: -1 }, picture)).toEqual({ x: 1, y: 2, width: 3, height: 4 });
  });

  it.each([
    ['no value', undefined],
    ['null', null],
    ['a string', '0,0,1920,100'],
    ['an array', [0, 0, 1920, 100]],
    ['a missing field', { x: 0, y: 0, width: 1920 }],
    ['a number as text', { x: 0, y: '0', width: 1920, height: 100 }],
    ['NaN', { x: NaN, y: 0, width: 1920, height: 100 }],
    ['Infinity', { x: 0, y: 0, width: Infinity, height: 100 }],
  ])('is no crop at all for %s', (_name, value) => {
    expect(fitCrop(value, picture)).toBeNull();
  });
});

describe('enlarges', () => {
  it('is false for a frame at least the stored size, true once a side is smaller', () => {
    expect(enlarges('header', { width: 1920, height: 100 })).toBe(false);
    expect(enlarges('header', { width: 4000, height: 208 })).toBe(false);
    expect(enlarges('header', { width: 1919, height: 100 })).toBe(true);
    expect(enlarges('header', { width: 1920, height: 99 })).toBe(true);
    expect(enlarges('background', { width: 100, height: 100 })).toBe(false);
    expect(enlarges('background', { width: 99, height: 99 })).toBe(true);
    expect(enlarges('column', { width: 300, height: 38 })).toBe(false);
    expect(enlarges('column', { width: 299, height: 38 })).toBe(true);
    expect(enlarges('column', { width: 300, height: 37 })).toBe(true);
  });
});
