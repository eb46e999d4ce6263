/**
 * The skin kept in the blog origin's localStorage for the next load's first frame
 * (content/early-skin.ts): read only on a held page, checked as any stored record, forgotten when
 * the skin shows nothing.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { earlySkin, keepEarlySkin } from '../../content/early-skin';
import { HOLD_ATTRIBUTE, HOLD_KEY } from '../../src/first-paint';
import { SKIN_SCHEMA, type PageSkin } from '../../src/skin';

const blog = 'someblogger';
const key = `blog-skin-previewer:${blog}`;
const root = document.documentElement;
const skin: PageSkin = { schema: SKIN_SCHEMA, enabled: true, colors: { title: '#C0392B' }, images: { header: { revision: 'h1' } } };

/** As the hold script marks a page: the attribute, and its timer where the main script finds it. */
function markHeld(): void {
  root.setAttribute(HOLD_ATTRIBUTE, '');
  (globalThis as Record<string, unknown>)[HOLD_KEY] = 0;
}

afterEach(() => {
  localStorage.clear();
  root.removeAttribute(HOLD_ATTRIBUTE);
  delete (globalThis as Record<string, unknown>)[HOLD_KEY];
});

describe('the early skin', () => {
  test('is kept, and read back on a held page', () => {
    keepEarlySkin(blog, skin, true);
    expect(earlySkin(blog)).toBeNull(); // not held: a blog without a skin never reads it
    root.setAttribute(HOLD_ATTRIBUTE, '');
    expect(earlySkin(blog)).toBeNull(); // a mark the page made itself, with no hold script
    markHeld();
    expect(earlySkin(blog)).toEqual(skin);
    expect(earlySkin('another')).toBeNull();
  });

  test('is forgotten when the skin shows nothing', () => {
    keepEarlySkin(blog, skin, true);
    keepEarlySkin(blog, { ...skin, enabled: false }, false);
    expect(localStorage.getItem(key)).toBeNull();
  });

  test.each([
    ['not JSON', '{'],
    ['a string', '"#C0392B"'],
    ['a newer schema', JSON.stringify({ ...skin, schema: 99 })],
  ])('written by the page as %s, is not taken', (_what, value) => {
    markHeld();
    localStorage.setItem(key, value);
    expect(earlySkin(blog)).toBeNull();
  });

  test('written by the page with values that could break out of the CSS, keeps none of them', () => {
    markHeld();
    const hostile = {
      schema: SKIN_SCHEMA,
      enabled: true,
      colors: { title: 'red; } * { color: red', subtitle: '#12345G', hover: '#ABCDEF' },
      images: { header: { revision: 'h1"] * { x: y } [a="' }, column: { revision: 'c1' }, avatar: { revision: 'a1' } },
    };
    localStorage.setItem(key, JSON.stringify(hostile));
    expect(earlySkin(blog)).toEqual({ schema: SKIN_SCHEMA, enabled: true, colors: { hover: '#ABCDEF' }, images: { column: { revision: 'c1' } } });
  });
});
