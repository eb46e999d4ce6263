import { placeImage, type BackgroundBox, type Box, type ImageLayer } from './behind-text';
import { storedImages } from './rules';
import { imageLayout } from './skin-css';

/**
 * The header band as the page lays it out at several window widths (popup/widths-measure.ts
 * measures it), turned into what the editor draws: the part of the stored header each width shows,
 * and what lies over it (the blog's name, the avatar). Pure geometry; the image's placement is
 * behind-text.ts's, the one reading of CSS backgrounds.
 *
 * A "window width" is the layout viewport's width, `document.documentElement.clientWidth`: the
 * window's inner width less a classic scrollbar.
 */

/** The widths shown: a small laptop, a common laptop, full HD and 1440p desktops. */
export const headerWidths: readonly number[] = [1280, 1440, 1920, 2560];

/** What the page function is told to look for: the slot map's selectors and the widths. */
export interface WidthsRequest {
  widths: readonly number[];
  header: readonly string[];
  title: readonly string[];
  avatar: readonly string[];
}

/** The header element at one width, as the page lays it out (viewport coordinates, CSS px). */
export interface MeasuredBand extends BackgroundBox {
  /** It shows a skin image now (a `data:` URL), so its size, position and repeat are the skin's as applied. */
  skinShown: boolean;
}

/** The page at one width. */
export interface HeaderAtWidth {
  /** The layout viewport's width the page was laid out at. */
  width: number;
  /** The viewport's height, for a fixed background. */
  viewportHeight: number;
  /** The first header element with a box; null where the page has none. */
  band: MeasuredBand | null;
  /** The line boxes of the blog name's text. */
  name: Box[];
  /** The boxes of the avatar's elements, in the order of the selectors. */
  avatars: Box[];
}

/** One width as the editor draws it, in the band's CSS px from its border box's top left. */
export interface HeaderStrip {
  width: number;
  band: { width: number; height: number };
  /** Where the image's one copy is drawn, and the box it is painted in; null where its layout is not read. */
  image: { x: number; y: number; width: number; height: number; repeatX: boolean; repeatY: boolean; clip: Box } | null;
  /** The part of the band under the blog's name (its lines' bounds), and under the avatar. */
  name: Box | null;
  avatar: Box | null;
}

const keywordPercent: Readonly<Record<string, string>> = { left: '0%', top: '0%', center: '50%', right: '100%', bottom: '100%' };

/** A `background-position` of keywords (`right center`) as computed styles spell it (`100% 50%`). */
export function computedPosition(position: string): string {
  let [x = 'center', y = 'center'] = position.trim().split(/\s+/);
  if (x === 'top' || x === 'bottom' || y === 'left' || y === 'right') [x, y] = [y, x];
  return `${keywordPercent[x] ?? x} ${keywordPercent[y] ?? y}`;
}

const intersect = (a: Box, b: Box): Box | null => {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
};

const bounds = (boxes: Box[]): Box | null => {
  if (boxes.length === 0) return null;
  const x = Math.min(...boxes.map((box) => box.x));
  const y = Math.min(...boxes.map((box) => box.y));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  return { x, y, width: right - x, height: bottom - y };
};

/**
 * What the band shows at one width. Where the band does not show a skin image now (the preview is
 * off, or the page's policy has it drawn on a canvas layer), the skin's own size, position and
 * repeat stand in for the page's: they are what the page applies once it does. Null without a band.
 */
export function stripAt(at: HeaderAtWidth, natural = storedImages.header): HeaderStrip | null {
  const { band } = at;
  if (!band || band.box.width <= 0 || band.box.height <= 0) return null;
  const skin = imageLayout.header;
  const { skinShown: _, ...placed } = band;
  const layer: ImageLayer = {
    ...placed,
    kind: 'image',
    slot: 'header',
    size: band.skinShown ? band.size : skin['background-size']!,
    position: band.skinShown ? band.position : computedPosition(skin['background-position']!),
    repeat: band.skinShown ? band.repeat : skin['background-repeat']!,
    canvas: false,
  };
  const placement = placeImage(layer, natural, { width: at.width, height: at.viewportHeight });
  const own = (box: Box): Box => ({ x: box.x - band.box.x, y: box.y - band.box.y, width: box.width, height: box.height });
  const whole = { x: 0, y: 0, width: band.box.width, height: band.box.height };
  const over = (boxes: Box[]) => boxes.map((box) => intersect(own(box), whole)).filter((box): box is Box => box !== null);
  return {
    width: at.width,
    band: { width: whole.width, height: whole.height },
    image: placement && {
      ...own(placement),
      repeatX: placement.repeatX,
      repeatY: placement.repeatY,
      clip: own(placement.clip ?? band.box),
    },
    name: bounds(over(at.name)),
    avatar: over(at.avatars)[0] ?? null,
  };
}

/**
 * The columns of the stored image (its own px, left and right) the band shows: for a header drawn
 * once, what a visitor at that width sees of it. Null where none of it shows.
 */
export function shownColumns(strip: HeaderStrip, natural = storedImages.header): { left: number; right: number } | null {
  const image = strip.image;
  if (!image || image.repeatX) return null;
  const scale = natural.width / image.width;
  const left = Math.max(0, (image.clip.x - image.x) * scale);
  const right = Math.min(natural.width, (image.clip.x + image.clip.width - image.x) * scale);
  return right > left ? { left, right } : null;
}
