/**
 * Which blogs' pages are held at first paint: the registration of the hold script and sheet, kept
 * in step with the stored skins, against a `scripting` that records what it is asked.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readSkin, SKIN_SCHEMA, skinKey, type Skin } from '../../src/skin';
import { storedImageInfo } from '../support/skin-records';

vi.mock('../../content/hold.iife.ts?script', () => ({ default: 'content/hold.iife.js' }));

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

const scripting = {
  async getRegisteredContentScripts({ ids }: { ids: string[] }) {
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

let keepFirstPaintHold: typeof import('../../src/first-paint-registration').keepFirstPaintHold;

beforeAll(async () => {
  vi.stubGlobal('chrome', { storage: { local: { get: async (key: string) => ({ [key]: values[key] }) } }, scripting });
  vi.stubGlobal('navigator', { locks: { request: (_name: string, task: () => Promise<unknown>) => task() } });
  ({ keepFirstPaintHold } = await import('../../src/first-paint-registration'));
});

const skin = (images: boolean, enabled = true, colors: Skin['colors'] = { title: '#C0392B' }): Skin => ({
  schema: SKIN_SCHEMA,
  enabled,
  colors,
  images: images ? { header: storedImageInfo('r1', 'header', 'jpeg') } : {},
});

beforeEach(() => {
  values = {};
  registered = [];
  calls = [];
});

describe('keepFirstPaintHold', () => {
  it('registers the script and the sheet, from the extension root, for a blog whose skin has images', async () => {
    values[skinKey('alice')] = skin(true);
    await keepFirstPaintHold('alice', ['Alice']);
    expect(registered).toEqual([
      {
        id: 'first-paint-hold',
        matches: expect.arrayContaining(['https://blog.csdn.net/alice/*', 'https://blog.csdn.net/Alice/*', 'https://alice.blog.csdn.net/*']),
        js: ['/content/hold.iife.js'],
        css: ['/content/hold.css'],
        runAt: 'document_start',
        persistAcrossSessions: true,
      },
    ]);
  });

  it('keeps only the latest few spellings of an address, however many a page tries', async () => {
    values[skinKey('alice')] = skin(true);
    values[skinKey('bob')] = skin(true);
    await keepFirstPaintHold('bob', ['BOB']);
    const spellings = Array.from({ length: 40 }, (_, i) => 'alice'.replace(/./g, (c, at: number) => ((i >> at) & 1 ? c.toUpperCase() : c)));
    for (const spelling of spellings) await keepFirstPaintHold('alice', [spelling]);
    const matches = registered[0]!.matches!;
    const alice = matches.filter((pattern) => pattern.toLowerCase().includes('alice'));
    // The blog's own three patterns and its subdomain, and three for each of the four latest spellings.
    expect(alice).toHaveLength(3 + 1 + 3 * 4);
    expect(alice).toContain(`https://blog.csdn.net/${spellings.at(-1)}/*`);
    expect(alice).not.toContain(`https://blog.csdn.net/${spellings[1]}/*`);
    expect(matches).toEqual(expect.arrayContaining(['https://blog.csdn.net/alice/*', 'https://alice.blog.csdn.net/*']));
    // Another blog's spellings are left alone.
    expect(matches).toContain('https://blog.csdn.net/BOB/*');
  });

  it('holds the blog of a version 1 record with images, as the editor stored it before', async () => {
    const v1 = {
      schema: 1,
      enabled: true,
      colors: {},
      images: { header: { name: 'h.jpg', format: 'jpeg', bytes: 10, width: 1920, height: 120, revision: 'r1' } },
    };
    values[skinKey('alice')] = v1;
    await keepFirstPaintHold('alice');
    expect(calls).toEqual(['register']);
    expect(registered[0]!.matches).toContain('https://blog.csdn.net/alice/*');
  });

  it('judges a record by its revisions alone: what a page needs to paint', async () => {
    // The editor drops an image whose source facts are damaged; the page still has its stored bytes.
    const damaged = { ...skin(true), images: { header: { ...storedImageInfo('r1'), source: null } } };
    expect(readSkin(damaged)?.images).toEqual({});
    values[skinKey('alice')] = damaged;
    await keepFirstPaintHold('alice');
    expect(calls).toEqual(['register']);
    // Without a revision there is nothing to paint (and, here, no color either).
    values[skinKey('bob')] = { ...skin(true, true, {}), images: { header: { ...storedImageInfo('r1'), revision: undefined } } };
    calls = [];
    await keepFirstPaintHold('bob');
    expect(calls).toEqual([]);
  });

  it('holds a blog whose skin has colors alone, and none whose skin is off or shows nothing', async () => {
    values[skinKey('alice')] = skin(false);
    await keepFirstPaintHold('alice');
    expect(registered[0]!.matches).toContain('https://blog.csdn.net/alice/*');
    values[skinKey('bob')] = skin(true, false);
    values[skinKey('carol')] = skin(false, true, {});
    calls = [];
    await keepFirstPaintHold('bob');
    await keepFirstPaintHold('carol');
    expect(calls).toEqual([]);
  });

  it('brings a registration of an older version, with the script alone, in line', async () => {
    values[skinKey('alice')] = skin(true);
    await keepFirstPaintHold('alice');
    registered[0]!.css = undefined;
    calls = [];
    await keepFirstPaintHold('alice');
    expect(calls).toEqual(['update']);
    expect(registered[0]!.css).toEqual(['/content/hold.css']);
    calls = [];
    await keepFirstPaintHold('alice');
    expect(calls).toEqual([]); // in line now: left alone
  });

  it('drops a blog whose images and colors are gone, keeps the others, and unregisters with the last', async () => {
    values[skinKey('alice')] = skin(true);
    values[skinKey('bob')] = skin(true);
    await keepFirstPaintHold('alice', ['Alice']);
    await keepFirstPaintHold('bob');
    values[skinKey('alice')] = skin(false, true, {});
    await keepFirstPaintHold('alice');
    expect(registered[0]!.matches!.some((pattern) => /alice/i.test(pattern))).toBe(false);
    expect(registered[0]!.matches).toContain('https://blog.csdn.net/bob/*');
    values[skinKey('bob')] = skin(true, false);
    await keepFirstPaintHold('bob');
    expect(registered).toEqual([]);
    expect(calls.at(-1)).toBe('unregister');
  });
});
