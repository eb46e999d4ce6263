/**
 * CSDN's crop step, as a user meets it in the editor tab: a picked picture is cut at CSDN's
 * default crop to the exact size CSDN stores (1920×100, 100×100, 300×38), the page shows that cut,
 * moving or zooming the frame moves what the page shows, a file CSDN would refuse can be fixed,
 * and the downloads are the exact files the page shows. Everything is checked where a user looks:
 * the page's pixels and computed styles, the field's words, the downloaded bytes.
 */
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from 'playwright';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MB, type ImageSlot } from '../../src/rules';
import { demoUser, launchWithEditor, openBlogPage, openEditor, type ExtensionSession } from '../support/extension';
import { asUpload } from '../support/images';
import { computedStyle, near, pixelsOf } from '../support/page-state';
import { encodePng } from '../support/png-encoder';
import {
  bytesOfDataUrl,
  cssUrl,
  dataUrlOfCss,
  describeImage,
  imageKey,
  pngSize,
  readExtensionStorage,
  skinKey,
  readPickedFile,
  storedImageUrl,
} from '../support/stored-images';

type Rgb = [number, number, number];
const red: Rgb = [0xdc, 0x26, 0x26];
const blue: Rgb = [0x25, 0x63, 0xeb];
const green: Rgb = [0x16, 0xa3, 0x4a];
const yellow: Rgb = [0xea, 0xb3, 0x08];
const teal: Rgb = [0x0f, 0x76, 0x6e];

/** Where each image shows on the home page. */
const paintedAt: Readonly<Record<ImageSlot, string>> = {
  header: '.user-profile-head-banner',
  background: '#userSkin',
  column: '#asideArchive .aside-title',
};
const labels: Readonly<Record<ImageSlot, string>> = { header: '博客头图', background: '博客底图', column: '栏目图' };

let session: ExtensionSession;
let home: Page;
let editor: Page;

beforeAll(async () => {
  ({ session, home, editor } = await launchWithEditor());
});

afterAll(async () => {
  await session?.close();
});

const input = (slot: ImageSlot) => editor.getByLabel(labels[slot], { exact: true });
/** An image field as a whole: its <fieldset>, named by its legend. */
const group = (slot: ImageSlot) => editor.getByRole('group', { name: labels[slot], exact: true });
/** A field's crop frame: the crop box, focusable, named by where it is. */
const frameOf = (slot: ImageSlot) => group(slot).getByRole('group', { name: /^裁剪框/ });
const pick = (slot: ImageSlot, name: string, bytes: Uint8Array) =>
  input(slot).setInputFiles(asUpload(name, Buffer.from(bytes), name.endsWith('.png') ? 'image/png' : 'image/jpeg'));
/** Waits until exactly one element matches, as a user waits for a message to appear. */
const shows = (locator: Locator) => expect.poll(() => locator.count()).toBe(1);

interface Crop {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The crop a frame announces: "裁剪框：左 X、上 Y、宽 W、高 H 像素". */
async function announced(slot: ImageSlot): Promise<Crop> {
  const label = (await frameOf(slot).getAttribute('aria-label')) ?? '';
  const match = /^裁剪框：左 (\d+)、上 (\d+)、宽 (\d+)、高 (\d+) 像素/.exec(label);
  if (!match) throw new Error(`not a crop frame's name: ${label}`);
  const [x, y, width, height] = match.slice(1).map(Number) as [number, number, number, number];
  return { x, y, width, height };
}

/** The stored image of `slot` on this blog (a data URL), or null. */
const stored = (slot: ImageSlot) => storedImageUrl(editor, demoUser, slot);

/** The record's crop of `slot`, as saved. */
async function storedCrop(slot: ImageSlot): Promise<Crop | undefined> {
  const key = skinKey(demoUser);
  const record = (await editor.evaluate(readExtensionStorage, [key]))[key] as
    | { images?: Partial<Record<ImageSlot, { crop: Crop }>> }
    | undefined;
  return record?.images?.[slot]?.crop;
}

/**
 * Waits until the page shows what the editor stored for `slot` and that is a PNG of `size`;
 * returns its data URL. Both are read on every try: a cut is saved a moment after the frame rests.
 */
async function pageShowsStored(slot: ImageSlot, size: string): Promise<string> {
  let kept: string | null = null;
  await expect
    .poll(async () => {
      const shown = await computedStyle(home, paintedAt[slot], 'background-image');
      kept = await stored(slot);
      return shown === cssUrl(kept) ? describeImage(kept) : `page and storage differ (stored: ${describeImage(kept)})`;
    })
    .toBe(`image/png ${size}`);
  return kept!;
}

/** The colors at `points` of the page's element, with the blog tab in front (as it is seen). */
async function seen(selector: string, points: Array<[number, number]>): Promise<Rgb[]> {
  await home.bringToFront();
  return pixelsOf(home, selector, points);
}

/** Polls until the page's `selector` shows `colors` at `points`. */
const showsColors = (selector: string, points: Array<[number, number]>, colors: Rgb[]) =>
  expect
    .poll(async () => {
      const found = await seen(selector, points);
      return found.every((color, i) => near(color, colors[i]!)) ? 'as expected' : JSON.stringify(found);
    })
    .toBe('as expected');

/** A picture of `width`×`height` whose color at each pixel is `color(x, y)`. */
const picture = (width: number, height: number, color: (x: number, y: number) => Rgb) =>
  encodePng({ width, height, color: 'rgb', depth: 8, pixel: color });

/** Clicks a button that saves a file, and returns the download. */
async function downloadFrom(button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([editor.waitForEvent('download'), button.click()])) as [Download, void];
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

describe('a picked background', () => {
  it('shows on the page as a 100×100 tile, cut from a 400×400 picture and repeated every 100 px', async () => {
    // Four 200 px quadrants: the 100×100 cut has four 50 px ones, in the same places.
    const quadrants = await picture(400, 400, (x, y) => (y < 200 ? (x < 200 ? red : blue) : x < 200 ? green : yellow));
    await pick('background', 'quadrants.png', quadrants);
    await shows(group('background').getByText('400 × 400 像素 · ', { exact: false }));
    await shows(group('background').getByText('将裁成 100×100'));
    await pageShowsStored('background', '100×100');
    expect(await computedStyle(home, '#userSkin', 'background-size')).toBe('100px 100px');
    expect(await computedStyle(home, '#userSkin', 'background-repeat')).toBe('repeat');

    // #userSkin is bare in the page's side margins (x < 40 and x ≥ 1360 of 1400) and in its 40 px
    // bottom padding; its tile starts at its own top left corner, where the screenshot starts.
    const height = await home.locator('#userSkin').evaluate((element) => element.clientHeight);
    // the row of the bottom padding farthest from a quadrant's edge (every 50 px)
    let bottom = height - 38;
    for (let y = bottom; y <= height - 3; y++) if (Math.abs((y % 50) - 25) < Math.abs((bottom % 50) - 25)) bottom = y;
    const lowerHalf = bottom % 100 >= 50;
    const [left, right] = lowerHalf ? [green, yellow] : [red, blue];
    const points: Array<[number, number]> = [
      // down the left margin (x 20: a left quadrant), every 50 px
      [20, 25], [20, 75], [20, 125], [20, 175], [20, 225],
      // down the right margin (x 1380 = 13 tiles + 80: a right quadrant)
      [1380, 25], [1380, 75], [1380, 125],
      // across the bottom padding, every 50 px
      [25, bottom], [75, bottom], [125, bottom], [175, bottom], [625, bottom], [675, bottom],
    ];
    const expected = [red, green, red, green, red, blue, yellow, blue, left, right, left, right, left, right];
    await showsColors('#userSkin', points, expected);
  });
});

/** A 4000×400 header in three horizontal bands: only the middle one lies in the centred strip (y 96 to 304). */
const bandOf = (y: number): Rgb => (y < 90 ? red : y < 310 ? blue : green);
/** Points on the page's header band: its top rows, middle and bottom rows. */
const headerPoints: Array<[number, number]> = [[660, 8], [660, 50], [660, 92]];

describe('a picked header', () => {
  it('shows only what CSDN’s default crop takes: the centred 19.2:1 strip of a 4000×400 picture', async () => {
    await pick('header', 'bands.png', await picture(4000, 400, (_x, y) => bandOf(y)));
    await shows(group('header').getByText('4000 × 400 像素 · ', { exact: false }));
    await shows(group('header').getByText(/^CSDN 存为 1920×100 PNG · /));
    await pageShowsStored('header', '1920×100');
    await showsColors(paintedAt.header, headerPoints, [blue, blue, blue]);
    // the frame says where the strip is: the whole width, the centred strip's full height
    await expect.poll(() => announced('header')).toEqual({ x: 0, y: 96, width: 4000, height: 208 });
    // and the stored image is cut where the frame says, and stays so once the frame has settled
    await expect.poll(() => storedCrop('header')).toEqual(await announced('header'));
    await editor.waitForTimeout(400);
    expect(await storedCrop('header')).toEqual({ x: 0, y: 96, width: 4000, height: 208 });
  });

  it('moves the page’s image as the frame is moved with the keyboard', async () => {
    const frame = frameOf('header');
    const before = await announced('header');
    await frame.focus();
    await frame.press('Shift+ArrowUp');
    // up to the top of the picture: the strip takes in the top band
    await expect.poll(async () => (await announced('header')).y).toBeLessThan(before.y);
    await showsColors(paintedAt.header, headerPoints, [red, blue, blue]);
    await expect.poll(async () => (await announced('header')).y).toBe(0);
    for (let press = 0; press < 3; press++) await frame.press('Shift+ArrowDown');
    // down to the bottom: the strip takes in the bottom band
    await expect.poll(async () => (await announced('header')).y).toBe(400 - before.height);
    await showsColors(paintedAt.header, headerPoints, [blue, blue, green]);
    // once the frame rests, that cut is what is stored, and what the page keeps showing
    await expect.poll(() => storedCrop('header')).toEqual(await announced('header'));
    await pageShowsStored('header', '1920×100');
    await showsColors(paintedAt.header, headerPoints, [blue, blue, green]);
  });

  it('zooms the crop with its buttons and the - and + keys', async () => {
    const start = await announced('header');
    await group('header').getByRole('button', { name: '放大', exact: true }).click();
    await expect.poll(async () => (await announced('header')).width).toBeLessThan(start.width);
    const zoomedIn = await announced('header');
    await group('header').getByRole('button', { name: '缩小', exact: true }).click();
    await expect.poll(async () => (await announced('header')).width).toBeGreaterThan(zoomedIn.width);
    const frame = frameOf('header');
    const before = await announced('header');
    await frame.press('+');
    await expect.poll(async () => (await announced('header')).width).toBeLessThan(before.width);
    await expect.poll(() => storedCrop('header')).toEqual(await announced('header'));
    await pageShowsStored('header', '1920×100');
  });
});

describe('a file CSDN would refuse', () => {
  it('is named with its size, and 一键修复 makes the 1920×100 PNG CSDN takes from it', async () => {
    // a teal header of exactly 3 MB: its pixels, grown by a private chunk that decoders skip
    const plain = await picture(1920, 100, () => teal);
    const heavy = await encodePng({
      width: 1920,
      height: 100,
      color: 'rgb',
      depth: 8,
      pixel: teal,
      extraChunks: [{ type: 'skPd', data: new Uint8Array(3 * MB - plain.length - 12) }],
    });
    expect(heavy.length).toBe(3 * MB);
    const before = await stored('header');
    await pick('header', 'heavy.png', heavy);
    const alert = group('header').getByRole('alert');
    await expect.poll(() => alert.allTextContents()).toEqual(['文件大小 3 MB，需不超过 2 MB']);
    expect(await stored('header')).toBe(before);

    await group('header').getByRole('button', { name: '一键修复' }).click();
    await expect.poll(() => alert.count()).toBe(0);
    expect(await input('header').getAttribute('aria-invalid')).toBe(null);
    await shows(group('header').getByText('heavy.png'));
    await shows(group('header').getByText('1920 × 100 像素 · 3 MB'));
    await shows(group('header').getByText(/^已修复：/));
    expect(await group('header').getByRole('button', { name: '一键修复' }).count()).toBe(0);
    const fixed = await pageShowsStored('header', '1920×100');
    expect(bytesOfDataUrl(fixed).bytes.length).toBeLessThan(2 * MB);
    await showsColors(paintedAt.header, headerPoints, [teal, teal, teal]);
    // the picked file itself is kept for the frame, by the editor, never given to the page
    const source = await editor.evaluate(readPickedFile, [demoUser, 'header'] as [string, string]);
    expect(bytesOfDataUrl(source!).bytes.equals(Buffer.from(heavy))).toBe(true);
    expect(Object.keys(await editor.evaluate(() => chrome.storage.local.get(null))).filter((key) => key.startsWith('source:'))).toEqual([]);
  });
});

describe('column images of any size', () => {
  it('takes a 600×76 column and says it will be cut to 300×38', async () => {
    await pick('column', 'double.png', await picture(600, 76, (x) => (x < 300 ? green : yellow)));
    await shows(group('column').getByText('double.png'));
    await expect.poll(() => group('column').getByRole('status').allTextContents()).toEqual(['将裁成 300×38']);
    expect(await group('column').getByRole('alert').count()).toBe(0);
    await pageShowsStored('column', '300×38');
    // the left half of the picture on the bar's left half, the right half on its right (above
    // and below the title's text)
    await showsColors(paintedAt.column, [[120, 4], [120, 34], [225, 4], [225, 34]], [green, green, yellow, yellow]);
  });

  it('takes a 150×19 column and warns that it will be enlarged', async () => {
    await pick('column', 'half.png', await picture(150, 19, () => red));
    await shows(group('column').getByText('half.png'));
    await expect
      .poll(() => group('column').getByRole('status').allTextContents())
      .toEqual(['将裁成 300×38 · 裁剪区小于 300×38 像素，将被放大，看起来会发虚']);
    await pageShowsStored('column', '300×38');
    await showsColors(paintedAt.column, [[150, 4], [290, 34]], [red, red]);
  });
});

describe('downloads', () => {
  it('下载 saves the exact PNG the page shows, named as CSDN’s field', async () => {
    const sizes: Record<ImageSlot, [number, number]> = { header: [1920, 100], background: [100, 100], column: [300, 38] };
    for (const slot of ['header', 'background', 'column'] as const) {
      const shown = dataUrlOfCss(await computedStyle(home, paintedAt[slot], 'background-image'));
      expect(shown, slot).not.toBe(null);
      const { name, bytes } = await downloadFrom(group(slot).getByRole('button', { name: '下载', exact: true }));
      expect(name).toBe(`${labels[slot]}.png`);
      expect(bytes.equals(bytesOfDataUrl(shown!).bytes), `${name} is the page's image`).toBe(true);
      const [width, height] = sizes[slot];
      expect(pngSize(bytes)).toEqual({ width, height });
    }
  });

  it('全部下载 saves a zip of the three images and 配色.txt with the colors', async () => {
    await editor.getByLabel('主标题颜色', { exact: true }).fill('#C0392B');
    await editor.getByLabel('副标题颜色', { exact: true }).fill('#8e44ad');
    await editor.getByLabel('副标题颜色', { exact: true }).blur();
    await expect.poll(() => computedStyle(home, '.user-profile-title', 'color')).toBe('rgb(142, 68, 173)');
    await expect.poll(() => editor.getByLabel('副标题颜色', { exact: true }).inputValue()).toBe('#8E44AD');
    const { name, bytes } = await downloadFrom(editor.getByRole('button', { name: '全部下载' }));
    expect(name).toBe('博客皮肤预览.zip');
    const zip = unzipSync(bytes);
    expect(Object.keys(zip).sort()).toEqual(['博客头图.png', '博客底图.png', '栏目图.png', '配色.txt'].sort());
    for (const slot of ['header', 'background', 'column'] as const) {
      const shown = dataUrlOfCss(await computedStyle(home, paintedAt[slot], 'background-image'))!;
      expect(Buffer.from(zip[`${labels[slot]}.png`]!).equals(bytesOfDataUrl(shown).bytes), slot).toBe(true);
    }
    expect(strFromU8(zip['配色.txt']!)).toBe('主标题颜色: #C0392B\nHover: -\n副标题颜色: #8E44AD\n');
    expect(await editor.getByRole('alert').count()).toBe(0);
  });

  it('全部下载 without a header says CSDN requires one, and leaves it out', async () => {
    await editor.getByRole('button', { name: '移除博客头图' }).click();
    await expect.poll(() => computedStyle(home, paintedAt.header, 'background-image')).toBe('none');
    const { bytes } = await downloadFrom(editor.getByRole('button', { name: '全部下载' }));
    expect(Object.keys(unzipSync(bytes)).sort()).toEqual(['博客底图.png', '栏目图.png', '配色.txt'].sort());
    await shows(editor.getByRole('alert').filter({ hasText: /^还没有博客头图/ }));
  });
});

describe('a skin saved by version 1', () => {
  it('is cut as CSDN would when the editor opens: the page then gets the 100×100 PNG', async () => {
    // Another blog, so this one's skin stays as the tests above left it.
    const blog = 'someone_else';
    const page = await openBlogPage(session, `https://blog.csdn.net/${blog}`);
    const quadrants = await picture(400, 400, (x, y) => (y < 200 ? (x < 200 ? red : blue) : x < 200 ? green : yellow));
    const original = `data:image/png;base64,${Buffer.from(quadrants).toString('base64')}`;
    const record = {
      schema: 1,
      enabled: true,
      colors: {},
      images: { background: { name: 'old.png', format: 'png', bytes: quadrants.length, width: 400, height: 400, revision: 'r1' } },
    };
    await editor.evaluate(
      ([skin, image, record, original]) => chrome.storage.local.set({ [skin]: record, [image]: original }),
      [skinKey(blog), imageKey(blog, 'background'), record, original] as const,
    );
    const read = async () => editor.evaluate(readExtensionStorage, [skinKey(blog), imageKey(blog, 'background')]);
    const kept = () => storedImageUrl(editor, blog, 'background');
    expect(describeImage(await kept())).toBe('image/png 400×400');

    const old = await openEditor(session, page);
    await expect.poll(async () => describeImage(await kept())).toBe('image/png 100×100');
    const after = await read();
    // The bytes left in storage.local by version 1 are gone: no page hears of image bytes again.
    expect(after).not.toHaveProperty(imageKey(blog, 'background'));
    await expect.poll(() => old.evaluate(readPickedFile, [blog, 'background'] as [string, string])).toBe(original);
    expect(after[skinKey(blog)]).toMatchObject({
      schema: 2,
      images: {
        background: {
          format: 'png',
          source: { name: 'old.png', format: 'png', bytes: quadrants.length, width: 400, height: 400 },
          crop: { x: 0, y: 0, width: 400, height: 400 },
        },
      },
    });
    expect((after[skinKey(blog)] as { images: { background: object } }).images.background).not.toHaveProperty('uncut');
    // the editor shows it as any other pick, and the page is given only the cut
    await expect.poll(() => old.getByRole('group', { name: '博客底图', exact: true }).getByText('old.png').count()).toBe(1);
    await expect
      .poll(() => computedStyle(page, '#userSkin', 'background-image'))
      .toBe(cssUrl(await kept()));
    expect(await computedStyle(page, '#userSkin', 'background-size')).toBe('100px 100px');
    await old.close();
    await page.close();
  });
});
