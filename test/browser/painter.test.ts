/**
 * The content side in a real page: the style nodes the extension owns, and the painter that turns
 * a stored skin into what the blog looks like. Assertions read computed styles, which is what a
 * visitor sees.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { SkinPainter, type AskForSheets, type LoadCanvasLayers } from '../../content/painter';
import { isComplete, startFirstLoad } from '../../content/first-load';
import { CanvasLayers } from '../../content/canvas-layers';
import { StyleOwner } from '../../content/style-owner';
import type { HexColor } from '../../src/color';
import type { ColorSlot, ImageSlot } from '../../src/rules';
import { imageKey, SKIN_SCHEMA, skinKey, type PageSkin } from '../../src/skin';
import { inSkinLayer, SHEET_GATE } from '../../src/skin-css';
import { colorDigitFile, colorRuleFile, firstPaintFiles, firstPaintOf, firstPaintPartsOf, MAX_WAIT_MS, waitFile } from '../../src/first-paint';
import { firstPaintSheets } from '../../src/first-paint-sheets';
import { InsertedSheets, type CssInjector } from '../../background/inserted-sheets';
import { readStoredImage } from '../../src/stored-images';
import { makeJpeg, makePng, toBase64 } from './make-files';

const root = document.documentElement;

/** Lets MutationObserver callbacks (microtasks) run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const computed = (selector: string) => getComputedStyle(find(selector));

function find(selector: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(selector);
  if (!element) throw new Error(`no ${selector}`);
  return element;
}

/** The first `count` children of <html>: where the owner's style nodes stand. */
const headOfRoot = (count: number) => [...root.children].slice(0, count);

/** CSS as the painter writes it: `!important`, in the skin's cascade layer. */
const skinRule = (declarations: string) => inSkinLayer(`.probe { ${declarations} !important; }`);

describe('StyleOwner', () => {
  let owner: StyleOwner<'a' | 'b'>;
  let probe: HTMLElement;
  const pageNodes: Element[] = [];

  beforeEach(() => {
    owner = new StyleOwner(document, 'data-owned');
    probe = document.body.appendChild(document.createElement('p'));
    probe.className = 'probe';
  });

  afterEach(async () => {
    owner.clear();
    probe.remove();
    for (const node of pageNodes.splice(0)) node.remove();
    await settle();
  });

  /** What a page script does after the extension has painted. */
  function pageAppends(tag: string, text = '', parent: Element = root): Element {
    const node = document.createElement(tag);
    node.textContent = text;
    parent.append(node);
    pageNodes.push(node);
    return node;
  }

  /**
   * Sets a part while a page script (`rival`, a MutationObserver callback on <html>'s children)
   * answers every change of ours with one of its own: both would answer each other forever inside
   * one microtask checkpoint without the owner's budget. A breaker ends the fight after 1000 changes
   * so a test can never hang.
   */
  async function fight(rival: () => void): Promise<{ broken: boolean; removals: number }> {
    const page = new MutationObserver(rival);
    let changes = 0;
    let removals = 0;
    let broken = false;
    const breaker = new MutationObserver((records) => {
      changes += records.length;
      removals += records.reduce((sum, record) => sum + record.removedNodes.length, 0);
      if (changes < 1000) return;
      broken = true;
      page.disconnect();
      owner.clear();
      breaker.disconnect();
    });
    breaker.observe(root, { childList: true });
    page.observe(root, { childList: true });
    try {
      owner.set('a', skinRule('color: rgb(0, 0, 255)'));
      await settle();
      return { broken, removals };
    } finally {
      page.disconnect();
      breaker.disconnect();
    }
  }

  test('its style nodes are the first children of <html>, in the order first set', () => {
    owner.set('a', skinRule('color: rgb(0, 0, 255)'));
    owner.set('b', skinRule('background-color: rgb(0, 128, 0)'));
    const head = headOfRoot(2);
    expect(head.map((node) => node.localName)).toEqual(['style', 'style']);
    expect(head.map((node) => node.textContent)).toEqual([skinRule('color: rgb(0, 0, 255)'), skinRule('background-color: rgb(0, 128, 0)')]);
    expect(getComputedStyle(probe).color).toBe('rgb(0, 0, 255)');
  });

  test('the page’s later rules do not win, whether unlayered or in layers of its own, and its nodes are left where it put them', async () => {
    owner.set('a', skinRule('color: rgb(0, 0, 255)'));
    owner.set('b', skinRule('background-color: rgb(0, 128, 0)'));
    const ours = headOfRoot(2);
    const pageStyle = pageAppends('style', '.probe { color: rgb(255, 0, 0) !important; background-color: rgb(255, 0, 0) !important }');
    const pageLayers = pageAppends(
      'style',
      '@layer page { .probe { color: rgb(255, 0, 0) !important } } @layer blog-skin-late { .probe { background-color: rgb(255, 0, 0) !important } }',
      document.head,
    );
    await settle();
    expect(getComputedStyle(probe).color).toBe('rgb(0, 0, 255)');
    expect(getComputedStyle(probe).backgroundColor).toBe('rgb(0, 128, 0)');
    // Nothing is moved for them: what comes after ours is the page's own business.
    expect(headOfRoot(2)).toEqual(ours);
    expect(root.lastElementChild).toBe(pageStyle);
    expect(pageLayers.parentNode).toBe(document.head);
  });

  test('a layer the page puts before its nodes does not win: they go back to the front', async () => {
    owner.set('a', skinRule('color: rgb(0, 0, 255)'));
    owner.set('b', skinRule('background-color: rgb(0, 128, 0)'));
    const ours = headOfRoot(2);
    const pageFirst = document.createElement('style');
    pageFirst.textContent = '@layer page-first { .probe { color: rgb(255, 0, 0) !important } }';
    root.prepend(pageFirst);
    pageNodes.push(pageFirst);
    await settle();
    expect(headOfRoot(3)).toEqual([...ours, pageFirst]);
    expect(getComputedStyle(probe).color).toBe('rgb(0, 0, 255)');
  });

  test('a page that also insists on being first does not freeze the tab', async () => {
    const pageStyle = document.createElement('style');
    pageStyle.textContent = '.probe { color: rgb(255, 0, 0) }';
    root.prepend(pageStyle);
    pageNodes.push(pageStyle);
    const { broken } = await fight(() => {
      if (root.firstElementChild !== pageStyle) root.prepend(pageStyle);
    });
    expect(broken).toBe(false);
  });

  /** Every style node in the document holding `text`. */
  const stylesWith = (text: string) =>
    [...document.querySelectorAll('style')].filter((node) => node.textContent?.includes(text));

  test('setting a part again leaves one node with the new text; empty text removes it', () => {
    owner.set('a', skinRule('color: rgb(0, 0, 255)'));
    owner.set('a', skinRule('color: rgb(0, 128, 0)'));
    expect(headOfRoot(1)).toEqual(stylesWith('.probe'));
    expect(stylesWith('.probe')).toHaveLength(1);
    expect(getComputedStyle(probe).color).toBe('rgb(0, 128, 0)');
    owner.set('a', '');
    expect(stylesWith('.probe')).toHaveLength(0);
  });

  test('hundreds of quick changes all show, the last one stays, and the other parts never move', async () => {
    owner.set('b', skinRule('background-color: rgb(0, 128, 0)'));
    const other = stylesWith('background-color')[0];
    for (let i = 0; i < 300; i++) {
      owner.set('a', skinRule(`color: rgb(${i % 256}, 0, 0)`));
      expect(getComputedStyle(probe).color).toBe(`rgb(${i % 256}, 0, 0)`);
      if (i % 50 === 0) await settle(); // let the guard see the changes, as between keystrokes
    }
    await settle();
    expect(stylesWith('.probe { color')).toHaveLength(1);
    expect(stylesWith('background-color')[0]).toBe(other); // the same node: never re-inserted
  });

  test('a node the page removes or edits is put back as it was, in its place', async () => {
    owner.set('a', skinRule('color: rgb(0, 0, 255)'));
    owner.set('b', skinRule('background-color: rgb(0, 128, 0)'));
    const expectIntact = () => {
      expect(headOfRoot(2).map((node) => node.textContent)).toEqual([skinRule('color: rgb(0, 0, 255)'), skinRule('background-color: rgb(0, 128, 0)')]);
      expect(getComputedStyle(probe).color).toBe('rgb(0, 0, 255)');
      expect(getComputedStyle(probe).backgroundColor).toBe('rgb(0, 128, 0)');
    };

    headOfRoot(2)[1]!.remove();
    await settle();
    expectIntact();

    for (const node of headOfRoot(2)) node.remove();
    await settle();
    expectIntact();

    headOfRoot(1)[0]!.textContent = '.probe { color: rgb(255, 0, 0) }';
    await settle();
    expectIntact();

    headOfRoot(2)[1]!.setAttribute('media', 'print');
    await settle();
    expectIntact();
    expect(stylesWith('.probe')).toHaveLength(2);
  });

  test('a page that removes its node every time does not freeze the tab', async () => {
    const { broken, removals } = await fight(() => {
      for (const node of stylesWith('.probe')) node.remove();
    });
    expect(broken).toBe(false);
    expect(removals).toBeLessThanOrEqual(21);
  });

  test('a node edited once the move budget is spent is put back when the budget renews', async () => {
    owner.set('a', skinRule('color: rgb(0, 0, 255)'));
    // The page edits our node again and again: each edit is answered until the budget is spent.
    // Within one second by the budget's clock, however slow the machine: the clock is held still.
    const clock = vi.spyOn(performance, 'now').mockReturnValue(performance.now());
    let stood = 0;
    try {
      for (let i = 0; i < 25; i++) {
        stylesWith('.probe')[0]!.textContent = `.probe { color: rgb(255, 0, ${i}) }`;
        await settle();
        if (getComputedStyle(probe).color === `rgb(255, 0, ${i})`) stood++;
      }
    } finally {
      clock.mockRestore();
    }
    // 20 moves a second: the last 5 edits stand, until the budget renews.
    expect(stood).toBe(5);
    expect(getComputedStyle(probe).color).toBe('rgb(255, 0, 24)');
    await expect
      .poll(() => getComputedStyle(probe).color, { timeout: 3000, interval: 100 })
      .toBe('rgb(0, 0, 255)');
    expect(stylesWith('.probe')).toHaveLength(1);
  });

  test('its attribute of <html> is put back when the page removes or changes it', async () => {
    owner.setAttribute('x:1 y:2');
    expect(root.getAttribute('data-owned')).toBe('x:1 y:2');
    root.removeAttribute('data-owned');
    await settle();
    expect(root.getAttribute('data-owned')).toBe('x:1 y:2');
    root.setAttribute('data-owned', 'x:forged');
    await settle();
    expect(root.getAttribute('data-owned')).toBe('x:1 y:2');
    owner.setAttribute('');
    expect(root.hasAttribute('data-owned')).toBe(false);
  });

  test('clear() removes every node it added, leaving the document exactly as before', async () => {
    const before = root.outerHTML;
    owner.set('a', '.probe { color: rgb(0, 0, 255) }');
    owner.set('b', '.probe { background-color: rgb(0, 128, 0) }');
    owner.setAttribute('x:1');
    expect(root.outerHTML).not.toBe(before);
    owner.clear();
    expect(root.outerHTML).toBe(before);
    expect(getComputedStyle(probe).color).toBe('rgb(0, 0, 0)');

    // Once cleared it stops watching: the page's nodes stay where the page put them.
    const pageDiv = pageAppends('div');
    await settle();
    expect(root.lastElementChild).toBe(pageDiv);
  });
});

describe('SkinPainter', () => {
  const blog = 'someblogger';
  /** Colors the page itself sets, as CSDN's stylesheet would; the skin must beat them. */
  const pageCss = `
    #userSkin .user-profile-head-name > div:first-child { color: rgb(1, 2, 3); }
    #userSkin .user-profile-title { color: rgb(4, 5, 6); }
    #userSkin .navList a { color: rgb(7, 8, 9); }
    #userSkin .user-profile-head-banner { width: 960px; height: 100px; }
    #userSkin .aside-box > .aside-title { width: 300px; height: 38px; }
  `;
  /** The home layout's elements that the slot map names (src/sites/csdn.ts). */
  const pageHtml = `
    <div class="user-profile-head-banner"></div>
    <div class="user-profile-head-name"><div>A blogger</div><div>Lv.5</div></div>
    <div class="user-profile-title">Notes on everything</div>
    <div class="navList"><a href="#home">Home</a></div>
    <div class="user-profile-body">
      <div class="aside-box"><div class="aside-title">Categories</div><div class="aside-content"><a href="#c">C</a></div></div>
    </div>
  `;

  let pageStyle: HTMLStyleElement;
  let page: HTMLElement;
  let painter: SkinPainter | null = null;
  let storage: FakeStorage;
  let pngUrl: string;
  let jpegUrl: string;

  beforeAll(async () => {
    pngUrl = `data:image/png;base64,${toBase64(await makePng(1920, 100))}`;
    jpegUrl = `data:image/jpeg;base64,${toBase64(await makeJpeg(300, 38))}`;
  });

  beforeEach(() => {
    pageStyle = document.head.appendChild(document.createElement('style'));
    pageStyle.textContent = pageCss;
    page = document.body.appendChild(document.createElement('div'));
    page.id = 'userSkin';
    page.innerHTML = pageHtml;
    storage = fakeStorage({});
  });

  afterEach(async () => {
    await painter?.show(null);
    painter = null;
    page.remove();
    pageStyle.remove();
    await settle();
  });

  interface FakeStorage {
    values: Record<string, unknown>;
    /** The keys of every `get`, in call order. */
    calls: string[][];
    /** While set, `get` waits for this before answering. */
    gate: Promise<void> | null;
    get(keys: string | string[]): Promise<Record<string, unknown>>;
  }

  function fakeStorage(values: Record<string, unknown>): FakeStorage {
    const fake: FakeStorage = {
      values,
      calls: [],
      gate: null,
      async get(keys) {
        const list = typeof keys === 'string' ? [keys] : [...keys];
        fake.calls.push(list);
        if (fake.gate) await fake.gate;
        return Object.fromEntries(list.filter((key) => key in fake.values).map((key) => [key, fake.values[key]]));
      },
    };
    return fake;
  }

  /**
   * The browser's side of `scripting.insertCSS` in this page: a sheet outside the DOM, as an
   * inserted one is. The painter's requests go through the real background code (InsertedSheets).
   */
  const inserted = new Map<string, CSSStyleSheet>();
  const injector: CssInjector = {
    async insertCSS({ css, origin }) {
      if (origin !== 'USER') throw new Error('the background inserts user sheets');
      const sheet = new CSSStyleSheet();
      // No page can adopt a user sheet: a layered author sheet is the nearest rank, since its
      // important declarations beat every unlayered author rule, as a user sheet's beat all of them.
      sheet.replaceSync(inSkinLayer(css!));
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      inserted.set(css!, sheet);
    },
    async removeCSS({ css }) {
      const sheet = inserted.get(css!);
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((other) => other !== sheet);
      inserted.delete(css!);
    },
  };
  /** What the painter asked the background for, in order. */
  let asks: Array<{ insert: string[]; remove: number }>;

  // The stored images are read as the background reads them: here, from where older versions kept them.
  const background = () => new InsertedSheets(storage, (blog, slot, revision) => readStoredImage(storage, blog, slot, revision), injector);

  /** Asks `sheets` as the content script asks the background, noting each request in `asks`. */
  const askingOf =
    (sheets: InsertedSheets): AskForSheets =>
    async (ask) => {
      asks.push({ insert: Object.keys(ask.insert), remove: ask.remove.length });
      const request = { type: 'sheets' as const, blog, page: 'load-1', ...ask };
      return sheets.handle(blog, { tabId: 1, frameId: 0, page: 'load-1' }, request);
    };

  /** A painter of this page, asking `sheets` (the same background as a first load's, if it takes one over). */
  function newPainter(sheets = background(), loadCanvasLayers: LoadCanvasLayers = async () => CanvasLayers): SkinPainter {
    painter = new SkinPainter(document, askingOf(sheets), (slot, revision) => sheets.imageFor(blog, slot, revision), loadCanvasLayers);
    return painter;
  }

  /** All a page reads of a stored image (`readPageSkin`): which one it is. */
  const info = (revision: string) => ({ revision });

  function skin(
    colors: PageSkin['colors'] = {},
    images: PageSkin['images'] = {},
    enabled = true,
  ): PageSkin {
    return { schema: SKIN_SCHEMA, enabled, colors, images };
  }

  const key = (slot: ImageSlot) => imageKey(blog, slot);
  const cssUrl = (dataUrl: string) => `url("${dataUrl}")`;
  const titleColor = () => computed('.user-profile-head-name > div:first-child').color;
  const bannerImage = () => computed('.user-profile-head-banner').backgroundImage;
  const columnImage = () => computed('.aside-box > .aside-title').backgroundImage;

  /** Stores `shown` as the editor would (the record and the bytes of its images), then shows it. */
  async function storeAndShow(shown: PageSkin, bytes: Partial<Record<ImageSlot, unknown>> = {}): Promise<void> {
    storage.values[skinKey(blog)] = shown;
    for (const [slot, value] of Object.entries(bytes)) storage.values[key(slot as ImageSlot)] = value;
    await painter!.show(shown);
  }

  const colors: Record<'title' | 'subtitle' | 'hover', HexColor> = {
    title: '#FF0000',
    subtitle: '#00FF00',
    hover: '#0000FF',
  };

  let previews = 0;
  /** The editor's message for a color typed into `slot`; resolves to its preview's name. */
  function typed(target: SkinPainter, slot: ColorSlot, color: HexColor | null): string {
    const preview = `preview-${++previews}`;
    target.previewColor(slot, color, preview);
    return preview;
  }

  beforeEach(() => {
    asks = [];
  });

  afterEach(() => {
    document.adoptedStyleSheets = [];
    inserted.clear();
  });

  test('paints colors and images over the page’s own styles', async () => {
    newPainter();
    await storeAndShow(skin(colors, { header: info('h1'), background: info('b1'), column: info('c1') }), {
      header: pngUrl,
      background: pngUrl,
      column: jpegUrl,
    });

    expect(titleColor()).toBe('rgb(255, 0, 0)');
    expect(computed('.user-profile-title').color).toBe('rgb(0, 255, 0)');
    expect(computed('.user-profile-head-name > div:nth-child(2)').color).not.toBe('rgb(255, 0, 0)');

    const banner = computed('.user-profile-head-banner');
    expect(banner.backgroundImage).toBe(cssUrl(pngUrl));
    expect(banner.backgroundPosition).toBe('100% 50%'); // right center: the main visual stays in view
    expect(banner.backgroundSize).toBe('cover');
    expect(banner.backgroundRepeat).toBe('no-repeat');

    expect(columnImage()).toBe(cssUrl(jpegUrl));
    expect(computed('.aside-box > .aside-title').backgroundRepeat).toBe('no-repeat');

    expect(computed('#userSkin').backgroundImage).toBe(cssUrl(pngUrl));
    expect(computed('#userSkin').backgroundRepeat).toBe('repeat');
    // On the home layout the background tiles #userSkin, never <body>.
    expect(getComputedStyle(document.body).backgroundImage).toBe('none');
    // The bytes are in the sheets the background inserted, none in the page's DOM.
    expect([...document.querySelectorAll('style')].some((node) => node.textContent?.includes('data:image'))).toBe(false);
  });

  test('the hover color shows when the pointer is over a link', async () => {
    await newPainter().show(skin(colors));
    const link = find('.navList a');
    expect(getComputedStyle(link).color).toBe('rgb(7, 8, 9)');
    await userEvent.hover(link);
    expect(getComputedStyle(link).color).toBe('rgb(0, 0, 255)');
    await userEvent.unhover(link);
    expect(getComputedStyle(link).color).toBe('rgb(7, 8, 9)');
  });

  test.each([
    ['a disabled skin', skin(colors, { header: info('h1') }, false)],
    ['no skin', null],
  ] as const)('showing %s clears everything it painted', async (_name, off) => {
    const before = root.outerHTML;
    const painter = newPainter();
    await storeAndShow(skin(colors, { header: info('h1'), column: info('c1') }), { header: pngUrl, column: jpegUrl });
    expect(titleColor()).toBe('rgb(255, 0, 0)');

    await painter.show(off);
    expect(titleColor()).toBe('rgb(1, 2, 3)');
    expect(bannerImage()).toBe('none');
    expect(columnImage()).toBe('none');
    // The browser's sheets stay listed as hidden until the background has taken them out.
    await expect.poll(() => root.outerHTML).toBe(before);
  });

  test('turned off, every sheet leaves the page, so a gate written back shows nothing; on again, they are asked for again', async () => {
    const painter = newPainter();
    const on = skin(colors, { header: info('h1') });
    await storeAndShow(on, { header: pngUrl });
    const gate = document.documentElement.getAttribute('data-blog-skin');
    await painter.show({ ...on, enabled: false });
    expect(bannerImage()).toBe('none');
    await expect.poll(() => asks).toEqual([
      { insert: ['header'], remove: 0 },
      { insert: [], remove: 1 },
    ]);
    document.documentElement.setAttribute('data-blog-skin', gate!);
    expect(bannerImage()).toBe('none');
    document.documentElement.removeAttribute('data-blog-skin');
    await painter.show(on);
    expect(bannerImage()).toBe(cssUrl(pngUrl));
    expect(asks.at(-1)).toEqual({ insert: ['header'], remove: 0 });
  });

  test('a color change asks for nothing; a new image is asked for alone and its old sheet taken out', async () => {
    newPainter();
    const images = { header: info('h1'), column: info('c1') };
    await storeAndShow(skin(colors, images), { header: pngUrl, column: jpegUrl });
    expect(asks).toEqual([{ insert: ['header', 'column'], remove: 0 }]);
    expect(document.adoptedStyleSheets).toHaveLength(2);

    await storeAndShow(skin({ ...colors, title: '#123456' }, images));
    expect(asks).toHaveLength(1);
    expect(titleColor()).toBe('rgb(18, 52, 86)');
    expect(bannerImage()).toBe(cssUrl(pngUrl));

    const newHeader = `data:image/jpeg;base64,${toBase64(await makeJpeg(1920, 120))}`;
    await storeAndShow(skin(colors, { ...images, header: info('h2') }), { header: newHeader });
    expect(bannerImage()).toBe(cssUrl(newHeader));
    expect(columnImage()).toBe(cssUrl(jpegUrl));
    await expect.poll(() => asks).toEqual([
      { insert: ['header', 'column'], remove: 0 },
      { insert: ['header'], remove: 0 },
      { insert: [], remove: 1 },
    ]);
    await expect.poll(() => document.adoptedStyleSheets.length).toBe(2);
  });

  test('an image stored by another tab comes from the browser, never through this script', async () => {
    const before = root.outerHTML;
    const painter = newPainter();
    await storeAndShow(skin(colors, { header: info('h1') }), { header: pngUrl });
    const newHeader = `data:image/jpeg;base64,${toBase64(await makeJpeg(1920, 120))}`;
    const edited = skin(colors, { header: info('h2') });
    await storeAndShow(edited, { header: newHeader });
    expect(bannerImage()).toBe(cssUrl(newHeader));
    expect([...document.querySelectorAll('style')].filter((node) => node.textContent?.includes('data:'))).toHaveLength(0);
    // Asked for once; the browser's sheet of the header before is taken out.
    await expect.poll(() => asks).toEqual([
      { insert: ['header'], remove: 0 },
      { insert: ['header'], remove: 0 },
      { insert: [], remove: 1 },
    ]);

    // Turned off, every sheet leaves the page; turned on, the header comes back.
    await painter.show({ ...edited, enabled: false });
    expect(bannerImage()).toBe('none');
    await expect.poll(() => root.outerHTML).toBe(before);
    await painter.show(edited);
    expect(bannerImage()).toBe(cssUrl(newHeader));
  });

  describe('an image shown ahead of its save', () => {
    let newHeader: string;
    /** Style nodes whose sheet holds `text` now (a sheet changed in place keeps its node's first text). */
    const ourNodesWith = (text: string) =>
      [...document.querySelectorAll('style')].filter((node) => [...(node.sheet?.cssRules ?? [])].some((rule) => rule.cssText.includes(text)));

    beforeEach(async () => {
      newHeader = `data:image/jpeg;base64,${toBase64(await makeJpeg(1920, 120))}`;
    });

    test('shows at once, and the saved record takes over without a second sheet or a request', async () => {
      const painter = newPainter();
      await storeAndShow(skin(colors, { header: info('h1') }), { header: pngUrl });
      painter.preview('header', 'h2', newHeader);
      expect(bannerImage()).toBe(cssUrl(newHeader));

      await painter.show(skin(colors, { header: info('h2') }));
      expect(bannerImage()).toBe(cssUrl(newHeader));
      expect(ourNodesWith(newHeader)).toHaveLength(1);
      await expect.poll(() => asks).toEqual([
        { insert: ['header'], remove: 0 },
        { insert: [], remove: 1 }, // the h1 sheet, once h2 was saved
      ]);
    });

    test('is taken back when its save fails: the stored image shows again, and our node leaves', async () => {
      const painter = newPainter();
      await storeAndShow(skin(colors, { header: info('h1') }), { header: pngUrl });
      painter.preview('header', 'h2', newHeader);
      painter.dropPreview('header', 'h2');
      expect(bannerImage()).toBe(cssUrl(pngUrl));
      expect(ourNodesWith(newHeader)).toHaveLength(0);
    });

    test('each new image of a slot (a draft while the frame moves) goes into the same style node, in place', async () => {
      const painter = newPainter();
      await storeAndShow(skin(colors, { header: info('h1') }), { header: pngUrl });
      painter.preview('header', 'h2', newHeader);
      const [node] = ourNodesWith(newHeader);
      painter.preview('header', 'h3', jpegUrl);
      expect(bannerImage()).toBe(cssUrl(jpegUrl));
      expect(ourNodesWith(jpegUrl)).toEqual([node]);
      expect(ourNodesWith(newHeader)).toHaveLength(0);
      // The stored image's sheet is hidden while the new one shows; the h2 revision is no longer in the page.
      const gate = root.getAttribute(SHEET_GATE)!.split(' ');
      expect(gate).toContain('header:h1');
      expect(gate.filter((token) => token.startsWith('header:'))).toEqual(['header:h1']);
    });

    test('a later preview of the same slot wins; taking back an earlier one changes nothing', async () => {
      const painter = newPainter();
      await storeAndShow(skin(colors, { header: info('h1') }), { header: pngUrl });
      painter.preview('header', 'h2', newHeader);
      painter.preview('header', 'h3', jpegUrl);
      painter.dropPreview('header', 'h2');
      expect(bannerImage()).toBe(cssUrl(jpegUrl));
      expect(ourNodesWith(newHeader)).toHaveLength(0);
    });

    test('shows nothing while the skin is off', async () => {
      const before = root.outerHTML;
      const painter = newPainter();
      await painter.show(skin(colors, {}, false));
      painter.preview('header', 'h2', newHeader);
      expect(root.outerHTML).toBe(before);
      expect(bannerImage()).toBe('none');
    });

    test.each([
      ['an SVG data URL', 'data:image/svg+xml;base64,PHN2Zz4='],
      ['an address', 'https://example.com/column.png'],
      ['a PNG data URL that would end the CSS string', 'data:image/png;base64,AAAA") } body { color: red'],
    ])('shows nothing for %s, with the skin on', async (_name, dataUrl) => {
      const painter = newPainter();
      await storeAndShow(skin(colors, { header: info('h1') }), { header: pngUrl });
      const before = root.outerHTML;
      // A good preview of another slot shows: the skin is on, and previews are taken.
      painter.preview('header', 'h2', newHeader);
      expect(bannerImage()).toBe(cssUrl(newHeader));
      const withHeader = root.outerHTML;
      expect(withHeader).not.toBe(before);

      painter.preview('column', 'c2', dataUrl);
      expect(root.outerHTML).toBe(withHeader);
      expect(columnImage()).toBe('none');
      expect(getComputedStyle(document.body).color).not.toBe('rgb(255, 0, 0)');
    });

    test('arriving after its save landed, it is not held ahead of later changes', async () => {
      const painter = newPainter();
      await storeAndShow(skin(colors, { header: info('h1') }), { header: pngUrl });
      const saved = skin(colors, { header: info('h2') });
      await storeAndShow(saved, { header: newHeader });
      painter.preview('header', 'h2', newHeader); // the editor's message, later than storage
      await storeAndShow(skin(colors, {})); // the header removed
      expect(bannerImage()).toBe('none');
    });

    test('a preview that comes after a later save is too late, and shows nothing', async () => {
      const painter = newPainter();
      await storeAndShow(skin(colors, { header: info('h2') }), { header: newHeader });
      await storeAndShow(skin(colors, { header: info('h3') }), { header: pngUrl });
      painter.preview('header', 'h2', newHeader); // the message for h2 was slower than both writes
      expect(bannerImage()).toBe(cssUrl(pngUrl));
    });

    test('stays shown when the page’s policy moves the images to canvas layers', async () => {
      const painter = newPainter();
      await storeAndShow(skin(colors, {}), {});
      painter.preview('header', 'h2', newHeader);
      painter.useCanvas();
      await expect.poll(() => document.querySelectorAll('canvas.bsp-skin-layer').length).toBe(1);
      painter.dropPreview('header', 'h2');
      await expect.poll(() => document.querySelectorAll('canvas.bsp-skin-layer').length).toBe(0);
    });

    test('goes back to the stored image when no save confirms it in time', async () => {
      const painter = newPainter();
      await storeAndShow(skin(colors, { header: info('h1') }), { header: pngUrl });
      vi.useFakeTimers({ toFake: ['setTimeout'] });
      try {
        painter.preview('header', 'h2', newHeader);
        expect(bannerImage()).toBe(cssUrl(newHeader));
        vi.advanceTimersByTime(10_000);
      } finally {
        vi.useRealTimers();
      }
      expect(bannerImage()).toBe(cssUrl(pngUrl));
      expect(ourNodesWith(newHeader)).toHaveLength(0);
    });

    test('on canvas layers whose code came at the second asking (the background was stopping)', async () => {
      let asked = 0;
      const painter = newPainter(background(), async () => {
        if (++asked === 1) throw new Error('the message port closed');
        return CanvasLayers;
      });
      await storeAndShow(skin(colors, {}), {});
      painter.useCanvas();
      painter.preview('header', 'h2', newHeader);
      await expect.poll(() => document.querySelectorAll('canvas.bsp-skin-layer').length).toBe(1);
      expect(asked).toBe(2);
      painter.dropPreview('header', 'h2');
      await expect.poll(() => document.querySelectorAll('canvas.bsp-skin-layer').length).toBe(0);
    });

    test('not at all when their code never comes, with no error left unhandled', async () => {
      const painter = newPainter(background(), () => Promise.reject(new Error('no canvas layers')));
      await storeAndShow(skin(colors, {}), {});
      painter.useCanvas(); // nothing to draw yet, so nothing waits on the layers but the painter
      await settle();
      await settle();
      expect(document.querySelectorAll('canvas').length).toBe(0);
      expect(titleColor()).toBe('rgb(255, 0, 0)'); // the colors are not held up by it
    });

    test('on canvas layers too, and taken back from them', async () => {
      const painter = newPainter();
      await storeAndShow(skin(colors, {}), {});
      painter.useCanvas();
      const layers = () => document.querySelectorAll('canvas.bsp-skin-layer').length;
      painter.preview('header', 'h2', newHeader);
      await expect.poll(layers).toBe(1);
      painter.dropPreview('header', 'h2');
      await expect.poll(layers).toBe(0);
    });

    test('shows on a blog with no record yet, since the save makes one switched on', async () => {
      newPainter().preview('header', 'h1', newHeader);
      expect(bannerImage()).toBe(cssUrl(newHeader));
    });
  });

  describe('a color shown ahead of its save', () => {
    const subtitleColor = () => computed('.user-profile-title').color;
    /** The style nodes holding the skin's colors. */
    const colorNodes = () => [...root.children].filter((node) => node.localName === 'style' && node.textContent?.includes('.user-profile-title'));

    test('changes the colors in place: no style node is replaced, and a page’s edit is answered with the colors shown now', async () => {
      const painter = newPainter();
      const own = titleColor();
      await storeAndShow(skin({ title: colors.title }));
      const [node] = colorNodes();
      expect(node).toBeDefined();
      typed(painter, 'title', '#0D0E0F');
      expect(titleColor()).toBe('rgb(13, 14, 15)');
      typed(painter, 'subtitle', '#040506');
      typed(painter, 'hover', '#070809');
      typed(painter, 'title', null);
      expect(colorNodes()).toEqual([node]);
      expect(subtitleColor()).toBe('rgb(4, 5, 6)');
      expect(titleColor()).toBe(own); // the page's own again
      // The page edits our node: the clean copy that replaces it holds what was shown, not its first text.
      node!.textContent = '.user-profile-title { color: rgb(9, 9, 9) }';
      await settle();
      expect(colorNodes()).toHaveLength(1);
      expect(colorNodes()[0]).not.toBe(node);
      expect(subtitleColor()).toBe('rgb(4, 5, 6)');
      typed(painter, 'subtitle', '#0A0B0C');
      expect(subtitleColor()).toBe('rgb(10, 11, 12)');
    });

    test('a record that brings another field (a header save) does not end it; one that brings the color does', async () => {
      const painter = newPainter();
      await storeAndShow(skin(colors));
      typed(painter, 'title', '#010203');
      typed(painter, 'title', colors.title); // typed back while both saves, and a header's, are under way
      await storeAndShow(skin(colors, { header: info('h1') })); // the header's record: the title as it was
      await storeAndShow(skin({ ...colors, title: '#010203' }, { header: info('h1') })); // the first color's
      expect(titleColor()).toBe('rgb(255, 0, 0)');
      await storeAndShow(skin(colors, { header: info('h1') })); // the last color's: it brings it
      await storeAndShow(skin({ ...colors, title: '#0A0B0C' }, { header: info('h1') })); // another editor's
      expect(titleColor()).toBe('rgb(10, 11, 12)');
    });

    test('a failed save of an earlier preview of the same color leaves the later one', async () => {
      const painter = newPainter();
      await storeAndShow(skin(colors));
      const first = typed(painter, 'title', '#010203');
      typed(painter, 'title', '#040506');
      typed(painter, 'title', '#010203');
      painter.dropColorPreview('title', first);
      expect(titleColor()).toBe('rgb(1, 2, 3)');
    });

    test('shows at once, and records that still hold older colors do not paint over it', async () => {
      const painter = newPainter();
      await storeAndShow(skin(colors));
      typed(painter, 'title', '#010203');
      expect(titleColor()).toBe('rgb(1, 2, 3)');
      typed(painter, 'title', '#040506'); // typed on, before the first save landed
      await storeAndShow(skin({ ...colors, title: '#010203' })); // the first save
      expect(titleColor()).toBe('rgb(4, 5, 6)');
      await storeAndShow(skin({ ...colors, title: '#040506', subtitle: '#070809' })); // the second, and another tab's edit
      expect(titleColor()).toBe('rgb(4, 5, 6)');
      expect(subtitleColor()).toBe('rgb(7, 8, 9)');
      // Confirmed: from now on the record rules, as for any change from another editor.
      await storeAndShow(skin({ ...colors, title: '#0A0B0C' }));
      expect(titleColor()).toBe('rgb(10, 11, 12)');
    });

    test('typed back to the stored color while a save is under way, it stays ahead of that save', async () => {
      const painter = newPainter();
      await storeAndShow(skin(colors));
      typed(painter, 'title', '#010203');
      typed(painter, 'title', colors.title);
      await storeAndShow(skin({ ...colors, title: '#010203' })); // the first save lands
      expect(titleColor()).toBe('rgb(255, 0, 0)');
    });

    test('a removed color shows the page’s own at once', async () => {
      const pageOwn = titleColor();
      const painter = newPainter();
      await storeAndShow(skin(colors));
      typed(painter, 'title', null);
      expect(titleColor()).toBe(pageOwn);
      expect(subtitleColor()).toBe('rgb(0, 255, 0)');
    });

    test('is taken back when its save fails, and a taking back of an older one changes nothing', async () => {
      const painter = newPainter();
      await storeAndShow(skin(colors));
      const first = typed(painter, 'title', '#010203');
      const second = typed(painter, 'title', '#040506');
      painter.dropColorPreview('title', first);
      expect(titleColor()).toBe('rgb(4, 5, 6)');
      painter.dropColorPreview('title', second);
      expect(titleColor()).toBe('rgb(255, 0, 0)');
    });

    test('goes back to the stored color when no save confirms it in time', async () => {
      const painter = newPainter();
      await storeAndShow(skin(colors));
      vi.useFakeTimers({ toFake: ['setTimeout'] });
      try {
        typed(painter, 'title', '#010203');
        vi.advanceTimersByTime(5_000);
        typed(painter, 'title', '#040506');
        typed(painter, 'title', '#010203'); // the same color again: its own ten seconds
        vi.advanceTimersByTime(5_000);
        expect(titleColor()).toBe('rgb(1, 2, 3)');
        vi.advanceTimersByTime(5_000);
      } finally {
        vi.useRealTimers();
      }
      expect(titleColor()).toBe('rgb(255, 0, 0)');
    });

    test('shows nothing while the skin is off, and turning it off drops what was ahead', async () => {
      const before = root.outerHTML;
      const painter = newPainter();
      await painter.show(skin(colors, {}, false));
      typed(painter, 'title', '#010203');
      expect(root.outerHTML).toBe(before);

      await storeAndShow(skin(colors));
      typed(painter, 'title', '#010203');
      await storeAndShow(skin(colors, {}, false));
      expect(root.outerHTML).toBe(before);
      await storeAndShow(skin(colors));
      expect(titleColor()).toBe('rgb(255, 0, 0)');
    });

    test('shows on a blog with no record yet, which the first read then confirms', async () => {
      const painter = newPainter();
      typed(painter, 'title', '#010203');
      expect(titleColor()).toBe('rgb(1, 2, 3)');
      await painter.showFirst(skin({ title: '#010203' }));
      expect(titleColor()).toBe('rgb(1, 2, 3)');
      // Confirmed: the next record rules.
      await storeAndShow(skin({ title: '#040506' }));
      expect(titleColor()).toBe('rgb(4, 5, 6)');
    });
  });

  describe('a page that wore its skin from its first-paint sheets', () => {
    const shown = skin(colors, { header: info('h1') });
    /** The first-paint sheets the browser put in for `registeredAs`, and the banner's own image. */
    let registered: HTMLStyleElement;
    const ownBanner = 'linear-gradient(rgb(9, 9, 9), rgb(9, 9, 9))';
    const sheets = firstPaintSheets();

    function register(registeredAs: PageSkin): void {
      registered.textContent = firstPaintFiles(registeredAs)
        .map((file) => sheets[file])
        .join('\n');
    }

    beforeEach(() => {
      storage.values[skinKey(blog)] = shown;
      storage.values[key('header')] = pngUrl;
      registered = document.head.appendChild(document.createElement('style'));
      const own = document.head.appendChild(document.createElement('style'));
      own.textContent = `#userSkin .user-profile-head-banner { background-image: ${ownBanner}; }`;
      pageNodesToRemove.push(registered, own);
    });

    const pageNodesToRemove: Element[] = [];
    afterEach(() => {
      for (const node of pageNodesToRemove.splice(0)) node.remove();
      // The sheets are gone: the painter, turned off after this, leaves no gate for the next test.
      painter?.knowFirstPaint({ colors: false, waits: [], current: false });
      vi.useRealTimers();
    });

    const ourNodes = () => [...root.children].filter((node) => node.localName === 'style');

    /** As the content script does once it has read the record and the registration's stamp. */
    function showFirst(painter: SkinPainter, first: PageSkin, current: boolean): Promise<void> {
      const stamp = { of: firstPaintOf(current ? first : null), at: 0 };
      painter.knowFirstPaint(firstPaintPartsOf(stamp, first, current ? 5000 : 0));
      return painter.showFirst(first);
    }

    test('shows the colors and keeps the slot empty with no script; once current, adds no node and no attribute, and the image shows when in', async () => {
      register(shown);
      expect(titleColor()).toBe('rgb(255, 0, 0)'); // spelled by the sheets, digit by digit
      expect(bannerImage()).toBe('none'); // neither the page's own image nor ours yet
      const painter = newPainter();
      let open = () => {};
      storage.gate = new Promise<void>((resolve) => (open = resolve)); // the background is slow
      const first = showFirst(painter, shown, true);
      expect(titleColor()).toBe('rgb(255, 0, 0)');
      expect(bannerImage()).toBe('none');
      open();
      await first;
      expect(bannerImage()).toBe(cssUrl(pngUrl));
      expect(ourNodes()).toEqual([]);
      expect(root.hasAttribute(SHEET_GATE)).toBe(false);
    });

    test('not current (a record changed since they were registered), paints the colors itself and switches theirs off', async () => {
      register(skin({ title: '#00FF00', subtitle: '#0000FF' }, { header: info('h0') }));
      expect(titleColor()).toBe('rgb(0, 255, 0)');
      const painter = newPainter();
      await showFirst(painter, skin({ title: '#FF0000' }, { header: info('h1') }), false);
      expect(titleColor()).toBe('rgb(255, 0, 0)');
      // The sheets' subtitle color goes too: the record has none.
      expect(computed('.user-profile-title').color).toBe('rgb(4, 5, 6)');
      expect(bannerImage()).toBe(cssUrl(pngUrl));
    });

    test('shows the page’s own image when the skin’s never comes', async () => {
      register(shown);
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const painter = newPainter();
      storage.gate = new Promise<void>(() => {}); // never answers
      void showFirst(painter, shown, true);
      expect(bannerImage()).toBe('none');
      vi.advanceTimersByTime(MAX_WAIT_MS);
      expect(bannerImage()).toBe(ownBanner);
      expect(titleColor()).toBe('rgb(255, 0, 0)');
    });

    test('shows the page’s own image in a slot whose image could not be put in, once the page is parsed', async () => {
      register(shown);
      storage.values[key('header')] = 'data:image/svg+xml;base64,PHN2Zz4='; // not an image the page may get
      const painter = newPainter();
      await showFirst(painter, shown, true);
      expect(bannerImage()).toBe(ownBanner);
    });

    test('turned off while it waits, shows the page as it was, however the sheets were registered', async () => {
      register(shown);
      const painter = newPainter();
      storage.gate = new Promise<void>(() => {});
      void showFirst(painter, shown, true);
      await painter.show({ ...shown, enabled: false });
      expect(bannerImage()).toBe(ownBanner);
      expect(titleColor()).toBe('rgb(1, 2, 3)');
      expect(ourNodes()).toEqual([]);
      // The sheets stay in the page, switched off by the gate, which the page cannot take away.
      root.removeAttribute(SHEET_GATE);
      await settle();
      expect(titleColor()).toBe('rgb(1, 2, 3)');
      expect(bannerImage()).toBe(ownBanner);
    });

    describe('when they spell the record, a first load with no painter', () => {
      /** As the content script starts a load whose sheets are current. */
      function firstLoadOf(first: PageSkin, sheets: InsertedSheets) {
        register(first);
        return startFirstLoad(document, first, askingOf(sheets));
      }

      test('asks for the images alone: they show when in, with no node and no attribute', async () => {
        const load = firstLoadOf(shown, background())!;
        expect(asks).toEqual([{ insert: ['header'], remove: 0 }]);
        expect(bannerImage()).toBe('none');
        expect(isComplete(load, await load.reply)).toBe(true);
        expect(bannerImage()).toBe(cssUrl(pngUrl));
        expect(titleColor()).toBe('rgb(255, 0, 0)');
        expect(ourNodes()).toEqual([]);
        expect(root.hasAttribute(SHEET_GATE)).toBe(false);
      });

      test('asks nothing for a skin of colors alone', async () => {
        const load = firstLoadOf(skin(colors), background())!;
        expect(isComplete(load, await load.reply)).toBe(true);
        expect(asks).toEqual([]);
        expect(titleColor()).toBe('rgb(255, 0, 0)');
      });

      test('whose request fails (no background to answer) is not complete at once: the painter taking over shows the page’s own', async () => {
        register(shown);
        const unreachable: AskForSheets = () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
        const load = startFirstLoad(document, shown, unreachable)!;
        const answer = await Promise.race([load.reply, new Promise<null>((resolve) => setTimeout(() => resolve(null), 200))]);
        expect(answer).not.toBeNull();
        expect(isComplete(load, answer!)).toBe(false);
        const painter = newPainter();
        painter.knowFirstPaint(firstPaintPartsOf({ of: firstPaintOf(shown), at: 0 }, shown, 5000));
        await painter.adopt(load);
        expect(bannerImage()).toBe(ownBanner);
      });

      test('is not begun where a slot of the skin’s images has no element yet: the painter watches for it', () => {
        register(shown);
        const empty = document.implementation.createHTMLDocument();
        expect(startFirstLoad(empty, shown, askingOf(background()))).toBeNull();
        expect(asks).toEqual([]);
      });

      test('is taken over by a painter made while its images are on their way, which asks for none again', async () => {
        const sheets = background();
        let open = () => {};
        storage.gate = new Promise<void>((resolve) => (open = resolve));
        const load = firstLoadOf(shown, sheets)!;
        const painter = newPainter(sheets);
        painter.knowFirstPaint(firstPaintPartsOf({ of: firstPaintOf(shown), at: 0 }, shown, 5000));
        const adopted = painter.adopt(load);
        typed(painter, 'title', '#0A0B0C'); // the editor, as the page loads
        expect(titleColor()).toBe('rgb(10, 11, 12)');
        expect(bannerImage()).toBe('none'); // still waiting, not the page's own
        open();
        await adopted;
        expect(bannerImage()).toBe(cssUrl(pngUrl));
        expect(asks).toEqual([{ insert: ['header'], remove: 0 }]);
      });

      test('once complete, is taken over by a painter whose new image keeps the one before showing until it is in', async () => {
        const sheets = background();
        const load = firstLoadOf(shown, sheets)!;
        expect(isComplete(load, await load.reply)).toBe(true);
        const later = `data:image/jpeg;base64,${toBase64(await makeJpeg(1920, 120))}`;
        storage.values[key('header')] = later;
        storage.values[skinKey(blog)] = skin(colors, { header: info('h2') });
        let open = () => {};
        storage.gate = new Promise<void>((resolve) => (open = resolve)); // the new image is on its way
        // As a storage change makes it: the painter, then the new record shown.
        const painter = newPainter(sheets);
        painter.knowFirstPaint(firstPaintPartsOf({ of: firstPaintOf(shown), at: 0 }, shown, 5000));
        void painter.adopt(load);
        const showing = painter.show(skin(colors, { header: info('h2') }));
        await settle();
        expect(bannerImage()).toBe(cssUrl(pngUrl));
        open();
        await showing;
        expect(bannerImage()).toBe(cssUrl(later));
        expect(inserted.size).toBe(1); // the first load's sheet taken out
      });

      test('once complete, turned off by a painter made for it: the page’s own image, and the sheet taken out', async () => {
        const sheets = background();
        const load = firstLoadOf(shown, sheets)!;
        await load.reply;
        expect(bannerImage()).toBe(cssUrl(pngUrl));
        const painter = newPainter(sheets);
        painter.knowFirstPaint(firstPaintPartsOf({ of: firstPaintOf(shown), at: 0 }, shown, 5000));
        void painter.adopt(load);
        await painter.show({ ...shown, enabled: false });
        await expect.poll(() => inserted.size).toBe(0);
        expect(bannerImage()).toBe(ownBanner);
        expect(titleColor()).toBe('rgb(1, 2, 3)');
      });

      test('whose image could not be put in is not complete: the painter taking over shows the page’s own', async () => {
        storage.values[key('header')] = 'data:image/svg+xml;base64,PHN2Zz4='; // not an image the page may get
        const sheets = background();
        const load = firstLoadOf(shown, sheets)!;
        expect(isComplete(load, await load.reply)).toBe(false);
        expect(bannerImage()).toBe('none');
        const painter = newPainter(sheets);
        painter.knowFirstPaint(firstPaintPartsOf({ of: firstPaintOf(shown), at: 0 }, shown, 5000));
        await painter.adopt(load);
        expect(bannerImage()).toBe(ownBanner);
        expect(titleColor()).toBe('rgb(255, 0, 0)');
      });

      test('whose image has not come by the waits’ limit, counted from its start, shows the page’s own', async () => {
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
        storage.gate = new Promise<void>(() => {}); // never answers
        const sheets = background();
        const load = firstLoadOf(shown, sheets)!;
        vi.advanceTimersByTime(MAX_WAIT_MS - 100);
        const painter = newPainter(sheets);
        painter.knowFirstPaint(firstPaintPartsOf({ of: firstPaintOf(shown), at: 0 }, shown, 5000));
        void painter.adopt(load);
        expect(bannerImage()).toBe('none');
        vi.advanceTimersByTime(100);
        expect(bannerImage()).toBe(ownBanner);
      });
    });

    test('a skin whose colors change after the first paint takes the colors over', async () => {
      register(shown);
      const painter = newPainter();
      await showFirst(painter, shown, true);
      typed(painter, 'title', '#0A0B0C');
      expect(titleColor()).toBe('rgb(10, 11, 12)');
      await storeAndShow(skin({ title: '#0A0B0C' }, shown.images));
      expect(titleColor()).toBe('rgb(10, 11, 12)');
      await storeAndShow(skin({}, shown.images));
      expect(titleColor()).toBe('rgb(1, 2, 3)'); // the page's own again: no color, neither ours nor the sheets'
    });
  });

  test('the first-paint sheets name one file per color digit, and the wait per image slot', () => {
    expect(firstPaintFiles(skin({ subtitle: '#A0B1C2' }, { column: info('c1') }))).toEqual([
      colorRuleFile('subtitle'),
      ...[...'a0b1c2'].map((digit, position) => colorDigitFile('subtitle', position, digit)),
      waitFile('column'),
    ]);
    expect(firstPaintFiles(skin(colors, { column: info('c1') }, false))).toEqual([]);
  });

  test('a page that asks again before the answer asks for each sheet once', async () => {
    const painter = newPainter();
    const shown = skin(colors, { header: info('h1') });
    storage.values[skinKey(blog)] = shown;
    storage.values[key('header')] = pngUrl;
    await Promise.all([painter.show(shown), painter.show(skin({ ...colors, title: '#123456' }, shown.images))]);
    expect(asks).toEqual([{ insert: ['header'], remove: 0 }]);
    expect(document.adoptedStyleSheets).toHaveLength(1);
    expect(bannerImage()).toBe(cssUrl(pngUrl));
  });

  test('a new image that cannot be put in leaves the page’s own, not the one before', async () => {
    newPainter();
    await storeAndShow(skin(colors, { header: info('h1') }), { header: pngUrl });
    await storeAndShow(skin(colors, { header: info('h2') }), { header: 'data:image/svg+xml;base64,PHN2Zz4=' });
    expect(bannerImage()).toBe('none');
  });

  test('until a new image is in, the one before it stays, never the page’s own', async () => {
    newPainter();
    await storeAndShow(skin(colors, { header: info('h1') }), { header: pngUrl });
    const newHeader = `data:image/jpeg;base64,${toBase64(await makeJpeg(1920, 120))}`;
    let open = () => {};
    storage.gate = new Promise<void>((resolve) => (open = resolve));
    const next = storeAndShow(skin(colors, { header: info('h2') }), { header: newHeader });
    await settle();
    expect(bannerImage()).toBe(cssUrl(pngUrl));
    open();
    await next;
    expect(bannerImage()).toBe(cssUrl(newHeader));
  });

  test('a removed image disappears at once; the others stay', async () => {
    const painter = newPainter();
    await storeAndShow(skin(colors, { header: info('h1'), column: info('c1') }), { header: pngUrl, column: jpegUrl });
    await painter.show(skin(colors, { column: info('c1') }));
    expect(bannerImage()).toBe('none');
    expect(columnImage()).toBe(cssUrl(jpegUrl));
    await expect.poll(() => document.adoptedStyleSheets.length).toBe(1);
  });

  test.each([
    ['an SVG data URL', 'data:image/svg+xml;base64,PHN2Zy8+'],
    ['a URL', 'https://example.com/banner.png'],
    ['a data URL breaking out of the CSS', 'data:image/png;base64,AAAA"); } * { color: rgb(255, 0, 0) !important; } x { y: url("'],
    ['a non-string', { dataUrl: 'data:image/png;base64,AAAA' }],
  ])('a stored image value that is %s is not painted', async (_name, value) => {
    const before = root.outerHTML;
    newPainter();
    await storeAndShow(skin({}, { header: info('h1') }), { header: value });
    expect(root.outerHTML).toBe(before);
    expect(bannerImage()).toBe('none');
    expect(titleColor()).toBe('rgb(1, 2, 3)');
    expect(document.adoptedStyleSheets).toHaveLength(0);

    // It was not taken as inserted: once good bytes are stored, the next showing asks again.
    await storeAndShow(skin({}, { header: info('h1') }), { header: pngUrl });
    expect(bannerImage()).toBe(cssUrl(pngUrl));
  });

  test('an image stored anew meanwhile is not put in under the revision asked for', async () => {
    newPainter();
    storage.values[skinKey(blog)] = skin({}, { header: info('h2') });
    storage.values[key('header')] = pngUrl;
    await painter!.show(skin({}, { header: info('h1') }));
    expect(bannerImage()).toBe('none');
    expect(document.adoptedStyleSheets).toHaveLength(0);
  });

  test('an image that arrives after the skin was turned off is not shown', async () => {
    const painter = newPainter();
    const before = root.outerHTML;
    storage.values[key('header')] = pngUrl;
    storage.values[skinKey(blog)] = skin({}, { header: info('h1') });
    let open = () => {};
    storage.gate = new Promise<void>((resolve) => (open = resolve));

    const slow = painter.show(skin({}, { header: info('h1') }));
    await painter.show(skin({}, { header: info('h1') }, false));
    open();
    await slow;
    expect(bannerImage()).toBe('none');
    await expect.poll(() => root.outerHTML).toBe(before);
  });

  test('a page that takes the gate attribute off <html> finds it back', async () => {
    newPainter();
    await storeAndShow(skin({}, { header: info('h1') }), { header: pngUrl });
    root.removeAttribute(SHEET_GATE);
    await settle();
    expect(bannerImage()).toBe(cssUrl(pngUrl));
    root.setAttribute(SHEET_GATE, 'header:forged');
    await settle();
    expect(bannerImage()).toBe(cssUrl(pngUrl));
  });

  test('the page’s own important rules added after painting, layered or not, do not win', async () => {
    newPainter();
    await storeAndShow(skin(colors, { header: info('h1') }), { header: pngUrl });
    const late = document.createElement('style');
    late.textContent =
      '.user-profile-head-name > div:first-child { color: rgb(9, 9, 9) !important; }\n' +
      '@layer late { .user-profile-head-name > div:first-child { color: rgb(8, 8, 8) !important; } }';
    root.append(late);
    await settle();
    try {
      expect(root.lastElementChild).toBe(late); // not moved for
      expect(titleColor()).toBe('rgb(255, 0, 0)');
    } finally {
      late.remove();
    }
  });
});
