import { describe, expect, it } from 'vitest';
import { emptySkin, isImageDataUrl, readSkin, SKIN_SCHEMA } from '../../src/skin';

const info = { name: 'a.png', format: 'png', bytes: 10, width: 1920, height: 100, revision: 'r1' };

describe('readSkin', () => {
  it('reads back what was stored', () => {
    const skin = { schema: SKIN_SCHEMA, enabled: false, colors: { title: '#AFAFAF' }, images: { header: info } };
    expect(readSkin(JSON.parse(JSON.stringify(skin)))).toEqual(skin);
  });

  it('drops values that do not look right instead of painting them', () => {
    const skin = readSkin({
      schema: SKIN_SCHEMA,
      colors: { title: 'red;}body{x', hover: '#afafaf', subtitle: '#123456' },
      images: {
        header: { ...info, width: '1920' },
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

  it('knows nothing of records of another schema or of no record', () => {
    expect(readSkin({ ...emptySkin(), schema: 999 })).toBeNull();
    expect(readSkin(undefined)).toBeNull();
    expect(readSkin('skin')).toBeNull();
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
  it('reads a schema 1 record exactly as version 0.1 wrote it', async () => {
    // A frozen copy of what storage holds: a later schema must keep reading it (or upgrade it here).
    const { default: stored } = await import('../fixtures/storage/skin-v1.json', { with: { type: 'json' } });
    const skin = readSkin(stored['skin:baxiaoshi2020']);
    expect(skin).toMatchObject({
      schema: 1,
      enabled: true,
      colors: { title: '#C0392B', hover: '#16A085', subtitle: '#8E44AD' },
      images: { header: { width: 1920, height: 100, format: 'jpeg' }, column: { width: 300, height: 38 } },
    });
  });
});
