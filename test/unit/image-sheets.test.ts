import { beforeEach, describe, expect, it } from 'vitest';
import { ImageSheets, type CssInjector, type SheetTarget } from '../../background/image-sheets';
import type { ImageSheetRequest } from '../../src/messages';
import { gateToken, imageCss } from '../../src/skin-css';
import { imageKey, SKIN_SCHEMA, skinKey, type ImageInfo, type Skin } from '../../src/skin';

const blog = 'someblogger';
const png = 'data:image/png;base64,iVBORw0KGgo=';
const jpeg = 'data:image/jpeg;base64,/9j/4AAQ';
const info = (revision: string): ImageInfo => ({ name: 'a.png', format: 'png', bytes: 10, width: 1920, height: 100, revision });
const record = (images: Skin['images']): Skin => ({ schema: SKIN_SCHEMA, enabled: true, colors: {}, images });
const tab: SheetTarget = { tabId: 7, frameId: 0, documentId: 'doc-1' };

/** A storage whose reads are counted, and a `scripting` that records what it was asked. */
let values: Record<string, unknown>;
let reads: string[][];
let calls: Array<{ op: 'insert' | 'remove'; target: unknown; css: string }>;
let sheets: ImageSheets;

const injector: CssInjector = {
  async insertCSS({ target, css }) {
    calls.push({ op: 'insert', target, css: css! });
  },
  async removeCSS({ target, css }) {
    calls.push({ op: 'remove', target, css: css! });
  },
};

const ask = (insert: ImageSheetRequest['insert'], remove: string[] = [], target = tab) =>
  sheets.handle(blog, target, { type: 'image-sheets', insert, remove });

beforeEach(() => {
  values = {
    [skinKey(blog)]: record({ header: info('h1'), column: info('c1') }),
    [imageKey(blog, 'header')]: png,
    [imageKey(blog, 'column')]: jpeg,
  };
  reads = [];
  calls = [];
  sheets = new ImageSheets(
    {
      async get(keys) {
        const list = typeof keys === 'string' ? [keys] : keys;
        reads.push(list);
        return Object.fromEntries(list.filter((key) => key in values).map((key) => [key, values[key]]));
      },
    },
    injector,
  );
});

describe('ImageSheets', () => {
  it('inserts the stored images asked for into the asking document, gated by revision', async () => {
    expect(await ask({ header: 'h1', column: 'c1' })).toEqual({ inserted: { header: 'h1', column: 'c1' } });
    expect(calls).toEqual([
      { op: 'insert', target: { tabId: 7, documentIds: ['doc-1'] }, css: imageCss('header', 'h1', png) },
      { op: 'insert', target: { tabId: 7, documentIds: ['doc-1'] }, css: imageCss('column', 'c1', jpeg) },
    ]);
  });

  it('names the frame when the browser gives no document id', async () => {
    await ask({ header: 'h1' }, [], { tabId: 7, frameId: 3 });
    expect(calls[0]!.target).toEqual({ tabId: 7, frameIds: [3] });
  });

  it('inserts nothing for a revision that is no longer the stored one', async () => {
    expect(await ask({ header: 'h0' })).toEqual({ inserted: {} });
    expect(calls).toEqual([]);
  });

  it('inserts nothing for stored bytes that are not a PNG or JPEG data URL', async () => {
    values[imageKey(blog, 'header')] = 'data:image/svg+xml;base64,PHN2Zz4=';
    expect(await ask({ header: 'h1' })).toEqual({ inserted: {} });
    expect(calls).toEqual([]);
  });

  it('inserts a sheet once per document, and again in a new document', async () => {
    await ask({ header: 'h1' });
    expect(await ask({ header: 'h1' })).toEqual({ inserted: { header: 'h1' } });
    expect(calls).toHaveLength(1);
    await ask({ header: 'h1' }, [], { ...tab, documentId: 'doc-2' });
    expect(calls).toHaveLength(2);
  });

  it('reads the megabytes of an image once while it lives; later pages read only the record', async () => {
    await ask({ header: 'h1' });
    await ask({ header: 'h1' }, [], { tabId: 8, frameId: 0, documentId: 'doc-9' });
    expect(reads).toEqual([[skinKey(blog), imageKey(blog, 'header')], [skinKey(blog)]]);
  });

  it('takes out a sheet by its exact text, and only sheets it inserted', async () => {
    await ask({ header: 'h1' });
    values[skinKey(blog)] = record({ header: info('h2') });
    values[imageKey(blog, 'header')] = jpeg;
    await ask({ header: 'h2' }, [gateToken('header', 'h1'), gateToken('column', 'never-inserted')]);
    expect(calls.map(({ op, css }) => [op, css])).toEqual([
      ['insert', imageCss('header', 'h1', png)],
      ['remove', imageCss('header', 'h1', png)],
      ['insert', imageCss('header', 'h2', jpeg)],
    ]);
  });

  it('forgets the sheets of a closed tab and of a document that was replaced', async () => {
    await ask({ header: 'h1' });
    sheets.forgetTab(7);
    await ask({}, [gateToken('header', 'h1')]);
    expect(calls.filter(({ op }) => op === 'remove')).toEqual([]);

    await ask({ header: 'h1' }, [], { ...tab, documentId: 'doc-2' });
    await ask({}, [gateToken('header', 'h1')], tab); // doc-1 is gone from this frame
    expect(calls.filter(({ op }) => op === 'remove')).toEqual([]);
  });
});
