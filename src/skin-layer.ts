import type { ColorSlot } from './rules';

/**
 * What every sheet of ours shares, the ones the content script writes (src/skin-css.ts) and the
 * ones registered for a blog's first paint (src/first-paint-sheets.ts): its cascade layer, the
 * gate attribute of <html>, and which elements a color slot's rule names. Imported by the build's
 * config too, so it imports nothing but types.
 */

/**
 * The attribute of <html> that switches off what the content script does not show: one token per
 * image sheet hidden (`gateToken`), and the parts of the first-paint sheets it has taken over
 * (src/first-paint.ts). An image sheet is put into the page by the browser
 * (background/inserted-sheets.ts), and only the browser can take it out again, given its exact
 * text; gated, it is hidden the moment the content script lists its token, so a newer image takes
 * effect at once, without the bytes passing through the page. Listing what is hidden rather than
 * what shows leaves most loads, whose sheets all show, without the attribute: no change of <html>
 * that would make the browser restyle the page.
 */
export const SHEET_GATE = 'data-blog-skin';

/**
 * Our rules sit in a cascade layer: for `!important` declarations a layered rule beats every
 * unlayered page rule, whatever its specificity or order, so the page cannot out-rank the preview.
 */
export function inSkinLayer(css: string): string {
  return `@layer blog-skin-previewer {\n${css}\n}`;
}

/** The selectors a color slot's rule names: the hover color is the color under the pointer. */
export const colorSelectors = (slot: ColorSlot, selectors: readonly string[]): string[] =>
  slot === 'hover' ? selectors.map((selector) => `${selector}:hover`) : [...selectors];
