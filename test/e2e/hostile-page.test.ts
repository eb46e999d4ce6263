/**
 * A page's own scripts against the preview: they cannot read the skin, command the extension,
 * or undo the preview by editing, removing or out-ranking its styles, or by refusing its images.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUser, homeUrl, launchWithExtension, openBlogPage, openEditor, type ExtensionSession } from '../support/extension';
import { asUpload, drawImage } from '../support/images';
import { computedStyle, near, pixelsOf } from '../support/page-state';
import { cssUrl, describeImage, storedImageUrl, until } from '../support/stored-images';

let session: ExtensionSession;
let home: Page;
let tile: string;
const title = '.user-profile-head-name > div:first-child';
const titleColor = 'rgb(18, 52, 86)';

beforeAll(async () => {
  session = await launchWithExtension();
  home = await openBlogPage(session, homeUrl);
  const editor = await openEditor(session, home);
  const png = await drawImage(editor, { width: 8, height: 8, type: 'image/png', stripes: ['#EEDDCC'] });
  await editor.getByLabel('博客底图', { exact: true }).setInputFiles(asUpload('tile.png', png, 'image/png'));
  // The page is given the 100×100 PNG the editor cut and stored, never the picked file.
  const stored = () => storedImageUrl(editor, demoUser, 'background');
  tile = cssUrl(await until(stored, (url) => describeImage(url) === 'image/png 100×100'));
  await until(() => computedStyle(home, '#userSkin', 'background-image'), (shown) => shown === tile);
  await editor.getByLabel('主标题颜色', { exact: true }).fill('#123456');
  await home.waitForFunction(
    ([selector, color]) => getComputedStyle(document.querySelector(selector!)!).color === color,
    [title, titleColor],
  );
  await editor.close();
});

afterAll(async () => {
  await session?.close();
});

const skinShows = async () => {
  await expect.poll(() => computedStyle(home, '#userSkin', 'background-image')).toBe(tile);
  await expect.poll(() => computedStyle(home, title, 'color')).toBe(titleColor);
};

describe('a hostile page script', () => {
  it('finds no extension API to read the stored skin or to call', async () => {
    const reach = await home.evaluate(() => {
      const api = (globalThis as { chrome?: { storage?: unknown; runtime?: { sendMessage?: unknown } } }).chrome;
      return { storage: typeof api?.storage, sendMessage: typeof api?.runtime?.sendMessage };
    });
    expect(reach).toEqual({ storage: 'undefined', sendMessage: 'undefined' });
    // Nor the calls the content script offers the editor: they live in the extension's own world.
    expect(await home.evaluate(() => Object.keys(globalThis).filter((key) => key.startsWith('__blogSkin')))).toEqual([]);
  });

  it('cannot command the preview through window messages or DOM events', async () => {
    await home.evaluate(() => {
      for (const type of ['describe-page', 'off', 'disable', 'clear', 'set-skin']) {
        window.postMessage({ type, enabled: false, colors: { title: '#FF0000' } }, '*');
        document.dispatchEvent(new CustomEvent(type, { detail: { enabled: false } }));
      }
    });
    // A change from the editor after them: once the page shows it, the content script has had
    // every event the page sent before, and the skin is still on, following the editor alone.
    const editor = await openEditor(session, home);
    await editor.getByLabel('副标题颜色', { exact: true }).fill('#2E7D32');
    await expect.poll(() => computedStyle(home, '.user-profile-title', 'color')).toBe('rgb(46, 125, 50)');
    await editor.close();
    await skinShows();
  });

  it('gets the images back after taking the gate attribute off <html> or forging it', async () => {
    await home.evaluate(() => document.documentElement.removeAttribute('data-blog-skin'));
    await skinShows();
    await home.evaluate(() => document.documentElement.setAttribute('data-blog-skin', 'background:forged'));
    await skinShows();
  });

  it('gets the preview back after removing or emptying its styles', async () => {
    await home.evaluate(() => {
      for (const style of document.querySelectorAll('style')) {
        if (style.textContent?.includes('#userSkin')) style.textContent = '';
      }
    });
    await skinShows();
    await home.evaluate(() => {
      for (const style of document.querySelectorAll('html > style')) style.remove();
    });
    await skinShows();
    await home.evaluate(() => {
      for (const style of document.querySelectorAll('html > style')) style.setAttribute('media', 'not all');
    });
    await skinShows();
  });

  it('cannot out-rank the preview with styles it adds later', async () => {
    await home.evaluate(() => {
      // More specific than ours, !important, and later in the document.
      const late =
        'html body div#userSkin { background-image: none !important; } ' +
        'html body #userSkin .user-profile-head-name > div { color: #000 !important; }';
      const inHead = document.createElement('style');
      inHead.textContent = late;
      document.head.append(inHead);
      const atEnd = document.createElement('style');
      atEnd.textContent = late;
      document.documentElement.append(atEnd);
      // In a cascade layer of its own, put before everything: the first layer wins among important rules.
      const first = document.createElement('style');
      first.textContent = `@layer early { ${late} }`;
      document.documentElement.prepend(first);
    });
    await skinShows();
  });

  it('finds the skin on elements it re-renders', async () => {
    await home.evaluate(() => {
      const name = document.querySelector('.user-profile-head-name')!;
      name.replaceWith(name.cloneNode(true));
      const skin = document.getElementById('userSkin')!;
      skin.replaceWith(skin.cloneNode(true));
    });
    await skinShows();
  });

  it('finds the skin again after replacing <html> itself', async () => {
    await home.evaluate(() => {
      const fresh = document.documentElement.cloneNode(true) as HTMLElement;
      for (const style of fresh.querySelectorAll(':scope > style')) style.remove();
      fresh.removeAttribute('data-blog-skin');
      document.replaceChild(fresh, document.documentElement);
    });
    await skinShows();
  });

  // Last: it moves the preview to canvas layers for the rest of the page's life.
  it('still shows the images after adding a policy that refuses data: images, and breaking it on purpose', async () => {
    await home.setViewportSize({ width: 800, height: 700 });
    await home.evaluate(() => {
      const policy = document.createElement('meta');
      policy.httpEquiv = 'Content-Security-Policy';
      policy.content = "img-src 'self'";
      document.head.append(policy);
      const refused = new Image();
      refused.src = 'data:image/png;base64,iVBORw0KGgo=';
      document.body.append(refused);
    });
    // The browser's own violation event moves the images to canvas layers: drawn another way, not gone.
    await expect.poll(() => home.locator('canvas.bsp-skin-layer').count()).toBeGreaterThan(0);
    await expect
      .poll(async () => near((await pixelsOf(home, '.user-profile-body-inner', [[303, 200]]))[0]!, [0xee, 0xdd, 0xcc]))
      .toBe(true);
    expect(await computedStyle(home, title, 'color')).toBe(titleColor);
  });
});
