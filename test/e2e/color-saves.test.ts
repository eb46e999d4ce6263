/**
 * A color field never disagrees with what is stored once its saves settle, however fast the user
 * types: a value typed back to the stored one while a save is on its way is saved too.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUser, launchWithEditor, type ExtensionSession } from '../support/extension';
import { computedStyle } from '../support/page-state';

let session: ExtensionSession;
let home: Page;
let editor: Page;

const titleSelector = '.user-profile-head-name > div:first-child';

/** The title color in the stored record, read as the extension reads it. */
const storedTitle = () =>
  editor.evaluate(async (key) => {
    const record = (await chrome.storage.local.get(key))[key] as { colors?: { title?: string } } | undefined;
    return record?.colors?.title ?? null;
  }, `skin:${demoUser}`);

/** Types each value into the title field within one task, as fast as no person could. */
const typeAtOnce = (values: string[]) =>
  editor.getByLabel('主标题颜色', { exact: true }).evaluate((input, values) => {
    for (const value of values) {
      (input as HTMLInputElement).value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }, values);

beforeAll(async () => {
  ({ session, home, editor } = await launchWithEditor());
});

afterAll(async () => {
  await session?.close();
});

describe('a color typed back to the stored one while its save runs', () => {
  it('is stored and painted, not skipped', async () => {
    await typeAtOnce(['#000000']);
    await expect.poll(storedTitle).toBe('#000000');

    await typeAtOnce(['#111111', '#000000']);
    // Both saves settle; the last one typed wins, in storage and on the page.
    await expect.poll(storedTitle).toBe('#000000');
    await editor.waitForTimeout(300);
    expect(await storedTitle()).toBe('#000000');
    expect(await computedStyle(home, titleSelector, 'color')).toBe('rgb(0, 0, 0)');
    expect(await editor.getByLabel('主标题颜色', { exact: true }).inputValue()).toBe('#000000');
  });

  it('survives the text being cleared and retyped to the same color', async () => {
    await typeAtOnce(['#2C3E50']);
    await expect.poll(storedTitle).toBe('#2C3E50');
    await typeAtOnce(['', '#2C3E50']);
    await editor.waitForTimeout(300);
    expect(await storedTitle()).toBe('#2C3E50');
    expect(await computedStyle(home, titleSelector, 'color')).toBe('rgb(44, 62, 80)');
  });
});
