import type { HexColor } from '../src/color';
import {
  Backdrop,
  deltaEOK,
  hexOf,
  HOVER_MIN_DELTA_E,
  judge,
  nearestPassing,
  passesAll,
  pixelLuminance,
  rgbaOf,
  thresholdFor,
  type Judgement,
  type TextBackdrop,
} from '../src/contrast';
import {
  backdropImageSlots,
  luminancesBehind,
  textSlots,
  type BackdropImageSlot,
  type PageMeasure,
  type Pixels,
  type TextSlot,
} from '../src/behind-text';
import { blobOfDataUrl } from './files';

/**
 * The editor's contrast work, loaded after it has rendered (popup/use-contrast.ts): the color
 * library (culori) and the pixels behind the texts. No extension API here, so a browser test runs
 * it on a page of its own.
 */

export type { Judgement, TextBackdrop };

/** The texts a color field colors on the page, with what is behind them. */
export interface FieldBackdrop {
  texts: TextBackdrop[];
  /** The skin image behind most of the worst text, or null where the page's own color is. */
  over: BackdropImageSlot | null;
  /** The color the page shows there now: what is judged while the field is empty. */
  pageColor: HexColor | null;
}

export type Backdrops = Partial<Record<TextSlot, FieldBackdrop>>;

const decoded = new Map<string, Promise<Pixels | null>>();

/** The stored image's pixels, decoded once per data URL (a few ms for 1920×100). */
export function pixelsOf(dataUrl: string): Promise<Pixels | null> {
  let pixels = decoded.get(dataUrl);
  if (!pixels) {
    pixels = (async () => {
      try {
        const blob = blobOfDataUrl(dataUrl);
        if (!blob) return null;
        const bitmap = await createImageBitmap(blob);
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d', { willReadFrequently: true })!;
        context.drawImage(bitmap, 0, 0);
        bitmap.close();
        return context.getImageData(0, 0, canvas.width, canvas.height);
      } catch {
        return null;
      }
    })();
    // Keep the latest few: an editor sees a handful of images at most.
    if (decoded.size >= 6) decoded.delete(decoded.keys().next().value!);
    decoded.set(dataUrl, pixels);
  }
  return pixels;
}

const composer = { rgba: rgbaOf, luminance: pixelLuminance };

/** What is behind the title and the subtitle, from the page's measure and the stored images. */
export async function backdropsOf(measure: PageMeasure, imageUrls: Partial<Record<BackdropImageSlot, string>>): Promise<Backdrops> {
  const images: Partial<Record<BackdropImageSlot, Pixels>> = {};
  for (const slot of backdropImageSlots) {
    const url = imageUrls[slot];
    const pixels = url ? await pixelsOf(url) : null;
    if (pixels) images[slot] = pixels;
  }
  const backdrops: Backdrops = {};
  for (const slot of textSlots) {
    const texts = measure.texts[slot] ?? [];
    const found: Array<TextBackdrop & { over: BackdropImageSlot | null; color: string }> = [];
    for (const text of texts) {
      const behind = luminancesBehind(text, images, measure.viewport, composer);
      if (behind.luminances.length === 0) continue;
      found.push({
        backdrop: new Backdrop(behind.luminances),
        threshold: thresholdFor(text.fontSize, text.fontWeight),
        over: behind.over,
        color: text.color,
      });
    }
    if (found.length === 0) continue;
    const first = found[0]!;
    const pageColor = hexOf(first.color);
    // Where the page's color is judged worst, that text names what is behind.
    const worst = pageColor ? found.reduce((a, b) => (ratioShare(pageColor, a) <= ratioShare(pageColor, b) ? a : b)) : first;
    backdrops[slot] = { texts: found, over: worst.over, pageColor };
  }
  return backdrops;
}

const ratioShare = (color: HexColor, text: TextBackdrop) => (judge(color, [text])?.ratio ?? 0) / text.threshold.min;

export interface Verdict extends Judgement {
  /** The nearest color that passes (same hue, by lightness), when this one does not; null if none does. */
  fix: HexColor | null;
}

/** The figure for `color` on the field's texts, and its fix when it falls short. */
export function verdictOf(color: HexColor, field: FieldBackdrop): Verdict | null {
  const judgement = judge(color, field.texts);
  if (!judgement) return null;
  const fix = judgement.passes ? null : nearestPassing(color, (candidate) => passesAll(candidate, field.texts));
  return { ...judgement, fix };
}

/**
 * How `color` would do on the field's texts, without looking for a fix: the suggested colors are
 * each marked with it, against the last measure of what is behind the title.
 */
export function judgeOn(color: HexColor, field: FieldBackdrop): Judgement | null {
  return judge(color, field.texts);
}

/** ΔE OK of the hover and title colors when a hover would hardly be seen; null otherwise. */
export function hoverTooClose(hover: HexColor, title: HexColor): number | null {
  const delta = deltaEOK(hover, title);
  return delta < HOVER_MIN_DELTA_E ? delta : null;
}
