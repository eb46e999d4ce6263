/**
 * The stored images' own store (src/stored-images.ts), in a real browser's IndexedDB: kept per
 * blog, slot and revision, checked when read, let go but for the one named, and read from where
 * older versions kept them (`storage.local`) until the slot is saved again.
 */
import { describe, expect, test } from 'vitest';
import { imageKey } from '../../src/skin';
import { forgetStoredImages, keepStoredImage, readStoredImage } from '../../src/stored-images';

const png = 'data:image/png;base64,iVBORw0KGgo=';
const jpeg = 'data:image/jpeg;base64,/9j/4AAQ';

function memoryStorage(values: Record<string, unknown> = {}) {
  return {
    values,
    async get(keys: string | string[]) {
      return Object.fromEntries([keys].flat().filter((key) => key in values).map((key) => [key, values[key]]));
    },
    async remove(keys: string | string[]) {
      for (const key of [keys].flat()) delete values[key];
    },
  };
}

describe('stored images', () => {
  test('are read back by blog, slot and revision, and no other', async () => {
    const storage = memoryStorage();
    await keepStoredImage('alice', 'header', 'r1', png);
    await keepStoredImage('alice', 'column', 'r1', jpeg);
    expect(await readStoredImage(storage, 'alice', 'header', 'r1')).toBe(png);
    expect(await readStoredImage(storage, 'alice', 'column', 'r1')).toBe(jpeg);
    expect(await readStoredImage(storage, 'alice', 'header', 'r2')).toBeNull();
    expect(await readStoredImage(storage, 'bob', 'header', 'r1')).toBeNull();
  });

  test('that are not a PNG or JPEG data URL read as nothing', async () => {
    await keepStoredImage('carol', 'header', 'r1', 'data:image/svg+xml;base64,PHN2Zz4=');
    await keepStoredImage('carol', 'column', 'r1', 'https://example.com/a.png');
    const storage = memoryStorage();
    expect(await readStoredImage(storage, 'carol', 'header', 'r1')).toBeNull();
    expect(await readStoredImage(storage, 'carol', 'column', 'r1')).toBeNull();
  });

  test('of a slot are let go but the one kept, and an older version’s bytes with them', async () => {
    const storage = memoryStorage({ [imageKey('dave', 'header')]: png });
    await keepStoredImage('dave', 'header', 'r1', png);
    await keepStoredImage('dave', 'header', 'r2', jpeg);
    await keepStoredImage('dave', 'column', 'c1', png);
    await forgetStoredImages(storage, 'dave', 'header', 'r2');
    expect(await readStoredImage(storage, 'dave', 'header', 'r1')).toBeNull();
    expect(await readStoredImage(storage, 'dave', 'header', 'r2')).toBe(jpeg);
    expect(await readStoredImage(storage, 'dave', 'column', 'c1')).toBe(png);
    expect(storage.values).toEqual({});
    await forgetStoredImages(storage, 'dave', 'header');
    expect(await readStoredImage(storage, 'dave', 'header', 'r2')).toBeNull();
  });

  test('written by an older version are read from storage.local, checked the same way', async () => {
    const storage = memoryStorage({ [imageKey('erin', 'header')]: jpeg, [imageKey('erin', 'column')]: 'https://example.com/c.png' });
    expect(await readStoredImage(storage, 'erin', 'header', 'any')).toBe(jpeg);
    expect(await readStoredImage(storage, 'erin', 'column', 'any')).toBeNull();
  });
});
