/**
 * A write that fails (a full disk, a quota) is shown with what to do, and loses nothing; a slow
 * one does not keep a picked image or a typed color off the page.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUser, homeUrl, launchWithExtension, openBlogPage, openEditor, type ExtensionSession } from '../support/extension';
import { asUpload, drawImage } from '../support/images';
import { computedStyle, computedStyleSnapshot, near, pixelsOf } from '../support/page-state';
import { cssUrl, storedImageUrl } from '../support/stored-images';

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchWithExtension();
  // In extension pages only: storage.local.set fails while `failWrites` is true, as on a full disk.
  await session.context.addInitScript(() => {
    const local = (globalThis as { chrome?: { storage?: { local?: { set: (...args: unknown[]) => unknown } } } }).chrome
      ?.storage?.local;
    if (!local) return;
    const realSet = local.set.bind(local);
    local.set = (...args: unknown[]) => {
      const test = globalThis as { failWrites?: boolean; slowWrites?: Promise<void> };
      if (test.failWrites) throw new Error('QUOTA_BYTES quota exceeded');
      // While `slowWrites` is pending, writes wait for it, as on a slow disk.
      return test.slowWrites ? test.slowWrites.then(() => realSet(...args)) : realSet(...args);
    };
  });
});

afterAll(async () => {
  await session?.close();
});

/** From now on the editor's writes wait, as on a slow disk, until `finishWrites`. */
const holdWrites = (editor: Page) =>
  editor.evaluate(() => {
    const test = globalThis as { slowWrites?: Promise<void>; finishWrites?: () => void };
    test.slowWrites = new Promise((resolve) => (test.finishWrites = resolve));
  });

const finishWrites = (editor: Page) => editor.evaluate(() => (globalThis as { finishWrites?: () => void }).finishWrites?.());

describe('a failing save', () => {
  it('tells the user, keeps the page as it was, and the next save works', async () => {
    const home = await openBlogPage(session, homeUrl);
    const editor = await openEditor(session, home);
    const titleField = editor.getByLabel('主标题颜色', { exact: true });
    await titleField.fill('#224466');
    await expect.poll(() => computedStyle(home, '.user-profile-head-name > div', 'color')).toBe('rgb(34, 68, 102)');
    const before = await computedStyleSnapshot(home);

    await editor.evaluate(() => ((globalThis as { failWrites?: boolean }).failWrites = true));
    const header = await drawImage(editor, { width: 1920, height: 100, type: 'image/png', stripes: ['#336699'] });
    await editor.getByLabel('博客头图', { exact: true }).setInputFiles(asUpload('header.png', header, 'image/png'));
    const alert = editor.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('保存失败（QUOTA_BYTES quota exceeded）。皮肤未改变');
    await titleField.fill('#FF0000');
    await expect.poll(() => alert.count()).toBe(2);
    // The color shown ahead of its save is taken back as the save fails.
    await expect.poll(() => computedStyleSnapshot(home)).toEqual(before);
    // The header shown ahead of its save was taken back: nothing of it is left in the page.
    const imageNodes = () =>
      home.locator('style').evaluateAll((nodes) => nodes.filter((node) => node.textContent?.includes('data:image')).length);
    expect(await imageNodes()).toBe(0);

    await editor.evaluate(() => ((globalThis as { failWrites?: boolean }).failWrites = false));
    await editor.getByLabel('博客头图', { exact: true }).setInputFiles(asUpload('header.png', header, 'image/png'));
    await expect.poll(() => computedStyle(home, '.user-profile-head-banner', 'background-image')).toContain('data:image/png');
  });
});

describe('a slow save', () => {
  it('does not keep a picked image off the page, which keeps it once saved', async () => {
    const home = await openBlogPage(session, homeUrl);
    const editor = await openEditor(session, home);
    await holdWrites(editor);
    const column = await drawImage(editor, { width: 300, height: 38, type: 'image/png', stripes: ['#7C3AED'] });
    await editor.getByLabel('栏目图', { exact: true }).setInputFiles(asUpload('column.png', column, 'image/png'));
    const columnImage = () => computedStyle(home, '.aside-box > .aside-title', 'background-image');
    await expect.poll(columnImage).toContain('data:image/png');
    const stored = async () => (await storedImageUrl(editor, demoUser, 'column')) !== null;
    expect(await stored()).toBe(false);

    await finishWrites(editor);
    await expect.poll(stored).toBe(true);
    expect(await columnImage()).toContain('data:image/png');
    await home.reload();
    expect(await columnImage()).toContain('data:image/png');

    // The reloaded page hears the editor too: the editor asks it again once it has loaded.
    await holdWrites(editor);
    const green = await drawImage(editor, { width: 300, height: 38, type: 'image/png', stripes: ['#10B981'] });
    await editor.getByLabel('栏目图', { exact: true }).setInputFiles(asUpload('green.png', green, 'image/png'));
    // green on the page while its save waits: the cut of the new pick, not the stored purple one
    await home.bringToFront();
    await expect.poll(async () => near((await pixelsOf(home, '#asideCategory .aside-title', [[290, 30]]))[0]!, [0x10, 0xb9, 0x81])).toBe(true);
    const shownEarly = await columnImage();
    await finishWrites(editor);
    // once written, what is stored is what the page showed ahead of the save
    await expect.poll(async () => cssUrl(await storedImageUrl(editor, demoUser, 'column'))).toBe(shownEarly);
  });

  it('does not keep typed colors off the page, which keeps the last once both are saved', async () => {
    const home = await openBlogPage(session, homeUrl);
    const editor = await openEditor(session, home);
    await holdWrites(editor);
    const titleColor = () => computedStyle(home, '.user-profile-head-name > div', 'color');
    const storedTitle = () =>
      editor.evaluate(async () => {
        const record = Object.entries(await chrome.storage.local.get(null)).find(([key]) => key.startsWith('skin:'))?.[1];
        return (record as { colors?: { title?: string } } | undefined)?.colors?.title ?? null;
      });
    const field = editor.getByLabel('主标题颜色', { exact: true });
    await field.fill('#123456');
    await expect.poll(titleColor).toBe('rgb(18, 52, 86)');
    await field.fill('#654321');
    await expect.poll(titleColor).toBe('rgb(101, 67, 33)');
    expect(await storedTitle()).not.toBe('#654321');
    // Every color the title shows from now on, as the page's own script would see it.
    await home.evaluate(() => {
      const title = document.querySelector('.user-profile-head-name > div')!;
      const seen: string[] = [];
      (window as unknown as { seenColors: string[] }).seenColors = seen;
      new MutationObserver(() => seen.push(getComputedStyle(title).color)).observe(document.documentElement, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    });

    await finishWrites(editor);
    await expect.poll(storedTitle).toBe('#654321');
    expect(await titleColor()).toBe('rgb(101, 67, 33)');
    // The first save's record landed in between, and did not paint its older color over the newer one.
    const seen = await home.evaluate(() => (window as unknown as { seenColors: string[] }).seenColors);
    expect(seen).not.toContain('rgb(18, 52, 86)');
    await home.reload();
    expect(await titleColor()).toBe('rgb(101, 67, 33)');
  });
});
