/**
 * 各宽度下的头图: the editor's strips of the header at 1280, 1440, 1920 and 2560 px windows, read
 * while the blog tab is 1024 px wide, agree with the real page resized to each width: which columns
 * of the stored image the band shows (read from the page's pixels, a header of numbered stripes),
 * and where the blog's name and the avatar lie over it.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articleUrl,
  homeUrl,
  launchWithExtension,
  openBlogPage,
  openEditor,
  structurePages,
  type ExtensionSession,
} from '../support/extension';
import { asUpload, drawImage } from '../support/images';
import { colorsInPng } from '../support/page-state';

let session: ExtensionSession;

const widths = [1280, 1440, 1920, 2560];
/** The width the blog tab has while the editor measures: none of the widths shown. */
const tabWidth = 1024;
const height = 500;

/** 30 stripes of 64 px, each its own color: stripe k runs from x = 64k of the 1920 px image. */
const STRIPE = 64;
const stripes = Array.from({ length: 1920 / STRIPE }, (_, k) => [k % 2 ? 230 : 20, 10 + 8 * k, (k % 3) * 100 + 20] as const);
const css = ([r, g, b]: readonly number[]) => `rgb(${r}, ${g}, ${b})`;
const stripeOf = (color: readonly number[]) => {
  const distance = (k: number) => stripes[k]!.reduce((sum, value, i) => sum + (value - color[i]!) ** 2, 0);
  return stripes.reduce((best, _, k) => (distance(k) < distance(best) ? k : best), 0);
};

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a page's header looks like at one width. */
interface Seen {
  band: { width: number; height: number };
  /** Columns of the stored image shown, left and right. */
  columns: { left: number; right: number };
  name: Box | null;
  avatar: Box | null;
}

interface Selectors {
  band: string;
  name: string;
  avatar: string;
}

async function pickHeader(editor: Page) {
  const header = await drawImage(editor, { width: 1920, height: 100, type: 'image/png', stripes: stripes.map(css) });
  await editor.getByLabel('博客头图', { exact: true }).setInputFiles(asUpload('stripes.png', header, 'image/png'));
}

/** The strip of one width as the editor draws it, in its own CSS px. */
async function stripAt(editor: Page, width: number) {
  const figure = editor.locator('figure.width-strip').filter({ has: editor.getByText(`${width} px`, { exact: true }) });
  await expect.poll(() => figure.count()).toBe(1);
  return figure.evaluate((element) => {
    const strip = element.querySelector('.strip')!.getBoundingClientRect();
    const relative = (found: Element | null) => {
      if (!found) return null;
      const rect = found.getBoundingClientRect();
      return { x: rect.left - strip.left, y: rect.top - strip.top, width: rect.width, height: rect.height };
    };
    const image = element.querySelector('.strip-image')!;
    const style = getComputedStyle(image);
    return {
      strip: { width: strip.width, height: strip.height },
      clip: relative(image)!,
      size: style.backgroundSize.split(' ').map(parseFloat),
      position: style.backgroundPosition.split(' ').map(parseFloat),
      name: relative(element.querySelector('[role="img"][aria-label="博客名"]')),
      avatar: relative(element.querySelector('[role="img"][aria-label="头像"]')),
    };
  });
}

/** A strip in the band's CSS px, scaled by the real band's width. */
function seenIn(drawn: Awaited<ReturnType<typeof stripAt>>, bandWidth: number): Seen & { aspect: number } {
  const scale = drawn.strip.width / bandWidth;
  const unscaled = (box: Box | null) => box && { x: box.x / scale, y: box.y / scale, width: box.width / scale, height: box.height / scale };
  // The image's one copy starts `position` into the painted box and is `size` wide.
  const perPx = 1920 / drawn.size[0]!;
  return {
    band: { width: drawn.strip.width / scale, height: drawn.strip.height / scale },
    aspect: drawn.strip.height / drawn.strip.width,
    columns: { left: Math.max(0, -drawn.position[0]! * perPx), right: Math.min(1920, (drawn.clip.width - drawn.position[0]!) * perPx) },
    name: unscaled(drawn.name),
    avatar: unscaled(drawn.avatar),
  };
}

/** The real page resized to a window whose layout viewport is `width` px wide. */
async function pageAt(page: Page, width: number, selectors: Selectors): Promise<Seen> {
  await page.setViewportSize({ width, height });
  // A classic scrollbar takes its width from the layout viewport: widen the window by it.
  const client = await page.evaluate(() => document.documentElement.clientWidth);
  if (client !== width) await page.setViewportSize({ width: 2 * width - client, height });
  expect(await page.evaluate(() => document.documentElement.clientWidth)).toBe(width);

  const boxes = await page.evaluate(({ band, name, avatar }) => {
    const bandBox = document.querySelector(band)!.getBoundingClientRect();
    const over = (rect: DOMRect) => {
      const x = Math.max(rect.left, bandBox.left);
      const y = Math.max(rect.top, bandBox.top);
      const right = Math.min(rect.right, bandBox.right);
      const bottom = Math.min(rect.bottom, bandBox.bottom);
      return right > x && bottom > y ? { x: x - bandBox.left, y: y - bandBox.top, right: right - bandBox.left, bottom: bottom - bandBox.top } : null;
    };
    const lines: Array<NonNullable<ReturnType<typeof over>>> = [];
    const range = document.createRange();
    for (const element of document.querySelectorAll(name)) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
          const part = over(rect);
          if (part) lines.push(part);
        }
      }
    }
    const nameBox =
      lines.length === 0
        ? null
        : {
            x: Math.min(...lines.map((l) => l.x)),
            y: Math.min(...lines.map((l) => l.y)),
            width: Math.max(...lines.map((l) => l.right)) - Math.min(...lines.map((l) => l.x)),
            height: Math.max(...lines.map((l) => l.bottom)) - Math.min(...lines.map((l) => l.y)),
          };
    const avatarElement = document.querySelector(avatar);
    const avatarPart = avatarElement && over(avatarElement.getBoundingClientRect());
    return {
      band: { width: bandBox.width, height: bandBox.height },
      name: nameBox,
      avatar: avatarPart && { x: avatarPart.x, y: avatarPart.y, width: avatarPart.right - avatarPart.x, height: avatarPart.bottom - avatarPart.y },
    };
  }, selectors);

  // Which stripe each column of the band shows, in its top row (above the name and the avatar).
  const shot = await page.locator(selectors.band).first().screenshot();
  const row = await page.evaluate(colorsInPng, {
    base64: shot.toString('base64'),
    points: Array.from({ length: Math.round(boxes.band.width) }, (_, x) => [x, 4] as [number, number]),
  });
  const shown = row.map(stripeOf);
  // Where a stripe begins in the band, page x against image x: the first and last such edges fix
  // the image's scale and offset.
  const edges = shown.flatMap((k, x) => (x > 0 && k !== shown[x - 1] ? [{ x, source: k * STRIPE }] : []));
  expect(edges.length).toBeGreaterThanOrEqual(2);
  const first = edges[0]!;
  const last = edges.at(-1)!;
  const scale = (last.x - first.x) / (last.source - first.source);
  const offset = first.x - scale * first.source;
  return {
    ...boxes,
    columns: { left: Math.max(0, -offset / scale), right: Math.min(1920, (boxes.band.width - offset) / scale) },
  };
}

const near = (actual: number, expected: number, within: number) => Math.abs(actual - expected) <= within;

function expectBoxNear(actual: Box | null, expected: Box | null, label: string) {
  if (!expected) return expect(actual, label).toBeNull();
  expect(actual, label).not.toBeNull();
  for (const side of ['x', 'y', 'width', 'height'] as const) {
    expect(near(actual![side], expected[side], 1.5), `${label} ${side}: ${actual![side]} against ${expected[side]}`).toBe(true);
  }
}

/** Reads every strip while the tab is `tabWidth` wide, then checks each against the page resized. */
async function compare(page: Page, editor: Page, selectors: Selectors, expectations: { avatar: boolean }) {
  await page.setViewportSize({ width: tabWidth, height });
  // The editor measures now, with the tab at 1024 px: it must simulate each width, not copy this one.
  await pickHeader(editor);
  await expect.poll(() => editor.locator('figure.width-strip').count(), { timeout: 10_000 }).toBe(widths.length);
  const strips = await Promise.all(widths.map((width) => stripAt(editor, width)));
  await expect
    .poll(() => page.locator(selectors.band).first().evaluate((band) => getComputedStyle(band).backgroundImage))
    .toMatch(/^url\("data:image\/png/);
  const real: Seen[] = [];
  for (const width of widths) real.push(await pageAt(page, width, selectors));
  const drawn = strips.map((strip, i) => seenIn(strip, real[i]!.band.width));

  for (const [i, width] of widths.entries()) {
    const seen = real[i]!;
    const strip = drawn[i]!;
    expect(near(strip.aspect, seen.band.height / seen.band.width, 0.002), `${width}: the strip's aspect`).toBe(true);
    // 2 px of the band in the image's own px, at the page's scale.
    const within = (2 * 1920) / Math.max(seen.band.width, (seen.band.height * 1920) / 100);
    expect(near(strip.columns.left, seen.columns.left, within), `${width}: left ${strip.columns.left} against ${seen.columns.left}`).toBe(true);
    expect(near(strip.columns.right, seen.columns.right, within), `${width}: right ${strip.columns.right} against ${seen.columns.right}`).toBe(true);
    expectBoxNear(strip.name, seen.name, `${width}: the name`);
    expectBoxNear(strip.avatar, seen.avatar, `${width}: the avatar`);
    expect(seen.name, `${width}: the name lies over the band`).not.toBeNull();
    if (expectations.avatar) expect(seen.avatar, `${width}: the avatar lies over the band`).not.toBeNull();
  }
  return { real, drawn };
}

beforeAll(async () => {
  session = await launchWithExtension();
});

afterAll(async () => {
  await session?.close();
});

const homeSelectors: Selectors = {
  band: '.user-profile-head-banner',
  name: '.user-profile-head-name > div:first-child',
  avatar: '.user-profile-avatar img',
};

describe('the blogv2 home page', () => {
  it('shows at each width what the page resized to it shows, name and avatar where they lie', async () => {
    const home = await openBlogPage(session, homeUrl);
    const editor = await openEditor(session, home);
    const { real, drawn } = await compare(home, editor, homeSelectors, { avatar: true });
    // The 1320 px band, anchored right, is cut to the window at 1280 and shows 40 px more of the
    // image's left from 1440 on; the tab's own 1024 px would show less than either.
    expect(Math.round(real[0]!.columns.left)).toBe(640);
    expect(Math.round(real[1]!.columns.left)).toBe(600);
    expect(Math.round(drawn[0]!.columns.left)).toBe(640);
    const atTab = await pageAt(home, tabWidth, homeSelectors);
    expect(Math.round(atTab.columns.left)).toBe(896);
    // Named for a screen reader.
    expect(await editor.getByRole('group', { name: '各宽度下的头图' }).getByRole('img', { name: '博客名' }).count()).toBe(4);
    expect(await editor.getByRole('group', { name: '各宽度下的头图' }).getByRole('img', { name: '头像' }).count()).toBe(4);
  });

  it('leaves the page’s inline style and scroll position as they were', async () => {
    const home = await openBlogPage(session, homeUrl);
    await home.setViewportSize({ width: tabWidth, height: 300 });
    const before = await home.evaluate(() => {
      const root = document.documentElement;
      root.style.setProperty('min-width', '900px', 'important');
      root.style.setProperty('--page-own', '1');
      scrollTo(0, document.documentElement.scrollHeight);
      return { style: root.getAttribute('style'), y: scrollY };
    });
    expect(before.y).toBeGreaterThan(0);
    const editor = await openEditor(session, home);
    await pickHeader(editor);
    await expect.poll(() => editor.locator('figure.width-strip').count(), { timeout: 10_000 }).toBe(widths.length);
    expect(await home.evaluate(() => ({ style: document.documentElement.getAttribute('style'), y: scrollY }))).toEqual(before);
  });
});

describe('the older template', () => {
  it('shows at each width what the page resized to it shows', async () => {
    const legacy = await openBlogPage(session, structurePages['legacy.html']);
    const editor = await openEditor(session, legacy);
    await compare(legacy, editor, { band: 'header > .container', name: 'header .title-blog a', avatar: '.avatar-box .avatar_pic' }, { avatar: false });
    expect(await editor.getByRole('img', { name: '头像' }).count()).toBe(0);
  });
});

describe('a page without a header band', () => {
  it('says so', async () => {
    const article = await openBlogPage(session, articleUrl);
    const editor = await openEditor(session, article);
    const group = editor.getByRole('group', { name: '各宽度下的头图' });
    await expect.poll(() => group.textContent(), { timeout: 10_000 }).toContain('这个页面没有头图横幅');
    expect(await group.locator('figure').count()).toBe(0);
  });
});
