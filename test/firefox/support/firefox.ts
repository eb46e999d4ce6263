/**
 * Installs the Firefox build into Firefox ESR and drives it with puppeteer-core over WebDriver
 * BiDi. The zip is the one `npm run package` ships, dropped into a fresh profile's extensions
 * folder with a fixed internal UUID, so its pages have a known moz-extension:// address. BiDi
 * will not navigate a tab to such an address, so Firefox opens the first extension page from its
 * command line, and every other one is opened by the extension itself (the popup's offer to edit
 * in a tab calls `tabs.create`).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { buildDir, zipBuild } from '../../../scripts/store-zip';
import { fixtureDir, fixtureFor, removeProfileDir } from '../../support/extension';
import { colorsInPng, readComputedStyles } from '../../support/page-state';

export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The Firefox build under test; `BSP_FIREFOX_DIST` names another (a deliberately broken copy, to see a test fail). */
export const firefoxBuildDir = process.env.BSP_FIREFOX_DIST ? resolve(process.env.BSP_FIREFOX_DIST) : buildDir('firefox');

export interface FirefoxOptions {
  /** The UI language, and so the `_locales` folder (zh-CN needs Debian's firefox-esr-l10n-zh-cn). */
  lang?: 'zh-CN' | 'en-US';
}

export interface FirefoxSession {
  browser: Browser;
  geckoId: string;
  /** Response headers for the fixture pages from now on, such as a Content-Security-Policy. */
  pageHeaders: Record<string, string>;
  /** Every http(s) request the blog pages made (none reaches a network). */
  requests: string[];
  /**
   * Every other request that left anything in the browser, which the blog pages' interception
   * never sees: http(s) requests of any other tab (the popup, the editor tab), as WebDriver BiDi
   * reports them, and whatever reached the browser's proxy, which Firefox is set to use for all its
   * traffic (the extension's background page and workers included; BiDi reports only tabs' requests).
   * The proxy refuses them all. Entries read `tab <url>` or `proxy <url or host:port>`.
   */
  otherRequests: string[];
  extensionUrl(path: string): string;
  /** The extension page Firefox opened at launch: `popup/index.html` with no `?tab=`. */
  launchPage(): Promise<Page>;
  /** Waits for a page of this extension whose address starts with `path`. */
  extensionPage(path: string): Promise<Page>;
  openBlogPage(url: string): Promise<Page>;
  /** Firefox's tab id of a blog page, asked of the extension (BiDi does not expose it). */
  tabIdOf(page: Page): Promise<number>;
  close(): Promise<void>;
}

export async function launchFirefox(options: FirefoxOptions = {}): Promise<FirefoxSession> {
  const manifest = JSON.parse(readFileSync(join(firefoxBuildDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  const geckoId = manifest.browser_specific_settings.gecko.id;
  const uuid = randomUUID();
  const profile = mkdtempSync(join(tmpdir(), 'bsp-firefox-'));
  mkdirSync(join(profile, 'extensions'));
  writeFileSync(join(profile, 'extensions', `${geckoId}.xpi`), zipBuild(firefoxBuildDir));
  const origin = `moz-extension://${uuid}`;
  const extensionUrl = (path: string) => `${origin}/${path}`;
  const otherRequests: string[] = [];
  const proxy = await refusingProxy((address) => otherRequests.push(`proxy ${address}`));
  const { port } = proxy.address() as AddressInfo;

  const browser = await puppeteer
    .launch({
      browser: 'firefox',
      executablePath: firefoxPath,
      protocol: 'webDriverBiDi',
      headless: true,
      userDataDir: profile,
      defaultViewport: { width: 1400, height: 900 },
      extraPrefsFirefox: {
        // An unsigned add-on from the profile's extensions folder, enabled without asking.
        'xpinstall.signatures.required': false,
        'extensions.autoDisableScopes': 0,
        'extensions.enabledScopes': 15,
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
        'intl.locale.requested': options.lang ?? 'zh-CN',
        // Every connection Firefox makes, from any of its parts, goes to the refusing proxy.
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': port,
        'network.proxy.share_proxy_settings': true,
        'network.proxy.no_proxies_on': '',
        // Firefox's own Remote Settings sync would knock at the proxy all through a run: a dummy
        // server instead, which Firefox honours only with MOZ_REMOTE_SETTINGS_DEVTOOLS set.
        'services.settings.server': 'data:,#remote-settings-dummy/v1',
      },
      args: [extensionUrl('popup/index.html')],
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    })
    .catch((error: unknown) => {
      proxy.close();
      rmSync(profile, { recursive: true, force: true });
      throw error;
    });

  // Puppeteer subscribes the session to BiDi's network events for every context: hear them all,
  // and keep those of contexts that are not blog pages (the blog pages' own are kept below).
  const blogContexts = new Set<string>();
  const bidi = (browser as unknown as { connection: { on(event: string, listener: (params: BeforeRequestSent) => void): void } })
    .connection;
  bidi.on('network.beforeRequestSent', ({ context, request }) => {
    if (/^https?:/.test(request.url) && !(context && blogContexts.has(context))) otherRequests.push(`tab ${request.url}`);
  });

  const pageHeaders: Record<string, string> = {};
  const requests: string[] = [];

  /**
   * Open pages with their real address. A tab the extension opens keeps reading `about:blank`
   * to BiDi, and a page that closed itself may linger in the list: ask each page where it is.
   */
  async function livePages(): Promise<Array<{ page: Page; href: string }>> {
    const found = await Promise.all(
      (await browser.pages()).map(async (page) => ({
        page,
        href: await page.evaluate(() => location.href).catch(() => null),
      })),
    );
    return found.filter((entry): entry is { page: Page; href: string } => entry.href !== null);
  }

  async function extensionPage(path: string): Promise<Page> {
    const prefix = extensionUrl(path);
    for (let tries = 0; tries < 100; tries++) {
      const found = (await livePages()).find(({ href }) => href.startsWith(prefix));
      if (found) return found.page;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no extension page at ${prefix}`);
  }

  /** Any open page of the extension, to ask its APIs. */
  const anyExtensionPage = () => extensionPage('');

  async function tabIdOf(page: Page): Promise<number> {
    const probe = await anyExtensionPage();
    const id = await probe.evaluate(async (url) => {
      const tabs = await globalThis.browser.tabs.query({ url });
      return tabs[0]?.id ?? -1;
    }, page.url());
    if (id < 0) throw new Error(`no tab found for ${page.url()}`);
    return id;
  }

  return {
    browser,
    geckoId,
    pageHeaders,
    requests,
    otherRequests,
    extensionUrl,
    launchPage: () => extensionPage('popup/index.html'),
    extensionPage,
    async openBlogPage(url) {
      const page = await browser.newPage();
      // BiDi names a tab by its browsing context id, which puppeteer keeps as the main frame's id.
      blogContexts.add((page.mainFrame() as unknown as { _id: string })._id);
      await page.setRequestInterception(true);
      // Nothing may reach a network: blog pages come from the fixtures, everything else is refused.
      page.on('request', (request) => {
        const address = request.url();
        if (/^https?:/.test(address)) requests.push(address);
        const fixture = request.isNavigationRequest() ? fixtureFor(address) : null;
        if (!fixture) return void request.abort('blockedbyclient');
        void request.respond({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          headers: { ...pageHeaders },
          body: readFileSync(join(fixtureDir, fixture), 'utf8'),
        });
      });
      await page.goto(url, { waitUntil: 'load' });
      return page;
    },
    tabIdOf,
    async close() {
      await browser.close();
      proxy.close();
      removeProfileDir(profile);
    },
  };
}

interface BeforeRequestSent {
  context: string | null;
  request: { url: string };
}

/** An HTTP proxy that refuses every request and tunnel, and tells `seen` of each. */
async function refusingProxy(seen: (address: string) => void): Promise<Server> {
  const server = createServer((request, response) => {
    seen(request.url ?? '');
    response.writeHead(403).end();
  });
  server.on('connect', (request: { url?: string }, socket: { end(data: string): void }) => {
    seen(request.url ?? '');
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/**
 * The control a visible label names, found as a user finds it: by the text of its `<label>`, or of
 * the `<legend>` an image field's file input is labelled by (`aria-labelledby`).
 */
export async function field(page: Page, label: string): Promise<ElementHandle<HTMLInputElement>> {
  const handle = await page.waitForFunction(
    (text) => {
      const labelled = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === text)?.control;
      if (labelled) return labelled as HTMLInputElement;
      const legend = [...document.querySelectorAll('legend')].find((l) => l.textContent?.trim() === text);
      return legend?.id ? (document.querySelector(`input[aria-labelledby~="${legend.id}"]`) as HTMLInputElement | null) : null;
    },
    { timeout: 10_000, polling: 100 },
    label,
  );
  return handle as ElementHandle<HTMLInputElement>;
}

/** An image field as a whole: the `<fieldset>` whose legend reads `label`. */
export async function imageGroup(page: Page, label: string): Promise<ElementHandle<HTMLFieldSetElement>> {
  const handle = await page.waitForFunction(
    (text) =>
      [...document.querySelectorAll('fieldset')].find((set) => set.querySelector(':scope > legend')?.textContent?.trim() === text),
    { timeout: 10_000, polling: 100 },
    label,
  );
  return handle as ElementHandle<HTMLFieldSetElement>;
}

/** A button by its text or accessible name. */
export async function button(page: Page, name: string): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await page.waitForFunction(
    (text) =>
      [...document.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === text || b.getAttribute('aria-label') === text,
      ),
    { timeout: 10_000, polling: 100 },
    name,
  );
  return handle as ElementHandle<HTMLButtonElement>;
}

/**
 * Waits until the page shows `text`. Polls by time: a page in a background tab gets no
 * animation frames, puppeteer's default. Patient: a first popup of a fresh Firefox on a busy
 * machine once took over 10 s to show its blog.
 */
export async function waitForText(page: Page, text: string): Promise<void> {
  await page.waitForFunction((wanted) => document.body.innerText.includes(wanted), { timeout: 30_000, polling: 100 }, text);
}

export function computedStyle(page: Page, selector: string, property: string): Promise<string> {
  return page.$eval(selector, (element, name) => getComputedStyle(element).getPropertyValue(name), property);
}

/** Every element's full computed style, as the Chromium tests read it. */
export const computedStyleSnapshot = (page: Page): Promise<string[]> => page.evaluate(readComputedStyles);

/**
 * The colors at `points` of a screenshot of `selector` in `page`, decoded in `decoder` (an
 * extension page, which no blog page policy touches).
 */
export async function pixelsOf(
  page: Page,
  decoder: Page,
  selector: string,
  points: Array<[x: number, y: number]>,
): Promise<Array<[number, number, number]>> {
  const element = await page.$(selector);
  if (!element) throw new Error(`no ${selector} on the page`);
  const base64 = await element.screenshot({ encoding: 'base64' });
  return decoder.evaluate(colorsInPng, { base64, points });
}

/** A PNG or JPEG of one or more vertical stripes, drawn by Firefox's own canvas, as bytes. */
export async function drawImage(
  page: Page,
  spec: { width: number; height: number; type: 'image/png' | 'image/jpeg'; stripes: string[] },
): Promise<Buffer> {
  const base64 = await page.evaluate(async ({ width, height, type, stripes }) => {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d')!;
    stripes.forEach((color, i) => {
      context.fillStyle = color;
      context.fillRect(Math.floor((i * width) / stripes.length), 0, Math.ceil(width / stripes.length), height);
    });
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type, quality: 0.95 })).arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }, spec);
  return Buffer.from(base64, 'base64');
}
