/**
 * Sizes of the built extension's scripts, as a browser would fetch them (gzip at zlib's default
 * level), and whether Preact is in a bundle. Used by `npm run bench` and by the size-budget test
 * (test/e2e/bundle-size.test.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** 1 KB = 1024 bytes, the unit the project uses everywhere (README: 1 MB = 1024 × 1024 bytes). */
export const KB = 1024;

export const sizeBudgets = {
  /** The content script runs on every blog page. */
  contentGzip: 6 * KB,
  /** The JavaScript the editor's page loads before it can show anything (its first load). */
  popupGzip: 30 * KB,
} as const;

export const contentScriptPath = 'content/main.iife.js';
export const popupPagePath = 'popup/index.html';

export interface FileSize {
  /** Path inside the build folder. */
  file: string;
  bytes: number;
  gzip: number;
}

interface FileGroup {
  files: FileSize[];
  bytes: number;
  gzip: number;
}

export interface BundleReport {
  content: FileSize & { hasPreact: boolean; preactMarkers: string[] };
  /** The editor's first load: its page's scripts and what they import statically. */
  popup: FileGroup & { hasPreact: boolean; code: string };
  /** What the editor loads when first needed (the crop UI, the image worker, the zip), by file. */
  popupLater: FileGroup;
}

/**
 * Strings only Preact's runtime puts in a bundle: its mangled internal fields (`__k` children,
 * `__H` hooks, `__v` vnode, `__P` parent DOM) and the prop names and namespace its DOM diff
 * handles. Two or more of them mean Preact is in; the size test checks this on the popup,
 * which does carry Preact, so the detector is known to work.
 */
const preactMarkers = ['__H', '__k', '__v', '__P', 'dangerouslySetInnerHTML', 'http://www.w3.org/2000/svg'];

export function findPreactMarkers(code: string): string[] {
  return preactMarkers.filter((marker) => code.includes(marker));
}

export const looksLikePreact = (code: string) => findPreactMarkers(code).length >= 2;

function sizeOf(buildDir: string, path: string): FileSize {
  const bytes = readFileSync(path);
  return { file: relative(buildDir, path), bytes: bytes.length, gzip: gzipSync(bytes).length };
}

/**
 * Every JavaScript file the popup page can load, split into its first load (its `<script src>`
 * and `<link rel=modulepreload>`, and what those import statically, transitively) and the rest:
 * every other `.js` file named in those scripts (dynamic imports, workers, Vite's preload lists),
 * followed the same way, so a chunk split off later is still counted somewhere.
 */
export function popupScripts(buildDir: string): { first: string[]; later: string[] } {
  const page = resolve(buildDir, popupPagePath);
  const html = readFileSync(page, 'utf8');
  const entries = [
    ...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
  ]
    .map((match) => resolveUrl(buildDir, dirname(page), match[1]!))
    .filter((path): path is string => path !== null);
  const first = follow(buildDir, entries, STATIC_IMPORT);
  const everything = follow(buildDir, entries, NAMED_SCRIPT);
  if (first.size === 0) throw new Error(`${popupPagePath} loads no script`);
  return { first: [...first].sort(), later: [...everything].filter((path) => !first.has(path)).sort() };
}

/** `import … from "./x.js"` and `import "./x.js"`, not `import("./x.js")`. */
const STATIC_IMPORT = /(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`]([^"'`\s]+\.js)["'`]/g;
/** Any `.js` file a script names. */
const NAMED_SCRIPT = /["'`]([^"'`\s]+\.js)["'`]/g;

function follow(buildDir: string, entries: string[], reference: RegExp): Set<string> {
  const found = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (found.has(path) || !existsSync(path)) continue;
    found.add(path);
    const code = readFileSync(path, 'utf8');
    for (const match of code.matchAll(reference)) {
      const named = resolveUrl(buildDir, dirname(path), match[1]!);
      if (named && existsSync(named)) queue.push(named);
    }
  }
  return found;
}

/** A URL as the extension page would resolve it: `/x` from the extension's root, `x` beside the file. */
function resolveUrl(buildDir: string, fromDir: string, url: string): string | null {
  if (/^[a-z-]+:/i.test(url)) return null; // another origin, or a data: URL
  const path = url.split(/[?#]/)[0]!;
  return path.startsWith('/') ? resolve(buildDir, `.${path}`) : resolve(fromDir, path);
}

export function bundleReport(buildDir: string): BundleReport {
  const contentPath = resolve(buildDir, contentScriptPath);
  const contentCode = readFileSync(contentPath, 'utf8');
  const { first, later } = popupScripts(buildDir);
  const group = (paths: string[]): FileGroup => {
    const files = paths.map((path) => sizeOf(resolve(buildDir), path));
    return { files, bytes: files.reduce((sum, file) => sum + file.bytes, 0), gzip: files.reduce((sum, file) => sum + file.gzip, 0) };
  };
  const code = first.map((path) => readFileSync(path, 'utf8')).join('\n');
  return {
    content: {
      ...sizeOf(resolve(buildDir), contentPath),
      hasPreact: looksLikePreact(contentCode),
      preactMarkers: findPreactMarkers(contentCode),
    },
    popup: { ...group(first), hasPreact: looksLikePreact(code), code },
    popupLater: group(later),
  };
}
