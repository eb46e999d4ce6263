/**
 * The picture CSDN will store for a slot, drawn from the user's crop: what the preview shows and
 * what the user uploads. Needs only OffscreenCanvas and ImageBitmap, so it runs in a dedicated
 * worker as well as in a page.
 *
 * Why it is drawn this way:
 * - 'final' resamples with pica's Lanczos-3 in plain JavaScript: a high-quality result that is the
 *   same in every browser, where `drawImage` scaling differs between engines and versions. Only the
 *   'js' feature is used: Firefox's extension pages forbid compiling WebAssembly by default, and a
 *   worker of pica's own inside ours would gain nothing.
 * - 'draft' is one `drawImage`, encoded as a JPEG: what the page shows while the user drags the
 *   crop box, so it must be on the page within a frame. A PNG of a photo's 1920×100 takes several
 *   times longer to encode, and its hundreds of KB longer to pass to the page and parse there;
 *   the PNG CSDN stores (`final`) replaces the draft once the frame rests.
 * - The final result is a PNG, as CSDN's dialog uploads it. JPEG is only a fallback for a PNG that
 *   would break the slot's byte limit; at these stored sizes even incompressible pixels stay under
 *   the limits, so it practically never happens, but it is checked rather than assumed.
 */
import { Pica } from 'pica/pica_main';
import { imageRules, storedImages, type ImageSlot } from '../rules';
import type { CropRect } from './crop';

export type RenderQuality = 'final' | 'draft';

export interface RenderedImage {
  blob: Blob;
  type: 'image/png' | 'image/jpeg';
}

type Context2D = OffscreenCanvasRenderingContext2D;

let pica: Pica | undefined;
/** Made on first use: a page that only drafts never pays for pica's start-up checks. */
const resizer = () => (pica ??= new Pica({ features: ['js'] }));

/** Draws `crop` of `source` at exactly the slot's stored size and encodes it as CSDN stores it. */
export async function renderStoredImage(
  source: ImageBitmap | OffscreenCanvas,
  crop: CropRect,
  slot: ImageSlot,
  options: { quality?: RenderQuality; maxBytes?: number } = {},
): Promise<RenderedImage> {
  checkCrop(source, crop);
  const { width, height } = storedImages[slot];
  const maxBytes = options.maxBytes ?? imageRules[slot].maxBytes;
  if (options.quality === 'draft') {
    const encoding = drawDraft(source, crop, width, height).convertToBlob({ type: 'image/jpeg', quality: DRAFT_QUALITY });
    return { blob: await encoding, type: 'image/jpeg' };
  }
  const canvas = await drawFinal(source, crop, width, height);

  const png = await canvas.convertToBlob({ type: 'image/png' });
  if (png.size <= maxBytes) return { blob: png, type: 'image/png' };
  const jpeg = await largestJpegWithin(canvas, maxBytes);
  if (!jpeg) {
    throw new Error(`The ${slot} image cannot be encoded in ${maxBytes} bytes, even as a low-quality JPEG`);
  }
  return { blob: jpeg, type: 'image/jpeg' };
}

async function drawFinal(
  source: ImageBitmap | OffscreenCanvas,
  crop: CropRect,
  width: number,
  height: number,
): Promise<OffscreenCanvas> {
  // The region at its own size, pixel for pixel: no browser scaling before pica's.
  const region = context2d(new OffscreenCanvas(crop.width, crop.height), { willReadFrequently: true });
  region.drawImage(source, crop.x, crop.y, crop.width, crop.height, 0, 0, crop.width, crop.height);
  const src = region.getImageData(0, 0, crop.width, crop.height).data;

  const pixels = new Uint8ClampedArray(width * height * 4);
  await resizer().resizeBuffer({
    src,
    width: crop.width,
    height: crop.height,
    toWidth: width,
    toHeight: height,
    dest: new Uint8Array(pixels.buffer),
    filter: 'lanczos3',
    unsharpAmount: 0,
  });
  const canvas = new OffscreenCanvas(width, height);
  context2d(canvas).putImageData(new ImageData(pixels, width, height), 0, 0);
  return canvas;
}

/**
 * One canvas per stored size, kept: a draft comes for every frame while the frame moves, and a
 * new canvas and context cost as much as the drawing. Safe to share, since `convertToBlob` takes
 * its copy of the pixels when it is called, in the same task as the drawing.
 */
const draftCanvases = new Map<string, OffscreenCanvas>();

function drawDraft(source: ImageBitmap | OffscreenCanvas, crop: CropRect, width: number, height: number): OffscreenCanvas {
  const size = `${width}x${height}`;
  let canvas = draftCanvases.get(size);
  if (!canvas) draftCanvases.set(size, (canvas = new OffscreenCanvas(width, height)));
  const context = context2d(canvas);
  // The browser's quickest filter: 'high' doubles a draft's time, and the Lanczos-3 cut follows.
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'low';
  context.drawImage(source, crop.x, crop.y, crop.width, crop.height, 0, 0, width, height);
  return canvas;
}

/** A draft is seen for a fraction of a second, while the frame moves. */
const DRAFT_QUALITY = 0.8;

/** Qualities tried after the binary search on [0.5, 0.95] finds nothing that fits. */
const LOW_QUALITIES = [0.35, 0.2, 0.1, 0];
const SEARCH_STEPS = 5;

/** The JPEG at the highest quality (searched from 0.95 down) that is at most `maxBytes`; null when none is. */
async function largestJpegWithin(canvas: OffscreenCanvas, maxBytes: number): Promise<Blob | null> {
  // JPEG has no alpha: composite on white, as a viewer of a transparent PNG on a white page would see it.
  const flat = new OffscreenCanvas(canvas.width, canvas.height);
  const context = context2d(flat);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, flat.width, flat.height);
  context.drawImage(canvas, 0, 0);
  const encode = (quality: number) => flat.convertToBlob({ type: 'image/jpeg', quality });
  const fits = (blob: Blob) => blob.size <= maxBytes && blob.type === 'image/jpeg';

  const best = await encode(0.95);
  if (fits(best)) return best;
  let low = 0.5;
  let high = 0.95; // `high` never fits, `low` always does once checked
  let found = await encode(low);
  if (fits(found)) {
    for (let step = 0; step < SEARCH_STEPS; step++) {
      const middle = (low + high) / 2;
      const blob = await encode(middle);
      if (fits(blob)) [low, found] = [middle, blob];
      else high = middle;
    }
    return found;
  }
  for (const quality of LOW_QUALITIES) {
    found = await encode(quality);
    if (fits(found)) return found;
  }
  return null;
}

function checkCrop(source: { width: number; height: number }, crop: CropRect): void {
  const { x, y, width, height } = crop;
  const whole = [x, y, width, height].every(Number.isInteger);
  if (!whole || width < 1 || height < 1 || x < 0 || y < 0 || x + width > source.width || y + height > source.height) {
    throw new RangeError(`Crop ${x},${y} ${width}×${height} is not whole pixels inside the ${source.width}×${source.height} picture`);
  }
}

function context2d(canvas: OffscreenCanvas, settings?: CanvasRenderingContext2DSettings): Context2D {
  const context = canvas.getContext('2d', settings);
  if (!context) throw new Error('No 2D canvas context');
  return context;
}
