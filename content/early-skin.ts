import { isHeld } from './take-hold';
import { readPageSkin, type PageSkin } from '../src/skin';

/**
 * What a skinned page can be painted with at document start, before storage answers (≈ 15 ms,
 * later than a light page's first frame): the page view of the blog's record (`PageSkin`: the
 * switch, the colors and each image's revision), kept in the blog origin's own `localStorage`
 * whenever the content script reads or hears the record. It is read only on a page the hold script
 * marked (a blog with a skin), so other pages never touch it. The page's scripts can read and
 * write it: it holds nothing a skinned page does not show anyway, and what is read is checked as
 * any stored record is (`readPageSkin`); a stale one is corrected when the record comes.
 */
const key = (blog: string) => `blog-skin-previewer:${blog}`;

export function earlySkin(blog: string): PageSkin | null {
  // A page the hold script has not marked (most pages) is spared touching `document` (see take-hold.ts).
  if (!isHeld()) return null;
  try {
    return readPageSkin(JSON.parse(localStorage.getItem(key(blog)) ?? 'null'));
  } catch {
    return null; // storage refused (a sandboxed frame), or not JSON
  }
}

/** Keeps `skin` for the next load when it shows something; forgets it when it is off or gone. */
export function keepEarlySkin(blog: string, skin: PageSkin | null, showing: boolean): void {
  try {
    const text = JSON.stringify(skin);
    // Most loads find the copy as it was: a write costs more than the comparison.
    if (showing && localStorage.getItem(key(blog)) !== text) localStorage.setItem(key(blog), text);
    else if (!showing) localStorage.removeItem(key(blog));
  } catch {
    // a page that refuses storage is painted when the record comes, as before
  }
}
