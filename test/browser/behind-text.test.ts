/**
 * The contrast measure in a real page: the page function (run here as the editor runs it in the
 * blog's tab) reports the title's line boxes and the layers under them, laid out by the skin's own
 * sheet; the editor's side decodes the stored image and judges the title color against the pixels
 * under those line boxes. Images are made here, dark or light where the test needs them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backdropsOf, verdictOf } from '../../popup/contrast-tools';
import { measureTextsHere } from '../../popup/page-measure';
import type { MeasureRequest } from '../../src/behind-text';
import { contrastOf } from '../../src/contrast';
import { readAsDataUrl } from '../../src/image/data-url';
import { imageCss } from '../../src/skin-css';
import { selectorsFor } from '../../src/sites/csdn';

const request: MeasureRequest = {
  texts: { title: selectorsFor('title'), subtitle: selectorsFor('subtitle') },
  images: { header: selectorsFor('header'), background: selectorsFor('background') },
};

const dark = '#1E1E1E';
const light = '#F4F4F4';
const titleColor = '#EEEEEE';

/** A PNG of `width` × `height` in `base`, with `paint` drawing over it; as the data URL the editor stores. */
async function makeImage(width: number, height: number, base: string, paint: (context: OffscreenCanvasRenderingContext2D) => void) {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = base;
  context.fillRect(0, 0, width, height);
  paint(context);
  return readAsDataUrl(await canvas.convertToBlob({ type: 'image/png' }));
}

/** The blogv2 home page's head, as its fixture builds it: the name lifted onto the banner's lower half. */
const homeHead = (width: number) => `
  <div id="userSkin">
    <div class="user-profile-head" style="position: relative; width: ${width}px; background: #fff">
      <div class="user-profile-head-banner" style="height: 100px; background: #e8ecf3 no-repeat center / cover"></div>
      <div class="user-profile-head-info" style="position: relative; padding: 0 24px 16px">
        <div style="display: flex; margin-top: -56px">
          <div class="user-profile-head-name" style="flex: 1; display: flex; align-items: center; height: 56px; font: 600 28px/1.5 sans-serif">
            <div style="flex: 1">Eight hours</div>
          </div>
        </div>
        <div class="user-profile-wrapper-box" style="font: 14px sans-serif"><h1 class="user-profile-title" style="font: inherit; margin: 0">Notes on kubernetes</h1></div>
      </div>
    </div>
    <div class="user-profile-body"></div>
  </div>`;

let host: HTMLElement;
let sheet: HTMLStyleElement;

beforeEach(() => {
  document.body.style.margin = '0';
  host = document.body.appendChild(document.createElement('div'));
  sheet = document.head.appendChild(document.createElement('style'));
});

afterEach(() => {
  host.remove();
  sheet.remove();
});

/** Paints stored images through the skin's own sheet, as the content script does. */
function paint(images: Partial<Record<'header' | 'background', string>>) {
  const shown = Object.entries(images).map(([slot, url]) => [slot as 'header' | 'background', url] as const);
  // Shown unless the gate lists them hidden: it lists none.
  sheet.textContent = shown.map(([slot, url]) => imageCss(slot, 'r1', url)).join('\n');
}

async function titleAt(width: number, images: Partial<Record<'header' | 'background', string>>) {
  host.innerHTML = homeHead(width);
  paint(images);
  const measure = measureTextsHere(request);
  const backdrops = await backdropsOf(measure, images);
  return { measure, backdrops, verdict: verdictOf(titleColor, backdrops.title!)! };
}

describe('the title over a header dark only under the name', () => {
  // Dark from x = 400 to 1000 of the 1920 px image. At 1400 px the band shows the image from
  // x = 520 (anchored right), so the name (from 24 px) lies on the dark part; at 800 px it shows
  // from x = 1120, all light.
  let header: string;
  beforeEach(async () => {
    header = await makeImage(1920, 100, light, (context) => {
      context.fillStyle = dark;
      context.fillRect(400, 0, 600, 100);
    });
  });

  it('reads the name’s line box, not its element’s, and the banner under it', async () => {
    const { measure } = await titleAt(1400, { header });
    const [title] = measure.texts.title!;
    const name = host.querySelector('.user-profile-head-name > div')!;
    expect(title!.lines).toHaveLength(1);
    // The text, not its element, which fills the row (here, to make the difference plain).
    expect(name.getBoundingClientRect().width).toBeGreaterThan(1300);
    expect(title!.lines[0]!.width).toBeLessThan(400);
    expect(title!.lines[0]!.x).toBe(24);
    expect(title!.fontSize).toBe(28);
    expect(title!.fontWeight).toBe(600);
    expect(title!.layers.map((layer) => (layer.kind === 'image' ? layer.slot : layer.color))).toEqual([
      'header',
      'rgb(232, 236, 243)',
      'rgb(255, 255, 255)',
    ]);
  });

  it('gives a light title a high ratio at 1400 px', async () => {
    const { backdrops, verdict } = await titleAt(1400, { header });
    expect(backdrops.title!.over).toBe('header');
    expect(verdict.threshold).toEqual({ large: true, min: 3 });
    expect(verdict.ratio).toBeCloseTo(contrastOf(titleColor, dark), 6);
    expect(verdict.passes).toBe(true);
    expect(verdict.fix).toBeNull();
  });

  it('and a low one at 800 px, where the name lies on the light part', async () => {
    const { verdict } = await titleAt(800, { header });
    expect(verdict.ratio).toBeCloseTo(contrastOf(titleColor, light), 6);
    expect(verdict.shown).toBe('1.1');
    expect(verdict.passes).toBe(false);
    // The nearest gray that passes over the light part.
    expect(verdict.fix).toMatch(/^#([0-9A-F]{2})\1\1$/);
    expect(contrastOf(verdict.fix!, light)).toBeGreaterThanOrEqual(3);
  });

  it('is decided by a bright band of more than 5 % under the name, not by a thin line', async () => {
    const lines = (thickness: number) =>
      makeImage(1920, 100, dark, (context) => {
        context.fillStyle = '#FFFFFF';
        // Across the name's box at 1400 px (image x from 520), at the height of its glyphs.
        context.fillRect(500, 70, 600, thickness);
      });
    const thin = await titleAt(1400, { header: await lines(1) });
    expect(thin.verdict.passes).toBe(true);
    const band = await titleAt(1400, { header: await lines(12) });
    expect(band.verdict.ratio).toBeCloseTo(contrastOf(titleColor, '#FFFFFF'), 6);
    expect(band.verdict.passes).toBe(false);
  });

  it('uses the page’s own colors where no skin image is', async () => {
    const { backdrops, verdict } = await titleAt(1400, {});
    expect(backdrops.title!.over).toBeNull();
    // The banner's own color is not the text's ancestor's: the head's white is taken.
    expect(verdict.ratio).toBeCloseTo(contrastOf(titleColor, '#FFFFFF'), 6);
  });
});

describe('the subtitle and the background tile', () => {
  // A checkerboard of two grays, 50 px squares: the tile under a line is both.
  let tile: string;
  beforeEach(async () => {
    tile = await makeImage(100, 100, '#000000', (context) => {
      context.fillStyle = '#FFFFFF';
      context.fillRect(0, 0, 50, 50);
      context.fillRect(50, 50, 50, 50);
    });
  });

  it('is judged against the head’s white, which covers the tile', async () => {
    host.innerHTML = homeHead(1400);
    paint({ background: tile });
    const backdrops = await backdropsOf(measureTextsHere(request), { background: tile });
    expect(backdrops.subtitle!.over).toBeNull();
    const verdict = verdictOf('#777777', backdrops.subtitle!)!;
    expect(verdict.threshold).toEqual({ large: false, min: 4.5 });
    expect(verdict.shown).toBe('4.4'); // 4.48, under 4.5
    expect(verdict.passes).toBe(false);
  });

  it('is judged against the tile where nothing covers it', async () => {
    host.innerHTML = homeHead(1400);
    host.querySelector<HTMLElement>('.user-profile-head')!.style.background = 'none';
    paint({ background: tile });
    const backdrops = await backdropsOf(measureTextsHere(request), { background: tile });
    expect(backdrops.subtitle!.over).toBe('background');
    // Black and white squares under the line, each far over 5 %: #777777 is 4.68:1 on black but
    // 4.48:1 on white, and the white decides; #767676 is the one gray that reaches 4.5 on both.
    const verdict = verdictOf('#777777', backdrops.subtitle!)!;
    expect(verdict.ratio).toBeCloseTo(contrastOf('#777777', '#FFFFFF'), 6);
    expect(verdict.fix).toBe('#767676');
  });
});
