/**
 * Which blogs' pages get first-paint sheets, and which: the registrations, one per blog, kept in
 * step with the stored skins, and the stamp a page reads to tell whether its sheets show the record
 * as it is; against a `scripting` and a storage that record what they are asked.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { firstPaintIsCurrent, firstPaintKey } from '../../src/first-paint';
import { readPageSkin, readSkin, SKIN_SCHEMA, skinKey, type Skin } from '../../src/skin';
import { storedImageInfo } from '../support/skin-records';

interface Registered {
  id: string;
  matches?: string[];
  js?: string[];
  css?: string[];
  runAt?: string;
  persistAcrossSessions?: boolean;
}

let values: Record<string, unknown>;
let registered: Registered[];
let calls: string[];
/** How many times a registration was looked up: every pass of `keepFirstPaint` does it once. */
let lookups: number;

const scripting = {
  async getRegisteredContentScripts({ ids }: { ids: string[] }) {
    lookups++;
    return registered.filter((script) => ids.includes(script.id));
  },
  async registerContentScripts(scripts: Registered[]) {
    calls.push('register');
    registered.push(...scripts);
  },
  async updateContentScripts(scripts: Registered[]) {
    calls.push('update');
    registered = registered.map((old) => ({ ...old, ...scripts.find((script) => script.id === old.id) }));
  },
  async unregisterContentScripts({ ids }: { ids: string[] }) {
    calls.push('unregister');
    registered = registered.filter((script) => !ids.includes(script.id));
  },
};

const storage = {
  async get(keys: string | string[] | null) {
    if (keys === null) return { ...values };
    return Object.fromEntries([keys].flat().map((key) => [key, values[key]]));
  },
  async set(items: Record<string, unknown>) {
    Object.assign(values, items);
  },
  async remove(key: string) {
    delete values[key];
  },
};

let registration: typeof import('../../src/first-paint-registration');

beforeAll(async () => {
  vi.stubGlobal('chrome', { storage: { local: storage }, scripting });
  vi.stubGlobal('navigator', { locks: { request: (_name: string, task: () => Promise<unknown>) => task() } });
  registration = await import('../../src/first-paint-registration');
});

const skin = (images: boolean, enabled = true, colors: Skin['colors'] = { title: '#C0392B' }): Skin => ({
  schema: SKIN_SCHEMA,
  enabled,
  colors,
  images: images ? { header: storedImageInfo('r1', 'header', 'jpeg') } : {},
});

const cssOf = (blog: string) => registered.find((script) => script.id === `first-paint:${blog}`)?.css;

beforeEach(() => {
  values = {};
  registered = [];
  calls = [];
  lookups = 0;
});

describe('keepFirstPaint', () => {
  it('registers, from the extension root, the sheets that spell the skin: each color’s rule and six digits, each image slot’s wait', async () => {
    values[skinKey('alice')] = skin(true, true, { title: '#C0392B', hover: '#0A0B0C' });
    await registration.keepFirstPaint('alice', ['Alice']);
    expect(registered).toEqual([
      {
        id: 'first-paint:alice',
        matches: expect.arrayContaining(['https://blog.csdn.net/alice/*', 'https://blog.csdn.net/Alice/*', 'https://alice.blog.csdn.net/*']),
        css: [
          '/content/first-paint/title.css',
          ...['c', '0', '3', '9', '2', 'b'].map((digit, i) => `/content/first-paint/title-${i}${digit}.css`),
          '/content/first-paint/hover.css',
          ...['0', 'a', '0', 'b', '0', 'c'].map((digit, i) => `/content/first-paint/hover-${i}${digit}.css`),
          '/content/first-paint/wait-header.css',
        ],
        runAt: 'document_start',
        persistAcrossSessions: true,
      },
    ]);
  });

  it('stamps what it registered, and a page started a while later finds its sheets current', async () => {
    values[skinKey('alice')] = skin(true);
    const before = Date.now();
    await registration.keepFirstPaint('alice');
    const stamp = values[firstPaintKey('alice')] as { at: number };
    expect(stamp.at).toBeGreaterThanOrEqual(before);
    const page = readPageSkin(values[skinKey('alice')]);
    expect(firstPaintIsCurrent(stamp, page, stamp.at + 5000)).toBe(true);
    // A page that started as the registration was made may have the sheets before it.
    expect(firstPaintIsCurrent(stamp, page, stamp.at + 10)).toBe(false);
    // A record changed since the registration: its colors are not the sheets'.
    expect(firstPaintIsCurrent(stamp, readPageSkin(skin(true, true, { title: '#000000' })), stamp.at + 5000)).toBe(false);
    // Nor is anything that is not a stamp.
    for (const damaged of [null, 'x', 7, { of: stamp }, { ...stamp, at: 'soon' }]) expect(firstPaintIsCurrent(damaged, page, stamp.at + 5000)).toBe(false);
    // A second call with nothing changed rewrites neither.
    calls = [];
    await registration.keepFirstPaint('alice');
    expect(calls).toEqual([]);
    expect((values[firstPaintKey('alice')] as { at: number }).at).toBe(stamp.at);
  });

  it('follows a changed color with new digits and a new stamp', async () => {
    values[skinKey('alice')] = skin(false);
    await registration.keepFirstPaint('alice');
    values[skinKey('alice')] = skin(false, true, { title: '#C0392C' });
    await registration.keepFirstPaint('alice');
    expect(calls).toEqual(['register', 'update']);
    expect(cssOf('alice')).toContain('/content/first-paint/title-5c.css');
    expect(cssOf('alice')).not.toContain('/content/first-paint/title-5b.css');
    expect(firstPaintIsCurrent(values[firstPaintKey('alice')], readPageSkin(values[skinKey('alice')]), Date.now() + 5000)).toBe(true);
  });

  it('keeps only the latest few spellings of an address, however many a page tries', async () => {
    values[skinKey('alice')] = skin(true);
    const spellings = Array.from({ length: 40 }, (_, i) => 'alice'.replace(/./g, (c, at: number) => ((i >> at) & 1 ? c.toUpperCase() : c)));
    for (const spelling of spellings) await registration.keepFirstPaint('alice', [spelling]);
    const matches = registered[0]!.matches!;
    // The blog's own three patterns and its subdomain, and three for each of the four latest spellings.
    expect(matches).toHaveLength(3 + 1 + 3 * 4);
    expect(matches).toContain(`https://blog.csdn.net/${spellings.at(-1)}/*`);
    expect(matches).not.toContain(`https://blog.csdn.net/${spellings[1]}/*`);
    expect(matches).toEqual(expect.arrayContaining(['https://blog.csdn.net/alice/*', 'https://alice.blog.csdn.net/*']));
    // The stamp names them, so a page at any other spelling knows it has no sheets.
    expect((values[firstPaintKey('alice')] as { spellings?: string[] }).spellings).toEqual(spellings.slice(-4));
  });

  it('registers the blog of a version 1 record with images, as the editor stored it before', async () => {
    values[skinKey('alice')] = {
      schema: 1,
      enabled: true,
      colors: {},
      images: { header: { name: 'h.jpg', format: 'jpeg', bytes: 10, width: 1920, height: 120, revision: 'r1' } },
    };
    await registration.keepFirstPaint('alice');
    expect(cssOf('alice')).toEqual(['/content/first-paint/wait-header.css']);
  });

  it('judges a record by its revisions alone: what a page needs to paint', async () => {
    // The editor drops an image whose source facts are damaged; the page still has its stored bytes.
    const damaged = { ...skin(true, true, {}), images: { header: { ...storedImageInfo('r1'), source: null } } };
    expect(readSkin(damaged)?.images).toEqual({});
    values[skinKey('alice')] = damaged;
    await registration.keepFirstPaint('alice');
    expect(cssOf('alice')).toEqual(['/content/first-paint/wait-header.css']);
    // Without a revision there is nothing to paint (and, here, no color either).
    values[skinKey('bob')] = { ...skin(true, true, {}), images: { header: { ...storedImageInfo('r1'), revision: undefined } } };
    calls = [];
    await registration.keepFirstPaint('bob');
    expect(calls).toEqual([]);
  });

  it('registers nothing for a skin that is off or shows nothing', async () => {
    values[skinKey('bob')] = skin(true, false);
    values[skinKey('carol')] = skin(false, true, {});
    await registration.keepFirstPaint('bob');
    await registration.keepFirstPaint('carol');
    expect(calls).toEqual([]);
    expect(values[firstPaintKey('bob')]).toBeUndefined();
  });

  it('brings a registration of an older version, with a script, in line', async () => {
    values[skinKey('alice')] = skin(true);
    await registration.keepFirstPaint('alice');
    registered[0]!.js = ['/content/hold.iife.js'];
    calls = [];
    await registration.keepFirstPaint('alice');
    expect(calls).toEqual(['update']);
  });

  it('unregisters a blog whose skin is turned off, and stamps since when it has none; the others stay', async () => {
    values[skinKey('alice')] = skin(true);
    values[skinKey('bob')] = skin(true);
    await registration.keepFirstPaint('alice', ['Alice']);
    await registration.keepFirstPaint('bob');
    values[skinKey('alice')] = skin(true, false);
    await registration.keepFirstPaint('alice');
    expect(registered.map((script) => script.id)).toEqual(['first-paint:bob']);
    const stamp = values[firstPaintKey('alice')] as { of: string; at: number };
    expect(stamp.of).toBe('');
    // A page of the blog that started a moment ago may still have the sheets; one started later has none.
    const off = readPageSkin(values[skinKey('alice')]);
    expect(firstPaintIsCurrent(stamp, off, stamp.at + 10)).toBe(false);
    expect(firstPaintIsCurrent(stamp, off, stamp.at + 5000)).toBe(true);
    expect(calls.at(-1)).toBe('unregister');
  });
});

describe('rebuildFirstPaint', () => {
  it('takes out the one hold script of older versions and registers every stored blog with a skin', async () => {
    registered = [{ id: 'first-paint-hold', matches: ['https://blog.csdn.net/alice/*'], js: ['/content/hold.iife.js'] }];
    values[skinKey('alice')] = skin(true);
    values[skinKey('bob')] = skin(false, false);
    values['image:alice:header'] = 'data:image/png;base64,AAAA';
    await registration.rebuildFirstPaint();
    expect(registered.map((script) => script.id)).toEqual(['first-paint:alice']);
  });
});

describe('followRecordsForFirstPaint', () => {
  it('writes a blog’s registration again only when what its sheets spell changed, the latest record last', async () => {
    values[skinKey('alice')] = skin(false);
    registration.followRecordsForFirstPaint({ [skinKey('alice')]: { newValue: skin(false) } });
    // Typed while that pass runs: taken in one more pass, which reads the latest record.
    values[skinKey('alice')] = skin(false, true, { title: '#000001' });
    registration.followRecordsForFirstPaint({ [skinKey('alice')]: { oldValue: skin(false), newValue: values[skinKey('alice')] } });
    values[skinKey('alice')] = skin(false, true, { title: '#000002' });
    registration.followRecordsForFirstPaint({ [skinKey('alice')]: { oldValue: skin(false), newValue: values[skinKey('alice')] } });
    await vi.waitFor(() => expect(cssOf('alice')).toContain('/content/first-paint/title-52.css'));
    expect(calls.length).toBeLessThanOrEqual(2);
    // A change of the image's revision alone changes no sheet: no pass is even made.
    await new Promise((resolve) => setTimeout(resolve, 400)); // the passes above are done
    calls = [];
    const before = lookups;
    const withImage = skin(true, true, { title: '#000002' });
    registration.followRecordsForFirstPaint({ [skinKey('alice')]: { oldValue: withImage, newValue: { ...withImage, images: { header: storedImageInfo('r2', 'header', 'jpeg') } } } });
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the settling delay
    expect(lookups).toBe(before);
    expect(calls).toEqual([]);
  });
});
