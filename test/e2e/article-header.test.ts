/**
 * A page is sent only the images of the slots it shows: an article page, which has no header
 * band, never gets the header image, and a page without a sidebar never gets the column image,
 * even when its script adds an element the slot's rule names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleUrl, fixtureDir, homeUrl, launchWithEditor, openBlogPage, type ExtensionSession } from '../support/extension';
import { asUpload, drawImage } from '../support/images';
import { computedStyle } from '../support/page-state';

let session: ExtensionSession;
let home: Page;
let editor: Page;

beforeAll(async () => {
  ({ session, home, editor } = await launchWithEditor());
  const header = await drawImage(editor, { width: 1920, height: 100, type: 'image/png', stripes: ['#1E3A8A', '#F59E0B'] });
  const tile = await drawImage(editor, { width: 100, height: 100, type: 'image/png', stripes: ['#FDF2F8'] });
  const column = await drawImage(editor, { width: 300, height: 38, type: 'image/png', stripes: ['#7C3AED'] });
  await editor.getByLabel('博客头图', { exact: true }).setInputFiles(asUpload('h.png', header, 'image/png'));
  await editor.getByLabel('博客底图', { exact: true }).setInputFiles(asUpload('b.png', tile, 'image/png'));
  await editor.getByLabel('栏目图', { exact: true }).setInputFiles(asUpload('c.png', column, 'image/png'));
  await home.waitForFunction(() =>
    ['.user-profile-head-banner', '#userSkin', '.aside-box > .aside-title'].every((selector) =>
      getComputedStyle(document.querySelector(selector)!).backgroundImage.startsWith('url("data:image/png'),
    ),
  );
});

afterAll(async () => {
  await session?.close();
});

describe('an article page of a blog whose skin has a header image', () => {
  it('gets the background but not the header, whatever element its script adds', async () => {
    const article = await openBlogPage(session, articleUrl);
    await expect.poll(() => computedStyle(article, 'body', 'background-image')).toMatch(/^url\("data:image\/png/);
    // The gate lists every image sheet in the page that is hidden: none of the header's is there.
    const gate = () => article.evaluate(() => document.documentElement.getAttribute('data-blog-skin') ?? '');
    expect(await gate()).not.toMatch(/header:/);
    // The page's script makes itself a header band after load and asks for its style.
    await article.evaluate(() => {
      const band = document.createElement('div');
      band.className = 'user-profile-head-banner';
      band.style.height = '100px';
      document.body.prepend(band);
    });
    await article.waitForTimeout(300);
    expect(await computedStyle(article, '.user-profile-head-banner', 'background-image')).toBe('none');
    expect(await gate()).not.toMatch(/header:/);
    // The header's own page still has it.
    expect(await computedStyle(home, '.user-profile-head-banner', 'background-image')).toMatch(/^url\("data:image\/png/);
    await article.close();
  });
});

describe('a page without a sidebar', () => {
  it('gets the header and background, never the column image, whatever element its script adds', async () => {
    const page = await session.context.newPage();
    // The home page with no sidebar title bar: its boxes' titles are of another class.
    const withoutSidebar = readFileSync(join(fixtureDir, 'home.html'), 'utf8').replaceAll('aside-title', 'aside-heading');
    await page.route(homeUrl, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: withoutSidebar }));
    await page.goto(homeUrl, { waitUntil: 'load' });
    await expect.poll(() => computedStyle(page, '.user-profile-head-banner', 'background-image')).toMatch(/^url\("data:image\/png/);
    const gate = () => page.evaluate(() => document.documentElement.getAttribute('data-blog-skin') ?? '');
    expect(await gate()).not.toMatch(/column:/);
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.className = 'aside-box';
      box.innerHTML = '<div class="aside-title" style="height: 38px">Added</div>';
      document.body.append(box);
    });
    await page.waitForTimeout(300);
    expect(await computedStyle(page, '.aside-box > .aside-title', 'background-image')).toBe('none');
    expect(await gate()).not.toMatch(/column:/);
    await page.close();
  });
});
