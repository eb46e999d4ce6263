/**
 * Turning the preview off leaves the page as it was, and nothing the page does afterwards brings
 * the skin back: not even taking the gate attribute away, which keeps the first-paint sheets off.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithEditor, type ExtensionSession } from '../support/extension';
import { asUpload, drawImage } from '../support/images';
import { computedStyle } from '../support/page-state';

let session: ExtensionSession;
let home: Page;
let editor: Page;

beforeAll(async () => {
  ({ session, home, editor } = await launchWithEditor());
});

afterAll(async () => {
  await session?.close();
});

const banner = '.user-profile-head-banner';
const title = '.user-profile-head-name > div:first-child';

describe('a page after the preview is turned off', () => {
  it('cannot show the skin again by taking the gate away or writing its own', async () => {
    const header = await drawImage(editor, { width: 1920, height: 100, type: 'image/png', stripes: ['#1E3A8A', '#F59E0B'] });
    await editor.getByLabel('博客头图', { exact: true }).setInputFiles(asUpload('h.png', header, 'image/png'));
    await editor.getByLabel('主标题颜色', { exact: true }).fill('#C0392B');
    await expect.poll(() => computedStyle(home, banner, 'background-image')).toMatch(/^url\("data:image\/png/);
    const titleBefore = 'rgb(192, 57, 43)';
    await expect.poll(() => computedStyle(home, title, 'color')).toBe(titleBefore);

    // A fresh load: its images come as sheets the browser inserts, its colors from the sheets
    // registered for its first paint, which stay in the page for its life.
    await home.reload();
    await expect.poll(() => computedStyle(home, banner, 'background-image')).toMatch(/^url\("data:image\/png/);
    await expect.poll(() => computedStyle(home, title, 'color')).toBe(titleBefore);

    await editor.getByRole('switch', { name: '预览' }).click();
    await expect.poll(() => computedStyle(home, banner, 'background-image')).toBe('none');
    await expect.poll(() => computedStyle(home, title, 'color')).not.toBe(titleBefore);
    // The gate switches the first-paint sheets off: a page that takes it away, or writes its own,
    // finds it back, and the inserted sheets are gone anyway.
    for (const write of ['remove', 'header:x colors']) {
      await home.evaluate((write) => {
        if (write === 'remove') document.documentElement.removeAttribute('data-blog-skin');
        else document.documentElement.setAttribute('data-blog-skin', write);
      }, write);
      await home.waitForTimeout(300);
      expect(await computedStyle(home, banner, 'background-image')).toBe('none');
      expect(await computedStyle(home, title, 'color')).not.toBe(titleBefore);
    }

    // On again: the skin is back.
    await editor.getByRole('switch', { name: '预览' }).click();
    await expect.poll(() => computedStyle(home, banner, 'background-image')).toMatch(/^url\("data:image\/png/);
    await expect.poll(() => computedStyle(home, title, 'color')).toBe(titleBefore);
  });
});
