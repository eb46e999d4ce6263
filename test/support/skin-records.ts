/**
 * Image records as the editor stores them (schema 2), for tests that put a skin into storage and
 * read it the way a page or the background does.
 */
import { storedImages, type ImageFormat, type ImageSlot } from '../../src/rules';
import type { ImageInfo } from '../../src/skin';

/**
 * A stored image of `slot` with `revision`: picked as a file of exactly the stored size, cut
 * whole, and kept as `format`.
 */
export function storedImageInfo(revision: string, slot: ImageSlot = 'header', format: ImageFormat = 'png'): ImageInfo {
  const { width, height } = storedImages[slot];
  return {
    source: { id: `pick-${revision}`, name: `${slot}.${format === 'png' ? 'png' : 'jpg'}`, format, bytes: 1000, width, height },
    crop: { x: 0, y: 0, width, height },
    format,
    bytes: 1000,
    revision,
  };
}
