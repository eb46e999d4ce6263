/**
 * The files the blogger picked, kept so a crop can be moved again later, in the extension's own
 * IndexedDB (src/idb.ts): only the editor reads them. Each is kept under its blog, slot and pick
 * id; the record (src/skin.ts) names the pick in use.
 */
import { keyedStore } from '../src/idb';

const files = keyedStore<[blog: string, slot: string, pick: string]>('picked-files', 'files');

export async function keepPickedFile(blog: string, slot: string, pick: string, file: Blob): Promise<void> {
  await files.put([blog, slot, pick], file);
}

/** The picked file of `pick`, or null when it is not kept (another pick's, or lost). */
export async function pickedFile(blog: string, slot: string, pick: string): Promise<Blob | null> {
  const file = await files.get([blog, slot, pick]);
  return file instanceof Blob ? file : null;
}

/** Forgets the slot's picked files, but for the one of `keep`. */
export async function forgetPickedFiles(blog: string, slot: string, keep?: string): Promise<void> {
  await files.deleteUnder([blog, slot], ([, , pick]) => pick === keep);
}
