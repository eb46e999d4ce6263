/**
 * The files the blogger picked, kept so a crop can be moved again later. They live in the
 * extension's own IndexedDB, not in `storage.local`: only the editor reads them, and a write to
 * `storage.local` is announced, bytes and all, to every content script on every CSDN tab.
 * Each is kept under its blog, slot and pick id; the record (src/skin.ts) names the pick in use.
 */

type Key = [blog: string, slot: string, pick: string];

const DATABASE = 'picked-files';
const FILES = 'files';

let opened: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(FILES);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
  });
  opened.catch(() => (opened = undefined)); // a later call may try again
  return opened;
}

async function run<T>(mode: IDBTransactionMode, work: (files: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const transaction = (await database()).transaction(FILES, mode);
  const request = work(transaction.objectStore(FILES));
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve(request ? request.result : undefined);
    transaction.onerror = transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
  });
}

/** Every pick of one slot: array keys sort after strings, so `[]` closes the range. */
const slotRange = (blog: string, slot: string) => IDBKeyRange.bound([blog, slot], [blog, slot, []]);

export async function keepPickedFile(blog: string, slot: string, pick: string, file: Blob): Promise<void> {
  const key: Key = [blog, slot, pick];
  await run('readwrite', (files) => files.put(file, key));
}

/** The picked file of `pick`, or null when it is not kept (another pick's, or lost). */
export async function pickedFile(blog: string, slot: string, pick: string): Promise<Blob | null> {
  const key: Key = [blog, slot, pick];
  const file = await run<unknown>('readonly', (files) => files.get(key));
  return file instanceof Blob ? file : null;
}

/** Forgets the slot's picked files, but for the one of `keep`. */
export async function forgetPickedFiles(blog: string, slot: string, keep?: string): Promise<void> {
  await run('readwrite', (files) => {
    const cursor = files.openKeyCursor(slotRange(blog, slot));
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at) return;
      if ((at.key as Key)[2] !== keep) files.delete(at.key);
      at.continue();
    };
  });
}
