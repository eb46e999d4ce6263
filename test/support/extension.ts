/**
 * Loads the built extension into Chromium with Playwright and serves the CSDN fixtures under
 * their real URLs, so the manifest's own match patterns are what runs. Used by the end-to-end
 * tests, `npm start` and `npm run bench`.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright';
import { chromiumLaunch } from '../chromium';
import { CANVAS_LAYERS_KEY } from '../../src/messages';

/** The Chrome build under test; `BSP_CHROME_DIST` names another (a deliberately broken copy, to see a test fail). */
export const chromeBuildDir = resolve(process.env.BSP_CHROME_DIST ?? 'dist/chrome');
export const fixtureDir = resolve('test/fixtures/csdn');

export const demoUser = 'baxiaoshi2020';
export const homeUrl = `https://blog.csdn.net/${demoUser}`;
export const articleUrl = `https://blog.csdn.net/${demoUser}/article/details/104234567`;

/**
 * The fixtures that reproduce one real page structure and year each (test/fixtures/csdn/README.md),
 * by the address each is served at: every one is a blog of its own, at an address of the shape
 * CSDN gives that kind of page.
 */
export const structurePages = {
  'home-2021.html': 'https://blog.csdn.net/yunxi2021',
  'home-2022.html': 'https://blog.csdn.net/yunxi2022',
  'home-2024.html': 'https://blog.csdn.net/yunxi2024',
  'article-2018.html': 'https://blog.csdn.net/yunxi2018/article/details/80412345',
  'article-2020.html': 'https://blog.csdn.net/yunxi2020/article/details/106612345',
  'article-2023.html': 'https://blog.csdn.net/yunxi2023/article/details/130412345',
  'column-2021.html': 'https://blog.csdn.net/lanting2021/category_9660418.html',
  // The older template's list pages (its home, `/article/list/<n>`, archives) share one structure.
  'legacy.html': 'https://blog.csdn.net/yunxi2019/article/list/2',
} as const;

/** Which fixture a blog URL is served from: a page of `structurePages`, an article page or the blog's home. */
export function fixtureFor(url: string): string | null {
  const { origin, hostname, pathname } = new URL(url);
  const structure = Object.entries(structurePages).find(([, page]) => page === origin + pathname);
  if (structure) return structure[0];
  const onMain = hostname === 'blog.csdn.net';
  if (!onMain && !hostname.endsWith('.blog.csdn.net')) return null;
  const parts = pathname.split('/').filter(Boolean);
  const rest = onMain ? parts.slice(1) : parts;
  if (onMain && parts.length === 0) return null;
  if (rest[0] === 'article' && rest[1] === 'details') return 'article.html';
  return rest.length === 0 ? 'home.html' : null;
}

/** A 1×1 transparent PNG: what every image request of a page is answered with. */
const BLANK_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==',
  'base64',
);

/** Removes a browser profile; a browser may still be writing right after it closes, so retry. */
export function removeProfileDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

/** Chrome's id for an unpacked extension: SHA-256 of its path, first 32 hex digits spelled a–p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

export interface LaunchOptions {
  headless?: boolean;
  /** Picks the `_locales` folder the UI uses. */
  lang?: 'zh-CN' | 'en-US';
  /** Reuse a profile (to test a browser restart); a fresh one is made otherwise. */
  profileDir?: string;
  /** Extra response headers for the fixture pages, such as a Content-Security-Policy. */
  pageHeaders?: Record<string, string>;
  /** Served instead of the fixture, keyed by fixture name; for pages a test builds itself. */
  pageOverrides?: Record<string, string>;
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  profileDir: string;
  /** Every request that left the browser's pages, fixtures included (none reaches a network). */
  requests: Request[];
  popupUrl(query?: string): string;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'bsp-profile-'));
  const launch = chromiumLaunch([
    `--disable-extensions-except=${chromeBuildDir}`,
    `--load-extension=${chromeBuildDir}`,
    `--lang=${options.lang ?? 'zh-CN'}`,
  ]);
  const removeProfile = () => removeProfileDir(profileDir);
  const context = await chromium
    .launchPersistentContext(profileDir, {
      ...launch,
      headless: options.headless ?? true,
      // The UI language picks the `_locales` folder; Debian's chromium-l10n holds the zh-CN pack.
      env: { ...process.env, LANGUAGE: (options.lang ?? 'zh-CN').replace('-', '_') },
      viewport: { width: 1400, height: 900 },
    })
    .catch((error: unknown) => {
      if (!options.profileDir) removeProfile();
      throw error;
    });
  const requests: Request[] = [];
  context.on('request', (request) => requests.push(request));
  // Nothing may reach a network: blog pages come from the fixtures, images are one blank pixel
  // (a real page's `<img onerror>` that swaps in a fallback would otherwise fail and swap again,
  // forever), everything else is refused.
  await context.route(/^https?:\/\//, (route) => {
    const url = route.request().url();
    if (route.request().resourceType() === 'image') {
      return route.fulfill({ status: 200, contentType: 'image/png', body: BLANK_PIXEL_PNG });
    }
    const fixture = fixtureFor(url);
    if (!fixture || route.request().resourceType() !== 'document') return route.abort('blockedbyclient');
    const body = options.pageOverrides?.[fixture] ?? readFileSync(join(fixtureDir, fixture), 'utf8');
    return route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: options.pageHeaders ?? {},
      body,
    });
  });
  const extensionId = unpackedExtensionId(chromeBuildDir);
  return {
    context,
    extensionId,
    profileDir,
    requests,
    popupUrl: (query = '') => `chrome-extension://${extensionId}/popup/index.html${query}`,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile && !options.profileDir) removeProfile();
    },
  };
}

/** Opens a blog page in a new tab and waits until it has loaded. */
export async function openBlogPage(session: ExtensionSession, url: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/**
 * The browser's tab id of `page`, asked of the extension (Playwright does not expose it). Several
 * tabs may show one address, so the page is told apart by a title of its own for the moment.
 */
export async function tabIdOf(session: ExtensionSession, page: Page): Promise<number> {
  const mark = `tab-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const title = await page.evaluate((mark) => {
    const before = document.title;
    document.title = mark;
    return before;
  }, mark);
  try {
    return await inExtensionPage(session, (probe) =>
      probe.evaluate(async (mark) => {
        // The title is visible to the extension with its host access, and changes a moment after it is set.
        for (let tries = 0; tries < 100; tries++) {
          const [tab] = await chrome.tabs.query({ title: mark });
          if (tab?.id !== undefined) return tab.id;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error(`no tab found with the title ${mark}`);
      }, mark),
    );
  } finally {
    await page.evaluate((title) => (document.title = title), title);
  }
}

/**
 * Whether the canvas layers' code is in `page`'s content-script world (it is injected only into
 * pages whose policy refuses `data:` images), asked of that world by the extension.
 */
export async function hasCanvasLayersCode(session: ExtensionSession, page: Page): Promise<boolean> {
  const tabId = await tabIdOf(session, page);
  return inExtensionPage(session, (probe) =>
    probe.evaluate(
      async ({ tabId, key }) => {
        const [result] = await chrome.scripting.executeScript({
          target: { tabId },
          func: (key: string) => typeof (globalThis as Record<string, unknown>)[key] === 'function',
          args: [key],
        });
        return result?.result === true;
      },
      { tabId, key: CANVAS_LAYERS_KEY },
    ),
  );
}

/** Runs `run` with a page of the extension's own (the popup's address, in a tab of its own), closed after. */
async function inExtensionPage<Result>(session: ExtensionSession, run: (probe: Page) => Promise<Result>): Promise<Result> {
  const probe = await session.context.newPage();
  try {
    await probe.goto(session.popupUrl());
    return await run(probe);
  } finally {
    await probe.close();
  }
}

/** A browser with the extension, a blog page at `url` (the demo blog's home by default), and the editor opened on it. */
export async function launchWithEditor(url = homeUrl): Promise<{ session: ExtensionSession; home: Page; editor: Page }> {
  const session = await launchWithExtension();
  const home = await openBlogPage(session, url);
  return { session, home, editor: await openEditor(session, home) };
}

/** The popup opened as a page of its own on the blog tab (`?tab=`), as a user would in a window. */
export async function openEditor(session: ExtensionSession, blogPage: Page): Promise<Page> {
  const tabId = await tabIdOf(session, blogPage);
  const editor = await session.context.newPage();
  await editor.goto(session.popupUrl(`?tab=${tabId}`));
  return editor;
}
