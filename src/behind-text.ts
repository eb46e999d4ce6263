import type { ImageSlot } from './rules';

/**
 * What is behind a text on the page, from what the page reports (popup/page-measure.ts): the
 * text's line boxes, and the layers under it, top first, as the page's computed styles lay them.
 * Pure geometry and compositing; the editor supplies the stored images' pixels and the color
 * reading (popup/contrast-tools.ts).
 */

/** A rectangle in the page's viewport, in CSS px. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Top, right, bottom, left, in CSS px. */
export type Edges = [number, number, number, number];

/** A background color. `box` null: it covers the whole canvas (the root's, or the body's carried to it). */
export interface ColorLayer {
  kind: 'color';
  color: string;
  box: Box | null;
}

/** An element's box and the computed background properties that place an image in it. */
export interface BackgroundBox {
  /** The element's border box. */
  box: Box;
  border: Edges;
  padding: Edges;
  /** Computed `background-clip`, `-origin`, `-attachment`, `-size`, `-position`, `-repeat`. */
  clip: string;
  origin: string;
  attachment: string;
  size: string;
  position: string;
  repeat: string;
}

/** A skin image, laid out by its element's computed background properties. */
export interface ImageLayer extends BackgroundBox {
  kind: 'image';
  slot: BackdropImageSlot;
  /** The body's background drawn on the whole canvas, placed in the root element's box (`box` is that one's). */
  canvas: boolean;
}

export type Layer = ColorLayer | ImageLayer;

/** The images that can lie behind a title or subtitle. */
export type BackdropImageSlot = Extract<ImageSlot, 'header' | 'background'>;
export const backdropImageSlots: readonly BackdropImageSlot[] = ['header', 'background'];

/** The texts whose contrast the editor measures. */
export type TextSlot = 'title' | 'subtitle';
export const textSlots: readonly TextSlot[] = ['title', 'subtitle'];

/** One element colored by a text field, as the page renders it now. */
export interface MeasuredText {
  /** The line boxes of its text (a `Range` over each text node), not its element's box. */
  lines: Box[];
  fontSize: number;
  fontWeight: number;
  /** Its computed color: what the page shows while the field is empty. */
  color: string;
  /** What is under it, top first; the canvas's white is under all. */
  layers: Layer[];
}

export interface PageMeasure {
  /** The viewport's size, for `background-attachment: fixed`. */
  viewport: { width: number; height: number };
  texts: Partial<Record<TextSlot, MeasuredText[]>>;
}

/** What the page function is told to look for: the slot map's selectors. */
export interface MeasureRequest {
  texts: Record<TextSlot, readonly string[]>;
  images: Record<BackdropImageSlot, readonly string[]>;
}

/** Where one copy of an image is drawn, and which part of the page it may be drawn on. */
export interface Placement {
  /** The image's first copy, in CSS px. */
  x: number;
  y: number;
  width: number;
  height: number;
  repeatX: boolean;
  repeatY: boolean;
  /** The painting area; null for the whole canvas. */
  clip: Box | null;
}

const inset = (box: Box, [top, right, bottom, left]: Edges): Box => ({
  x: box.x + left,
  y: box.y + top,
  width: Math.max(0, box.width - left - right),
  height: Math.max(0, box.height - top - bottom),
});

const add = (a: Edges, b: Edges): Edges => [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]];

/** The border, padding or content box, as a `background-clip` or `-origin` keyword names it. */
function areaOf(layer: ImageLayer, keyword: string): Box {
  if (keyword === 'content-box') return inset(layer.box, add(layer.border, layer.padding));
  if (keyword === 'padding-box') return inset(layer.box, layer.border);
  return layer.box;
}

/** A computed length of `background-size` or `-position`: px, or % of `of`; null for anything else (calc()). */
function length(value: string, of: number): number | null {
  const match = /^(-?[\d.]+(?:e-?\d+)?)(px|%)$/.exec(value);
  if (!match) return null;
  const number = Number(match[1]);
  return match[2] === '%' ? (number / 100) * of : number;
}

/** The drawn size of an image of `natural` size in an area, by computed `background-size`. */
function drawnSize(size: string, area: Box, natural: { width: number; height: number }): { width: number; height: number } | null {
  const ratio = natural.width / natural.height;
  if (size === 'cover' || size === 'contain') {
    const scale = (size === 'cover' ? Math.max : Math.min)(area.width / natural.width, area.height / natural.height);
    return { width: natural.width * scale, height: natural.height * scale };
  }
  const [w = 'auto', h = 'auto'] = size.split(/\s+/);
  let width = w === 'auto' ? null : length(w, area.width);
  let height = h === 'auto' ? null : length(h, area.height);
  if ((w !== 'auto' && width === null) || (h !== 'auto' && height === null)) return null;
  if (width === null && height === null) return { ...natural };
  width ??= height! * ratio;
  height ??= width / ratio;
  return { width, height };
}

/**
 * Where the page draws an image of `natural` size for `layer`, as CSS lays out a background: the
 * size within the positioning area (`background-origin`, or the viewport when fixed), placed by
 * `background-position` (a percentage aligns that point of the image with that point of the area),
 * repeated as `background-repeat` says, and clipped to `background-clip`'s box. Null when a value
 * is of a form not read here (calc()): the caller then leaves the image out.
 */
export function placeImage(
  layer: ImageLayer,
  natural: { width: number; height: number },
  viewport: { width: number; height: number },
): Placement | null {
  const area = layer.attachment === 'fixed' ? { x: 0, y: 0, ...viewport } : areaOf(layer, layer.origin);
  const size = drawnSize(layer.size, area, natural);
  if (!size || size.width <= 0 || size.height <= 0) return null;
  const [px = '0%', py = '50%'] = layer.position.split(/\s+/);
  // A percentage aligns that point of the image with that point of the area (CSS Backgrounds 3).
  const offset = (value: string, free: number) => {
    const match = /^(-?[\d.]+)%$/.exec(value);
    return match ? (Number(match[1]) / 100) * free : length(value, free);
  };
  const ox = offset(px, area.width - size.width);
  const oy = offset(py, area.height - size.height);
  if (ox === null || oy === null) return null;
  const [rx = 'repeat', ry = rx] = layer.repeat.split(/\s+/);
  const repeats = (keyword: string) => keyword !== 'no-repeat';
  const repeatX = layer.repeat === 'repeat-x' ? true : layer.repeat === 'repeat-y' ? false : repeats(rx);
  const repeatY = layer.repeat === 'repeat-y' ? true : layer.repeat === 'repeat-x' ? false : repeats(ry);
  return {
    x: area.x + ox,
    y: area.y + oy,
    ...size,
    repeatX,
    repeatY,
    clip: layer.canvas ? null : areaOf(layer, layer.clip),
  };
}

const inside = (box: Box, x: number, y: number) => x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height;

/** The image pixel drawn at page point (x, y), or null where the image is not drawn. */
export function pixelAt(
  placement: Placement,
  natural: { width: number; height: number },
  x: number,
  y: number,
): [number, number] | null {
  if (placement.clip && !inside(placement.clip, x, y)) return null;
  let u = (x - placement.x) / placement.width;
  let v = (y - placement.y) / placement.height;
  if (placement.repeatX) u -= Math.floor(u);
  if (placement.repeatY) v -= Math.floor(v);
  if (u < 0 || u >= 1 || v < 0 || v >= 1) return null;
  return [Math.min(natural.width - 1, Math.floor(u * natural.width)), Math.min(natural.height - 1, Math.floor(v * natural.height))];
}

/**
 * The region of the image (in its own pixels) under a line box, for an image drawn once; null where
 * none of it is. (A repeated tile may lie under a line several times over: sample it by `pixelAt`.)
 */
export function sourceRect(
  placement: Placement,
  natural: { width: number; height: number },
  line: Box,
): { x: number; y: number; width: number; height: number } | null {
  let box = line;
  if (placement.clip) {
    const x = Math.max(box.x, placement.clip.x);
    const y = Math.max(box.y, placement.clip.y);
    const right = Math.min(box.x + box.width, placement.clip.x + placement.clip.width);
    const bottom = Math.min(box.y + box.height, placement.clip.y + placement.clip.height);
    if (right <= x || bottom <= y) return null;
    box = { x, y, width: right - x, height: bottom - y };
  }
  const sx = natural.width / placement.width;
  const sy = natural.height / placement.height;
  const left = Math.max(0, (box.x - placement.x) * sx);
  const top = Math.max(0, (box.y - placement.y) * sy);
  const right = Math.min(natural.width, (box.x + box.width - placement.x) * sx);
  const bottom = Math.min(natural.height, (box.y + box.height - placement.y) * sy);
  if (right <= left || bottom <= top) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** At most this many points are sampled under one text: enough for its worst 5 %, cheap on every keystroke. */
export const MAX_SAMPLES = 20_000;

/** Points spread evenly over the line boxes, one per CSS px while they hold fewer than `max`. */
export function samplePoints(lines: readonly Box[], max = MAX_SAMPLES): Array<[number, number]> {
  const area = lines.reduce((sum, line) => sum + line.width * line.height, 0);
  const count = (step: number) => lines.reduce((sum, line) => sum + Math.ceil(line.width / step) * Math.ceil(line.height / step), 0);
  let step = Math.max(1, Math.sqrt(area / max));
  // Part rows and columns round up: widen the step until the count is within `max`.
  while (count(step) > max) step *= 1.02;
  const points: Array<[number, number]> = [];
  for (const line of lines) {
    for (let y = line.y + step / 2; y < line.y + line.height; y += step) {
      for (let x = line.x + step / 2; x < line.x + line.width; x += step) points.push([x, y]);
    }
  }
  return points;
}

/** Decoded RGBA pixels of a stored image (ImageData has this shape). */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface Composer {
  /** A CSS color as 8-bit sRGB and alpha 0…1; null for one it cannot read (left out). */
  rgba(css: string): [number, number, number, number] | null;
  /** WCAG 2 relative luminance of an 8-bit sRGB color. */
  luminance(r: number, g: number, b: number): number;
}

export interface Behind {
  /** The luminance behind each sampled point of the text. */
  luminances: Float64Array;
  /** The skin image behind most of the sampled points, or null for the page's own colors. */
  over: BackdropImageSlot | null;
}

/**
 * The luminance behind each sampled point of `text`: its layers composited top down, as the
 * browser blends them (in sRGB), over the canvas's white. A skin image's pixels come from
 * `images` (the stored image of that slot); one not given, or laid out in a form not read here,
 * is left out. A page's own background image is not a skin field's concern and is not read: where
 * it lies under the text, the figure is against the color beneath it.
 */
export function luminancesBehind(
  text: MeasuredText,
  images: Partial<Record<BackdropImageSlot, Pixels>>,
  viewport: { width: number; height: number },
  composer: Composer,
): Behind {
  type Painter = { box: Box | null; at(x: number, y: number): [number, number, number, number] | null; slot: BackdropImageSlot | null };
  const painters: Painter[] = [];
  for (const layer of text.layers) {
    if (layer.kind === 'color') {
      const rgba = composer.rgba(layer.color);
      if (rgba && rgba[3] > 0) painters.push({ box: layer.box, at: () => rgba, slot: null });
      continue;
    }
    const pixels = images[layer.slot];
    const placement = pixels && placeImage(layer, pixels, viewport);
    if (!pixels || !placement) continue;
    painters.push({
      box: null,
      slot: layer.slot,
      at(x, y) {
        const point = pixelAt(placement, pixels, x, y);
        if (!point) return null;
        const i = (point[1] * pixels.width + point[0]) * 4;
        return [pixels.data[i]!, pixels.data[i + 1]!, pixels.data[i + 2]!, pixels.data[i + 3]! / 255];
      },
    });
  }
  const points = samplePoints(text.lines);
  const luminances = new Float64Array(points.length);
  const fromImage: Partial<Record<BackdropImageSlot, number>> = {};
  points.forEach(([x, y], index) => {
    // Front to back: each layer shows through what is left uncovered above it.
    let r = 0;
    let g = 0;
    let b = 0;
    let covered = 0;
    let slot: BackdropImageSlot | null = null;
    for (const painter of painters) {
      if (covered >= 0.999) break;
      if (painter.box && !inside(painter.box, x, y)) continue;
      const color = painter.at(x, y);
      if (!color || color[3] <= 0) continue;
      const share = (1 - covered) * color[3];
      r += share * color[0];
      g += share * color[1];
      b += share * color[2];
      covered += share;
      if (painter.slot && share >= 0.5) slot = painter.slot;
    }
    const white = (1 - covered) * 255;
    luminances[index] = composer.luminance(Math.round(r + white), Math.round(g + white), Math.round(b + white));
    if (slot) fromImage[slot] = (fromImage[slot] ?? 0) + 1;
  });
  const [top] = backdropImageSlots.filter((slot) => (fromImage[slot] ?? 0) > 0).sort((a, b) => fromImage[b]! - fromImage[a]!);
  return { luminances, over: top && fromImage[top]! * 2 >= points.length ? top : null };
}
