/**
 * A page whose Content-Security-Policy limits images to its own host blocks `data:` images, so
 * the preview's CSS images cannot load there: it must still show them (on canvas layers).
 * Checked in pixels of a screenshot, since a computed style would not show a blocked image.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articleUrl,
  hasCanvasLayersCode,
  homeUrl,
  launchWithExtension,
  openBlogPage,
  openEditor,
  type ExtensionSession,
} from '../support/extension';
import { asUpload, drawImage } from '../support/images';
import { computedStyle, computedStyleSnapshot, near, pixelsOf } from '../support/page-state';

const policy = "img-src 'self'";
let session: ExtensionSession;
let home: Page;
let editor: Page;
let before: string[];
const violations: string[] = [];

beforeAll(async () => {
  session = await launchWithExtension({ pageHeaders: { 'Content-Security-Policy': policy } });
  home = await openBlogPage(session, homeUrl);
  await home.setViewportSize({ width: 800, height: 700 });
  before = await computedStyleSnapshot(home);
  await home.exposeFunction('reportViolation', (uri: string) => violations.push(uri));
  await home.evaluate(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation(uri: string): void }).reportViolation(event.blockedURI),
    ),
  );
  editor = await openEditor(session, home);
});

afterAll(async () => {
  await session?.close();
});

describe('a page that allows images from its own host only', () => {
  it('shows the header anchored right, the tiled background and the column image', async () => {
    const header = await drawImage(editor, {
      width: 1920,
      height: 100,
      type: 'image/png',
      stripes: ['#1E3A8A', '#F59E0B', '#10B981'],
    });
    const tile = await drawImage(editor, { width: 16, height: 16, type: 'image/png', stripes: ['#DB2777'] });
    const column = await drawImage(editor, { width: 300, height: 38, type: 'image/png', stripes: ['#7C3AED'] });
    await editor.getByLabel('博客头图', { exact: true }).setInputFiles(asUpload('h.png', header, 'image/png'));
    await editor.getByLabel('博客底图', { exact: true }).setInputFiles(asUpload('b.png', tile, 'image/png'));
    await editor.getByLabel('栏目图', { exact: true }).setInputFiles(asUpload('c.png', column, 'image/png'));
    await editor.getByLabel('主标题颜色', { exact: true }).fill('#123456');
    await home.bringToFront();

    // the policy really refused the data: URL...
    await expect.poll(() => violations.some((uri) => uri.startsWith('data'))).toBe(true);
    // ...and the images still show: 800 px of the 1920 px header from the right, its last two stripes
    await expect
      .poll(async () => {
        const [left, right] = await pixelsOf(home, '.user-profile-head-banner', [[5, 50], [790, 50]]);
        return near(left!, [0xf5, 0x9e, 0x0b]) && near(right!, [0x10, 0xb9, 0x81]);
      })
      .toBe(true);
    const [title] = await pixelsOf(home, '#asideCategory .aside-title', [[290, 30]]);
    expect(near(title!, [0x7c, 0x3a, 0xed])).toBe(true);
    // the tile shows in the gap between the sidebar and the list, where #userSkin is bare
    const [gap] = await pixelsOf(home, '.user-profile-body-inner', [[303, 200]]);
    expect(near(gap!, [0xdb, 0x27, 0x77])).toBe(true);
    // the text of a title bar stays above its layer
    expect(await home.locator('#asideCategory .aside-title').innerText()).toBe('分类专栏');
    expect(await computedStyle(home, '.user-profile-head-name > div', 'color')).toBe('rgb(18, 52, 86)');
  });

  it('gives parts inserted later their layers too', async () => {
    await home.evaluate(() => {
      const box = document.createElement('div');
      box.className = 'aside-box';
      box.id = 'lateBox';
      box.innerHTML = '<h3 class="aside-title">Late</h3>';
      document.querySelector('.user-profile-aside')!.append(box);
    });
    await expect
      .poll(async () => near((await pixelsOf(home, '#lateBox .aside-title', [[290, 30]]))[0]!, [0x7c, 0x3a, 0xed]))
      .toBe(true);
  });

  it('paints the article page of the blog too, after a fresh load', async () => {
    const article = await openBlogPage(session, articleUrl);
    await expect
      .poll(async () => near((await pixelsOf(article, '#rightAside .aside-title', [[290, 30]]))[0]!, [0x7c, 0x3a, 0xed]))
      .toBe(true);
    // Chrome holds the sheets the background inserts to the page's policy too: canvas layers it is.
    expect(await article.locator('canvas.bsp-skin-layer').count()).toBeGreaterThan(0);
    // Its code was injected into the page, once the page had refused an image.
    expect(await hasCanvasLayersCode(session, article)).toBe(true);
    await article.close();
  });

  it('a fresh load of the home page, whose first-paint sheets are current, draws on canvas too', async () => {
    // A second after the last change, a load's sheets spell its record: it asks for its images
    // with no painter, and the refusal of their sheets is what makes one.
    await home.waitForTimeout(1200);
    const again = await openBlogPage(session, homeUrl);
    await expect
      .poll(async () => near((await pixelsOf(again, '#asideCategory .aside-title', [[290, 30]]))[0]!, [0x7c, 0x3a, 0xed]))
      .toBe(true);
    expect(await again.locator('canvas.bsp-skin-layer').count()).toBeGreaterThan(0);
    expect(await computedStyle(again, '.user-profile-head-name > div', 'color')).toBe('rgb(18, 52, 86)');
    await again.close();
  });

  it('turned off, leaves every element as it was', async () => {
    await editor.getByRole('switch', { name: '预览' }).click();
    await home.evaluate(() => document.getElementById('lateBox')!.remove());
    await expect.poll(() => home.locator('canvas').count()).toBe(0);
    expect(await computedStyleSnapshot(home)).toEqual(before);
  });
});
