import { describe, expect, it, vi } from 'vitest';
import { loadRecord, loadSkin, NewerSkinError, SkinStore, StaleCropError, type ImageKeeper, type SkinStorage } from '../../src/store';
import { imageKey, isNewerRecord, SKIN_SCHEMA, skinKey, type ImageInfo } from '../../src/skin';

/** The stored images' store (src/stored-images.ts), in memory: a data URL per blog, slot and revision. */
interface MemoryImages extends ImageKeeper {
  kept: Map<string, string>;
  /** The data URLs kept for a slot. */
  of(blog: string, slot: string): string[];
}

/** storage.local's contract, in memory; every `set` is recorded as one write. `images` keeps the bytes. */
function memoryStorage(): SkinStorage & { data: Map<string, unknown>; writes: Array<Record<string, unknown>>; images: MemoryImages } {
  const data = new Map<string, unknown>();
  const writes: Array<Record<string, unknown>> = [];
  const kept = new Map<string, string>();
  const images: MemoryImages = {
    kept,
    of: (blog, slot) => [...kept].filter(([key]) => key.startsWith(`${blog}/${slot}/`)).map(([, url]) => url),
    async keep(blog, slot, revision, dataUrl) {
      kept.set(`${blog}/${slot}/${revision}`, dataUrl);
    },
    async forgetOthers(blog, slot, keep) {
      for (const key of kept.keys()) if (key.startsWith(`${blog}/${slot}/`) && key !== `${blog}/${slot}/${keep}`) kept.delete(key);
      data.delete(imageKey(blog, slot)); // as the real one lets an older version's bytes go
    },
  };
  return {
    data,
    writes,
    images,
    async get(keys) {
      const out: Record<string, unknown> = {};
      for (const key of [keys].flat()) if (data.has(key)) out[key] = structuredClone(data.get(key));
      return out;
    },
    async set(items) {
      writes.push(items);
      for (const [key, value] of Object.entries(items)) data.set(key, structuredClone(value));
    },
    async remove(keys) {
      for (const key of [keys].flat()) data.delete(key);
    },
  };
}

const header: ImageInfo = {
  source: { id: 'pick-1', name: 'h.jpg', format: 'jpeg', bytes: 300, width: 4000, height: 400 },
  crop: { x: 0, y: 96, width: 4000, height: 208 },
  format: 'png',
  bytes: 9,
  revision: 'r1',
};
/** The stored image, cut from the picked file. */
const headerUrl = 'data:image/png;base64,AAAA';
/** The same pick, its frame moved: a new stored image, the same source. */
const recut: ImageInfo = { ...header, crop: { x: 0, y: 0, width: 4000, height: 208 }, bytes: 8, revision: 'r2' };
const recutUrl = 'data:image/png;base64,BBBB';

const storeInMemory = () => {
  const storage = memoryStorage();
  return new SkinStore(storage, storage.images);
};

describe('SkinStore', () => {
  it('starts a blog with an empty skin that is on', async () => {
    const skin = await storeInMemory().load('alice');
    expect(skin).toMatchObject({ enabled: true, colors: {}, images: {} });
  });

  it('keeps each blog apart', async () => {
    const storage = memoryStorage();
    const store = new SkinStore(storage, storage.images);
    await store.setColor('alice', 'title', '#112233');
    expect((await store.load('alice')).colors.title).toBe('#112233');
    expect((await store.load('bob')).colors).toEqual({});
  });

  it('keeps the stored image apart, before the record that names it, and writes no bytes to storage.local', async () => {
    const storage = memoryStorage();
    const steps: string[] = [];
    const skin = await new SkinStore(
      { ...storage, set: async (items) => (steps.push('record'), storage.set(items)) },
      { ...storage.images, keep: async (...args) => (steps.push('image'), storage.images.keep(...args)) },
    ).setImage('alice', 'header', header, headerUrl);
    expect(steps).toEqual(['image', 'record']);
    // storage.local tells every CSDN tab of each write: only the record goes there.
    expect(storage.writes.map((write) => Object.keys(write))).toEqual([[skinKey('alice')]]);
    expect(storage.images.of('alice', 'header')).toEqual([headerUrl]);
    expect(skin.images.header).toEqual(header);
    expect((await loadSkin(storage, 'alice')).images.header).toEqual(header);
  });

  it('lets the slot’s earlier images go once the record names a new one, an older version’s bytes too', async () => {
    const storage = memoryStorage();
    storage.data.set(imageKey('alice', 'header'), 'data:image/png;base64,OLD'); // where versions before kept them
    const store = new SkinStore(storage, storage.images);
    await store.setImage('alice', 'header', header, headerUrl);
    await store.setCrop('alice', 'header', recut, recutUrl);
    expect(storage.images.of('alice', 'header')).toEqual([recutUrl]);
    expect(storage.data.has(imageKey('alice', 'header'))).toBe(false);
  });

  it('loads the record as stored, for a reader of its own', async () => {
    const storage = memoryStorage();
    expect(await loadRecord(storage, 'alice')).toBeUndefined();
    await new SkinStore(storage, storage.images).setImage('alice', 'header', header, headerUrl);
    expect(await loadRecord(storage, 'alice')).toEqual(storage.data.get(skinKey('alice')));
    expect(await loadRecord(storage, 'bob')).toBeUndefined();
  });

  it('never writes image bytes for a color change', async () => {
    const storage = memoryStorage();
    const store = new SkinStore(storage, storage.images);
    await store.setImage('alice', 'header', header, headerUrl);
    await store.setColor('alice', 'hover', '#AFAFAF');
    expect(Object.keys(storage.writes[1]!)).toEqual([skinKey('alice')]);
    expect((await store.load('alice')).images.header).toEqual(header);
  });

  it('removes an image and its stored bytes', async () => {
    const storage = memoryStorage();
    const store = new SkinStore(storage, storage.images);
    await store.setImage('alice', 'header', header, headerUrl);
    await store.setImage('alice', 'column', { ...header, revision: 'c1' }, headerUrl);
    await store.removeImage('alice', 'header');
    expect((await store.load('alice')).images).toEqual({ column: { ...header, revision: 'c1' } });
    expect(storage.images.of('alice', 'header')).toEqual([]);
    // The other slot keeps its own.
    expect(storage.images.of('alice', 'column')).toEqual([headerUrl]);
  });

  describe('a crop of the same pick', () => {
    it('rewrites the record and the stored image only', async () => {
      const storage = memoryStorage();
      const store = new SkinStore(storage, storage.images);
      await store.setImage('alice', 'header', header, headerUrl);
      const skin = await store.setCrop('alice', 'header', recut, recutUrl);
      expect(storage.writes).toHaveLength(2);
      expect(Object.keys(storage.writes[1]!)).toEqual([skinKey('alice')]);
      expect(skin.images.header).toEqual(recut);
      expect((await store.load('alice')).images.header).toEqual(recut);
      expect(storage.images.of('alice', 'header')).toEqual([recutUrl]);
    });

    it('is refused when the slot holds another pick now, and writes nothing', async () => {
      const storage = memoryStorage();
      const store = new SkinStore(storage, storage.images);
      const newer: ImageInfo = { ...header, source: { ...header.source, id: 'pick-2', name: 'newer.png' }, revision: 'r3' };
      await store.setImage('alice', 'header', newer, headerUrl);
      const before = new Map(storage.data);
      const crop = store.setCrop('alice', 'header', recut, recutUrl); // a crop of pick-1, late
      await expect(crop).rejects.toThrow(StaleCropError);
      await expect(crop).rejects.toMatchObject({ name: 'StaleCropError' });
      expect(storage.writes).toHaveLength(1);
      expect(storage.data).toEqual(before);
      expect(storage.images.of('alice', 'header')).toEqual([headerUrl]);
      expect((await store.load('alice')).images.header).toEqual(newer);
    });

    it('is refused when the slot has no image any more, and writes nothing', async () => {
      const storage = memoryStorage();
      const store = new SkinStore(storage, storage.images);
      await store.setImage('alice', 'header', header, headerUrl);
      await store.removeImage('alice', 'header');
      const writes = storage.writes.length;
      await expect(store.setCrop('alice', 'header', recut, recutUrl)).rejects.toThrow(StaleCropError);
      expect(storage.writes).toHaveLength(writes);
      expect(storage.images.of('alice', 'header')).toEqual([]);
      expect((await store.load('alice')).images).toEqual({});
    });

    it('leaves the queue running after a refusal', async () => {
      const store = storeInMemory();
      await expect(store.setCrop('alice', 'header', recut, recutUrl)).rejects.toThrow(StaleCropError);
      await store.setColor('alice', 'title', '#111111');
      expect((await store.load('alice')).colors).toEqual({ title: '#111111' });
    });
  });

  it('does not lose one of two quick edits made without waiting', async () => {
    const store = storeInMemory();
    await Promise.all([
      store.setColor('alice', 'title', '#111111'),
      store.setColor('alice', 'hover', '#222222'),
      store.setEnabled('alice', false),
    ]);
    expect(await store.load('alice')).toMatchObject({
      enabled: false,
      colors: { title: '#111111', hover: '#222222' },
    });
  });

  it('clears a color', async () => {
    const store = storeInMemory();
    await store.setColor('alice', 'title', '#111111');
    await store.setColor('alice', 'title', null);
    expect((await store.load('alice')).colors).toEqual({});
  });

  it('leaves the stored skin as it was when a write fails', async () => {
    const storage = memoryStorage();
    const store = new SkinStore(storage, storage.images);
    await store.setColor('alice', 'title', '#111111');
    storage.set = async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    await expect(store.setImage('alice', 'header', header, headerUrl)).rejects.toThrow(/quota/);
    expect(await store.load('alice')).toMatchObject({ colors: { title: '#111111' }, images: {} });
    // the queue is not stuck behind the failure: the next edit runs (and meets the same full disk)
    await expect(store.setColor('alice', 'hover', '#222222')).rejects.toThrow(/quota/);
  });
});

describe('SkinStore with a lock shared by several editors', () => {
  /** One lock table, as Web Locks give every page of the extension. */
  function sharedLock() {
    const tails = new Map<string, Promise<unknown>>();
    return async <T>(name: string, task: () => Promise<T>): Promise<T> => {
      const before = tails.get(name) ?? Promise.resolve();
      const run = before.then(task);
      tails.set(name, run.catch(() => undefined));
      return run;
    };
  }

  it('keeps both of two edits made at once from two editors of one blog', async () => {
    const storage = memoryStorage();
    const lock = sharedLock();
    const tabA = new SkinStore(storage, storage.images, lock);
    const tabB = new SkinStore(storage, storage.images, lock);
    await Promise.all([
      tabA.setImage('alice', 'header', header, headerUrl),
      tabB.setColor('alice', 'title', '#111111'),
      tabA.setColor('alice', 'hover', '#222222'),
      tabB.removeImage('alice', 'column'),
    ]);
    expect(await tabA.load('alice')).toMatchObject({
      colors: { title: '#111111', hover: '#222222' },
      images: { header },
    });
    expect(storage.images.of('alice', 'header')).toEqual([headerUrl]);
  });

  it('never lets one editor’s late crop land on the pick another editor just made', async () => {
    const storage = memoryStorage();
    const lock = sharedLock();
    const tabA = new SkinStore(storage, storage.images, lock);
    const tabB = new SkinStore(storage, storage.images, lock);
    await tabA.setImage('alice', 'header', header, headerUrl);
    const newer: ImageInfo = { ...header, source: { ...header.source, id: 'pick-2' }, revision: 'r3' };
    const newerUrl = 'data:image/png;base64,CCCC';
    const [picked, cropped] = await Promise.allSettled([
      tabB.setImage('alice', 'header', newer, newerUrl),
      tabA.setCrop('alice', 'header', recut, recutUrl),
    ]);
    expect(picked.status).toBe('fulfilled');
    expect(cropped).toMatchObject({ status: 'rejected', reason: expect.any(StaleCropError) });
    expect((await tabA.load('alice')).images.header).toEqual(newer);
    expect(storage.images.of('alice', 'header')).toEqual([newerUrl]);
  });

  it('without the lock, the same race loses an edit (what the lock is for)', async () => {
    const storage = memoryStorage();
    const tabA = new SkinStore(storage, storage.images);
    const tabB = new SkinStore(storage, storage.images);
    await Promise.all([tabA.setColor('alice', 'title', '#111111'), tabB.setColor('alice', 'hover', '#222222')]);
    expect(Object.keys((await tabA.load('alice')).colors)).toHaveLength(1);
  });
});

describe('a record saved by a newer version', () => {
  it('is never written over: every edit is refused and writes nothing', async () => {
    const storage = memoryStorage();
    const newer = { schema: 99, enabled: true, colors: { title: '#123456' }, images: {}, extra: [1] };
    storage.data.set(skinKey('alice'), newer);
    const store = new SkinStore(storage, storage.images);
    await expect(store.setColor('alice', 'title', '#ABCDEF')).rejects.toBeInstanceOf(NewerSkinError);
    await expect(store.setEnabled('alice', false)).rejects.toBeInstanceOf(NewerSkinError);
    await expect(store.setImage('alice', 'header', header, headerUrl)).rejects.toBeInstanceOf(NewerSkinError);
    expect(storage.writes).toEqual([]);
    expect(storage.data.get(skinKey('alice'))).toEqual(newer);
    expect(isNewerRecord(newer)).toBe(true);
    expect(isNewerRecord({ schema: SKIN_SCHEMA })).toBe(false);
  });
});

describe('the picked file of a new pick', () => {
  it('is kept before the record names it, and the slot’s other files let go after, both under the record’s lock', async () => {
    const storage = memoryStorage();
    const steps: string[] = [];
    let locked = false;
    const lock = async <T>(_name: string, task: () => Promise<T>) => {
      locked = true;
      try {
        return await task();
      } finally {
        locked = false;
      }
    };
    const store = new SkinStore(
      { ...storage, set: async (items) => (steps.push(`set ${locked}`), storage.set(items)) },
      storage.images,
      lock,
    );
    await store.setImage('alice', 'header', header, headerUrl, {
      keep: async () => void steps.push(`keep ${locked}`),
      forgetOthers: async () => void steps.push(`forget ${locked}`),
    });
    expect(steps).toEqual(['keep true', 'set true', 'forget true']);
  });

  it('is not let go when keeping it failed: nothing is written', async () => {
    const storage = memoryStorage();
    const forget = vi.fn(async () => undefined);
    await expect(
      new SkinStore(storage, storage.images).setImage('alice', 'header', header, headerUrl, { keep: () => Promise.reject(new Error('disk full')), forgetOthers: forget }),
    ).rejects.toThrow('disk full');
    expect(storage.writes).toEqual([]);
    expect(forget).not.toHaveBeenCalled();
  });
});
