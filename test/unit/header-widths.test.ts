import { describe, expect, it } from 'vitest';
import { computedPosition, shownColumns, stripAt, type HeaderAtWidth, type MeasuredBand } from '../../src/header-widths';
import { headerBandBox } from '../support/background-box';

/** The band as the skin lays it, the skin's image shown in it. */
const band = (width: number, height = 100, x = 0, y = 0): MeasuredBand => ({ ...headerBandBox(width, height, x, y), skinShown: true });

const at = (width: number, measured: MeasuredBand | null, more: Partial<HeaderAtWidth> = {}): HeaderAtWidth => ({
  width,
  viewportHeight: 900,
  band: measured,
  name: [],
  avatars: [],
  ...more,
});

describe('what the band shows at a width', () => {
  it('a 1280 px band: the image 1:1, its left 640 px cut off', () => {
    const strip = stripAt(at(1280, band(1280, 100, 0, 148)))!;
    expect(strip.band).toEqual({ width: 1280, height: 100 });
    expect(strip.image).toEqual({ x: -640, y: 0, width: 1920, height: 100, repeatX: false, repeatY: false, clip: { x: 0, y: 0, width: 1280, height: 100 } });
    expect(shownColumns(strip)).toEqual({ left: 640, right: 1920 });
  });

  it('a band centred in a wide window, in its own px whatever its place on the page', () => {
    const strip = stripAt(at(2560, band(1320, 100, 620, 48)))!;
    expect(strip.image).toMatchObject({ x: -600, y: 0, width: 1920, height: 100 });
    expect(shownColumns(strip)).toEqual({ left: 600, right: 1920 });
  });

  it('a band wider than the image is scaled to cover it, all of the image’s width shown', () => {
    // Scaled by 4/3 to 2560×133⅓, centred: 16⅔ px cut off above and below.
    const strip = stripAt(at(2560, band(2560)))!;
    expect(strip.image).toMatchObject({ x: 0, width: 2560 });
    expect(strip.image!.y).toBeCloseTo(-50 / 3);
    expect(shownColumns(strip)).toEqual({ left: 0, right: 1920 });
  });

  it('a taller band scales the image up, cutting more of its left', () => {
    // 200 px high: drawn 3840×200, so 960 px of the band show 480 source px.
    const strip = stripAt(at(1280, band(960, 200)))!;
    expect(strip.image).toMatchObject({ x: 960 - 3840, width: 3840, height: 200 });
    expect(shownColumns(strip)).toEqual({ left: 1440, right: 1920 });
  });

  it('borders and padding: placed in the padding box, painted in the border box', () => {
    const strip = stripAt(at(1440, { ...band(1200, 100, 120, 0), border: [0, 10, 0, 10], padding: [20, 24, 20, 24] }))!;
    expect(strip.image).toMatchObject({ x: 10 + 1180 - 1920, y: 0, clip: { x: 0, y: 0, width: 1200, height: 100 } });
  });

  it('while the page shows no skin image, the skin’s own layout stands in for the page’s', () => {
    const off = { ...band(1280), size: 'auto', position: '50% 50%', repeat: 'repeat', skinShown: false };
    expect(stripAt(at(1280, off))!.image).toMatchObject({ x: -640, width: 1920, repeatX: false, repeatY: false });
  });

  it('a fixed image is placed in the viewport at that width', () => {
    const fixed = { ...band(1000, 100, 140, 300), attachment: 'fixed' };
    // Covers the 1280×900 viewport (scaled by 9, to fill its height), anchored at its right.
    const strip = stripAt(at(1280, fixed))!;
    const scale = Math.max(1280 / 1920, 900 / 100);
    expect(strip.image).toMatchObject({ x: 1280 - 1920 * scale - 140, y: (900 - 100 * scale) / 2 - 300, width: 1920 * scale });
  });

  it('null without a band, or with an empty one', () => {
    expect(stripAt(at(1280, null))).toBeNull();
    expect(stripAt(at(1280, band(0)))).toBeNull();
  });
});

describe('what lies over the band', () => {
  it('the name: the bounds of its lines, only the part over the band', () => {
    const strip = stripAt(
      at(1440, band(1320, 100, 60, 48), {
        name: [
          { x: 204, y: 100, width: 220, height: 40 },
          { x: 204, y: 140, width: 120, height: 40 },
        ],
      }),
    )!;
    expect(strip.name).toEqual({ x: 144, y: 52, width: 220, height: 48 });
  });

  it('the avatar: the first box over the band, cut to it; none when none is over it', () => {
    const avatars = [
      { x: 900, y: 600, width: 48, height: 48 },
      { x: 84, y: 104, width: 96, height: 96 },
    ];
    expect(stripAt(at(1440, band(1320, 100, 60, 48), { avatars }))!.avatar).toEqual({ x: 24, y: 56, width: 96, height: 44 });
    expect(stripAt(at(1440, band(1320, 100, 60, 48), { avatars: avatars.slice(0, 1) }))!.avatar).toBeNull();
    expect(stripAt(at(1440, band(1320, 100, 60, 48)))!.name).toBeNull();
  });
});

describe('computedPosition', () => {
  it.each([
    ['right center', '100% 50%'],
    ['center top', '50% 0%'],
    ['top right', '100% 0%'],
    ['left', '0% 50%'],
    ['10px 20%', '10px 20%'],
  ])('%s → %s', (keywords, computed) => {
    expect(computedPosition(keywords)).toBe(computed);
  });
});
