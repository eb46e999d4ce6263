/**
 * The whole job, as a user does it: open the blog, open the editor, pick files and colors,
 * look at the page. Everything is checked on the page: computed styles, hover, pixels.
 */
import type { Locator, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articleUrl,
  demoUser,
  homeUrl,
  launchWithExtension,
  openBlogPage,
  openEditor,
  type ExtensionSession,
} from '../support/extension';
import { asUpload, drawImage } from '../support/images';
import { computedStyle, computedStyleSnapshot, near, pixelsOf, rgb } from '../support/page-state';
import { cssUrl, dataUrlOfCss, describeImage, storedImageUrl } from '../support/stored-images';
import type { ImageSlot } from '../../src/rules';

const colors = { title: '#C0392B', hover: '#16A085', subtitle: '#8E44AD' };

/** Three vertical stripes, so a screenshot tells which part of the header is shown. */
const headerStripes = ['#1E3A8A', '#F59E0B', '#10B981'];

let session: ExtensionSession;
let home: Page;
let editor: Page;
let header: Buffer;
let background: Buffer;
let column: Buffer;
let homeBefore: string[];

const field = (label: string) => editor.getByLabel(label, { exact: true });
/** An image field as a whole: its <fieldset>, named by its legend. */
const group = (label: string) => editor.getByRole('group', { name: label, exact: true });
/** The image the editor stored for `slot` (the only image a page is given), as a computed style spells it. */
const stored = async (slot: ImageSlot) => cssUrl(await storedImageUrl(editor, demoUser, slot));
/**
 * Waits until `selector` on `page` shows what the editor stored for `slot`, and returns it as a
 * computed style spells it. Both are read on every try: a cut is saved a moment after the frame rests.
 */
async function showsStored(page: Page, selector: string, slot: ImageSlot): Promise<string> {
  let kept = '';
  await expect
    .poll(async () => {
      const shown = await computedStyle(page, selector, 'background-image');
      kept = await stored(slot);
      return kept !== 'none' && shown === kept;
    })
    .toBe(true);
  return kept;
}
/** What the bytes behind a computed `background-image` are: "image/png 1920×100". */
const described = (css: string) => describeImage(dataUrlOfCss(css));
/** Waits until exactly one element matches, as a user waits for a message to appear. */
const shows = (locator: Locator) => expect.poll(() => locator.count()).toBe(1);

beforeAll(async () => {
  session = await launchWithExtension();
  home = await openBlogPage(session, homeUrl);
  homeBefore = await computedStyleSnapshot(home);
  editor = await openEditor(session, home);
  header = await drawImage(editor, { width: 1920, height: 100, type: 'image/jpeg', stripes: headerStripes, quality: 0.95 });
  background = await drawImage(editor, { width: 40, height: 40, type: 'image/png', stripes: ['#FDF2F8', '#FCE7F3'] });
  column = await drawImage(editor, { width: 300, height: 38, type: 'image/png', stripes: ['#7C3AED'] });
});

afterAll(async () => {
  await session?.close();
});

describe('the editor', () => {
  it('shows the six fields by their CSDN names and the preview switch', async () => {
    for (const label of ['博客头图', '博客底图', '栏目图']) await expect(field(label).getAttribute('type')).resolves.toBe('file');
    for (const label of ['主标题颜色', 'Hover', '副标题颜色']) await expect(field(label).getAttribute('type')).resolves.toBe('text');
    await expect(editor.getByRole('switch', { name: '预览' }).isChecked()).resolves.toBe(true);
  });

  it('says which slots the home page has', async () => {
    await shows(editor.getByText(/本页可看到：博客头图、博客底图、栏目图、主标题颜色、Hover、副标题颜色/));
  });
});

describe('painting the home page', () => {
  it('paints a picked header, anchored right, and shows its facts in the editor', async () => {
    await field('博客头图').setInputFiles(asUpload('banner.jpg', header, 'image/jpeg'));
    await shows(editor.getByText(/1920 × 100 像素 · \d+(\.\d)? KB/));
    await shows(editor.getByText(/CSDN 存为 1920×100 PNG · \d+(\.\d)? KB/));
    await shows(editor.getByRole('button', { name: '移除博客头图' }));
    // checked and cut off the editor's main thread
    // (a header also starts the worker of its suggested colors)
    expect(editor.workers().map((worker) => worker.url()).filter((url) => !/palette\.worker/.test(url))).toEqual([
      expect.stringMatching(/image\.worker.*\.js$/),
    ]);
    const banner = '.user-profile-head-banner';
    // The page shows the PNG CSDN would store, not the picked JPEG (its stripes: the next test).
    const shown = await showsStored(home, banner, 'header');
    expect(described(shown)).toBe('image/png 1920×100');
    expect(await computedStyle(home, banner, 'background-position')).toBe('100% 50%');
    expect(await computedStyle(home, banner, 'background-size')).toBe('cover');
  });

  it('keeps the right of the header visible in a narrow window', async () => {
    await home.bringToFront();
    await home.setViewportSize({ width: 800, height: 600 });
    // 800 px of a 1920 px image anchored right start at x = 1120: the middle stripe, then the last.
    const [left, right] = await pixelsOf(home, '.user-profile-head-banner', [[5, 50], [790, 50]]);
    expect(near(left!, [0xf5, 0x9e, 0x0b])).toBe(true);
    expect(near(right!, [0x10, 0xb9, 0x81])).toBe(true);
    await home.setViewportSize({ width: 1400, height: 900 });
  });

  it('tiles the background on #userSkin and leaves the home page body alone', async () => {
    await field('博客底图').setInputFiles(asUpload('tile.png', background, 'image/png'));
    const shown = await showsStored(home, '#userSkin', 'background');
    // the 40×40 file, cut as CSDN does: a 100×100 PNG, tiled at 100 CSS px
    expect(described(shown)).toBe('image/png 100×100');
    await shows(group('博客底图').getByText('将裁成 100×100'));
    expect(await computedStyle(home, '#userSkin', 'background-repeat')).toBe('repeat');
    expect(await computedStyle(home, '#userSkin', 'background-size')).toBe('100px 100px');
    expect(await computedStyle(home, 'body', 'background-image')).toBe('none');
  });

  it('lays the column image on every sidebar title bar', async () => {
    await field('栏目图').setInputFiles(asUpload('column.png', column, 'image/png'));
    const shown = await showsStored(home, '#asideArchive .aside-title', 'column');
    expect(described(shown)).toBe('image/png 300×38');
    const all = await home.locator('.aside-box > .aside-title').evaluateAll((titles) =>
      titles.map((title) => getComputedStyle(title).backgroundImage),
    );
    expect(all).toHaveLength(3);
    expect(new Set(all)).toEqual(new Set([shown]));
    const [pixel] = await pixelsOf(home, '#asideCategory .aside-title', [[290, 30]]);
    expect(near(pixel!, [0x7c, 0x3a, 0xed])).toBe(true);
  });

  it('paints the three colors live, as they are typed', async () => {
    await field('主标题颜色').fill(colors.title.toLowerCase());
    await expect.poll(() => computedStyle(home, '.user-profile-head-name > div', 'color')).toBe(rgb(colors.title));
    await field('副标题颜色').fill(colors.subtitle.slice(1));
    await expect.poll(() => computedStyle(home, '.user-profile-title', 'color')).toBe(rgb(colors.subtitle));
    expect(await computedStyle(home, '.user-profile-wrapper-box > span', 'color')).toBe(rgb(colors.subtitle));
    await field('Hover').fill(colors.hover);
    await field('Hover').blur();
    await expect.poll(() => field('Hover').getAttribute('aria-invalid')).toBe(null);
  });

  it('shows the hover color on hovered links and titles only', async () => {
    await home.bringToFront();
    const link = home.locator('.navList a').nth(1);
    const before = await link.evaluate((a) => getComputedStyle(a).color);
    expect(before).not.toBe(rgb(colors.hover));
    await link.hover();
    await expect.poll(() => link.evaluate((a) => getComputedStyle(a).color)).toBe(rgb(colors.hover));
    const title = home.locator('.blog-list-box h4').first();
    await title.hover();
    await expect.poll(() => title.evaluate((h) => getComputedStyle(h).color)).toBe(rgb(colors.hover));
    await home.mouse.move(0, 0);
  });

  it('keeps the swatch in step with the text', async () => {
    await expect(editor.getByLabel('主标题颜色取色').inputValue()).resolves.toBe(colors.title.toLowerCase());
    await editor.getByLabel('Hover取色').fill('#123abc');
    await expect.poll(() => field('Hover').inputValue()).toBe('#123ABC');
    await field('Hover').fill(colors.hover);
  });
});

describe('the image fields', () => {
  it('show a thumbnail of the chosen image: the image CSDN will store', async () => {
    const thumbnail = group('博客头图').locator('figure img');
    await expect.poll(() => thumbnail.count()).toBe(1);
    const kept = await storedImageUrl(editor, demoUser, 'header');
    expect(describeImage(kept)).toBe('image/png 1920×100');
    await expect.poll(() => thumbnail.getAttribute('src')).toBe(kept);
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]))
      .toEqual([1920, 100]);
  });

  it('take a file dropped onto the field', async () => {
    const green = await drawImage(editor, { width: 300, height: 38, type: 'image/png', stripes: ['#22C55E'] });
    await group('栏目图').evaluate((fieldset, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
      fieldset.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, green.toString('base64'));
    await shows(editor.getByText('dropped.png'));
    const bar = '#asideArchive .aside-title';
    const greenShown = await showsStored(home, bar, 'column');
    expect(described(greenShown)).toBe('image/png 300×38');
    await home.bringToFront();
    expect(near((await pixelsOf(home, bar, [[290, 30]]))[0]!, [0x22, 0xc5, 0x5e])).toBe(true);
    // put the first column image back for the tests that follow
    await field('栏目图').setInputFiles(asUpload('column.png', column, 'image/png'));
    await shows(editor.getByText('column.png'));
    expect(await showsStored(home, bar, 'column')).not.toBe(greenShown);
    expect(near((await pixelsOf(home, bar, [[290, 30]]))[0]!, [0x7c, 0x3a, 0xed])).toBe(true);
  });

  it('remove an image from the page with its button', async () => {
    await editor.getByRole('button', { name: '移除博客底图' }).click();
    await expect.poll(() => computedStyle(home, '#userSkin', 'background-image')).toBe('none');
    await expect.poll(() => editor.getByRole('button', { name: '移除博客底图' }).count()).toBe(0);
    await expect.poll(() => stored('background')).toBe('none');
    await field('博客底图').setInputFiles(asUpload('tile.png', background, 'image/png'));
    await showsStored(home, '#userSkin', 'background');
  });
});

describe('a rejected file or color', () => {
  it('names the rule and the actual value at the field, and changes nothing on the page', async () => {
    const pageBefore = await computedStyleSnapshot(home);
    const small = await drawImage(editor, { width: 1600, height: 100, type: 'image/png', stripes: ['#000000'] });
    await field('博客头图').setInputFiles(asUpload('small.png', small, 'image/png'));
    const input = field('博客头图');
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    // the accessible description: the error first, then the field's rule
    const description = await input.evaluate((el) =>
      el.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent),
    );
    expect(description[0]).toBe('宽度 1600 像素，需至少 1920 像素');
    expect(description[1]).toContain('PNG 或 JPG，大于 1920×100 像素');
    await shows(editor.getByRole('alert').filter({ hasText: '宽度 1600 像素，需至少 1920 像素' }));
    await shows(editor.getByText('banner.jpg')); // the previous image stays
    expect(await computedStyleSnapshot(home)).toEqual(pageBefore);
  });

  it('refuses a GIF renamed .png by its bytes', async () => {
    const before = await stored('column');
    const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
    await field('栏目图').setInputFiles(asUpload('column.png', gif, 'image/png'));
    await expect.poll(() => editor.getByRole('alert').filter({ hasText: '文件格式为 GIF，需为 PNG 或 JPG' }).count()).toBe(1);
    // a GIF is one the editor can turn into a PNG, if asked
    await shows(group('栏目图').getByRole('button', { name: '一键修复' }));
    expect(await stored('column')).toBe(before);
    expect(await computedStyle(home, '#asideArchive .aside-title', 'background-image')).toBe(before);
  });

  it('refuses text that is not a hex color and keeps the last good one', async () => {
    await field('主标题颜色').fill('red');
    await field('主标题颜色').press('Enter');
    await expect.poll(() => field('主标题颜色').getAttribute('aria-invalid')).toBe('true');
    await shows(editor.getByRole('alert').filter({ hasText: '“red”不是 RGB 十六进制颜色' }));
    expect(await computedStyle(home, '.user-profile-head-name > div', 'color')).toBe(rgb(colors.title));
    await field('主标题颜色').fill(colors.title);
    await expect.poll(() => field('主标题颜色').getAttribute('aria-invalid')).toBe(null);
  });
});

describe('kept per blog', () => {
  it('is painted on the article page of the same blog, which has no header band', async () => {
    const article = await openBlogPage(session, articleUrl);
    expect(await computedStyle(article, 'body', 'background-image')).toBe(await stored('background'));
    expect(await computedStyle(article, 'body', 'background-size')).toBe('100px 100px');
    expect(await computedStyle(article, '#rightAside .aside-title', 'background-image')).toBe(await stored('column'));
    // the toolbar arrives late from the page's script; the skin must not disturb it
    await article.waitForSelector('#csdn-toolbar');
    expect(await computedStyle(article, '#csdn-toolbar', 'background-image')).toBe('none');
    const articleEditor = await openEditor(session, article);
    await shows(articleEditor.getByText(/本页没有：博客头图、主标题颜色、副标题颜色/));
    await articleEditor.close();
    await article.close();
  });

  it('reaches sidebar boxes the page inserts later', async () => {
    await home.evaluate(() => {
      const box = document.createElement('div');
      box.className = 'aside-box';
      box.innerHTML = '<h3 class="aside-title">Late</h3>';
      document.querySelector('.user-profile-aside')!.append(box);
    });
    expect(await computedStyle(home, '.aside-box:last-child > .aside-title', 'background-image')).toBe(await stored('column'));
  });

  it('is there again after a reload: its colors in the first frame that shows the page, its images never after the page’s own', async () => {
    const storedHeader = await stored('header');
    expect(storedHeader).toMatch(/^url\("data:image\/png;base64,/);
    const ownImage = 'linear-gradient(rgb(9, 9, 9), rgb(9, 9, 9))';
    // A tab of its own: the page's own image stays out of the other tests' pages.
    const tab = await openBlogPage(session, homeUrl);
    await tab.addInitScript(
      (ownImage) => {
        // Main world, before the page parses: the banner gets an image of the page's own, as a
        // real blog's may have. A frame's animation callbacks run before its paint, so the first
        // callback that finds the page visible sees what its first visible paint will use.
        const own = document.createElement('style');
        own.textContent = `.user-profile-head-banner { background-image: ${ownImage}; }`;
        const placed = new MutationObserver(() => {
          if (!document.documentElement) return;
          document.documentElement.append(own);
          placed.disconnect();
        });
        placed.observe(document, { childList: true });
        const w = window as unknown as { firstFrame?: { banner: string; title: string }; banners: string[] };
        w.banners = [];
        const look = () => {
          if (getComputedStyle(document.documentElement).visibility === 'hidden') return requestAnimationFrame(look);
          const banner = document.querySelector('.user-profile-head-banner');
          const name = document.querySelector('.user-profile-head-name > div');
          // A page painted at document start can show frames before its title is parsed, in no
          // color: the first frame judged is the first that shows it (as the bench judges).
          if (name) w.firstFrame ??= { banner: banner ? getComputedStyle(banner).backgroundImage : 'no banner', title: getComputedStyle(name).color };
          // Every visible frame, until the skin's image is in: none may show the page's own.
          if (banner) w.banners.push(getComputedStyle(banner).backgroundImage.slice(0, 40));
          if (!w.firstFrame || !banner || !getComputedStyle(banner).backgroundImage.startsWith('url(')) requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      },
      ownImage,
    );
    await tab.bringToFront();
    for (let reload = 0; reload < 5; reload++) {
      await tab.reload({ waitUntil: 'load' });
      const frames = () =>
        tab.evaluate(() => {
          const w = window as unknown as { firstFrame?: { banner: string; title: string }; banners: string[] };
          return { firstFrame: w.firstFrame, banners: w.banners };
        });
      // Until a frame has shown the skin's image.
      await expect.poll(async () => (await frames()).banners.at(-1)?.startsWith('url(')).toBe(true);
      const { firstFrame, banners } = await frames();
      expect(firstFrame).toBeDefined();
      expect(firstFrame!.title).toBe(rgb(colors.title));
      expect([storedHeader, 'none']).toContain(firstFrame!.banner);
      expect(banners.filter((banner) => banner.startsWith('linear-gradient'))).toEqual([]);
    }
    expect(await computedStyle(tab, '.user-profile-head-banner', 'background-image')).toBe(storedHeader);
    expect(await computedStyle(tab, '.user-profile-head-name > div', 'color')).toBe(rgb(colors.title));
    await tab.close();
  });

  it('is shared by the personal domain of the same blog and never touches another blog', async () => {
    const personal = await openBlogPage(session, 'https://baxiaoshi2020.blog.csdn.net/');
    expect(await computedStyle(personal, '.user-profile-head-name > div', 'color')).toBe(rgb(colors.title));
    await personal.close();
    const other = await openBlogPage(session, 'https://blog.csdn.net/someone_else');
    expect(await computedStyle(other, '.user-profile-head-banner', 'background-image')).toBe('none');
    expect(await other.locator('style').count()).toBe(1); // the fixture's own
    await other.close();
  });

  it('keeps the editor in step with its tab: another page of the blog gets its own report', async () => {
    const tab = await openBlogPage(session, homeUrl);
    const own = await openEditor(session, tab);
    await shows(own.getByText(/本页可看到：博客头图/));
    await tab.goto(articleUrl, { waitUntil: 'load' });
    await shows(own.getByText(/本页没有：博客头图/));
    await own.close();
    await tab.close();
  });

  it('is painted at an address that spells the blog in capitals, whose next loads are held too', async () => {
    const shouting = await openBlogPage(session, 'https://blog.csdn.net/BaXiaoShi2020');
    const storedHeader = await stored('header');
    await expect.poll(() => computedStyle(shouting, '.user-profile-head-banner', 'background-image')).toBe(storedHeader);
    // Its colors too: it has none of the blog's first-paint sheets, which only its next loads get.
    await expect.poll(() => computedStyle(shouting, '.user-profile-head-name > div', 'color')).toBe(rgb(colors.title));
    // Match patterns compare paths by case: the background adds this spelling to the hold's.
    const heldPages = () =>
      editor.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? []));
    await expect.poll(heldPages).toContain('https://blog.csdn.net/BaXiaoShi2020/*');
    await shouting.close();
  });
});

describe('turning the preview off', () => {
  it('leaves every element of the page with the computed style it had before, and on restores the skin', async () => {
    // Tests above added elements of their own to this page: compare a fresh load of it.
    await home.reload({ waitUntil: 'load' });
    const toggle = editor.getByRole('switch', { name: '预览' });
    await toggle.click();
    await expect.poll(() => computedStyle(home, '#userSkin', 'background-image')).toBe('none');
    expect(await computedStyleSnapshot(home)).toEqual(homeBefore);
    await toggle.click();
    await expect.poll(() => computedStyle(home, '#userSkin', 'background-image')).toBe(await stored('background'));
  });

  it('stays off across a reload, and no longer holds the blog\'s pages at load', async () => {
    const heldPages = () =>
      editor.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? []));
    expect(await heldPages()).toContain('https://blog.csdn.net/baxiaoshi2020/*');
    await editor.getByRole('switch', { name: '预览' }).click();
    await expect.poll(heldPages).toEqual([]);
    await home.reload({ waitUntil: 'load' });
    expect(await computedStyleSnapshot(home)).toEqual(homeBefore);
    await editor.getByRole('switch', { name: '预览' }).click();
  });
});

describe('the network', () => {
  it('saw no request but the blog pages themselves', () => {
    const urls = session.requests.map((request) => request.url()).filter((url) => /^https?:/.test(url));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^https:\/\/([a-z0-9_-]+\.)?blog\.csdn\.net\//);
    const kinds = new Set(session.requests.filter((r) => /^https?:/.test(r.url())).map((r) => r.resourceType()));
    expect([...kinds]).toEqual(['document']);
  });
});
