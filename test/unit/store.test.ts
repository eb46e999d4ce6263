import { describe, expect, it } from 'vitest';
import { SkinStore, type SkinStorage } from '../../src/store';
import { imageKey, skinKey, type ImageInfo } from '../../src/skin';

/** storage.local's contract, in memory; every `set` is recorded as one write. */
function memoryStorage(): SkinStorage & { data: Map<string, unknown>; writes: Array<Record<string, unknown>> } {
  const data = new Map<string, unknown>();
  const writes: Array<Record<string, unknown>> = [];
  return {
    data,
    writes,
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

const header: ImageInfo = { name: 'h.png', format: 'png', bytes: 9, width: 1920, height: 100, revision: 'r1' };
const headerUrl = 'data:image/png;base64,AAAA';

describe('SkinStore', () => {
  it('starts a blog with an empty skin that is on', async () => {
    const skin = await new SkinStore(memoryStorage()).load('alice');
    expect(skin).toMatchObject({ enabled: true, colors: {}, images: {} });
  });

  it('keeps each blog apart', async () => {
    const storage = memoryStorage();
    const store = new SkinStore(storage);
    await store.setColor('alice', 'title', '#112233');
    expect((await store.load('alice')).colors.title).toBe('#112233');
    expect((await store.load('bob')).colors).toEqual({});
  });

  it('writes an image and the record that points at it in one write', async () => {
    const storage = memoryStorage();
    await new SkinStore(storage).setImage('alice', 'header', header, headerUrl);
    expect(storage.writes).toHaveLength(1);
    expect(Object.keys(storage.writes[0]!).sort()).toEqual([imageKey('alice', 'header'), skinKey('alice')].sort());
  });

  it('never writes image bytes for a color change', async () => {
    const storage = memoryStorage();
    const store = new SkinStore(storage);
    await store.setImage('alice', 'header', header, headerUrl);
    await store.setColor('alice', 'hover', '#AFAFAF');
    expect(Object.keys(storage.writes[1]!)).toEqual([skinKey('alice')]);
    expect((await store.load('alice')).images.header).toEqual(header);
  });

  it('removes an image and its bytes', async () => {
    const storage = memoryStorage();
    const store = new SkinStore(storage);
    await store.setImage('alice', 'header', header, headerUrl);
    await store.removeImage('alice', 'header');
    expect((await store.load('alice')).images).toEqual({});
    expect(storage.data.has(imageKey('alice', 'header'))).toBe(false);
  });

  it('does not lose one of two quick edits made without waiting', async () => {
    const store = new SkinStore(memoryStorage());
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
    const store = new SkinStore(memoryStorage());
    await store.setColor('alice', 'title', '#111111');
    await store.setColor('alice', 'title', null);
    expect((await store.load('alice')).colors).toEqual({});
  });

  it('leaves the stored skin as it was when a write fails', async () => {
    const storage = memoryStorage();
    const store = new SkinStore(storage);
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
    const tabA = new SkinStore(storage, lock);
    const tabB = new SkinStore(storage, lock);
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
    expect(storage.data.get(imageKey('alice', 'header'))).toBe(headerUrl);
  });

  it('without the lock, the same race loses an edit (what the lock is for)', async () => {
    const storage = memoryStorage();
    const tabA = new SkinStore(storage);
    const tabB = new SkinStore(storage);
    await Promise.all([tabA.setColor('alice', 'title', '#111111'), tabB.setColor('alice', 'hover', '#222222')]);
    expect(Object.keys((await tabA.load('alice')).colors)).toHaveLength(1);
  });
});
