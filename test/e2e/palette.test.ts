/**
 * Colors from the header: the editor suggests the header image's dominant colors (配色建议), each a
 * button named by its hex and marked as a title color where the blog's name is; a click puts the
 * color in the color field last focused, the title's by default, and the page shows it.
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

const stripes = ['#1E3A8A', '#DC2626', '#16A34A', '#EAB308', '#F8FAFC'];
const titleSelector = '.user-profile-head-name > div:first-child';
const subtitleSelector = '.user-profile-title';

const field = (label: string) => editor.getByLabel(label, { exact: true });
const palette = () => editor.getByRole('group', { name: '配色建议', exact: true });
const swatches = () => palette().getByRole('button');
/** The hex each swatch shows (beside its ✓ or ⚠ mark, which is hidden from its name). */
const hexes = () => swatches().evaluateAll((buttons) => buttons.map((button) => /#[0-9A-F]{6}/.exec(button.textContent ?? '')?.[0] ?? ''));

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
/** The largest channel difference of two hex colors. */
const apart = (a: string, b: string) => Math.max(...channels(a).map((value, i) => Math.abs(value - channels(b)[i]!)));

beforeAll(async () => {
  ({ session, home, editor } = await launchWithEditor());
});

afterAll(async () => {
  await session?.close();
});

describe('the suggested colors', () => {
  it('are not shown while there is no header image', async () => {
    await expect.poll(() => field('主标题颜色').count()).toBe(1);
    expect(await palette().count()).toBe(0);
  });

  it('are the five stripes of a five-stripe header, each a button named by its hex', async () => {
    const header = await drawImage(editor, { width: 1920, height: 100, type: 'image/png', stripes });
    await field('博客头图').setInputFiles(asUpload('stripes.png', header, 'image/png'));
    await expect
      .poll(async () => {
        const kept = cssUrl(await storedImageUrl(editor, demoUser, 'header'));
        return kept !== 'none' && (await computedStyle(home, '.user-profile-head-banner', 'background-image')) === kept;
      })
      .toBe(true);
    await expect.poll(() => swatches().count(), { timeout: 10_000 }).toBe(5);
    const names = await hexes();
    expect(names.every((name) => /^#[0-9A-F]{6}$/.test(name)), names.join(' ')).toBe(true);
    // The accessible names, as a screen reader reads them: the hex and nothing else.
    for (const name of names) expect(await palette().getByRole('button', { name, exact: true }).count(), name).toBe(1);
    for (const stripe of stripes) {
      expect(Math.min(...names.map((name) => apart(name, stripe))), `${stripe} among ${names.join(' ')}`).toBeLessThanOrEqual(2);
    }
  });

  it('are each marked as a title color where the blog’s name is', async () => {
    await expect
      .poll(() =>
        swatches().evaluateAll((buttons) =>
          buttons.map((button) => {
            const ids = (button.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
            return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
          }),
        ),
      )
      .toSatisfy((notes: string[]) => notes.length === 5 && notes.every((note) => /^作主标题颜色：对比度 \d+\.\d:1 (✓ 达到|⚠ 低于) /.test(note)));
  });

  it('go to the title field by default', async () => {
    const first = (await hexes())[0]!;
    await swatches().first().click();
    await expect.poll(() => field('主标题颜色').inputValue()).toBe(first);
    await expect.poll(() => computedStyle(home, titleSelector, 'color')).toBe(rgb(first));
  });

  it('go to the field last focused: the subtitle’s', async () => {
    await field('副标题颜色').focus();
    const title = await field('主标题颜色').inputValue();
    const second = (await hexes())[1]!;
    await swatches().nth(1).click();
    await expect.poll(() => field('副标题颜色').inputValue()).toBe(second);
    await expect.poll(() => computedStyle(home, subtitleSelector, 'color')).toBe(rgb(second));
    expect(await field('主标题颜色').inputValue()).toBe(title);
    // Still the subtitle's after the click moved focus to the swatch.
    const third = (await hexes())[2]!;
    await swatches().nth(2).click();
    await expect.poll(() => field('副标题颜色').inputValue()).toBe(third);
    // and is stored once its save lands
    const stored = () =>
      editor.evaluate(async (key) => {
        const record = (await chrome.storage.local.get(key))[key] as { colors?: { subtitle?: string } } | undefined;
        return record?.colors?.subtitle;
      }, `skin:${demoUser}`);
    await expect.poll(stored).toBe(third);
  });
});
