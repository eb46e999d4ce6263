/**
 * A report-only policy blocks nothing, though it fires the same violation events: the preview
 * must keep its CSS images there, not move them to canvas layers.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasCanvasLayersCode, homeUrl, launchWithExtension, openBlogPage, openEditor, type ExtensionSession } from '../support/extension';
import { asUpload, drawImage } from '../support/images';
import { computedStyle } from '../support/page-state';

let session: ExtensionSession;
let home: Page;
let editor: Page;
const violations: string[] = [];

beforeAll(async () => {
  session = await launchWithExtension({ pageHeaders: { 'Content-Security-Policy-Report-Only': "img-src 'self'" } });
  home = await openBlogPage(session, homeUrl);
  await home.exposeFunction('reportViolation', (disposition: string) => violations.push(disposition));
  await home.evaluate(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation(disposition: string): void }).reportViolation(event.disposition),
    ),
  );
  editor = await openEditor(session, home);
});

afterAll(async () => {
  await session?.close();
});

describe('a page with a report-only image policy', () => {
  it('keeps the images as CSS images, with no canvas layers', async () => {
    const tile = await drawImage(editor, { width: 100, height: 100, type: 'image/png', stripes: ['#DB2777'] });
    await editor.getByLabel('博客底图', { exact: true }).setInputFiles(asUpload('b.png', tile, 'image/png'));
    // the policy reported the data: image...
    await expect.poll(() => violations.includes('report')).toBe(true);
    // ...which still shows as the skin's CSS image, and nothing was laid on canvas
    await expect.poll(() => computedStyle(home, '#userSkin', 'background-image')).toMatch(/^url\("data:image\/png;base64,/);
    await home.waitForTimeout(200);
    expect(await computedStyle(home, '#userSkin', 'background-image')).toMatch(/^url\("data:image\/png;base64,/);
    expect(await home.locator('canvas').count()).toBe(0);
    // ...nor was the canvas layers' code brought in
    expect(await hasCanvasLayersCode(session, home)).toBe(false);
  });
});
