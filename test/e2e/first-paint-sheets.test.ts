/**
 * A skinned page wears its skin from its first frame with no script: the sheets registered for the
 * blog (src/first-paint.ts) spell its colors and keep its image slots empty until the images are
 * in. A load whose sheets spell the record as it is adds nothing to the page's DOM at all.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithEditor, type ExtensionSession } from '../support/extension';
import { asUpload, drawImage } from '../support/images';
import { computedStyle, skinMarksInPage } from '../support/page-state';
import { clearStoredImages } from '../support/stored-images';

let session: ExtensionSession;
let home: Page;
let editor: Page;

beforeAll(async () => {
  ({ session, home, editor } = await launchWithEditor());
});

afterAll(async () => {
  await session?.close();
});

const title = '.user-profile-head-name > div:first-child';
const banner = '.user-profile-head-banner';

/** In the page's main world, before it parses: what the title and banner compute to at the first frame that shows the title. */
function probeFirstFrame(selectors: { title: string; banner: string }): void {
  const w = window as unknown as { firstFrame?: { title: string; banner: string } };
  const look = () => {
    const element = document.querySelector(selectors.title);
    const band = document.querySelector(selectors.banner);
    if (!element || !band) {
      requestAnimationFrame(look);
      return;
    }
    w.firstFrame = { title: getComputedStyle(element).color, banner: getComputedStyle(band).backgroundImage.slice(0, 'url("data:image/png;'.length) };
  };
  requestAnimationFrame(look);
}

describe('a skinned page at load', () => {
  it('shows its colors and none of the page’s own images in its first frame, from sheets registered for the blog', async () => {
    const header = await drawImage(editor, { width: 1920, height: 100, type: 'image/png', stripes: ['#1E3A8A', '#F59E0B'] });
    await editor.getByLabel('博客头图', { exact: true }).setInputFiles(asUpload('h.png', header, 'image/png'));
    await editor.getByLabel('主标题颜色', { exact: true }).fill('#C0392B');
    await expect.poll(() => computedStyle(home, banner, 'background-image')).toMatch(/^url\("data:image\/png/);
    const sheets = () => editor.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.css ?? []));
    await expect
      .poll(async () => (await sheets()).map((file) => file.replace(/^\//, '')), { timeout: 5000 })
      .toEqual(expect.arrayContaining(['content/first-paint/title.css', 'content/first-paint/title-0c.css', 'content/first-paint/title-5b.css', 'content/first-paint/wait-header.css']));
    // The page's own banner image, which no frame may show.
    await home.addInitScript(() => {
      const own = document.createElement('style');
      own.textContent = 'html body .user-profile-head-banner { background-image: linear-gradient(rgb(9, 9, 9), rgb(9, 9, 9)); }';
      new MutationObserver((_, observer) => {
        if (!document.documentElement) return;
        document.documentElement.append(own);
        observer.disconnect();
      }).observe(document, { childList: true });
    });
    await home.addInitScript(probeFirstFrame, { title, banner });
    await home.bringToFront();
    for (let i = 0; i < 3; i++) {
      await home.reload({ waitUntil: 'load' });
      await expect.poll(() => home.evaluate(() => (window as unknown as { firstFrame?: unknown }).firstFrame)).toBeTruthy();
      const first = await home.evaluate(() => (window as unknown as { firstFrame: { title: string; banner: string } }).firstFrame);
      expect(first.title).toBe('rgb(192, 57, 43)');
      expect(['none', 'url("data:image/png;']).toContain(first.banner);
      await expect.poll(() => computedStyle(home, banner, 'background-image')).toMatch(/^url\("data:image\/png/);
    }
  });

  it('adds nothing to the page’s DOM when its sheets spell the record as it is', async () => {
    // A second after the registration, a page surely starts with it (src/first-paint.ts).
    await home.waitForTimeout(1500);
    await home.reload({ waitUntil: 'load' });
    await expect.poll(() => computedStyle(home, banner, 'background-image')).toMatch(/^url\("data:image\/png/);
    await home.waitForTimeout(300);
    expect(await home.evaluate(skinMarksInPage)).toEqual({ gate: null, ours: 0 });
    expect(await computedStyle(home, title, 'color')).toBe('rgb(192, 57, 43)');
  });

  it('shows the page’s own image at once in a slot whose image cannot be put in, on a load its sheets spell', async () => {
    // The header's bytes go, and the background with what it kept of them: the record still names it.
    await editor.evaluate(clearStoredImages);
    const cdp = await session.context.newCDPSession(editor);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await home.reload({ waitUntil: 'load' });
    // Once the background has answered without it, not at the waits' limit (2 s after the record is read).
    await expect.poll(() => computedStyle(home, banner, 'background-image'), { timeout: 1500 }).toMatch(/linear-gradient/);
    expect(await computedStyle(home, title, 'color')).toBe('rgb(192, 57, 43)');
    expect((await home.evaluate(skinMarksInPage)).gate).toBe('no-wait:header');
  });

  it('shows a change made just before the load, which its sheets do not know yet', async () => {
    await editor.getByLabel('主标题颜色', { exact: true }).fill('#2E86C1');
    await home.reload({ waitUntil: 'load' });
    await expect.poll(() => computedStyle(home, title, 'color')).toBe('rgb(46, 134, 193)');
    await home.waitForTimeout(300);
    expect(await computedStyle(home, title, 'color')).toBe('rgb(46, 134, 193)');
  });

  it('turned off as a page loads, leaves that page its own colors and images', async () => {
    await editor.getByRole('switch', { name: '预览' }).click();
    await home.reload({ waitUntil: 'load' });
    await expect.poll(() => computedStyle(home, title, 'color')).not.toBe('rgb(46, 134, 193)');
    await expect.poll(() => computedStyle(home, banner, 'background-image')).toMatch(/linear-gradient/);
    await expect
      .poll(() => editor.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length))
      .toBe(0);
  });
});
