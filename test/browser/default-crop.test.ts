/**
 * defaultCrop against the crop plugin CSDN's 自定义博客皮肤 dialog really runs: the jQuery plugin
 * cropper 3.1.6, with the dialog's options, on a real picture in a real, laid-out container. The
 * frame the plugin starts with, read in the picture's own pixels, must be ours within one pixel.
 */
import $ from 'jquery';
import 'cropper';
import 'cropper/dist/cropper.css';
import { afterEach, describe, expect, test } from 'vitest';
import { cropAspect, defaultCrop, type CropRect } from '../../src/image/crop';
import type { PixelSize } from '../../src/image/sniff';
import { storedImages, type ImageSlot } from '../../src/rules';
import { makePng } from './make-files';

/** What the plugin reports of its frame, unrounded, in the picture's own pixels. */
interface PluginData extends CropRect {
  [key: string]: number;
}

/** What the plugin reports of the picture as shown, in screen pixels. */
interface ShownImage {
  width: number;
  height: number;
  naturalWidth: number;
  naturalHeight: number;
}

/** The dialog's options, as CSDN passes them: movable and zoomable, never rotated. */
interface PluginOptions {
  aspectRatio: number;
  viewMode: 2;
  autoCropArea: 1;
  movable: true;
  zoomable: true;
  rotatable: false;
  ready: () => void;
}

/** The few calls of the plugin this file makes; it ships no types of its own. */
interface Plugin {
  cropper(options: PluginOptions): unknown;
  cropper(method: 'getData'): PluginData;
  cropper(method: 'getImageData'): ShownImage;
  cropper(method: 'setCropBoxData', data: PixelSize): unknown;
  cropper(method: 'destroy'): unknown;
}

/** A dialog's crop area on screen: the container the plugin fills. */
const dialogs: readonly PixelSize[] = [
  { width: 800, height: 400 },
  { width: 500, height: 300 },
];

/** Pictures of each slot: wide and tall ones, the stored size itself, and odd ones. */
const pictures: ReadonlyArray<readonly [ImageSlot, number, number]> = [
  ['header', 4000, 400],
  ['header', 1920, 100],
  ['header', 2560, 300],
  ['header', 3000, 1000],
  ['header', 8000, 200], // wider than 19.2:1: the frame is the whole height, centred across
  ['background', 400, 400],
  ['background', 640, 480],
  ['background', 300, 900],
  ['background', 64, 64],
  ['column', 600, 76],
  ['column', 300, 39],
  ['column', 300, 38],
  ['column', 1000, 1000],
];

const cleanups: Array<() => void> = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A picture of `width`×`height`, shown in a dialog of the given size, cropped as CSDN does; resolves when ready. */
async function openInDialog(slot: ImageSlot, picture: PixelSize, dialog: PixelSize): Promise<Plugin> {
  const url = URL.createObjectURL(new Blob([await makePng(picture.width, picture.height)], { type: 'image/png' }));
  cleanups.push(() => URL.revokeObjectURL(url));

  const box = document.body.appendChild(document.createElement('div'));
  box.style.width = `${dialog.width}px`;
  box.style.height = `${dialog.height}px`;
  cleanups.push(() => box.remove());
  const image = box.appendChild(document.createElement('img'));
  image.src = url;

  const plugin = $(image) as unknown as Plugin;
  await new Promise<void>((resolve) => {
    plugin.cropper({
      aspectRatio: cropAspect(slot),
      viewMode: 2,
      autoCropArea: 1,
      movable: true,
      zoomable: true,
      rotatable: false,
      ready: resolve,
    });
  });
  cleanups.push(() => plugin.cropper('destroy'));
  return plugin;
}

/** The dialog's step once the plugin is ready: ask for the stored image's size, in screen pixels. */
const dialogStep = (plugin: Plugin, slot: ImageSlot) =>
  plugin.cropper('setCropBoxData', { width: storedImages[slot].width, height: storedImages[slot].height });

const frameOf = (plugin: Plugin): CropRect => {
  const { x, y, width, height } = plugin.cropper('getData');
  return { x, y, width, height };
};

const show = (rect: CropRect) => `${rect.x},${rect.y} ${rect.width}×${rect.height}`;

/** Each of x, y, width and height within one pixel of ours. */
function expectSameFrame(plugin: CropRect, ours: CropRect) {
  const apart = (['x', 'y', 'width', 'height'] as const).filter((key) => !(Math.abs(plugin[key] - ours[key]) <= 1));
  expect(apart, `plugin ${show(plugin)}, defaultCrop ${show(ours)}`).toEqual([]);
}

describe.each(dialogs)('in a $width×$height dialog', (dialog) => {
  test.each(pictures)('%s %i×%i: the frame the plugin starts with is defaultCrop', async (slot, width, height) => {
    const plugin = await openInDialog(slot, { width, height }, dialog);
    expectSameFrame(frameOf(plugin), defaultCrop(slot, { width, height }));
  });

  // A header is at least 1920 px wide and the dialog shows it narrower than 1920 screen px, so
  // the plugin caps the 1920×100 the dialog asks for at the frame it already has.
  test.each(pictures.filter(([slot]) => slot === 'header'))(
    '%s %i×%i: the dialog asking for 1920×100 leaves the frame as it is',
    async (slot, width, height) => {
      const plugin = await openInDialog(slot, { width, height }, dialog);
      expect(plugin.cropper('getImageData').width).toBeLessThan(storedImages.header.width);
      const before = frameOf(plugin);
      dialogStep(plugin, slot);
      expect(frameOf(plugin)).toEqual(before);
      expectSameFrame(frameOf(plugin), defaultCrop(slot, { width, height }));
    },
  );
});

// For the background and the column the dialog's step (100×100 or 300×38 screen pixels) asks for
// less than the frame the plugin starts with, so it is not capped and shrinks the frame: where it
// ends up, in the picture's pixels, depends on how large the dialog shows the picture on screen, so
// the tests above compare only the frame the plugin starts with. What the step does, in one size:
describe('the dialog asking for 100×100 for the background, in an 800×400 dialog', () => {
  test.each(pictures.filter(([slot]) => slot === 'background'))(
    '%s %i×%i: the frame keeps its top-left corner and becomes 100 screen px wide',
    async (slot, width, height) => {
      const plugin = await openInDialog(slot, { width, height }, { width: 800, height: 400 });
      const shown = plugin.cropper('getImageData');
      dialogStep(plugin, slot);
      const ours = defaultCrop(slot, { width, height });
      const side = (100 * shown.naturalWidth) / shown.width; // 100 screen px, in the picture's pixels
      expectSameFrame(frameOf(plugin), { x: ours.x, y: ours.y, width: side, height: side });
    },
  );
});
