/** What outlives the browser, and the English UI. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { homeUrl, launchWithExtension, openBlogPage, openEditor } from '../support/extension';
import { computedStyle } from '../support/page-state';

const profileDir = mkdtempSync(join(tmpdir(), 'bsp-restart-'));
afterAll(() => rmSync(profileDir, { recursive: true, force: true }));

describe('a browser restart', () => {
  it('keeps the skin, stored as #RRGGBB however it was typed', async () => {
    const first = await launchWithExtension({ profileDir });
    const page = await openBlogPage(first, homeUrl);
    const editor = await openEditor(first, page);
    await editor.getByLabel('副标题颜色', { exact: true }).fill('#0af');
    await expect.poll(() => computedStyle(page, '.user-profile-title', 'color')).toBe('rgb(0, 170, 255)');
    await editor.getByLabel('副标题颜色', { exact: true }).blur();
    await expect.poll(() => editor.getByLabel('副标题颜色', { exact: true }).inputValue()).toBe('#00AAFF');
    await first.close();

    const second = await launchWithExtension({ profileDir });
    const again = await openBlogPage(second, homeUrl);
    expect(await computedStyle(again, '.user-profile-title', 'color')).toBe('rgb(0, 170, 255)');
    const editorAgain = await openEditor(second, again);
    await expect.poll(() => editorAgain.getByLabel('副标题颜色', { exact: true }).inputValue()).toBe('#00AAFF');
    await second.close();
  });
});

describe('the English UI', () => {
  it('names the fields and the switch in English', async () => {
    const session = await launchWithExtension({ lang: 'en-US' });
    try {
      const page = await openBlogPage(session, homeUrl);
      const editor = await openEditor(session, page);
      const labels = ['Header image', 'Background image', 'Column image', 'Title color', 'Hover color', 'Subtitle color'];
      for (const label of labels) {
        await expect.poll(() => editor.getByLabel(label, { exact: true }).count()).toBe(1);
      }
      await expect.poll(() => editor.getByRole('switch', { name: 'Preview' }).count()).toBe(1);
      await editor.getByLabel('Title color', { exact: true }).fill('#12345');
      await editor.getByLabel('Title color', { exact: true }).press('Enter');
      await expect
        .poll(() => editor.getByRole('alert').textContent())
        .toBe('“#12345” is not an RGB hex color such as #AFAFAF');
    } finally {
      await session.close();
    }
  });
});
