/**
 * The Firefox build in real Firefox ESR: the toolbar popup offers the editor in a tab (Firefox
 * closes the popup when a file picker opens), and that tab skins the blog tab it came from.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageSlot } from '../../src/rules';
import { demoUser, homeUrl } from '../support/extension';
import { near, rgb, skinMarksInPage } from '../support/page-state';
import { encodePng } from '../support/png-encoder';
import { cssUrl, dataUrlOfCss, describeImage, storedImageUrl } from '../support/stored-images';
import {
  button,
  computedStyle,
  computedStyleSnapshot,
  drawImage,
  field,
  launchFirefox,
  pixelsOf,
  waitForText,
  type FirefoxSession,
} from './support/firefox';

const colors = { title: '#C0392B', subtitle: '#8E44AD' };
const text = (page: Page) => page.evaluate(() => document.body.innerText);

let session: FirefoxSession;
let files: string;
let home: Page;
let homeBefore: string[];
let editor: Page;
let header: Buffer;
let background: Buffer;

/** What the editor stored for `slot`, the only image a page is given, as a computed style spells it. */
const stored = async (slot: ImageSlot) => cssUrl(await storedImageUrl(editor, demoUser, slot));
/** Waits until `selector` on the blog page shows what the editor stored for `slot`, and returns that. */
async function showsStored(selector: string, slot: ImageSlot): Promise<string> {
  let kept = '';
  await expect
    .poll(async () => {
      const shown = await computedStyle(home, selector, 'background-image');
      kept = await stored(slot);
      return kept !== 'none' && shown === kept;
    })
    .toBe(true);
  return kept;
}

beforeAll(async () => {
  session = await launchFirefox();
  files = mkdtempSync(join(tmpdir(), 'bsp-files-'));
  home = await session.openBlogPage(homeUrl);
  homeBefore = await computedStyleSnapshot(home);
});

afterAll(async () => {
  await session?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('the Firefox build', () => {
  it('is installed with access to the blog hosts, and its content script answers on the blog', async () => {
    const popup = await session.launchPage();
    const granted = await popup.evaluate(() => globalThis.browser.permissions.getAll());
    expect(granted.origins).toEqual(expect.arrayContaining(['https://blog.csdn.net/*', 'https://*.blog.csdn.net/*']));
    expect(await popup.evaluate(() => globalThis.browser.i18n.getUILanguage())).toBe('zh-CN');
    const tabId = await session.tabIdOf(home);
    // As the editor asks it: a call into the content script's world (popup/page-calls.ts).
    const page = await popup.evaluate(async (id) => {
      const [injection] = await globalThis.browser.scripting.executeScript({
        target: { tabId: id },
        func: () => (globalThis as unknown as Record<string, { describe(): unknown } | undefined>).__blogSkinPreviewerPage?.describe(),
      });
      return injection?.result;
    }, tabId);
    expect(page).toMatchObject({ blog: 'baxiaoshi2020', slots: expect.arrayContaining(['header', 'background', 'title']) });
  });
});

describe('the toolbar popup in Firefox', () => {
  it('offers the editor in a tab, for the blog tab in front', async () => {
    const popup = await session.launchPage();
    await home.bringToFront();
    // As the toolbar popup: no ?tab=, so it edits the active tab of its window, the blog.
    await popup.evaluate(() => location.reload());
    await waitForText(popup, '博客：baxiaoshi2020');
    expect(await text(popup)).toContain('Firefox 打开文件选择框时会关闭此弹窗');
    const homeTab = await session.tabIdOf(home);
    await (await button(popup, '在标签页中打开')).evaluate((b) => b.click());
    editor = await session.extensionPage(`popup/index.html?tab=${homeTab}`);
    await waitForText(editor, '博客：baxiaoshi2020');
  });

  it('opens an editor tab that offers nothing more and shows the six fields', async () => {
    await field(editor, '博客头图');
    expect(await text(editor)).not.toContain('在标签页中打开');
    for (const label of ['博客头图', '博客底图', '栏目图']) {
      expect(await (await field(editor, label)).evaluate((input) => input.type)).toBe('file');
    }
    for (const label of ['主标题颜色', 'Hover', '副标题颜色']) {
      expect(await (await field(editor, label)).evaluate((input) => input.type)).toBe('text');
    }
  });
});

describe('painting the blog tab from the editor tab', () => {
  it('paints a picked header image, anchored right', async () => {
    header = await drawImage(editor, { width: 1920, height: 100, type: 'image/jpeg', stripes: ['#1E3A8A', '#F59E0B', '#10B981'] });
    const path = join(files, 'banner.jpg');
    writeFileSync(path, header);
    await (await field(editor, '博客头图')).uploadFile(path);
    await waitForText(editor, '1920 × 100 像素');
    await waitForText(editor, 'CSDN 存为 1920×100 PNG');
    const banner = '.user-profile-head-banner';
    // the PNG CSDN would store, cut in Firefox's image worker, not the picked JPEG
    expect(describeImage(dataUrlOfCss(await showsStored(banner, 'header')))).toBe('image/png 1920×100');
    expect(await computedStyle(home, banner, 'background-position')).toBe('100% 50%');
    expect(await computedStyle(home, banner, 'background-size')).toBe('cover');
  });

  it('tiles a picked background image on #userSkin', async () => {
    background = await drawImage(editor, { width: 40, height: 40, type: 'image/png', stripes: ['#FDF2F8', '#FCE7F3'] });
    const path = join(files, 'tile.png');
    writeFileSync(path, background);
    await (await field(editor, '博客底图')).uploadFile(path);
    await showsStored('#userSkin', 'background');
    expect(await computedStyle(home, '#userSkin', 'background-repeat')).toBe('repeat');
    expect(await computedStyle(home, '#userSkin', 'background-size')).toBe('100px 100px');
  });

  it('registers the first-paint sheets for the blog, as in Chrome', async () => {
    const registered = () =>
      editor.evaluate(async () => {
        const api = (globalThis as unknown as { browser: typeof chrome }).browser;
        return (await api.scripting.getRegisteredContentScripts()).map((script) => ({ matches: script.matches ?? [], css: script.css ?? [], js: script.js ?? [] }));
      });
    await expect.poll(async () => (await registered()).flatMap((script) => script.matches)).toContain('https://blog.csdn.net/baxiaoshi2020/*');
    // The sheets from the extension's root: Firefox resolves a relative path against the
    // registering page, which would name popup/content/… and paint nothing.
    const [script] = await registered();
    expect(script!.js).toEqual([]);
    expect(script!.css).toEqual([expect.stringMatching(/^\/?content\/first-paint\/wait-header\.css$/), expect.stringMatching(/^\/?content\/first-paint\/wait-background\.css$/)]);
    // Reloaded, the page shows the stored header again.
    await home.reload({ waitUntil: 'load' });
    await showsStored('.user-profile-head-banner', 'header');
  });

  it('paints the title and subtitle colors as they are typed', async () => {
    await (await field(editor, '主标题颜色')).type(colors.title.toLowerCase());
    await expect.poll(() => computedStyle(home, '.user-profile-head-name > div', 'color')).toBe(rgb(colors.title));
    await (await field(editor, '副标题颜色')).type(colors.subtitle.slice(1));
    await expect.poll(() => computedStyle(home, '.user-profile-title', 'color')).toBe(rgb(colors.subtitle));
  });

  it('reloaded once its sheets spell the record, shows the skin with no node or attribute of its own', async () => {
    // A second after the last change, the page's first-paint sheets are current: it only asks for its images.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await home.reload({ waitUntil: 'load' });
    await showsStored('.user-profile-head-banner', 'header');
    await showsStored('#userSkin', 'background');
    expect(await computedStyle(home, '.user-profile-head-name > div', 'color')).toBe(rgb(colors.title));
    expect(await computedStyle(home, '.user-profile-title', 'color')).toBe(rgb(colors.subtitle));
    expect(await home.evaluate(skinMarksInPage)).toEqual({ gate: null, ours: 0 });
  });

  it('refuses a header image below the rule and keeps the page as it was', async () => {
    const before = await computedStyleSnapshot(home);
    const small = join(files, 'small.png');
    writeFileSync(small, await drawImage(editor, { width: 1600, height: 100, type: 'image/png', stripes: ['#000000'] }));
    await (await field(editor, '博客头图')).uploadFile(small);
    await waitForText(editor, '宽度 1600 像素，需至少 1920 像素');
    expect(await computedStyleSnapshot(home)).toEqual(before);
  });
});

describe('turning the preview off', () => {
  it('leaves every element of the page with the computed style it had before, and on restores the skin', async () => {
    const toggle = await field(editor, '预览');
    await toggle.click();
    await expect.poll(() => computedStyle(home, '#userSkin', 'background-image')).toBe('none');
    expect(await toggle.evaluate((input) => input.checked)).toBe(false);
    expect(await computedStyleSnapshot(home)).toEqual(homeBefore);
    await toggle.click();
    await expect.poll(() => computedStyle(home, '#userSkin', 'background-image')).toBe(await stored('background'));
    expect(await computedStyle(home, '.user-profile-head-name > div', 'color')).toBe(rgb(colors.title));
  });
});

describe('across a reload', () => {
  it('paints the stored skin again, under a page style-src that forbids inline styles', async () => {
    session.pageHeaders['Content-Security-Policy'] = "style-src 'self'";
    await home.reload({ waitUntil: 'load' });
    delete session.pageHeaders['Content-Security-Policy'];
    // The policy holds: the page's own inline stylesheet (a grey body) is refused.
    expect(await computedStyle(home, 'body', 'background-color')).not.toBe('rgb(245, 246, 247)');
    expect(await computedStyle(home, '.user-profile-head-banner', 'background-image')).toBe(await stored('header'));
    expect(await computedStyle(home, '.user-profile-title', 'color')).toBe(rgb(colors.subtitle));
  });
});

describe('under a page policy that allows images from its own host only', () => {
  it('still shows the header, anchored right, and the tiled background, in pixels', async () => {
    session.pageHeaders['Content-Security-Policy'] = "img-src 'self'";
    await home.reload({ waitUntil: 'load' });
    delete session.pageHeaders['Content-Security-Policy'];
    const width = await home.$eval('.user-profile-head-banner', (banner) => banner.clientWidth);
    // Firefox does not hold sheets an extension inserts to the page's img-src (no canvas layers
    // appear here), where Chrome does (test/e2e/strict-csp.test.ts); either way the images show.
    // The right end of the band is the header's last stripe; the tile shows beside the sidebar.
    await expect
      .poll(async () => {
        const [right] = await pixelsOf(home, editor, '.user-profile-head-banner', [[width - 5, 50]]);
        return near(right!, [0x10, 0xb9, 0x81]);
      }, { timeout: 10_000 })
      .toBe(true);
    const [gap] = await pixelsOf(home, editor, '.user-profile-body-inner', [[303, 200]]);
    expect(near(gap!, [0xfd, 0xf2, 0xf8], 16) || near(gap!, [0xfc, 0xe7, 0xf3], 16)).toBe(true);
  });

  it('moves the images to canvas layers once the page refuses a data: image, injecting their code then', async () => {
    // Firefox holds neither the inserted sheets nor the content script's own style nodes to the
    // page's img-src, so only the page's own refused data: image moves the preview to canvas.
    const column = await drawImage(editor, { width: 300, height: 38, type: 'image/png', stripes: ['#7C3AED'] });
    const path = join(files, 'column.png');
    writeFileSync(path, column);
    await (await field(editor, '栏目图')).uploadFile(path);
    await showsStored('#asideCategory .aside-title', 'column');
    expect(await home.$$eval('canvas', (layers) => layers.length)).toBe(0);
    await home.evaluate(() => {
      const image = document.createElement('img');
      image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.body.append(image);
    });
    await expect.poll(() => home.$$eval('canvas.bsp-skin-layer', (layers) => layers.length), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect
      .poll(async () => near((await pixelsOf(home, editor, '#asideCategory .aside-title', [[290, 30]]))[0]!, [0x7c, 0x3a, 0xed]), {
        timeout: 10_000,
      })
      .toBe(true);
    // Loaded again without the policy, the page shows the images as CSS again.
    await home.reload({ waitUntil: 'load' });
    await showsStored('#asideCategory .aside-title', 'column');
  });
});

describe('the crop in Firefox', () => {
  it('gives the page a picked 400×400 background as the 100×100 PNG CSDN stores, tiled every 100 px', async () => {
    // a 2×2 checker of 200 px squares: cut to 100×100, each square is 50 px on the page
    const red = [0xe1, 0x1d, 0x48];
    const blue = [0x25, 0x63, 0xeb];
    const checker = await encodePng({
      width: 400,
      height: 400,
      color: 'rgb',
      depth: 8,
      pixel: (x, y) => ((x < 200) === (y < 200) ? red : blue),
    });
    const path = join(files, 'checker.png');
    writeFileSync(path, checker);
    await (await field(editor, '博客底图')).uploadFile(path);
    await waitForText(editor, '400 × 400 像素');
    await waitForText(editor, '将裁成 100×100');
    const shown = await showsStored('#userSkin', 'background');
    expect(describeImage(dataUrlOfCss(shown))).toBe('image/png 100×100');
    expect(await computedStyle(home, '#userSkin', 'background-size')).toBe('100px 100px');
    // In pixels, down the gap beside the sidebar: 50 px of one color, then the other, and again.
    const skin = await home.$eval('#userSkin', (element) => element.getBoundingClientRect().top);
    const inner = await home.$eval('.user-profile-body-inner', (element) => element.getBoundingClientRect().top);
    const y = 200 + ((((25 - (inner + 200 - skin)) % 100) + 100) % 100); // 25 px into a tile, 200 px or more down
    await home.bringToFront();
    const column = await pixelsOf(home, editor, '.user-profile-body-inner', [[303, y], [303, y + 50], [303, y + 100], [303, y + 150]]);
    type Rgb = [number, number, number];
    const [first, second, third, fourth] = column as [Rgb, Rgb, Rgb, Rgb];
    expect(near(first, red) || near(first, blue), `${first}`).toBe(true);
    expect(near(second, near(first, red) ? blue : red), `${second}`).toBe(true);
    expect(near(third, first) && near(fourth, second), `${column.join(' / ')}`).toBe(true);
  });
});

describe('the network', () => {
  it('saw no request but the blog pages themselves', () => {
    expect(session.requests.length).toBeGreaterThan(0);
    for (const url of session.requests) expect(url).toMatch(/^https:\/\/([a-z0-9_-]+\.)?blog\.csdn\.net\//);
    // Nor did the editor tab, the popup, the background page or any worker make one.
    expect(session.otherRequests).toEqual([]);
  });
});
