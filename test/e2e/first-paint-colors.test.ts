/**
 * A skin of colors alone, the most common kind, is in the first frame that shows the page: the
 * page's own colors never flash before it on a reload.
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

  it('no longer holds the page once its colors are removed', async () => {
    await editor.getByLabel('主标题颜色', { exact: true }).fill('');
    await expect.poll(() => computedStyle(home, title, 'color')).not.toBe('rgb(192, 57, 43)');
    await expect
      .poll(() => editor.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? [])))
      .not.toContain('https://blog.csdn.net/colors_only/*');
  });
});
