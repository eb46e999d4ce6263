import { beforeEach, describe, expect, it } from 'vitest';
import { InsertedSheets, type CssInjector, type SheetTarget } from '../../background/inserted-sheets';
import type { SheetRequest } from '../../src/messages';
import { gateToken, imageRule } from '../../src/skin-css';
import { imageKey, SKIN_SCHEMA, skinKey, type Skin } from '../../src/skin';
import { readStoredImage } from '../../src/stored-images';
import { storedImageInfo as info } from '../support/skin-records';

const blog = 'someblogger';
const png = 'data:image/png;base64,iVBORw0KGgo=';
const jpeg = 'data:image/jpeg;base64,/9j/4AAQ';
const record = (images: Skin['images']): Skin => ({ schema: SKIN_SCHEMA, enabled: true, colors: {}, images });
const tab: SheetTarget = { tabId: 7, frameId: 0, page: 'load-1', documentId: 'doc-1' };

/** A storage and an image store whose reads are counted, and a `scripting` that records what it was asked. */
let values: Record<string, unknown>;
let reads: string[][];
let calls: Array<{ op: 'insert' | 'remove'; target: unknown; css: string }>;
/** The origin each call named: every sheet goes in, and out, as the user's. */
let origins: Array<string | undefined>;
let sheets: InsertedSheets;
/** While set, insertions wait for it; when it rejects, they fail. */
let insertion: Promise<void> | null;

const injector: CssInjector = {
  async insertCSS({ target, css, origin }) {
    calls.push({ op: 'insert', target, css: css! });
    origins.push(origin);
    await insertion;
  },
  async removeCSS({ target, css, origin }) {
    calls.push({ op: 'remove', target, css: css! });
    origins.push(origin);
  },
};

const ask = (insert: SheetRequest['insert'], remove: string[] = [], target = tab) =>
  sheets.handle(blog, target, { type: 'sheets', blog, page: target.page, insert, remove });

beforeEach(() => {
  values = {
    [skinKey(blog)]: record({ header: info('h1'), column: info('c1', 'column', 'jpeg') }),
    [imageKey(blog, 'header')]: png,
    [imageKey(blog, 'column')]: jpeg,
  };
  reads = [];
  calls = [];
  origins = [];
  insertion = null;
  const storage = {
    async get(keys: string | string[]) {
      const list = typeof keys === 'string' ? [keys] : keys;
      reads.push(list);
      return Object.fromEntries(list.filter((key) => key in values).map((key) => [key, values[key]]));
    },
  };
  // The background's own reader; with no IndexedDB here, it reads where older versions kept the bytes.
  sheets = new InsertedSheets(storage, (blog, slot, revision) => readStoredImage(storage, blog, slot, revision), injector);
});

describe('InsertedSheets', () => {
  it('inserts the stored images asked for into the asking document, gated by revision', async () => {
    expect(await ask({ header: 'h1', column: 'c1' })).toEqual({ inserted: { header: 'h1', column: 'c1' } });
    expect(calls).toEqual([
      { op: 'insert', target: { tabId: 7, documentIds: ['doc-1'] }, css: imageRule('header', 'h1', png) },
      { op: 'insert', target: { tabId: 7, documentIds: ['doc-1'] }, css: imageRule('column', 'c1', jpeg) },
    ]);
  });

  it('names the frame when the browser gives no document id', async () => {
    await ask({ header: 'h1' }, [], { tabId: 7, frameId: 3, page: 'load-1' });
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

  it('inserts a sheet once per page load, and again in the next load of the frame', async () => {
    await ask({ header: 'h1' });
    expect(await ask({ header: 'h1' })).toEqual({ inserted: { header: 'h1' } });
    expect(calls).toHaveLength(1);
    await ask({ header: 'h1' }, [], { ...tab, page: 'load-2', documentId: 'doc-2' });
    expect(calls).toHaveLength(2);
  });

  it('tells page loads apart where the browser names no document (Firefox before 153)', async () => {
    const firefox = { tabId: 7, frameId: 0, page: 'load-1' };
    await ask({ header: 'h1' }, [], firefox);
    await ask({ header: 'h1' }, [], { ...firefox, page: 'load-2' });
    expect(calls).toHaveLength(2);
  });

  it('inserts a sheet asked for twice at once only once, and answers both when it is in', async () => {
    let finish = () => {};
    insertion = new Promise<void>((resolve) => (finish = resolve));
    const first = ask({ header: 'h1' });
    const second = ask({ header: 'h1' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    finish();
    expect(await Promise.all([first, second])).toEqual([{ inserted: { header: 'h1' } }, { inserted: { header: 'h1' } }]);
    expect(calls).toHaveLength(1);
  });

  it('does not answer for a sheet the browser failed to insert, and tries again when asked again', async () => {
    insertion = Promise.reject(new Error('No frame with id 0'));
    insertion.catch(() => undefined);
    expect(await ask({ header: 'h1' })).toEqual({ inserted: {} });
    insertion = null;
    expect(await ask({ header: 'h1' })).toEqual({ inserted: { header: 'h1' } });
    expect(calls).toHaveLength(2);
  });

  it('reads the megabytes of an image once while it lives; later pages read only the record', async () => {
    await ask({ header: 'h1' });
    await ask({ header: 'h1' }, [], { tabId: 8, frameId: 0, page: 'load-9', documentId: 'doc-9' });
    expect(reads).toEqual([[skinKey(blog)], [imageKey(blog, 'header')], [skinKey(blog)]]);
  });

  it('takes out a sheet by its exact text, and only sheets it inserted', async () => {
    await ask({ header: 'h1' });
    values[skinKey(blog)] = record({ header: info('h2') });
    values[imageKey(blog, 'header')] = jpeg;
    await ask({ header: 'h2' }, [gateToken('header', 'h1'), gateToken('column', 'never-inserted')]);
    expect(calls.map(({ op, css }) => [op, css])).toEqual([
      ['insert', imageRule('header', 'h1', png)],
      ['remove', imageRule('header', 'h1', png)],
      ['insert', imageRule('header', 'h2', jpeg)],
    ]);
    // A user sheet is taken out only by naming that origin again.
    expect(origins).toEqual(['USER', 'USER', 'USER']);
  });

  it('forgets the sheets of a closed tab and of a page load that was replaced: a removal then makes the text again', async () => {
    const removals = () => calls.filter(({ op }) => op === 'remove').map(({ target }) => target);
    await ask({ header: 'h1' });
    sheets.forgetTab(7);
    await ask({}, [gateToken('header', 'h1')]);
    // The text was made again (from the image's sheet this worker made before), once the record
    // still named it; removing a sheet that is no longer in the page changes nothing.
    expect(reads.at(-1)).toEqual([skinKey(blog)]);
    expect(removals()).toEqual([{ tabId: 7, documentIds: ['doc-1'] }]);

    await ask({ header: 'h1' }, [], { ...tab, page: 'load-2', documentId: 'doc-2' });
    await ask({}, [gateToken('header', 'h1')], tab); // load-1 is gone from this frame
    expect(removals()).toHaveLength(2);
  });
});

describe('InsertedSheets after the browser stopped its worker', () => {
  it('still takes sheets out, their text made again from the token and storage', async () => {
    // A fresh instance knows no sheet of this page: as after the worker was stopped and started.
    await ask({}, [gateToken('header', 'h1'), gateToken('column', 'old'), 'colors:ZZZ', 'nonsense']);
    expect(calls).toEqual([{ op: 'remove', target: { tabId: 7, documentIds: ['doc-1'] }, css: imageRule('header', 'h1', png) }]);
  });
});
