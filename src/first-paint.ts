/**
 * Holding a skinned page out of sight until its skin is in, so that its first visible frame
 * already wears the skin. Storage answers a content script in about 15 ms, later than a light
 * page's first frame; for the blogs whose skin has images, a tiny script and stylesheet are
 * registered: the script marks <html> at once, the sheet hides a marked page, and the main
 * content script takes the mark off when the images are painted. The sheet stays in the page (the
 * browser cannot take a registered one out) and matches nothing once the mark is gone.
 */

// Opacity as well: a descendant can undo `visibility: hidden` with its own `visible`.
const HOLD_DECLARATIONS = 'visibility: hidden !important; opacity: 0 !important;';
/** The attribute of <html> that holds the page while present. */
export const HOLD_ATTRIBUTE = 'data-blog-skin-hold';
/** The registered stylesheet's text, and where the build writes it. */
export const HOLD_SHEET = `:root[${HOLD_ATTRIBUTE}] { ${HOLD_DECLARATIONS} }\n`;
export const HOLD_SHEET_FILE = 'content/hold.css';
/** A hold of the main script's own, when no hold script ran (see SkinPainter.showFirst). */
export const HOLD_CSS = `:root { ${HOLD_DECLARATIONS} }`;
/** Never hide a page longer than this after its record is read, whatever the background does. */
export const MAX_HOLD_MS = 500;
/**
 * The hold script's own limit, from document start: it lets the page go by itself unless the main
 * script has taken the hold over by then (which stops this timer), say when it never ran.
 */
export const HOLD_BACKSTOP_MS = 750;
/** Where the hold script leaves its time limit's timer for the main content script (one isolated world holds both). */
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
