/**
 * A skin of colors alone, the most common kind, is in the first frame that shows the page: the
 * page's own colors never flash before it on a reload. The colors come from sheets registered for
 * the blog (src/first-paint.ts), which the page can neither read nor write; nothing of the skin is
 * kept in the page's own storage.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithEditor, openBlogPage, openEditor, type ExtensionSession } from '../support/extension';
import { computedStyle } from '../support/page-state';

const blogUrl = 'https://blog.csdn.net/colors_only';
const title = '.user-profile-head-name > div:first-child';

let session: ExtensionSession;
let home: Page;
let editor: Page;

beforeAll(async () => {
  ({ session, home, editor } = await launchWithEditor(blogUrl));
});

afterAll(async () => {
  await session?.close();
});

/** In the page's main world, before it parses: the title's color at the first frame the page is visible in. */
function probeFirstVisibleFrame(selector: string): void {
  const w = window as unknown as { titleAtFirstVisibleFrame?: string };
  const look = () => {
    const root = document.documentElement;
    const element = document.querySelector(selector);
    if (!root || !element || getComputedStyle(root).visibility === 'hidden' || getComputedStyle(root).opacity === '0') {
      requestAnimationFrame(look);
      return;
    }
    w.titleAtFirstVisibleFrame = getComputedStyle(element).color;
  };
  requestAnimationFrame(look);
}

describe('a skin of colors alone', () => {
  it('is in the first visible frame of every reload', async () => {
    await editor.getByLabel('主标题颜色', { exact: true }).fill('#C0392B');
    await expect.poll(() => computedStyle(home, title, 'color')).toBe('rgb(192, 57, 43)');
    // The editor registers the blog's first-paint sheets once the color is saved.
    await expect
      .poll(() => editor.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? [])), {
        timeout: 5000,
      })
      .toContain('https://blog.csdn.net/colors_only/*');
    await home.addInitScript(probeFirstVisibleFrame, title);
    await home.bringToFront();
    const seen: string[] = [];
    for (let reload = 0; reload < 10; reload++) {
      await home.reload({ waitUntil: 'load' });
      await expect.poll(() => home.evaluate(() => (window as unknown as { titleAtFirstVisibleFrame?: string }).titleAtFirstVisibleFrame)).toBeTruthy();
      seen.push(await home.evaluate(() => (window as unknown as { titleAtFirstVisibleFrame: string }).titleAtFirstVisibleFrame));
    }
    expect(seen).toEqual(Array(10).fill('rgb(192, 57, 43)'));
  });

  it('is registered for the next load even when the editor closes the moment the color is saved', async () => {
    // As a popup closes when the user clicks away: the editor gets no time after the save.
    const blog = 'quick_closer';
    const page = await openBlogPage(session, `https://blog.csdn.net/${blog}`);
    const quick = await openEditor(session, page);
    const [worker] = session.context.serviceWorkers();
    const stored = () => worker!.evaluate(async (key) => (await chrome.storage.local.get(key))[key] !== undefined, `skin:${blog}`);
    await quick.getByLabel('主标题颜色', { exact: true }).fill('#C0392B');
    await expect.poll(stored, { interval: 1 }).toBe(true);
    await quick.close();
    const matches = () => worker!.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? []));
    await expect.poll(matches, { timeout: 5000 }).toContain(`https://blog.csdn.net/${blog}/*`);
    await page.close();
  });

  it('keeps nothing in the blog’s own storage, and takes nothing from it', async () => {
    expect(await home.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('blog-skin-previewer')))).toEqual([]);
    // What an older version kept there, or a page wrote, is not read.
    await home.evaluate(() =>
      localStorage.setItem('blog-skin-previewer:colors_only', JSON.stringify({ schema: 2, enabled: true, colors: { title: '#2E86C1' }, images: {} })),
    );
    await home.reload({ waitUntil: 'load' });
    await expect.poll(() => home.evaluate(() => (window as unknown as { titleAtFirstVisibleFrame?: string }).titleAtFirstVisibleFrame)).toBe('rgb(192, 57, 43)');
    expect(await computedStyle(home, title, 'color')).toBe('rgb(192, 57, 43)');
  });

  it('is no longer registered once its colors are removed', async () => {
    await editor.getByLabel('主标题颜色', { exact: true }).fill('');
    await expect.poll(() => computedStyle(home, title, 'color')).not.toBe('rgb(192, 57, 43)');
    await expect
      .poll(() => editor.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? [])))
      .not.toContain('https://blog.csdn.net/colors_only/*');
  });
});
