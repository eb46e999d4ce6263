import { describe, expect, it } from 'vitest';
import { defaultCrop } from '../../src/image/crop';
import { emptySkin, isImageDataUrl, readPageSkin, readSkin, SKIN_SCHEMA, type ImageInfo } from '../../src/skin';

const info: ImageInfo = {
  source: { id: 'pick-1', name: 'a.jpg', format: 'jpeg', bytes: 300_000, width: 4000, height: 400 },
  crop: { x: 0, y: 96, width: 4000, height: 208 },
  format: 'png',
  bytes: 90_000,
  revision: 'r1',
};
/** The same, as storage hands it back: a copy through JSON, as `storage.local` keeps it. */
const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe('readSkin', () => {
  it('is at schema 2', () => {
    expect(SKIN_SCHEMA).toBe(2);
    expect(emptySkin()).toEqual({ schema: 2, enabled: true, colors: {}, images: {} });
  });

  it('reads back what was stored', () => {
    const skin = {
      schema: SKIN_SCHEMA,
      enabled: false,
      colors: { title: '#AFAFAF' },
      images: { header: info, column: { ...info, format: 'jpeg', revision: 'r2', uncut: true } },
    };
    expect(readSkin(stored(skin))).toEqual(skin);
  });

  it('drops values that do not look right instead of painting them', () => {
    const skin = readSkin({
      schema: SKIN_SCHEMA,
      colors: { title: 'red;}body{x', hover: '#afafaf', subtitle: '#123456' },
      images: {
        header: { ...info, source: { ...info.source, width: '4000' } },
        // A revision is written into a CSS selector: one that could end the selector is dropped.
        background: { ...info, revision: 'r1"] * { color: red } x[y="' },
        column: info,
        bogus: info,
      },
    });
    expect(skin?.colors).toEqual({ subtitle: '#123456' });
    expect(skin?.images).toEqual({ column: info });
    expect(skin?.enabled).toBe(true);
  });

  it.each<[string, (image: ImageInfo) => unknown]>([
    ['no source', ({ source: _source, ...rest }) => rest],
    ['a source with no id', (image) => ({ ...image, source: { ...image.source, id: undefined } })],
    ['a source id that could end a selector', (image) => ({ ...image, source: { ...image.source, id: 'a"]{}' } })],
    ['a source with no name', (image) => ({ ...image, source: { ...image.source, name: 42 } })],
    ['a source in a format no fix reads (SVG)', (image) => ({ ...image, source: { ...image.source, format: 'svg' } })],
    ['a source of no pixels', (image) => ({ ...image, source: { ...image.source, width: 0 } })],
    ['a source of a fractional size', (image) => ({ ...image, source: { ...image.source, height: 400.5 } })],
    ['a source of negative bytes', (image) => ({ ...image, source: { ...image.source, bytes: -1 } })],
    ['no crop', ({ crop: _crop, ...rest }) => rest],
    ['a crop that is no crop', (image) => ({ ...image, crop: { x: 0, y: 0, width: 'all', height: 208 } })],
    ['a stored image in a format CSDN does not take', (image) => ({ ...image, format: 'gif' })],
    ['stored bytes that are no count', (image) => ({ ...image, bytes: 1.5 })],
    ['no revision', ({ revision: _revision, ...rest }) => rest],
  ])('drops an image with %s', (_name, damage) => {
    const skin = readSkin({ schema: SKIN_SCHEMA, colors: {}, images: { header: damage(info), column: info } });
    expect(skin?.images).toEqual({ column: info });
  });

  it('fits a crop that strays off its picture back onto it, in whole pixels', () => {
    const skin = readSkin({
      schema: SKIN_SCHEMA,
      colors: {},
      images: { header: { ...info, crop: { x: -12, y: 300.4, width: 5000, height: 207.6 } } },
    });
    expect(skin?.images.header?.crop).toEqual({ x: 0, y: 192, width: 4000, height: 208 });
    expect(skin?.images.header?.source).toEqual(info.source);
  });

  it('reads `uncut` only as true, and only when it is true', () => {
    const read = (uncut: unknown) => readSkin({ schema: SKIN_SCHEMA, colors: {}, images: { header: { ...info, uncut } } });
    expect(read(true)?.images.header?.uncut).toBe(true);
    for (const value of [false, 'true', 1, null]) {
      const header = read(value)?.images.header;
      expect(header, String(value)).toEqual(info);
      expect(header && 'uncut' in header, String(value)).toBe(false);
    }
  });

  it('keeps no field it does not know', () => {
    const skin = readSkin({
      schema: SKIN_SCHEMA,
      colors: {},
      images: { header: { ...info, extra: 'x', source: { ...info.source, path: 'C:\\\\a.jpg' } } },
    });
    expect(skin?.images.header).toEqual(info);
  });

  it('knows nothing of records of another schema or of no record', () => {
    expect(readSkin({ ...emptySkin(), schema: 999 })).toBeNull();
    expect(readSkin({ ...emptySkin(), schema: 3 })).toBeNull();
    expect(readSkin({ ...emptySkin(), schema: undefined })).toBeNull();
    expect(readSkin(undefined)).toBeNull();
    expect(readSkin('skin')).toBeNull();
    expect(readSkin([])).toBeNull();
  });
});

describe('readPageSkin', () => {
  it('reads only which stored image each slot shows, with the switch and the colors', () => {
    const skin = readPageSkin(
      stored({
        schema: SKIN_SCHEMA,
        enabled: false,
        colors: { title: '#AFAFAF', hover: 'red' },
        images: { header: info, column: { ...info, revision: 'r2', uncut: true } },
      }),
    );
    expect(skin).toEqual({
      schema: SKIN_SCHEMA,
      enabled: false,
      colors: { title: '#AFAFAF' },
      images: { header: { revision: 'r1' }, column: { revision: 'r2' } },
    });
  });

  it('drops an image whose revision could end a selector, or that has none', () => {
    const skin = readPageSkin({
      schema: SKIN_SCHEMA,
      colors: {},
      images: { header: { ...info, revision: 'r1"] * {}' }, background: { format: 'png' }, column: info, bogus: info },
    });
    expect(skin?.images).toEqual({ column: { revision: 'r1' } });
  });

  it('reads a version 1 record too: a page shows the stored image either way', () => {
    const skin = readPageSkin({
      schema: 1,
      enabled: true,
      colors: {},
      images: { header: { name: 'h.jpg', format: 'jpeg', bytes: 10, width: 1920, height: 100, revision: 'v1-rev' } },
    });
    expect(skin).toEqual({ schema: SKIN_SCHEMA, enabled: true, colors: {}, images: { header: { revision: 'v1-rev' } } });
  });

  it('knows nothing of records of another schema or of no record', () => {
    expect(readPageSkin({ ...emptySkin(), schema: 999 })).toBeNull();
    expect(readPageSkin(undefined)).toBeNull();
    expect(readPageSkin('skin')).toBeNull();
  });
});

describe('isImageDataUrl', () => {
  it('takes base64 PNG and JPEG data URLs only', () => {
    expect(isImageDataUrl('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(isImageDataUrl('data:image/jpeg;base64,/9j/4AAQ')).toBe(true);
    expect(isImageDataUrl('data:image/svg+xml;base64,PHN2Zz4=')).toBe(false);
    expect(isImageDataUrl('data:image/png;base64,AAA")} body{x')).toBe(false);
    expect(isImageDataUrl('https://example.com/a.png')).toBe(false);
  });
});

describe('isImageDataUrl against CSS injection', () => {
  it.each(['"', '\\', '\n', '\r', '\f'])('refuses a data URL holding %j, which could end the CSS string', (character) => {
    expect(isImageDataUrl(`data:image/png;base64,AAAA${character}) } body { color: red`)).toBe(false);
  });
});

describe('stored data of earlier versions', () => {
  /** A version 1 image: the picked file itself was stored, and its facts were these. */
  const v1 = (name: string, format: string, width: number, height: number, revision: string) => ({
    name,
    format,
    bytes: 20_480,
    width,
    height,
    revision,
  });

  it('reads a schema 1 record exactly as version 0.1 wrote it, as schema 2', async () => {
    // A frozen copy of what storage holds: a later schema must keep reading it (or upgrade it here).
    const { default: fixture } = await import('../fixtures/storage/skin-v1.json', { with: { type: 'json' } });
    const record = fixture['skin:baxiaoshi2020'];
    const skin = readSkin(record);
    expect(skin).toEqual({
      schema: SKIN_SCHEMA,
      enabled: true,
      colors: { title: '#C0392B', hover: '#16A085', subtitle: '#8E44AD' },
      images: {
        header: {
          // The picked file is the source, named by the revision it was stored under.
          source: { id: record.images.header.revision, name: 'banner.jpg', format: 'jpeg', bytes: 20480, width: 1920, height: 100 },
          crop: { x: 0, y: 0, width: 1920, height: 100 },
          format: 'jpeg',
          bytes: 20480,
          revision: record.images.header.revision,
          uncut: true,
        },
        column: {
          source: { id: record.images.column.revision, name: 'column.png', format: 'png', bytes: 812, width: 300, height: 38 },
          crop: { x: 0, y: 0, width: 300, height: 38 },
          format: 'png',
          bytes: 812,
          revision: record.images.column.revision,
          uncut: true,
        },
      },
    });
  });

  it('gives each version 1 image CSDN’s default crop of its slot, and marks it uncut', () => {
    const skin = readSkin({
      schema: 1,
      enabled: false,
      colors: {},
      images: {
        header: v1('wide.png', 'png', 4000, 400, 'h1'),
        background: v1('tile.jpg', 'jpeg', 640, 480, 'b1'),
        column: v1('col.png', 'png', 301, 39, 'c1'),
      },
    });
    expect(skin?.schema).toBe(SKIN_SCHEMA);
    expect(skin?.enabled).toBe(false);
    expect(skin?.images.header).toMatchObject({ crop: { x: 0, y: 96, width: 4000, height: 208 }, uncut: true });
    expect(skin?.images.background).toMatchObject({ crop: { x: 80, y: 0, width: 480, height: 480 }, uncut: true });
    expect(skin?.images.column?.crop).toEqual(defaultCrop('column', { width: 301, height: 39 }));
    expect(skin?.images.column).toMatchObject({ source: { id: 'c1', width: 301, height: 39 }, revision: 'c1', uncut: true });
  });

  it('drops a version 1 image that does not look right', () => {
    const skin = readSkin({
      schema: 1,
      colors: {},
      images: {
        header: v1('h.gif', 'gif', 1920, 100, 'h1'),
        background: v1('b.png', 'png', 0, 100, 'b1'),
        column: { ...v1('c.png', 'png', 300, 38, 'c1'), revision: 'c1"]{}' },
      },
    });
    expect(skin?.images).toEqual({});
  });

  it('stays the same upgraded record when it is written back and read again', () => {
    const upgraded = readSkin({ schema: 1, colors: {}, images: { header: v1('wide.png', 'png', 4000, 400, 'h1') } });
    expect(upgraded).not.toBeNull();
    expect(readSkin(stored(upgraded))).toEqual(upgraded);
  });
});
