/**
 * The slot map (src/sites/csdn.ts) on every page structure of test/fixtures/csdn (its README names
 * the real page and year behind each). On each page: every slot the page has is painted, on the
 * elements that stand for it in the fixture's own terms and on no other; a slot it lacks is
 * neither painted nor reported; no other element's computed style changes; turning the skin off
 * gives the page back as it was; and the editor's report names exactly the slots seen painted.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageDescription } from '../../src/messages';
import { allSlots, imageSlots, storedImages, type ImageSlot, type Slot } from '../../src/rules';
import { blogKeyFromUrl } from '../../src/sites/csdn';
import { imageKey, skinKey } from '../../src/skin';
import {
  articleUrl,
  homeUrl,
  launchWithExtension,
  openBlogPage,
  openEditor,
  structurePages,
  type ExtensionSession,
} from '../support/extension';
import { rgb } from '../support/page-state';
import { encodePng } from '../support/png-encoder';
import { storedImageInfo } from '../support/skin-records';

type PaintedSlot = Exclude<Slot, 'hover'>;

interface PageCase {
  fixture: string;
  url: string;
  /**
   * Per slot the page has, the elements that must show it, in the fixture's own terms: every
   * match and nothing else. Title and subtitle name the elements whose own color is set.
   */
  painted: Partial<Record<PaintedSlot, string>>;
  /** Elements that must take the hover color when pointed at; absent when the page has none. */
  hover?: string[];
  /** Links that are not part of the skin: pointed at, they keep the page's own color. */
  plain?: string;
  /** An element the page's own script adds after load: the page is read once it is there. */
  settled?: string;
}

const nickname = '.user-profile-head-name > div:not(.person-code-age)';

const cases: PageCase[] = [
  {
    fixture: 'home.html',
    url: homeUrl,
    painted: {
      header: '.user-profile-head-banner',
      background: '#userSkin',
      column: 'h3.aside-title',
      title: nickname,
      subtitle: '.user-profile-wrapper-box > *',
    },
    hover: [nickname, '.navList a', '.blog-list-box h4', '.aside-content a'],
    plain: '.toolbar-menus a',
  },
  {
    fixture: 'article.html',
    url: articleUrl,
    painted: { background: 'body', column: 'h3.aside-title' },
    hover: ['.aside-content a'],
    plain: '.article-bar-top a',
    settled: '#csdn-toolbar',
  },
  {
    fixture: 'legacy.html',
    url: structurePages['legacy.html'],
    painted: {
      header: 'header > .container',
      background: 'body',
      column: 'h3.aside-title',
      title: 'h1.title-blog > a',
      subtitle: 'p.description',
    },
    hover: ['h1.title-blog > a', '.article-item-box h4 a', '.aside-content a'],
  },
  {
    fixture: 'article-2018.html',
    url: structurePages['article-2018.html'],
    painted: {
      header: 'header > .container',
      background: 'body',
      column: 'h3.aside-title',
      title: 'h1.title-blog > a',
      subtitle: 'p.description',
    },
    hover: ['h1.title-blog > a', '.aside-content a'],
    plain: '.recommend-item-box a, .csdn-toolbar a',
  },
  {
    fixture: 'article-2020.html',
    url: structurePages['article-2020.html'],
    // six title bars, the table of contents' one a level deeper
    painted: { background: 'body', column: 'h3.aside-title' },
    hover: ['#asideHotArticle .aside-content a', '#asideArchive .aside-content a'],
    plain: '.recommend-item-box .tit, #csdn-toolbar a',
  },
  {
    fixture: 'article-2023.html',
    url: structurePages['article-2023.html'],
    // nine title bars: six on the left, two in #rightAside, one in the concise copy
    painted: { background: 'body', column: 'h3.aside-title' },
    hover: ['#asideHotArticle .aside-content a', '#kind_person_column a'],
    plain: '.recommend-item-box .tit, #csdn-toolbar a, #groupfile .toc-box a',
  },
  {
    fixture: 'column-2021.html',
    url: structurePages['column-2021.html'],
    painted: {
      header: 'body > header > .container',
      background: 'body',
      column: 'h3.aside-title',
      title: 'body > header h1.title-blog > a',
      subtitle: 'body > header p.description',
    },
    hover: ['.column_article_title > h2.title', 'h1.title-blog > a', '.aside-content a'],
    plain: '#csdn-toolbar a',
  },
  {
    fixture: 'home-2021.html',
    url: structurePages['home-2021.html'],
    painted: {
      header: '.user-profile-head-banner',
      background: '#userSkin',
      column: '.aside-common-box-head',
      title: nickname,
      subtitle: '.user-profile-head-introduction > p',
    },
    hover: [nickname, '.blog-list-box h4', '.aside-common-box-content a'],
    plain: '#csdn-toolbar a, .user-profile-head-info-b a',
  },
  {
    fixture: 'home-2022.html',
    url: structurePages['home-2022.html'],
    painted: {
      header: '.user-profile-head-banner',
      background: 'body',
      column: '.aside-common-box-head',
      title: nickname,
      subtitle: '.user-profile-wrapper-box > *',
    },
    hover: [nickname, '.blog-list-box h4', '.aside-common-box-content a'],
    plain: '#csdn-toolbar a, .user-profile-head-info-r-c a',
  },
  {
    fixture: 'home-2024.html',
    url: structurePages['home-2024.html'],
    painted: {
      header: '.user-profile-head-banner',
      background: '#userSkin',
      column: '.aside-common-box-head',
      title: nickname,
      subtitle: '.user-profile-wrapper-box > *',
    },
    hover: [nickname, '.blog-list-box h4', '.aside-common-box-content a'],
    plain: '#csdn-toolbar a, .user-profile-head-info-r-c a',
  },
];

const colors = { title: '#B03A2E', hover: '#117A65', subtitle: '#6C3483' } as const;
const labels: Readonly<Record<string, Slot>> = {
  博客头图: 'header',
  博客底图: 'background',
  栏目图: 'column',
  主标题颜色: 'title',
  Hover: 'hover',
  副标题颜色: 'subtitle',
};

let session: ExtensionSession;
/** Each image slot's stored image, a solid PNG of its own color at the size CSDN stores. */
const images = {} as Record<ImageSlot, string>;

beforeAll(async () => {
  session = await launchWithExtension();
  const fills: Record<ImageSlot, [number, number, number]> = { header: [15, 118, 110], background: [253, 230, 138], column: [124, 58, 237] };
  for (const slot of imageSlots) {
    const { width, height } = storedImages[slot];
    const png = await encodePng({ width, height, color: 'rgb', depth: 8, pixel: fills[slot] });
    images[slot] = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  }
});

afterAll(async () => {
  await session?.close();
});

/** The blog's skin (schema 2), every field set, on or off; its images where versions before this one kept them, read the same way. */
function skinItems(blog: string, enabled: boolean): Record<string, unknown> {
  const record = {
    schema: 2,
    enabled,
    colors,
    images: Object.fromEntries(imageSlots.map((slot) => [slot, storedImageInfo(`${slot}-slot-map`, slot)])),
  };
  const bytes = Object.fromEntries(imageSlots.map((slot) => [imageKey(blog, slot), images[slot]]));
  return enabled ? { ...bytes, [skinKey(blog)]: record } : { [skinKey(blog)]: record };
}

interface Inspection {
  /** Every element's computed style (<html>, <body> and what is in it), in document order. */
  styles: Array<Record<string, string>>;
  /** Every element as a message names it: tag, id and classes. */
  names: string[];
  /** Per slot, the document-order indexes of the elements named for it. */
  named: Record<string, number[]>;
  /** Per color slot, the indexes of its elements and of everything inside them (their color is inherited). */
  inside: Record<string, number[]>;
}

/** Runs in the page: reads every element's computed style, and where the named elements are. */
function inspect(named: Record<string, string>): Inspection {
  const elements = [document.documentElement, document.body, ...document.body.querySelectorAll('*')];
  const indexOf = new Map(elements.map((element, i) => [element, i]));
  const matches = (selector: string) => [...document.querySelectorAll(selector)].map((element) => indexOf.get(element)!);
  const styles = elements.map((element) => {
    const style = getComputedStyle(element);
    const properties: Record<string, string> = {};
    for (let i = 0; i < style.length; i++) properties[style.item(i)] = style.getPropertyValue(style.item(i));
    return properties;
  });
  const inside: Record<string, number[]> = {};
  for (const slot of ['title', 'subtitle']) {
    if (named[slot]) inside[slot] = matches(`${named[slot]}, :is(${named[slot]}) *`);
  }
  const names = elements.map((element) => element.tagName.toLowerCase() + (element.id ? `#${element.id}` : '') + [...element.classList].map((name) => `.${name}`).join(''));
  return {
    styles,
    names,
    named: Object.fromEntries(Object.entries(named).map(([slot, selector]) => [slot, matches(selector)])),
    inside,
  };
}

/** Which properties differ between two readings of one element's style. */
const differing = (before: Record<string, string>, after: Record<string, string>) =>
  Object.keys({ ...before, ...after }).filter((property) => before[property] !== after[property]);

/** The editor's report, as the slots it names present and absent. */
async function reportOf(editor: Page): Promise<{ present: Slot[]; absent: Slot[] }> {
  const listed = async (locator: ReturnType<Page['locator']>) => {
    if ((await locator.count()) === 0) return [];
    const text = await locator.innerText();
    return text.slice(text.indexOf('：') + 1).split('、').map((label) => labels[label.trim()]!);
  };
  await expect.poll(() => editor.locator('.slot-report p').count()).toBeGreaterThan(0);
  return {
    present: await listed(editor.locator('.slot-report p:not(.absent)')),
    absent: await listed(editor.locator('.slot-report p.absent')),
  };
}

/** What the page's content script says of it, asked as the editor asks (popup/page-calls.ts). */
async function describeOf(editor: Page): Promise<PageDescription | null> {
  const tabId = Number(new URL(editor.url()).searchParams.get('tab'));
  return editor.evaluate(async (id) => {
    const [injection] = await chrome.scripting.executeScript({
      target: { tabId: id },
      func: () => (globalThis as unknown as Record<string, { describe(): unknown } | undefined>).__blogSkinPreviewerPage?.describe(),
    });
    return (injection?.result ?? null) as PageDescription | null;
  }, tabId);
}

const sortedSlots = (slots: Iterable<Slot>) => allSlots.filter((slot) => [...slots].includes(slot));

describe('the slot map on every page structure', () => {
  it.each(cases)('$fixture: paints what the page has, nothing else, and reports it', async (page) => {
    const blog = blogKeyFromUrl(page.url)!;
    const tab = await openBlogPage(session, page.url);
    if (page.settled) await tab.waitForSelector(page.settled, { state: 'attached' });
    await tab.mouse.move(0, 0);
    const editor = await openEditor(session, tab);
    try {
      await checkPage(page, blog, tab, editor);
    } finally {
      // Off again whatever happened, so no later page of the blog opens with the skin on.
      await editor.evaluate((items) => chrome.storage.local.set(items), skinItems(blog, false));
      await editor.close();
      await tab.close();
    }
  });
});

async function checkPage(page: PageCase, blog: string, tab: Page, editor: Page): Promise<void> {
  const named = { ...page.painted } as Record<string, string>;
  for (const [slot, selector] of Object.entries(named)) {
    expect(await tab.locator(selector).count(), `${page.fixture} has no ${selector} for ${slot}`).toBeGreaterThan(0);
  }
  const before = await tab.evaluate(inspect, named);
  await editor.evaluate((items) => chrome.storage.local.set(items), skinItems(blog, true));

  // Painted: each image on every named element of its slot, each color on its named elements.
  const imageCss = (slot: ImageSlot) => `url("${images[slot]}")`;
  const unpainted = (reading: Inspection) =>
    Object.entries(named).flatMap(([slot, selector]) =>
      reading.named[slot]!
        .filter((i) =>
          slot === 'title' || slot === 'subtitle'
            ? reading.styles[i]!.color !== rgb(colors[slot])
            : reading.styles[i]!['background-image'] !== imageCss(slot as ImageSlot),
        )
        .map((i) => `${slot} on ${selector} (element #${i})`),
    );
  let on = before;
  await expect
    .poll(async () => {
      on = await tab.evaluate(inspect, named);
      return unpainted(on);
    }, { message: `${page.fixture}: slots not painted` })
    .toEqual([]);

  // Nothing else: every change is a named image element's background, or the color of a named
  // title or subtitle and what inherits it.
  const unexplained: string[] = [];
  const seen = new Set<Slot>();
  on.styles.forEach((style, i) => {
    const changed = differing(before.styles[i]!, style);
    if (changed.length === 0) return;
    const image = imageSlots.find((slot) => on.named[slot]?.includes(i));
    if (image && changed.every((property) => property.startsWith('background-'))) {
      expect(style['background-image']).toBe(imageCss(image));
      seen.add(image);
      return;
    }
    const color = (['title', 'subtitle'] as const).find((slot) => on.inside[slot]?.includes(i));
    if (color && changed.every((property) => style[property]!.includes(rgb(colors[color])))) {
      if (on.named[color]!.includes(i)) seen.add(color);
      return;
    }
    unexplained.push(`${on.names[i]}: ${changed.join(', ')}`);
  });
  expect(unexplained, `${page.fixture}: changed outside the slots`).toEqual([]);
  expect(sortedSlots(seen)).toEqual(sortedSlots(Object.keys(named) as Slot[]));

  // Hover: the named elements take the color when pointed at; the page's other links do not.
  await tab.bringToFront();
  for (const selector of page.hover ?? []) {
    const target = tab.locator(selector).first();
    await target.hover();
    await expect.poll(() => target.evaluate((element) => getComputedStyle(element).color), { message: selector }).toBe(rgb(colors.hover));
    seen.add('hover');
  }
  for (const link of page.plain ? await tab.locator(page.plain).all() : []) {
    if (!(await link.isVisible())) continue;
    await link.hover();
    expect(await link.evaluate((element) => getComputedStyle(element).color)).not.toBe(rgb(colors.hover));
  }
  await tab.mouse.move(0, 0);

  // The report: exactly what was seen painted, from the same detection as the painting.
  const report = await reportOf(editor);
  expect(report.present).toEqual(sortedSlots(seen));
  expect(report.absent).toEqual(allSlots.filter((slot) => !seen.has(slot)));
  expect(await describeOf(editor)).toEqual({ blog, slots: sortedSlots(seen) });

  // Off: the page is as it was before, every element, every property.
  await editor.evaluate((items) => chrome.storage.local.set(items), skinItems(blog, false));
  await expect
    .poll(async () => JSON.stringify((await tab.evaluate(inspect, named)).styles) === JSON.stringify(before.styles))
    .toBe(true);
}
