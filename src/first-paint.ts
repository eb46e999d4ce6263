// The build's config imports this module (through src/first-paint-sheets.ts): its imports name their files.
import { colorSlots, imageSlots, type ColorSlot, type ImageSlot } from './rules.ts';
import type { PageSkin } from './skin';

/**
 * A skinned page's first frame wears its skin with no script at all. Storage answers a content
 * script in about 15 ms, later than a light page's first frame, and any script that paints before
 * that must read a copy synchronously (the page's own `localStorage`: a synchronous check with the
 * browser on every load, and a copy the page can write). Instead, each blog with a skin has a
 * content script of stylesheets alone registered for its pages (src/first-paint-registration.ts),
 * and the browser puts registered sheets in before it builds the page.
 *
 * Registered sheets must be files of the package, so the sheets spell a skin out of small pieces
 * (written by the build, src/first-paint-sheets.ts):
 * - a color is six hex digits, and each digit is one of sixteen sheets that sets a custom property
 *   on <html>; one sheet per color slot computes its color from its six;
 * - an image slot whose skin has an image gets a sheet that shows no image in it, neither the
 *   page's own nor a flash of one, until the skin's image is in: the background inserts that as a
 *   user sheet (background/inserted-sheets.ts), which outranks it the moment it is in.
 *
 * The sheets stay for the page's life (the browser cannot take a registered sheet out), so the
 * content script switches each part off by a token in the gate attribute of <html> when it takes
 * over: `COLORS_TAKEN` as soon as it paints the stored colors itself (a registration may lag a
 * change by a moment), and a slot's `waitOver` token when its wait ends.
 */
export const FIRST_PAINT_DIR = 'content/first-paint';
export const colorRuleFile = (slot: ColorSlot) => `${FIRST_PAINT_DIR}/${slot}.css`;
/** `digit`: one lower-case hex digit; `position`: 0–5 from the left of `#RRGGBB`. */
export const colorDigitFile = (slot: ColorSlot, position: number, digit: string) => `${FIRST_PAINT_DIR}/${slot}-${position}${digit}.css`;
export const waitFile = (slot: ImageSlot) => `${FIRST_PAINT_DIR}/wait-${slot}.css`;
/** The custom property that holds one digit of a slot's color, as a number 0–15. */
export const digitProperty = (slot: ColorSlot, position: number) => `--blog-skin-${slot}-${position}`;

/** Gate tokens: the content script paints the colors itself; a slot's wait is over. */
export const COLORS_TAKEN = 'colors';
export const waitOver = (slot: ImageSlot) => `no-wait:${slot}`;

/** Never keep a slot waiting longer than this after the record is read: the page's own image shows then. */
export const MAX_WAIT_MS = 2000;

/** A blog's registration: one per blog, since each blog's sheets differ. */
export const FIRST_PAINT_ID_PREFIX = 'first-paint:';

/**
 * The first-paint sheets that spell `skin`, in the order the browser is to put them in: none for a
 * skin that is off or absent.
 */
export function firstPaintFiles(skin: PageSkin | null): string[] {
  if (!skin?.enabled) return [];
  const files: string[] = [];
  for (const slot of colorSlots) {
    const color = skin.colors[slot];
    if (!color) continue;
    files.push(colorRuleFile(slot), ...[...color.slice(1).toLowerCase()].map((digit, position) => colorDigitFile(slot, position, digit)));
  }
  for (const slot of imageSlots) if (skin.images[slot]) files.push(waitFile(slot));
  return files;
}

/**
 * What of a skin its first-paint sheets spell, as text: its colors, and which image slots wait.
 * Kept with the registration (`FirstPaintStamp`) and compared by pages, which need not know files.
 */
export const firstPaintOf = (skin: PageSkin | null): string =>
  skin?.enabled ? JSON.stringify([skin.colors, imageSlots.filter((slot) => skin.images[slot])]) : '';

/**
 * What a blog's registration spells (`firstPaintOf`; '' once there is none), and since when
 * (`Date.now()`), kept in storage beside its record under `firstPaintKey` by whoever registers it.
 * A page reads it with the record, and so tells whether its own first-paint sheets show the record
 * as it is, or whether a page that should have none may still have some.
 */
export interface FirstPaintStamp {
  of: string;
  at: number;
  /**
   * The spellings of the blog's name in addresses its sheets are registered for besides its own
   * (lower case): a page at any other spelling has none of them (match patterns compare paths by case).
   */
  spellings?: string[];
}

export const firstPaintKey = (blog: string) => `first-paint:${blog}`;

/**
 * How long after a registration is made a page surely loads with it: the browser sends new
 * content scripts to its pages' processes at once, and a page decides its sheets as it starts.
 */
const REGISTRATION_SETTLES_MS = 1000;

/**
 * Whether a page that started loading at `startedAt` was given first-paint sheets that spell
 * `skin` exactly: then its colors are on the page already, and its image slots wait for exactly
 * the skin's images. Anything else (a record changed since, a registration under way, a stamp
 * damaged) is not, and the content script paints the colors itself.
 */
export function firstPaintIsCurrent(stamp: unknown, skin: PageSkin | null, startedAt: number): boolean {
  const { of, at } = (stamp ?? {}) as Partial<FirstPaintStamp>;
  return of === firstPaintOf(skin) && typeof at === 'number' && at + REGISTRATION_SETTLES_MS < startedAt;
}

/**
 * Whether a page whose address spells its blog's name `spelling` (`pathSpellingOf`; null where the
 * name is a host name, matched whatever its case) is one the registration `stamp` tells of names.
 */
export function registeredFor(stamp: unknown, blog: string, spelling: string | null): boolean {
  const spellings = (stamp as Partial<FirstPaintStamp> | null)?.spellings;
  return spelling === null || spelling === blog || (Array.isArray(spellings) && spellings.includes(spelling));
}

/** Which first-paint sheets a page has: whether any colors, which image slots wait, and whether they spell its record (`current`). */
export interface FirstPaintParts {
  colors: boolean;
  waits: readonly ImageSlot[];
  current: boolean;
}

/** Before the record is read, a painter knows of no first-paint sheets. */
export const noFirstPaint: FirstPaintParts = { colors: false, waits: [], current: false };

/**
 * The first-paint sheets of a page that read `stamp` with `skin` (see `firstPaintIsCurrent`):
 * exactly the skin's where they spell it; where its blog was never registered, none; else any.
 * `registered`: whether the page's address is one the stamp's registration names
 * (`registeredFor`); a page at another has none of the sheets, or some a moment newer than the
 * stamp, so it counts as any.
 */
export function firstPaintPartsOf(stamp: unknown, skin: PageSkin | null, startedAt: number, registered = true): FirstPaintParts {
  if (!registered || !firstPaintIsCurrent(stamp, skin, startedAt)) return { colors: Boolean(stamp), waits: stamp ? imageSlots : [], current: false };
  const on = skin?.enabled === true;
  return { colors: on && colorSlots.some((slot) => skin.colors[slot]), waits: imageSlots.filter((slot) => on && skin.images[slot]), current: true };
}

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
