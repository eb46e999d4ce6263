/**
 * What the editor stored, read back as the tests need it: the exact-size image a page is given
 * (IndexedDB `stored-images`), the picked file (IndexedDB `picked-files`) and the record, plus PNG and
 * data-URL helpers to say what those bytes are. Plain TypeScript: the Chromium tests (Playwright)
 * and the Firefox tests (puppeteer) both use it.
 */
import { imageKey, skinKey } from '../../src/skin';
import type { ImageSlot } from '../../src/rules';

export { imageKey, skinKey };

/**
 * The picked file the editor keeps for a blog's slot (popup/picked-files.ts), as a data URL, or
 * null; `pick` names it, else the one of the stored record. Runs in an extension page, like the above.
 */
export async function readPickedFile([blog, slot]: [string, string]): Promise<string | null> {
  const api = (globalThis as unknown as { browser?: typeof chrome; chrome?: typeof chrome }).browser ?? globalThis.chrome;
  const record = (await api!.storage.local.get(`skin:${blog}`))[`skin:${blog}`] as
    | { images?: Record<string, { source?: { id?: string } }> }
    | undefined;
  const pick = record?.images?.[slot]?.source?.id;
  if (!pick) return null;
  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('picked-files');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const file = await new Promise<unknown>((resolve, reject) => {
    const request = database.transaction('files').objectStore('files').get([blog, slot, pick]);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  database.close();
  if (!(file instanceof Blob)) return null;
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsDataURL(file);
  });
}

/**
 * Reads `keys` from the extension's storage.local. Runs in an extension page (the editor): hand it
 * to `page.evaluate` as it is, in Chromium (`chrome`) or Firefox (`browser`).
 */
export async function readExtensionStorage(keys: string[]): Promise<Record<string, unknown>> {
  const api = (globalThis as unknown as { browser?: typeof chrome; chrome?: typeof chrome }).browser ?? globalThis.chrome;
  return api!.storage.local.get(keys);
}

/**
 * The stored image the record names for a blog's slot (src/stored-images.ts: IndexedDB, or where
 * older versions kept it), as a data URL, or null. Runs in an extension page, like the above.
 */
export async function readStoredImage([blog, slot]: [string, string]): Promise<string | null> {
  const api = (globalThis as unknown as { browser?: typeof chrome; chrome?: typeof chrome }).browser ?? globalThis.chrome;
  const key = `image:${blog}:${slot}`;
  const stored = await api!.storage.local.get([`skin:${blog}`, key]);
  const record = stored[`skin:${blog}`] as { images?: Record<string, { revision?: string }> } | undefined;
  const revision = record?.images?.[slot]?.revision;
  if (!revision) return null;
  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('stored-images');
    request.onupgradeneeded = () => request.result.createObjectStore('images');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const kept = await new Promise<unknown>((resolve, reject) => {
    const request = database.transaction('images').objectStore('images').get([blog, slot, revision]);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  database.close();
  if (typeof kept === 'string') return kept;
  return typeof stored[key] === 'string' ? (stored[key] as string) : null;
}

/** Run in an extension page: forgets every stored image's bytes (the records still name them). */
export async function clearStoredImages(): Promise<void> {
  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('stored-images');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise<void>((resolve, reject) => {
    const clearing = database.transaction('images', 'readwrite').objectStore('images').clear();
    clearing.onsuccess = () => resolve();
    clearing.onerror = () => reject(clearing.error);
  });
  database.close();
}

/** An extension page that can run `readStoredImage`. */
interface ImageEvaluator {
  evaluate(fn: typeof readStoredImage, at: [string, string]): Promise<string | null>;
}

/** The stored exact-size image of `slot` (a data URL), or null when none is stored. */
export async function storedImageUrl(extensionPage: ImageEvaluator, blog: string, slot: ImageSlot): Promise<string | null> {
  return extensionPage.evaluate(readStoredImage, [blog, slot]);
}

/** `background-image` as a computed style spells a data URL. */
export const cssUrl = (dataUrl: string | null) => (dataUrl === null ? 'none' : `url("${dataUrl}")`);

export interface DataUrlBytes {
  mime: string;
  bytes: Buffer;
}

/** The bytes and type of a base64 data URL. */
export function bytesOfDataUrl(url: string): DataUrlBytes {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (!match) throw new Error(`not a base64 data URL: ${url.slice(0, 40)}…`);
  return { mime: match[1]!, bytes: Buffer.from(match[2]!, 'base64') };
}

/** A `background-image` value back to its data URL (`url("data:…")`), or null for anything else. */
export function dataUrlOfCss(value: string): string | null {
  const match = /^url\("(data:[^"]*)"\)$/s.exec(value);
  return match ? match[1]! : null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR, or null when the bytes are no PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24 || PNG_SIGNATURE.some((byte, i) => bytes[i] !== byte)) return null;
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** What a stored data URL is: its type and, for a PNG, its IHDR size ("image/png 1920×100"). */
export function describeImage(url: string | null): string {
  if (url === null) return 'nothing';
  const { mime, bytes } = bytesOfDataUrl(url);
  const size = pngSize(bytes);
  return size ? `${mime} ${size.width}×${size.height}` : mime;
}

/**
 * Reads `read` until `ok` holds and returns that value; for hooks, where `expect.poll` may not run.
 * Throws with the last value read after `timeout` ms.
 */
export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeout = 5000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out; last read: ${String(value).slice(0, 120)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
