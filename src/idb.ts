/**
 * One object store of the extension's own IndexedDB, keyed by arrays, opened on first use. The
 * extension keeps bytes here rather than in `storage.local`, whose every write is announced, bytes
 * and all, to every content script on every CSDN tab.
 */
export interface KeyedStore<Key extends IDBValidKey[]> {
  get(key: Key): Promise<unknown>;
  put(key: Key, value: unknown): Promise<void>;
  /** Deletes every entry whose key starts with `prefix`, but those `keep` says to keep. */
  deleteUnder(prefix: IDBValidKey[], keep?: (key: Key) => boolean): Promise<void>;
}

export function keyedStore<Key extends IDBValidKey[]>(database: string, store: string): KeyedStore<Key> {
  let opened: Promise<IDBDatabase> | undefined;
  const open = () => {
    opened ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(database, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(store);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
    });
    opened.catch(() => (opened = undefined)); // a later call may try again
    return opened;
  };
  const run = async <T>(mode: IDBTransactionMode, work: (entries: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> => {
    const transaction = (await open()).transaction(store, mode);
    const request = work(transaction.objectStore(store));
    return new Promise((resolve, reject) => {
      transaction.oncomplete = () => resolve(request ? request.result : undefined);
      transaction.onerror = transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    });
  };
  return {
    get: (key) => run('readonly', (entries) => entries.get(key)),
    put: async (key, value) => {
      await run('readwrite', (entries) => entries.put(value, key));
    },
    deleteUnder: async (prefix, keep) => {
      await run('readwrite', (entries) => {
        // Array keys sort after every other kind, so `[]` closes the range of keys under `prefix`.
        const cursor = entries.openKeyCursor(IDBKeyRange.bound(prefix, [...prefix, []]));
        cursor.onsuccess = () => {
          const at = cursor.result;
          if (!at) return;
          if (!keep?.(at.key as Key)) entries.delete(at.key);
          at.continue();
        };
      });
    },
  };
}
