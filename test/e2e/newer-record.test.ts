/**
 * A record saved by a newer version of the extension (after a downgrade, or synced from another
 * browser) is left alone: the editor says so instead of showing an empty skin that the next edit
 * would write over it.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUser, launchWithEditor, type ExtensionSession } from '../support/extension';

let session: ExtensionSession;
let editor: Page;
const key = `skin:${demoUser}`;
const newer = { schema: 99, enabled: true, colors: { title: '#123456' }, images: {}, layers: ['something new'] };

const stored = () => editor.evaluate(async (key) => (await chrome.storage.local.get(key))[key], key);

beforeAll(async () => {
  ({ session, editor } = await launchWithEditor());
});

afterAll(async () => {
  await session?.close();
});

describe('a skin saved by a newer version', () => {
  it('is named as such, offers no field to edit it, and stays as it was', async () => {
    await editor.evaluate(async ({ key, newer }) => chrome.storage.local.set({ [key]: newer }), { key, newer });
    const notice = editor.getByRole('alert').filter({ hasText: '由更新版本的博客皮肤预览保存' });
    // An editor open meanwhile switches to the notice too.
    await expect.poll(() => notice.count()).toBe(1);
    await editor.reload();
    await expect.poll(() => notice.count()).toBe(1);
    expect(await editor.getByLabel('主标题颜色', { exact: true }).count()).toBe(0);
    expect(await editor.getByLabel('博客头图', { exact: true }).count()).toBe(0);
    expect(await stored()).toEqual(newer);
  });
});
