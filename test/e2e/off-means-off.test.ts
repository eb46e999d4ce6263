/**
 * Turning the preview off leaves the page as it was, and nothing the page does afterwards brings
 * the skin back: not even writing back the gate attribute it read while the preview was on.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeUrl, launchWithExtension, openBlogPage, openEditor, type ExtensionSession } from '../support/extension';
import { asUpload, drawImage } from '../support/images';
import { computedStyle } from '../support/page-state';

let session: ExtensionSession;
let home: Page;
let editor: Page;

beforeAll(async () => {
  session = await launchWithExtension();
  home = await openBlogPage(session, homeUrl);
  editor = await openEditor(session, home);
});

afterAll(async () => {
  await session?.close();
});

const banner = '.user-profile-head-banner';
const title = '.user-profile-head-name > div:first-child';

describe('a page after the preview is turned off', () => {
  it('cannot show the skin again by writing back the gate', async () => {
    const header = await drawImage(editor, { width: 1920, height: 100, type: 'image/png', stripes: ['#1E3A8A', '#F59E0B'] });
    await editor.getByLabel('博客头图', { exact: true }).setInputFiles(asUpload('h.png', header, 'image/png'));
    await editor.getByLabel('主标题颜色', { exact: true }).fill('#C0392B');
    await expect.poll(() => computedStyle(home, banner, 'background-image')).toMatch(/^url\("data:image\/png/);
    const titleBefore = 'rgb(192, 57, 43)';
    await expect.poll(() => computedStyle(home, title, 'color')).toBe(titleBefore);

    // A fresh load: its images and colors come as sheets the browser inserts.
    await home.reload();
    await expect.poll(() => computedStyle(home, banner, 'background-image')).toMatch(/^url\("data:image\/png/);
    const gate = await home.evaluate(() => document.documentElement.getAttribute('data-blog-skin'));
    expect(gate).toMatch(/header:/);

    await editor.getByRole('switch', { name: '预览' }).click();
    await expect.poll(() => computedStyle(home, banner, 'background-image')).toBe('none');
    await home.evaluate((gate) => document.documentElement.setAttribute('data-blog-skin', gate!), gate);
    await home.waitForTimeout(300);
    expect(await home.evaluate(() => document.documentElement.getAttribute('data-blog-skin'))).toBe(gate);
    expect(await computedStyle(home, banner, 'background-image')).toBe('none');
    expect(await computedStyle(home, title, 'color')).not.toBe(titleBefore);

    // On again: the skin is back.
    await home.evaluate(() => document.documentElement.removeAttribute('data-blog-skin'));
    await editor.getByRole('switch', { name: '预览' }).click();
    await expect.poll(() => computedStyle(home, banner, 'background-image')).toMatch(/^url\("data:image\/png/);
    await expect.poll(() => computedStyle(home, title, 'color')).toBe(titleBefore);
  });
});
