/**
 * The images CSDN will store, as the extension keeps them: one exact-size PNG (or JPEG) data URL
 * per blog, slot and revision, in the extension's own IndexedDB. Not in `storage.local`: a write
 * there is announced, bytes and all, to every content script on every CSDN tab, and a tab of
 * another blog would pay for each save. Pages never read this store: the background puts an image
 * into a page (background/inserted-sheets.ts), or hands its bytes to a page that draws on canvas.
 *
 * Keyed by revision, so a record (src/skin.ts) and the bytes it names never disagree: the bytes go
 * in before the record that names them, and other revisions go after it.
 */
import { keyedStore } from './idb';
import type { ImageSlot } from './rules';
import { imageKey, isImageDataUrl } from './skin';
import type { SkinStorage } from './store';

const images = keyedStore<[blog: string, slot: string, revision: string]>('stored-images', 'images');

export function keepStoredImage(blog: string, slot: ImageSlot, revision: string, dataUrl: string): Promise<void> {
  return images.put([blog, slot, revision], dataUrl);
}

/** Forgets the slot's stored images but the one of `keep`, and the slot's bytes an older version left in `storage.local`. */
export async function forgetStoredImages(storage: Pick<SkinStorage, 'remove'>, blog: string, slot: ImageSlot, keep?: string): Promise<void> {
  await images.deleteUnder([blog, slot], ([, , revision]) => revision === keep);
  await storage.remove(imageKey(blog, slot));
}

/**
 * The stored image of `revision`, checked (`isImageDataUrl`), or null. The caller has read a
 * record that names `revision`: versions before this one kept that record's bytes in
 * `storage.local` under the slot alone, and those are read until the slot is next saved.
 */
export async function readStoredImage(storage: Pick<SkinStorage, 'get'>, blog: string, slot: ImageSlot, revision: string): Promise<string | null> {
  const kept = await images.get([blog, slot, revision]).catch(() => undefined);
  if (isImageDataUrl(kept)) return kept;
  const key = imageKey(blog, slot);
  const older = (await storage.get(key))[key];
  return isImageDataUrl(older) ? older : null;
}
