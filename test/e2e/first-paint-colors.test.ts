/**
 * A skin of colors alone, the most common kind, is in the first frame that shows the page: the
 * page's own colors never flash before it on a reload. From the second load on, it is painted at
 * document start from a copy in the blog's own localStorage, which a page can write to: what is
 * read from there is checked, and the stored record has the last word.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openBlogPage, openEditor, type ExtensionSession } from '../support/extension';
import { computedStyle } from '../support/page-state';

const blogUrl = 'https://blog.csdn.net/colors_only';
const title = '.user-profile-head-name > div:first-child';

let session: ExtensionSession;
let home: Page;
let editor: Page;

beforeAll(async () => {
  session = await launchWithExtension();
  home = await openBlogPage(session, blogUrl);
  editor = await openEditor(session, home);
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
    // The editor registers the hold once the color is saved: a next load is held from then on.
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

  it('is held from the next load on even when the editor closes the moment the color is saved', async () => {
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

  it('is painted at document start from the copy kept in the blog’s own storage, which the record then corrects', async () => {
    const kept = () => home.evaluate(() => localStorage.getItem('blog-skin-previewer:colors_only'));
    expect(JSON.parse((await kept())!)).toMatchObject({ enabled: true, colors: { title: '#C0392B' } });
    // A copy older than the record (as a tab of another address of the blog would leave it) is
    // painted first, before storage answers; the record follows and wins.
    await home.evaluate(() =>
      localStorage.setItem('blog-skin-previewer:colors_only', JSON.stringify({ schema: 2, enabled: true, colors: { title: '#2E86C1' }, images: {} })),
    );
    // The skin's colors sheet each time the page's DOM changes, as the page's own script could read it.
    await home.addInitScript(() => {
      const w = window as unknown as { colorsSeen: string[] };
      w.colorsSeen = [];
      new MutationObserver(() => {
        const ours = [...document.querySelectorAll('style')].find((node) => node.textContent?.includes('@layer blog-skin-previewer'));
        const layer = ours?.sheet?.cssRules[0] as CSSLayerBlockRule | undefined;
        if (layer) w.colorsSeen.push([...layer.cssRules].map((rule) => rule.cssText).join(' '));
      }).observe(document, { childList: true, subtree: true });
    });
    await home.reload({ waitUntil: 'load' });
    await expect.poll(() => computedStyle(home, title, 'color')).toBe('rgb(192, 57, 43)');
    const seen = await home.evaluate(() => (window as unknown as { colorsSeen: string[] }).colorsSeen);
    // Painted from the copy first; the record's color then replaced it (in place: the same node).
    expect(seen[0]).toContain('rgb(46, 134, 193)');
    await expect.poll(() => home.evaluate(() => [...document.querySelectorAll('style')].filter((node) => node.textContent?.includes('@layer blog-skin-previewer')).length)).toBe(1);
    expect(JSON.parse((await kept())!)).toMatchObject({ colors: { title: '#C0392B' } });
  });

  it('takes nothing from a copy the page wrote that is not a skin', async () => {
    await home.evaluate(() =>
      localStorage.setItem(
        'blog-skin-previewer:colors_only',
        JSON.stringify({ schema: 2, enabled: true, colors: { title: 'red; } * { color: rgb(1, 2, 3) !important; } x {' }, images: {} }),
      ),
    );
    await home.reload({ waitUntil: 'load' });
    await expect.poll(() => home.evaluate(() => (window as unknown as { titleAtFirstVisibleFrame?: string }).titleAtFirstVisibleFrame)).toBe('rgb(192, 57, 43)');
    expect(await computedStyle(home, '.user-profile-title', 'color')).not.toBe('rgb(1, 2, 3)');
  });

  it('no longer holds the page once its colors are removed', async () => {
    await editor.getByLabel('主标题颜色', { exact: true }).fill('');
    await expect.poll(() => computedStyle(home, title, 'color')).not.toBe('rgb(192, 57, 43)');
    await expect
      .poll(() => editor.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? [])))
      .not.toContain('https://blog.csdn.net/colors_only/*');
    // and the copy for the next load's first frame is gone with them
    expect(await home.evaluate(() => localStorage.getItem('blog-skin-previewer:colors_only'))).toBeNull();
  });
});
