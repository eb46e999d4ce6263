/**
 * Damaged storage in the editor: a record pointing at image bytes that are gone, or at something
 * that is not an image data URL at all. The editor says what is wrong and loads nothing.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageKey, SKIN_SCHEMA, skinKey } from '../../src/skin';
import { demoUser, launchWithEditor, type ExtensionSession } from '../support/extension';
import { storedImageInfo } from '../support/skin-records';

let session: ExtensionSession;
let editor: Page;

const group = (name: string) => editor.getByRole('group', { name, exact: true });

beforeAll(async () => {
  ({ session, editor } = await launchWithEditor());
  const record = {
    schema: SKIN_SCHEMA,
    enabled: true,
    colors: {},
    images: { header: storedImageInfo('h1', 'header'), column: storedImageInfo('c1', 'column') },
  };
  await editor.evaluate(
    async (items) => chrome.storage.local.set(items),
    // The header's bytes are missing; the column's "bytes" are an address on the web.
    { [skinKey(demoUser)]: record, [imageKey(demoUser, 'column')]: 'https://images.example.com/column.png' },
  );
  await editor.reload();
});

afterAll(async () => {
  await session?.close();
});

describe('an image record whose bytes are missing or not an image', () => {
  it('says the image is missing, offers the picker again, and shows no download', async () => {
    for (const name of ['博客头图', '栏目图']) {
      await expect.poll(() => group(name).getByRole('alert').count()).toBe(1);
      expect(await group(name).getByRole('alert').innerText()).toContain('数据已丢失');
      expect(await group(name).getByRole('button', { name: '下载' }).count()).toBe(0);
      expect(await editor.getByLabel(name, { exact: true }).getAttribute('type')).toBe('file');
    }
    // The background's field has no image and no alert.
    expect(await group('博客底图').getByRole('alert').count()).toBe(0);
  });

  it('loads nothing from the address a damaged record names', async () => {
    expect(await editor.locator('img[src^="https:"]').count()).toBe(0);
    expect(session.requests.map((request) => request.url()).filter((url) => url.includes('images.example.com'))).toEqual([]);
  });
});
