/** Two editors of one blog, in two tabs: each shows what the other stored, and no edit is lost. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeUrl, launchWithExtension, openBlogPage, openEditor, type ExtensionSession } from '../support/extension';
import { computedStyle } from '../support/page-state';

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchWithExtension();
});

afterAll(async () => {
  await session?.close();
});

describe('two editors of one blog', () => {
  it('follow each other, so typing back an earlier color still reaches the page', async () => {
    const page = await openBlogPage(session, homeUrl);
    const first = await openEditor(session, page);
    const second = await openEditor(session, page);
    const title = (editor: typeof first) => editor.getByLabel('主标题颜色', { exact: true });

    // (Playwright keeps every page focused, so each field is left as a user leaves a tab.)
    await title(first).fill('#111111');
    await title(first).blur();
    await expect.poll(() => computedStyle(page, '.user-profile-head-name > div', 'color')).toBe('rgb(17, 17, 17)');
    await expect.poll(() => title(second).inputValue()).toBe('#111111');

    await title(second).fill('#222222');
    await expect.poll(() => computedStyle(page, '.user-profile-head-name > div', 'color')).toBe('rgb(34, 34, 34)');
    await title(second).blur();
    await expect.poll(() => title(first).inputValue()).toBe('#222222');

    await title(first).fill('#111111');
    await expect.poll(() => computedStyle(page, '.user-profile-head-name > div', 'color')).toBe('rgb(17, 17, 17)');
  });
});
