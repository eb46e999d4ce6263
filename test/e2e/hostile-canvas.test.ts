/**
 * A page whose policy refuses `data:` images gets the preview on canvas layers. A script of that
 * page that removes every canvas anyone adds must not make the preview put them back so often
 * that the page's own event loop starves.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeUrl, launchWithExtension, openBlogPage, openEditor, type ExtensionSession } from '../support/extension';
import { asUpload, drawImage } from '../support/images';

let session: ExtensionSession;
let home: Page;
let editor: Page;

beforeAll(async () => {
  session = await launchWithExtension({ pageHeaders: { 'Content-Security-Policy': "img-src 'self'" } });
  home = await openBlogPage(session, homeUrl);
  editor = await openEditor(session, home);
});

afterAll(async () => {
  await session?.close();
});

describe('a page that removes every canvas layer', () => {
  it('gets them back within a budget, and its timers keep running', async () => {
    const column = await drawImage(editor, { width: 300, height: 38, type: 'image/png', stripes: ['#7C3AED'] });
    await editor.getByLabel('栏目图', { exact: true }).setInputFiles(asUpload('c.png', column, 'image/png'));
    await expect.poll(() => home.locator('canvas.bsp-skin-layer').count()).toBeGreaterThan(0);

    // The page's script: every canvas that arrives is taken out again.
    await home.evaluate(() => {
      const w = window as unknown as { removed: number };
      w.removed = 0;
      new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.addedNodes) {
            if (node.nodeName === 'CANVAS') {
              (node as Element).remove();
              w.removed++;
            }
          }
        }
      }).observe(document.documentElement, { childList: true, subtree: true });
      for (const canvas of document.querySelectorAll('canvas')) canvas.remove();
    });

    // A 0 ms timer of the page, two seconds into the fight: it must still run about on time.
    const lateness = await home.evaluate(
      () =>
        new Promise<number>((resolve) =>
          setTimeout(() => {
            const start = performance.now();
            setTimeout(() => resolve(performance.now() - start), 0);
          }, 2000),
        ),
    );
    const removed = await home.evaluate(() => (window as unknown as { removed: number }).removed);
    expect(lateness).toBeLessThan(500); // it ran seconds late before the budget
    // 20 repairs a second at most, for about two seconds
    expect(removed).toBeLessThan(100);
    expect(removed).toBeGreaterThan(0);
  });
});
