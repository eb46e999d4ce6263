/**
 * Contrast where the text really is: the title field judges its color against the pixels of the
 * stored header under the blog's name on the open page, shows the WCAG 2 figure with a pass or a
 * warning, offers the nearest passing color, and follows the page's width. The hover field warns
 * of a hover color that would not be seen.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUser, launchWithEditor, type ExtensionSession } from '../support/extension';
import { asUpload, drawImage } from '../support/images';
import { computedStyle, rgb } from '../support/page-state';
import { cssUrl, storedImageUrl } from '../support/stored-images';

let session: ExtensionSession;
let home: Page;
let editor: Page;

const titleSelector = '.user-profile-head-name > div:first-child';
const field = (label: string) => editor.getByLabel(label, { exact: true });
/** A color field as a whole: its <fieldset>, named by its legend. */
const group = (label: string) => editor.getByRole('group', { name: label, exact: true });
const texts = (label: string) => group(label).evaluate((fieldset) => fieldset.textContent ?? '');

/** Picks a 1920×100 header of one color, or of two (left, right) split at `split` px of the image. */
async function pickHeader(colors: string[], name: string) {
  const header = await drawImage(editor, { width: 1920, height: 100, type: 'image/png', stripes: colors });
  await field('博客头图').setInputFiles(asUpload(name, header, 'image/png'));
  await expect
    .poll(async () => {
      const kept = cssUrl(await storedImageUrl(editor, demoUser, 'header'));
      return kept !== 'none' && (await computedStyle(home, '.user-profile-head-banner', 'background-image')) === kept;
    })
    .toBe(true);
}

beforeAll(async () => {
  ({ session, home, editor } = await launchWithEditor());
});

afterAll(async () => {
  await session?.close();
});

describe('the title over a solid white header', () => {
  it('shows 对比度 2.2:1 and a warning for #AFAFAF, a large text’s 3:1 missed', async () => {
    await pickHeader(['#FFFFFF'], 'white.png');
    await field('主标题颜色').fill('#AFAFAF');
    await expect.poll(() => group('主标题颜色').getByText('对比度 2.2:1', { exact: true }).count()).toBe(1);
    const shown = await texts('主标题颜色');
    expect(shown).toContain('⚠ 低于 3:1（大字号）');
    expect(shown).toContain('背后是博客头图');
    // The readout describes the text input.
    const described = await field('主标题颜色').evaluate((input) =>
      input.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent ?? ''),
    );
    expect(described.join(' ')).toContain('对比度 2.2:1');
  });

  it('改用 sets the nearest passing color, which the page shows', async () => {
    const use = group('主标题颜色').getByRole('button', { name: /^改用 #[0-9A-F]{6}$/ });
    await expect.poll(() => use.count()).toBe(1);
    const offered = (await use.textContent())!.replace('改用 ', '');
    // A gray stays gray, and the nearest that reaches 3:1 on white is #949494 (3.03:1; #959595 is 2.99:1).
    expect(offered).toBe('#949494');
    await use.click();
    await expect.poll(() => field('主标题颜色').inputValue()).toBe(offered);
    await expect.poll(() => computedStyle(home, titleSelector, 'color')).toBe(rgb(offered));
    await expect.poll(() => texts('主标题颜色')).toContain('✓ 达到 3:1（大字号）');
    expect(await texts('主标题颜色')).toContain('对比度 3.0:1');
    expect(await use.count()).toBe(0);
    // Stored, as a typed color is.
    const stored = await editor.evaluate(async (key) => {
      const record = (await chrome.storage.local.get(key))[key] as { colors?: { title?: string } } | undefined;
      return record?.colors?.title;
    }, `skin:${demoUser}`);
    expect(stored).toBe(offered);
  });

  it('updates as the color is typed', async () => {
    await field('主标题颜色').fill('#000000');
    await expect.poll(() => texts('主标题颜色')).toContain('对比度 21.0:1');
    await field('主标题颜色').fill('#FFFFFF');
    await expect.poll(() => texts('主标题颜色')).toContain('对比度 1.0:1');
  });
});

describe('the title over a header dark only on its left', () => {
  it('follows the page’s width: passes where the name is on the dark part, warns where it is on the light', async () => {
    // Dark for the image's left 1280 px. At 1400 px the 1320 px band shows the image from
    // x = 600 (anchored right): the name, some 140 px into the band, lies on the dark part. At
    // 800 px it shows from x = 1120, and the name lies on the white.
    await pickHeader(['#1E293B', '#1E293B', '#FFFFFF'], 'left-dark.png');
    await field('主标题颜色').fill('#F1F5F9');
    await expect.poll(() => texts('主标题颜色')).toContain('✓ 达到 3:1（大字号）');
    await home.setViewportSize({ width: 800, height: 900 });
    await expect.poll(() => texts('主标题颜色'), { timeout: 5000 }).toContain('⚠ 低于 3:1（大字号）');
    await home.setViewportSize({ width: 1400, height: 900 });
    await expect.poll(() => texts('主标题颜色'), { timeout: 5000 }).toContain('✓ 达到 3:1（大字号）');
  });

  it('follows a new header image', async () => {
    await pickHeader(['#FFFFFF'], 'white-again.png');
    await expect.poll(() => texts('主标题颜色'), { timeout: 5000 }).toContain('对比度 1.1:1');
  });
});

describe('the subtitle', () => {
  it('is judged as normal text against the page’s own white', async () => {
    await field('副标题颜色').fill('#777777');
    await expect.poll(() => texts('副标题颜色')).toContain('对比度 4.4:1');
    const shown = await texts('副标题颜色');
    expect(shown).toContain('⚠ 低于 4.5:1（正文字号）');
    expect(shown).toContain('背后是页面底色');
    await group('副标题颜色').getByRole('button', { name: '改用 #767676' }).click();
    await expect.poll(() => computedStyle(home, '.user-profile-title', 'color')).toBe(rgb('#767676'));
  });
});

describe('the hover color', () => {
  it('is named at its field when it can hardly be told from the title color', async () => {
    await field('主标题颜色').fill('#C0392B');
    await field('Hover').fill('#C0392B');
    const warning = group('Hover').getByRole('status');
    await expect.poll(() => texts('Hover')).toContain('与主标题颜色几乎一样（ΔE OK 0.00，低于 0.05）：悬停时看不出变化');
    expect(await warning.count()).toBe(1);
    await field('Hover').fill('#C23B2D');
    await expect.poll(() => texts('Hover')).toMatch(/与主标题颜色几乎一样（ΔE OK 0\.0[1-4]，/);
    await field('Hover').fill('#16A085');
    await expect.poll(() => warning.count()).toBe(0);
  });
});
