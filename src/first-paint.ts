import type { ImageSlot } from './rules';

/**
 * A skinned page's first visible frame wears its skin, without the page being held back for it.
 * Storage answers a content script in about 15 ms, later than a light page's first frame; so for
 * the blogs with a skin, a tiny script and stylesheet are registered: the script marks <html> at
 * once, the sheet hides a marked page, and the main content script takes the mark off as soon as
 * it has read the record and painted the colors. Images take longer (the background inserts their
 * sheets): until theirs is in, each image slot shows no image, neither the page's own nor ours
 * (`WAIT_ATTRIBUTE`), while the rest of the page shows. The sheet stays in the page (the browser
 * cannot take a registered one out) and matches nothing once the marks are gone.
 */

// Opacity as well: a descendant can undo `visibility: hidden` with its own `visible`.
const HOLD_DECLARATIONS = 'visibility: hidden !important; opacity: 0 !important;';
/** The attribute of <html> that holds the page while present. */
export const HOLD_ATTRIBUTE = 'data-blog-skin-hold';
/** The attribute of <html> listing the image slots whose sheet is not in yet. */
export const WAIT_ATTRIBUTE = 'data-blog-skin-wait';
/**
 * A waiting slot shows none of the page's own images. The skin's image rule sits in a cascade
 * layer (src/skin-css.ts), and a layered `!important` outranks this unlayered one, so the skin's
 * image shows the moment its sheet is in, before the mark goes.
 */
export const waitCss = (slots: readonly ImageSlot[], selectorsFor: (slot: ImageSlot) => readonly string[]): string =>
  slots.map((slot) => `:root[${WAIT_ATTRIBUTE}~="${slot}"] :is(${selectorsFor(slot).join(', ')}) { background-image: none !important; }`).join('\n');
/** Never keep a slot waiting longer than this after the record is read: the page's own image shows then. */
export const MAX_WAIT_MS = 2000;
/**
 * The registered stylesheet's text, given the image slots and their selectors (src/rules.ts,
 * src/sites/csdn.ts: passed in, so this module imports neither), and where the build writes it.
 */
export const holdSheet = (slots: readonly ImageSlot[], selectorsFor: (slot: ImageSlot) => readonly string[]): string =>
  `:root[${HOLD_ATTRIBUTE}] { ${HOLD_DECLARATIONS} }\n${waitCss(slots, selectorsFor)}\n`;
export const HOLD_SHEET_FILE = 'content/hold.css';
/**
 * The hold script's own limit, from document start: it lets the page go by itself unless the main
 * script has taken the hold over by then (which stops this timer), say when it never ran.
 */
export const HOLD_BACKSTOP_MS = 750;
/** Where the hold script leaves its time limit's timer for the main content script (one isolated world holds both). */
export const HOLD_KEY = '__blogSkinPreviewerHold';
/**
 * Where the main content script leaves what it paints a held page with at once (content/early-skin.ts),
 * for the hold script to call when it runs after the main script at document start.
 */
export const EARLY_KEY = '__blogSkinPreviewerEarly';
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
