import { storedImages, type ImageSlot } from '../rules';
import type { PixelSize } from './sniff';

/**
 * A region of the picked file, in its own pixels (as displayed, EXIF orientation applied): what
 * CSDN's crop box selects. Whole pixels, as Cropper.js reports them (`getData(true)`); CSDN's
 * canvas draws the unrounded region, less than one source pixel away.
 */
export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The aspect ratio CSDN's crop box is locked to: that of the stored image. */
export const cropAspect = (slot: ImageSlot) => storedImages[slot].width / storedImages[slot].height;

/**
 * Where CSDN's crop box starts: with `autoCropArea: 1` Cropper.js makes it as large as the picture
 * allows at the locked ratio, centred. (The dialog then asks for 1920×100, 100×100 or 300×38 screen
 * pixels, capped by the picture as shown: for a header, whose picture is at least 1920 px wide and
 * shown narrower, that changes nothing; for the others it depends on the dialog's size on screen.)
 */
export function defaultCrop(slot: ImageSlot, source: PixelSize): CropRect {
  const aspect = cropAspect(slot);
  // Centred on the unrounded box, then rounded, as Cropper.js's `getData(true)` reports it.
  let width = source.width;
  let height = width / aspect;
  if (height > source.height) {
    height = source.height;
    width = Math.min(source.width, height * aspect);
  }
  return {
    x: Math.round((source.width - width) / 2),
    y: Math.round((source.height - height) / 2),
    width: Math.max(1, Math.round(width)),
    height: Math.max(1, Math.round(height)),
  };
}

/**
 * A crop read from storage or from the frame, made safe to draw: whole pixels, at least one pixel,
 * inside the picture (view mode 2 keeps the box on the picture). Null when it is not a crop at all.
 */
export function fitCrop(value: unknown, source: PixelSize): CropRect | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height } = value as Record<string, unknown>;
  const numbers = [x, y, width, height];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  const w = clamp(Math.round(width as number), 1, source.width);
  const h = clamp(Math.round(height as number), 1, source.height);
  return {
    x: clamp(Math.round(x as number), 0, source.width - w),
    y: clamp(Math.round(y as number), 0, source.height - h),
    width: w,
    height: h,
  };
}

/** True when drawing `crop` at the slot's stored size enlarges it: the result will look soft. */
export function enlarges(slot: ImageSlot, crop: PixelSize): boolean {
  const out = storedImages[slot];
  return crop.width < out.width || crop.height < out.height;
}

const clamp = (n: number, min: number, max: number) => Math.min(Math.max(n, min), max);
