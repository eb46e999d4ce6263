/**
 * Holding a skinned page out of sight until its skin is in, so that its first visible frame
 * already wears the skin. Storage answers a content script in about 15 ms, later than a light
 * page's first frame; a tiny script registered for the blogs that have a skin hides the page at
 * once, and the main content script lets it go when the images are painted.
 */

// Opacity as well: a descendant can undo `visibility: hidden` with its own `visible`.
export const HOLD_CSS = ':root { visibility: hidden !important; opacity: 0 !important; }';
/** Never hide a page longer than this, whatever storage does. */
export const MAX_HOLD_MS = 500;
/** Where the hold script leaves its node for the main content script (one isolated world holds both). */
export const HOLD_KEY = '__blogSkinPreviewerHold';
export const HOLD_SCRIPT_ID = 'first-paint-hold';

/**
 * Match patterns for the pages of `blog`, for each way its name is spelled in addresses: a path
 * in a match pattern is case-sensitive, while blog keys are lower case.
 */
export function blogPagePatterns(blog: string, spellings: readonly string[] = []): string[] {
  const names = new Set([blog, ...spellings]);
  return [
    ...[...names].flatMap((name) => [
      `https://blog.csdn.net/${name}`,
      `https://blog.csdn.net/${name}/*`,
      `https://blog.csdn.net/${name}?*`,
    ]),
    `https://${blog}.blog.csdn.net/*`, // host names are matched without regard to case
  ];
}
