import { describe, expect, it } from 'vitest';
import {
  luminancesBehind,
  pixelAt,
  placeImage,
  samplePoints,
  sourceRect,
  type ImageLayer,
  type MeasuredText,
  type Pixels,
} from '../../src/behind-text';
import { pixelLuminance, rgbaOf } from '../../src/contrast';
import { headerBandBox } from '../support/background-box';

const viewport = { width: 1400, height: 900 };
const header = { width: 1920, height: 100 };
const tile = { width: 100, height: 100 };

/** The header band's image layer. */
const band = (width: number, height = 100, x = 0, y = 0): ImageLayer => ({ kind: 'image', slot: 'header', ...headerBandBox(width, height, x, y), canvas: false });

/** The background tile as the skin lays it: 100 px square, from the top left, repeated. */
const tiled = (box: { x: number; y: number; width: number; height: number }, canvas = false): ImageLayer => ({
  ...band(0),
  slot: 'background',
  box,
  size: '100px 100px',
  position: '0% 0%',
  repeat: 'repeat',
  canvas,
});

describe('where the header image lies', () => {
  it('at 1400 px wide: 1:1, its right edge on the band’s, its left 520 px cut off', () => {
    expect(placeImage(band(1400), header, viewport)).toEqual({
      x: -520,
      y: 0,
      width: 1920,
      height: 100,
      repeatX: false,
      repeatY: false,
      clip: { x: 0, y: 0, width: 1400, height: 100 },
    });
  });

  it('at 2400 px wide: scaled by 1.25, centred, 12.5 px cut off above and below', () => {
    expect(placeImage(band(2400), header, viewport)).toMatchObject({ x: 0, y: -12.5, width: 2400, height: 125 });
  });

  it('in a band moved by the page’s scroll and margins, with borders and padding', () => {
    const layer = { ...band(1000, 120, 200, -300), border: [10, 0, 10, 0] as [number, number, number, number], padding: [5, 5, 5, 5] as [number, number, number, number] };
    // Positioned in the padding box (1000 × 100 from y −290); clipped to the border box.
    expect(placeImage(layer, header, viewport)).toMatchObject({ x: 200 + 1000 - 1920, y: -290, width: 1920, height: 100, clip: layer.box });
    expect(placeImage({ ...layer, origin: 'content-box', clip: 'padding-box' }, header, viewport)).toMatchObject({
      x: 205 + 990 - 1920 * 0.9,
      clip: { x: 200, y: -290, width: 1000, height: 100 },
    });
  });

  it('the part under a name’s line box, at two widths', () => {
    const line = { x: 24, y: 50, width: 300, height: 40 };
    const wide = placeImage(band(1400), header, viewport)!;
    const narrow = placeImage(band(800), header, viewport)!;
    expect(sourceRect(wide, header, line)).toEqual({ x: 544, y: 50, width: 300, height: 40 });
    expect(sourceRect(narrow, header, line)).toEqual({ x: 1144, y: 50, width: 300, height: 40 });
    // A line running past the band's bottom: only the part over it.
    expect(sourceRect(wide, header, { x: 24, y: 80, width: 300, height: 40 })).toEqual({ x: 544, y: 80, width: 300, height: 20 });
    expect(sourceRect(wide, header, { x: 24, y: 120, width: 300, height: 20 })).toBeNull();
  });

  it('reads lengths, contain, auto and the keywords of one direction', () => {
    const contain = placeImage({ ...band(1400, 200), size: 'contain', position: '0% 0%' }, header, viewport)!;
    expect(contain).toMatchObject({ x: 0, y: 0, width: 1400 });
    expect(contain.height).toBeCloseTo(1400 / 19.2, 9);
    expect(placeImage({ ...band(400), size: 'auto', position: '10px 50%' }, header, viewport)).toMatchObject({ x: 10, y: 0, width: 1920, height: 100 });
    const half = placeImage({ ...band(400), size: '50% auto' }, header, viewport)!;
    expect(half.width).toBe(200);
    expect(half.height).toBeCloseTo(200 / 19.2, 9);
    expect(placeImage({ ...band(400), repeat: 'repeat-x' }, header, viewport)).toMatchObject({ repeatX: true, repeatY: false });
    expect(placeImage({ ...band(400), repeat: 'no-repeat repeat' }, header, viewport)).toMatchObject({ repeatX: false, repeatY: true });
    expect(placeImage({ ...band(400), position: 'calc(100% - 10px) 50%' }, header, viewport)).toBeNull();
    expect(placeImage({ ...band(400), attachment: 'fixed', position: '0% 0%' }, header, viewport)).toMatchObject({ x: 0, y: 0 });
  });
});

describe('where the background tile lies', () => {
  it('repeats every 100 px from the element’s top left', () => {
    const placement = placeImage(tiled({ x: 0, y: -250, width: 1400, height: 3000 }), tile, viewport)!;
    expect(pixelAt(placement, tile, 0, -250)).toEqual([0, 0]);
    expect(pixelAt(placement, tile, 130.5, -250)).toEqual([30, 0]);
    expect(pixelAt(placement, tile, 130.5, 60)).toEqual([30, 10]);
    expect(pixelAt(placement, tile, 130.5, -260)).toBeNull(); // above the element
  });

  it('on the canvas (the body’s, carried to the root) is drawn everywhere', () => {
    const placement = placeImage(tiled({ x: 0, y: 0, width: 1400, height: 500 }, true), tile, viewport)!;
    expect(placement.clip).toBeNull();
    expect(pixelAt(placement, tile, 30, 5000)).toEqual([30, 0]);
  });
});

describe('samples', () => {
  it('one per CSS px while few, spread evenly when many', () => {
    expect(samplePoints([{ x: 0, y: 0, width: 10, height: 4 }])).toHaveLength(40);
    const many = samplePoints([{ x: 0, y: 0, width: 2000, height: 100 }], 20_000);
    expect(many.length).toBeGreaterThan(18_000);
    expect(many.length).toBeLessThanOrEqual(20_000);
  });
});

/** An image of `width` × `height`, each pixel as `paint(x, y)` says. */
function made(width: number, height: number, paint: (x: number, y: number) => [number, number, number, number]): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(paint(x, y), (y * width + x) * 4);
  return { width, height, data };
}

const composer = { rgba: rgbaOf, luminance: pixelLuminance };
const white = pixelLuminance(255, 255, 255);
const black = pixelLuminance(0, 0, 0);

describe('what is behind a text', () => {
  const text = (layers: MeasuredText['layers'], lines = [{ x: 24, y: 50, width: 100, height: 40 }]): MeasuredText => ({
    lines,
    fontSize: 28,
    fontWeight: 600,
    color: 'rgb(0, 0, 0)',
    layers,
  });
  // Dark from x = 500 to 900 of the image, light elsewhere.
  const darkBand = made(1920, 100, (x) => (x >= 500 && x < 900 ? [0, 0, 0, 255] : [255, 255, 255, 255]));

  it('samples the header under the line, at the page’s width', () => {
    const wide = luminancesBehind(text([band(1400)]), { header: darkBand }, viewport, composer);
    expect(new Set(wide.luminances)).toEqual(new Set([black]));
    expect(wide.over).toBe('header');
    const narrow = luminancesBehind(text([band(800)]), { header: darkBand }, viewport, composer);
    expect(new Set(narrow.luminances)).toEqual(new Set([white]));
  });

  it('takes the color under the image where the line leaves it, and composites see-through pixels', () => {
    const layers: MeasuredText['layers'] = [band(1400), { kind: 'color', color: 'rgb(255, 0, 0)', box: null }];
    // The line's lower half is below the 100 px band: the red below shows there.
    const half = luminancesBehind(text(layers, [{ x: 24, y: 80, width: 10, height: 40 }]), { header: darkBand }, viewport, composer);
    expect([...half.luminances].filter((l) => l === black)).toHaveLength(200);
    expect([...half.luminances].filter((l) => l === pixelLuminance(255, 0, 0))).toHaveLength(200);
    // Half-transparent black over red: the browser's blend, in sRGB.
    const veil = made(1920, 100, () => [0, 0, 0, 128]);
    const mixed = luminancesBehind(text(layers), { header: veil }, viewport, composer);
    expect(mixed.luminances[0]).toBeCloseTo(pixelLuminance(127, 0, 0), 12);
  });

  it('uses the page’s colors where no skin image is, over the canvas’s white', () => {
    const own = luminancesBehind(text([{ kind: 'color', color: 'rgb(245, 246, 247)', box: null }]), {}, viewport, composer);
    expect(new Set(own.luminances)).toEqual(new Set([pixelLuminance(245, 246, 247)]));
    expect(own.over).toBeNull();
    const none = luminancesBehind(text([band(1400)]), {}, viewport, composer); // image not loaded: left out
    expect(new Set(none.luminances)).toEqual(new Set([white]));
    const translucent = luminancesBehind(text([{ kind: 'color', color: 'rgba(0, 0, 0, 0.5)', box: null }]), {}, viewport, composer);
    expect(translucent.luminances[0]).toBeCloseTo(pixelLuminance(128, 128, 128), 12);
  });

  it('skips a color layer whose box is not under the point', () => {
    const layers: MeasuredText['layers'] = [
      { kind: 'color', color: 'rgb(0, 0, 0)', box: { x: 0, y: 0, width: 50, height: 100 } },
      { kind: 'color', color: 'rgb(255, 255, 255)', box: null },
    ];
    const behind = luminancesBehind(text(layers, [{ x: 40, y: 0, width: 20, height: 1 }]), {}, viewport, composer);
    expect([...behind.luminances]).toEqual([...Array(10).fill(black), ...Array(10).fill(white)]);
  });
});
