/**
 * The store packages (`npm run package`): each zip holds the build's files that the extension
 * loads and nothing else, carries package.json's version, and is the same bytes every time.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDir, packageVersion, shippedFiles, targets, writeStorePackages, zipBuild } from '../../scripts/store-zip';
import { firstPaintSheets } from '../../src/first-paint-sheets';

interface Manifest {
  version: string;
  default_locale?: string;
  icons?: Record<string, string>;
  action?: { default_popup?: string; default_icon?: Record<string, string> };
  content_scripts?: Array<{ js?: string[]; css?: string[] }>;
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string } };
}

let outDir: string;
const zips: Record<string, Record<string, Uint8Array>> = {};

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'bsp-packages-'));
  for (const path of writeStorePackages(outDir)) zips[posix.basename(path)] = unzipSync(readFileSync(path));
});

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const manifestOf = (zip: Record<string, Uint8Array>) => JSON.parse(strFromU8(zip['manifest.json']!)) as Manifest;

/** The files a file asks the browser to load, as zip paths (absolute from the root, or relative). */
function referencesOf(path: string, text: string): string[] {
  const patterns = path.endsWith('.html')
    ? [/\b(?:src|href)="([^"]+)"/g]
    : path.endsWith('.css')
      ? [/url\(\s*["']?([^"')]+)["']?\s*\)/g]
      : path.endsWith('.js')
        ? [/\b(?:import|from)\s*\(?\s*["'`]([^"'`]+\.(?:js|css))["'`]/g, /\bnew URL\(\s*["'`]([^"'`]+\.js)["'`]/g, /["'`](\/?content\/[^"'`]+\.(?:iife\.js|css))["'`]/g]
        : [];
  // Vite's preload list for dynamic imports (a lazy chunk's own CSS is loaded from it), root-relative.
  const preloads = path.endsWith('.js')
    ? [...text.matchAll(/__vite__mapDeps=[^[]*\[([^\]]*)\]/g)].flatMap((list) =>
        [...list[1]!.matchAll(/["'`]([^"'`]+)["'`]/g)].map((entry) => `/${entry[1]!}`),
      )
    : [];
  return patterns
    .flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]!))
    .concat(preloads)
    .filter((ref) => !/^(?:data|https?|moz-extension|chrome-extension):/.test(ref))
    // Absolute paths, and the content scripts and sheet the popup registers by path, start at the root.
    .map((ref) => (/^\/|^content\//.test(ref) ? ref.replace(/^\//, '') : posix.join(posix.dirname(path), ref)));
}

/** Everything reachable from the manifest: its scripts, popup and locales, and what they load. */
function reachable(zip: Record<string, Uint8Array>): Set<string> {
  const manifest = manifestOf(zip);
  const roots = [
    'manifest.json',
    ...Object.keys(zip).filter((path) => /^_locales\/[^/]+\/messages\.json$/.test(path)),
    ...(manifest.content_scripts ?? []).flatMap((script) => [...(script.js ?? []), ...(script.css ?? [])]),
    ...(manifest.action?.default_popup ? [manifest.action.default_popup] : []),
    ...Object.values(manifest.icons ?? {}),
    ...Object.values(manifest.action?.default_icon ?? {}),
    ...(manifest.background?.service_worker ? [manifest.background.service_worker] : []),
    ...(manifest.background?.scripts ?? []),
    // Registered for blogs' first paint by name (src/first-paint-registration.ts).
    ...Object.keys(firstPaintSheets()),
  ];
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    expect(zip, `${path} is referenced but not packaged`).toHaveProperty([path]);
    queue.push(...referencesOf(path, strFromU8(zip[path]!)));
  }
  return seen;
}

describe.each(targets)('%s.zip', (target) => {
  it('holds the icon at every size the manifest names, each a PNG of that size', () => {
    const manifest = manifestOf(zip());
    for (const set of [manifest.icons, manifest.action?.default_icon]) {
      expect(Object.keys(set ?? {}).map(Number).sort((a, b) => a - b)).toEqual([16, 32, 48, 128]);
      for (const [size, path] of Object.entries(set!)) {
        expect(zip(), `${path} is packaged`).toHaveProperty([path]);
        const png = Buffer.from(zip()[path]!);
        expect(png.subarray(0, 8).toString('hex'), `${path} is a PNG`).toBe('89504e470d0a1a0a');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)], `${path} is ${size}×${size}`).toEqual([Number(size), Number(size)]);
      }
    }
  });

  const zip = () => zips[`${target}.zip`]!;

  it("holds exactly the build's shipped files, and nothing but what the extension loads", () => {
    const files = Object.keys(zip()).sort();
    expect(files).toEqual(shippedFiles(buildDir(target)));
    expect(files.filter((path) => /(^|\/)\.|\.map$|(^|\/)(test|src|node_modules)\//.test(path))).toEqual([]);
    expect([...reachable(zip())].sort()).toEqual(files);
    expect(files).toEqual(
      expect.arrayContaining(['manifest.json', 'popup/index.html', 'content/main.iife.js', '_locales/zh_CN/messages.json', '_locales/en/messages.json']),
    );
  });

  it("carries package.json's version", () => {
    expect(manifestOf(zip()).version).toBe(packageVersion());
  });

  it('is the same bytes every time it is made', () => {
    expect(Buffer.from(zipBuild(buildDir(target))).equals(readFileSync(join(outDir, `${target}.zip`)))).toBe(true);
  });

  it('dates every entry at one fixed time, not at the time it was made', () => {
    // Two zips made within the same two seconds (a zip's time step) would agree on any clock time.
    const times = entryTimes(readFileSync(join(outDir, `${target}.zip`)));
    expect(times.length).toBeGreaterThan(5);
    expect(new Set(times)).toEqual(new Set(['1980-01-01 00:00:00']));
  });
});

describe('the manifests', () => {
  it('differ only in what Firefox needs', () => {
    const chrome = manifestOf(zips['chrome.zip']!);
    const firefox = manifestOf(zips['firefox.zip']!);
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(firefox.browser_specific_settings?.gecko).toMatchObject({ id: expect.any(String), strict_min_version: expect.any(String) });
    // The same background script: Firefox runs it as an event page instead of a service worker.
    expect(chrome.background).toEqual({ service_worker: expect.any(String), type: 'module' });
    expect(firefox.background).toEqual({ scripts: [chrome.background!.service_worker], type: 'module' });
    const { browser_specific_settings: _gecko, background: _firefoxBackground, ...shared } = firefox;
    const { background: _chromeBackground, ...chromeShared } = chrome;
    expect(shared).toEqual(chromeShared);
  });
});

/** Each entry's modification time as the zip's central directory gives it (MS-DOS date and time). */
function entryTimes(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const times: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`no central directory entry at ${at}`);
    const time = zip.readUInt16LE(at + 12);
    const date = zip.readUInt16LE(at + 14);
    const pad = (n: number) => String(n).padStart(2, '0');
    times.push(
      `${1980 + (date >> 9)}-${pad((date >> 5) & 15)}-${pad(date & 31)} ${pad(time >> 11)}:${pad((time >> 5) & 63)}:${pad((time & 31) * 2)}`,
    );
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return times;
}
