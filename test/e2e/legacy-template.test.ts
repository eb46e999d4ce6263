/** The older template (2018–2020): the slot map's third layout, on a page built from its description. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDir, homeUrl, launchWithExtension, openBlogPage, openEditor, type ExtensionSession } from '../support/extension';
import { asUpload, drawImage } from '../support/images';
import { computedStyle, computedStyleSnapshot, near, pixelsOf } from '../support/page-state';

let session: ExtensionSession;

beforeAll(async () => {
  const legacy = readFileSync(join(fixtureDir, 'legacy.html'), 'utf8');
  session = await launchWithExtension({ pageOverrides: { 'home.html': legacy } });
});

afterAll(async () => {
  await session?.close();
});

describe('the older template', () => {
  it('gets every slot, and loses it all when turned off', async () => {
    const page = await openBlogPage(session, homeUrl);
    const before = await computedStyleSnapshot(page);
    const editor = await openEditor(session, page);
    await expect
      .poll(() => editor.getByText('本页可看到：博客头图、博客底图、栏目图、主标题颜色、Hover、副标题颜色').count())
      .toBe(1);

    const header = await drawImage(editor, { width: 1920, height: 100, type: 'image/png', stripes: ['#0F766E'] });
    const tile = await drawImage(editor, { width: 10, height: 10, type: 'image/png', stripes: ['#FDE68A'] });
    const column = await drawImage(editor, { width: 300, height: 38, type: 'image/png', stripes: ['#7C3AED'] });
    await editor.getByLabel('博客头图', { exact: true }).setInputFiles(asUpload('h.png', header, 'image/png'));
    await editor.getByLabel('博客底图', { exact: true }).setInputFiles(asUpload('b.png', tile, 'image/png'));
    await editor.getByLabel('栏目图', { exact: true }).setInputFiles(asUpload('c.png', column, 'image/png'));
    await editor.getByLabel('主标题颜色', { exact: true }).fill('#112233');
    await editor.getByLabel('Hover', { exact: true }).fill('#445566');
    await editor.getByLabel('副标题颜色', { exact: true }).fill('#778899');

    await expect.poll(() => computedStyle(page, '.title-blog a', 'color')).toBe('rgb(17, 34, 51)');
    expect(await computedStyle(page, '.title-box .description', 'color')).toBe('rgb(119, 136, 153)');
    expect(await computedStyle(page, 'body', 'background-image')).toContain('data:image/png');
    expect(await computedStyle(page, 'header > .container', 'background-position')).toBe('100% 50%');
    await page.bringToFront();
    const [band] = await pixelsOf(page, 'header > .container', [[600, 50]]);
    expect(near(band!, [0x0f, 0x76, 0x6e])).toBe(true);
    const [bar] = await pixelsOf(page, '#asideCategory .aside-title', [[290, 30]]);
    expect(near(bar!, [0x7c, 0x3a, 0xed])).toBe(true);
    const link = page.locator('.article-item-box h4 a').first();
    await link.hover();
    await expect.poll(() => link.evaluate((a) => getComputedStyle(a).color)).toBe('rgb(68, 85, 102)');
    await page.mouse.move(0, 0);

    await editor.getByRole('switch', { name: '预览' }).click();
    await expect.poll(async () => (await computedStyleSnapshot(page)).join('\n') === before.join('\n')).toBe(true);
  });
});
