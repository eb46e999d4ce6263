/**
 * What every CSDN tab hears of an image save: `storage.onChanged` goes to each content script,
 * of every blog, with the changed values. A pick must send no image bytes along, neither the
 * picked file's nor the stored image's: only the record, a few hundred bytes, so a tab of another
 * blog pays next to nothing. The bytes are kept in the extension's IndexedDB.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUser, homeUrl, launchWithExtension, openBlogPage, openEditor, type ExtensionSession } from '../support/extension';
import { asUpload } from '../support/images';
import { describeImage, storedImageUrl } from '../support/stored-images';

let session: ExtensionSession;
let editor: Page;

beforeAll(async () => {
  session = await launchWithExtension();
  const home = await openBlogPage(session, homeUrl);
  editor = await openEditor(session, home);
});

afterAll(async () => {
  await session?.close();
});

describe('a 2 MB header picked', () => {
  it('is announced to the pages as its record alone, without image bytes', async () => {
    // A 1.9 MB PNG of noise, 4000×400: as heavy as CSDN allows.
    const heavy = await editor.evaluate(async () => {
      const canvas = new OffscreenCanvas(4000, 400);
      const context = canvas.getContext('2d')!;
      const pixels = context.createImageData(4000, 400);
      let seed = 7;
      for (let i = 0; i < pixels.data.length; i++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        pixels.data[i] = i % 4 === 3 ? 255 : (seed >>> 16) & 255;
      }
      context.putImageData(pixels, 0, 0);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.97 })).arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    });
    const file = Buffer.from(heavy, 'base64');
    expect(file.length).toBeGreaterThan(1024 * 1024);
    expect(file.length).toBeLessThanOrEqual(2 * 1024 * 1024);

    await editor.evaluate(() => {
      const w = window as unknown as { heard: Array<{ key: string; length: number }> };
      w.heard = [];
      chrome.storage.onChanged.addListener((changes) => {
        for (const [key, change] of Object.entries(changes)) w.heard.push({ key, length: JSON.stringify(change.newValue ?? null).length });
      });
    });
    await editor.getByLabel('博客头图', { exact: true }).setInputFiles(asUpload('heavy.jpg', file, 'image/jpeg'));
    // Saved: the record names the pick, and its stored image is there to read.
    await expect.poll(async () => describeImage(await storedImageUrl(editor, demoUser, 'header'))).toBe('image/png 1920×100');
    await editor.waitForTimeout(500);
    const heard = await editor.evaluate(() => (window as unknown as { heard: Array<{ key: string; length: number }> }).heard);
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.map(({ key }) => key)).toContain(`skin:${demoUser}`);
    // Besides the record, at most the first-paint registration's stamp (src/first-paint.ts).
    for (const { key } of heard) expect([`skin:${demoUser}`, `first-paint:${demoUser}`]).toContain(key);
    // The record with its image's facts; the stored 1920×100 PNG of noise alone is hundreds of KB.
    for (const { length } of heard) expect(length).toBeLessThan(2048);
  });
});
