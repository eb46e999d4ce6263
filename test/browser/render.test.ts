/**
 * The stored picture for each slot, rendered in real Chromium from a crop: its size and format as
 * CSDN stores them, its pixels against an independent Lanczos-3 resampling of the same region,
 * the draft path, the JPEG fallback for an over-limit PNG, and the same code in a worker.
 */
import { describe, expect, test } from 'vitest';
import type { CropRect } from '../../src/image/crop';
import { renderStoredImage, type RenderedImage } from '../../src/image/render';
import { storedImages, type ImageSlot } from '../../src/rules';
import { resampleLanczos3, toFloatImage, type FloatImage } from '../support/lanczos';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

interface Picture {
  image: ImageData;
  bitmap: ImageBitmap;
}

/** Low-frequency sinusoids and a gradient, different in each channel, kept clear of 0 and 255. */
function smoothPixels(width: number, height: number): ImageData {
  const image = new ImageData(width, height);
  const tau = 2 * Math.PI;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      image.data[at] = 128 + 80 * Math.sin((tau * x) / 523 + 0.7) * Math.cos((tau * y) / 211);
      image.data[at + 1] = 40 + (150 * x) / width + 30 * Math.sin((tau * y) / 157);
      image.data[at + 2] = 128 + 60 * Math.sin((tau * (x + y)) / 389) + 30 * Math.cos((tau * x) / 97);
      image.data[at + 3] = 255;
    }
  }
  return image;
}

/** Opaque random pixels: what no PNG can compress. */
function noisyPixels(width: number, height: number): ImageData {
  const image = new ImageData(width, height);
  const words = new Uint32Array(image.data.buffer);
  for (let offset = 0; offset < words.length; offset += 16384) {
    crypto.getRandomValues(words.subarray(offset, offset + 16384));
  }
  for (let at = 3; at < image.data.length; at += 4) image.data[at] = 255;
  return image;
}

async function picture(image: ImageData): Promise<Picture> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  canvas.getContext('2d')!.putImageData(image, 0, 0);
  return { image, bitmap: await createImageBitmap(canvas) };
}

async function decode(blob: Blob): Promise<{ width: number; height: number; rgba: Uint8ClampedArray<ArrayBuffer> }> {
  const bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  const { width, height } = bitmap;
  const context = new OffscreenCanvas(width, height).getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { width, height, rgba: context.getImageData(0, 0, width, height).data };
}

async function firstBytes(blob: Blob, count: number): Promise<number[]> {
  return [...new Uint8Array(await blob.slice(0, count).arrayBuffer())];
}

/** Peak signal-to-noise ratio over R, G and B, in dB; the reference is rounded to bytes first. */
function psnr(got: ArrayLike<number>, want: ArrayLike<number>): number {
  expect(got.length).toBe(want.length);
  let squares = 0;
  let samples = 0;
  for (let i = 0; i < got.length; i++) {
    if (i % 4 === 3) continue;
    const reference = Math.min(255, Math.max(0, Math.round(want[i]!)));
    squares += (got[i]! - reference) ** 2;
    samples++;
  }
  return squares === 0 ? Infinity : 10 * Math.log10((255 * 255) / (squares / samples));
}

function reference(source: ImageData, crop: CropRect, slot: ImageSlot): FloatImage {
  const { width, height } = storedImages[slot];
  return resampleLanczos3(toFloatImage(source.width, source.height, source.data), crop, width, height);
}

const shifted = (crop: CropRect, dx: number): CropRect => ({ ...crop, x: crop.x + dx });

/** Per slot: a picture larger than the stored size, and an off-centre region at the slot's aspect. */
const cases: ReadonlyArray<{ slot: ImageSlot; source: [number, number]; crop: CropRect }> = [
  { slot: 'header', source: [4000, 400], crop: { x: 300, y: 90, width: 3200, height: 167 } },
  { slot: 'background', source: [640, 480], crop: { x: 170, y: 50, width: 400, height: 400 } },
  { slot: 'column', source: [1000, 200], crop: { x: 220, y: 70, width: 600, height: 76 } },
];

const smoothPictures = new Map<string, Promise<Picture>>();
const smoothPicture = (width: number, height: number) => {
  const key = `${width}x${height}`;
  if (!smoothPictures.has(key)) smoothPictures.set(key, picture(smoothPixels(width, height)));
  return smoothPictures.get(key)!;
};

describe('renderStoredImage', () => {
  describe.each(cases)('$slot', ({ slot, source, crop }) => {
    const stored = storedImages[slot];

    test(`is a PNG of exactly ${stored.width}×${stored.height}`, async () => {
      const { bitmap } = await smoothPicture(...source);
      const rendered = await renderStoredImage(bitmap, crop, slot);
      expect(rendered.type).toBe('image/png');
      expect(rendered.blob.type).toBe('image/png');
      expect(await firstBytes(rendered.blob, 8)).toEqual(PNG_SIGNATURE);
      const decoded = await decode(rendered.blob);
      expect([decoded.width, decoded.height]).toEqual([stored.width, stored.height]);
    });

    test('has the pixels of the chosen region resampled with Lanczos-3, not those of a region 40 px away', async () => {
      const { image, bitmap } = await smoothPicture(...source);
      const decoded = await decode((await renderStoredImage(bitmap, crop, slot)).blob);
      const right = psnr(decoded.rgba, reference(image, crop, slot).data);
      const wrong = psnr(decoded.rgba, reference(image, shifted(crop, 40), slot).data);
      console.info(`${slot} final vs reference: ${right.toFixed(1)} dB; vs region shifted 40 px: ${wrong.toFixed(1)} dB`);
      expect(right).toBeGreaterThanOrEqual(40);
      expect(wrong).toBeLessThan(30);
    });

    test('draft: the same size, close to final, a JPEG to pass quickly while the frame moves', async () => {
      const { bitmap } = await smoothPicture(...source);
      const draft = await renderStoredImage(bitmap, crop, slot, { quality: 'draft' });
      expect(draft.type).toBe('image/jpeg');
      expect(await firstBytes(draft.blob, 3)).toEqual(JPEG_SIGNATURE);
      const draftPixels = await decode(draft.blob);
      expect([draftPixels.width, draftPixels.height]).toEqual([stored.width, stored.height]);
      const finalPixels = await decode((await renderStoredImage(bitmap, crop, slot, { quality: 'final' })).blob);
      const closeness = psnr(draftPixels.rgba, finalPixels.rgba);
      console.info(`${slot} draft vs final: ${closeness.toFixed(1)} dB`);
      expect(closeness).toBeGreaterThanOrEqual(30);
    });
  });

  test('keeps fine detail as Lanczos-3 does, which a smooth picture cannot tell from other filters', async () => {
    // Stripes of about 4 stored pixels (6.7 source pixels at the header's 0.6 scale), where
    // resampling filters differ most in what they keep.
    const image = new ImageData(4000, 400);
    const tau = 2 * Math.PI;
    for (let y = 0; y < 400; y++) {
      for (let x = 0; x < 4000; x++) {
        const at = (y * 4000 + x) * 4;
        image.data[at] = 128 + 90 * Math.sin((tau * x) / 6.7);
        image.data[at + 1] = 128 + 90 * Math.sin((tau * y) / 7.1 + 1);
        image.data[at + 2] = 128 + 60 * Math.sin((tau * (x + 2 * y)) / 23);
        image.data[at + 3] = 255;
      }
    }
    const { bitmap } = await picture(image);
    const crop = { x: 300, y: 90, width: 3200, height: 167 };
    const decoded = await decode((await renderStoredImage(bitmap, crop, 'header')).blob);
    const right = psnr(decoded.rgba, reference(image, crop, 'header').data);
    const wrong = psnr(decoded.rgba, reference(image, { ...crop, y: crop.y + 1 }, 'header').data);
    console.info(`detailed header final vs reference: ${right.toFixed(1)} dB; vs region 1 px lower: ${wrong.toFixed(1)} dB`);
    expect(right).toBeGreaterThanOrEqual(40);
    expect(wrong).toBeLessThan(30);
  });

  test('takes an OffscreenCanvas as the source as well as an ImageBitmap', async () => {
    const image = smoothPixels(640, 480);
    const canvas = new OffscreenCanvas(640, 480);
    canvas.getContext('2d')!.putImageData(image, 0, 0);
    const crop = { x: 170, y: 50, width: 400, height: 400 };
    const decoded = await decode((await renderStoredImage(canvas, crop, 'background')).blob);
    expect([decoded.width, decoded.height]).toEqual([100, 100]);
    expect(psnr(decoded.rgba, reference(image, crop, 'background').data)).toBeGreaterThanOrEqual(40);
  });

  test('enlarges a 64×64 picture to the background’s 100×100', async () => {
    const { image, bitmap } = await picture(smoothPixels(64, 64));
    const crop = { x: 0, y: 0, width: 64, height: 64 };
    for (const quality of ['final', 'draft'] as const) {
      const rendered = await renderStoredImage(bitmap, crop, 'background', { quality });
      const decoded = await decode(rendered.blob);
      expect([decoded.width, decoded.height]).toEqual([100, 100]);
      if (quality === 'final') {
        expect(psnr(decoded.rgba, reference(image, crop, 'background').data)).toBeGreaterThanOrEqual(40);
      }
    }
  });

  test('refuses a crop that is not whole pixels inside the picture', async () => {
    const { bitmap } = await smoothPicture(640, 480);
    const crops: CropRect[] = [
      { x: 300, y: 0, width: 400, height: 400 },
      { x: -1, y: 0, width: 100, height: 100 },
      { x: 0, y: 0, width: 0, height: 100 },
      { x: 0.5, y: 0, width: 100, height: 100 },
    ];
    for (const crop of crops) {
      await expect(renderStoredImage(bitmap, crop, 'background')).rejects.toThrow(RangeError);
    }
  });

  describe('JPEG fallback, for a PNG over the byte limit', () => {
    const crop = { x: 300, y: 90, width: 3200, height: 167 };
    const noise = picture(noisyPixels(4000, 400));

    /** The same pixels as JPEG at `quality`, from Chromium's encoder directly. */
    async function jpegOf(rgba: Uint8ClampedArray<ArrayBuffer>, quality: number): Promise<Blob> {
      const canvas = new OffscreenCanvas(1920, 100);
      canvas.getContext('2d')!.putImageData(new ImageData(rgba, 1920, 100), 0, 0);
      return canvas.convertToBlob({ type: 'image/jpeg', quality });
    }

    test('gives the highest-quality JPEG within maxBytes, at the stored size', async () => {
      const { bitmap } = await noise;
      const png = await renderStoredImage(bitmap, crop, 'header');
      expect(png.type).toBe('image/png'); // far under the header's 2 MB
      const pngPixels = await decode(png.blob);
      // A limit between what JPEG takes at the top and at the bottom of the searched range.
      const [atTop, atHalf] = await Promise.all([jpegOf(pngPixels.rgba, 0.95), jpegOf(pngPixels.rgba, 0.5)]);
      const maxBytes = Math.floor((atTop.size + atHalf.size) / 2);
      expect(maxBytes).toBeLessThan(png.blob.size);

      const rendered: RenderedImage = await renderStoredImage(bitmap, crop, 'header', { maxBytes });
      console.info(
        `noise header: PNG ${png.blob.size} B; JPEG q0.95 ${atTop.size} B, q0.5 ${atHalf.size} B; ` +
          `limit ${maxBytes} B; got ${rendered.type} ${rendered.blob.size} B`,
      );
      expect(rendered.type).toBe('image/jpeg');
      expect(rendered.blob.type).toBe('image/jpeg');
      expect(await firstBytes(rendered.blob, 3)).toEqual(JPEG_SIGNATURE);
      expect(rendered.blob.size).toBeLessThanOrEqual(maxBytes);
      // The highest quality that fits, to the search's resolution: not one far lower than needed.
      expect(rendered.blob.size).toBeGreaterThan(0.85 * maxBytes);
      const decoded = await decode(rendered.blob);
      expect([decoded.width, decoded.height]).toEqual([1920, 100]);
      // The same picture, at least as faithful as JPEG at the bottom of the range (noise through
      // 4:2:0 JPEG stays far from its PNG at any quality), and nearer it than a region 40 px away.
      const other = await decode((await renderStoredImage(bitmap, shifted(crop, 40), 'header')).blob);
      const same = psnr(decoded.rgba, pngPixels.rgba);
      const floor = psnr((await decode(atHalf)).rgba, pngPixels.rgba);
      const unrelated = psnr(decoded.rgba, other.rgba);
      console.info(
        `noise header vs PNG: JPEG ${same.toFixed(1)} dB, q0.5 JPEG ${floor.toFixed(1)} dB; vs region 40 px away ${unrelated.toFixed(1)} dB`,
      );
      expect(same).toBeGreaterThanOrEqual(floor);
      expect(same).toBeGreaterThan(unrelated + 2);
    });

    test('puts transparent pixels on white, as JPEG has no alpha', async () => {
      const image = noisyPixels(4000, 400);
      for (let y = 0; y < 400; y++) {
        for (let x = 0; x < 2000; x++) image.data[(y * 4000 + x) * 4 + 3] = 0;
      }
      const { bitmap } = await picture(image);
      const png = await renderStoredImage(bitmap, crop, 'header');
      const rendered = await renderStoredImage(bitmap, crop, 'header', { maxBytes: png.blob.size - 1 });
      expect(rendered.type).toBe('image/jpeg');
      const { rgba } = await decode(rendered.blob);
      // Source x < 2000 is clear: stored x < (2000 - 300) × 0.6 = 1020, less the filter's reach.
      let darkest = 255;
      for (let y = 0; y < 100; y++) {
        for (let x = 0; x < 1000; x++) for (let c = 0; c < 3; c++) darkest = Math.min(darkest, rgba[(y * 1920 + x) * 4 + c]!);
      }
      expect(darkest).toBeGreaterThanOrEqual(245);
    });

    test('throws when not even a JPEG fits', async () => {
      const { bitmap } = await noise;
      await expect(renderStoredImage(bitmap, crop, 'header', { maxBytes: 100 })).rejects.toThrow(/100 bytes/);
    });
  });

  test('runs in a dedicated worker, where there is no DOM', async () => {
    const moduleUrl = new URL('../../src/image/render.ts', import.meta.url).href;
    const script = `
      import { renderStoredImage } from ${JSON.stringify(moduleUrl)};
      self.onmessage = async ({ data }) => {
        try {
          const rendered = await renderStoredImage(data.source, data.crop, data.slot);
          self.postMessage({ type: rendered.type, blob: rendered.blob, hasDocument: typeof document !== 'undefined' });
        } catch (error) {
          self.postMessage({ error: String(error) });
        }
      };`;
    const scriptUrl = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
    const worker = new Worker(scriptUrl, { type: 'module' });
    try {
      const { image, bitmap } = await picture(smoothPixels(1000, 200));
      const crop = { x: 220, y: 70, width: 600, height: 76 };
      const reply = await new Promise<{ type?: string; blob?: Blob; hasDocument?: boolean; error?: string }>((resolve, reject) => {
        worker.onmessage = ({ data }) => resolve(data);
        worker.onerror = (event) => reject(new Error(event.message || 'worker failed to start'));
        worker.postMessage({ source: bitmap, crop, slot: 'column' }, [bitmap]);
      });
      expect(reply.error).toBeUndefined();
      expect(reply.hasDocument).toBe(false);
      expect(reply.type).toBe('image/png');
      const decoded = await decode(reply.blob!);
      expect([decoded.width, decoded.height]).toEqual([300, 38]);
      expect(psnr(decoded.rgba, reference(image, crop, 'column').data)).toBeGreaterThanOrEqual(40);
    } finally {
      worker.terminate();
      URL.revokeObjectURL(scriptUrl);
    }
  });

  test('time of a 4000×400 → 1920×100 header render (logged, not asserted)', async () => {
    const { bitmap } = await smoothPicture(4000, 400);
    const crop = { x: 300, y: 90, width: 3200, height: 167 };
    const time = async (quality: 'final' | 'draft') => {
      const start = performance.now();
      await renderStoredImage(bitmap, crop, 'header', { quality });
      return performance.now() - start;
    };
    const final = await time('final');
    const draft = await time('draft');
    console.info(`header render, PNG encoding included: final ${final.toFixed(1)} ms, draft ${draft.toFixed(1)} ms`);
    expect(final).toBeGreaterThan(0);
  });
});

