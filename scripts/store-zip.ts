/**
 * The store packages: each build folder zipped with what the extension loads and nothing else.
 * Used by `npm run package`, by the Firefox tests (which install the same zip) and by their checks.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

export const targets = ['chrome', 'firefox'] as const;
export type Target = (typeof targets)[number];

export const buildDir = (target: Target) => resolve('dist', target);

/** Left out of a package: build metadata (`.vite/`, any dotfile) and source maps. */
const unshipped = (path: string) => path.split('/').some((part) => part.startsWith('.')) || path.endsWith('.map');

/** The build's files to ship, as sorted `/`-separated paths relative to the build folder. */
export function shippedFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => posix.join(...join(entry.parentPath, entry.name).slice(dir.length + 1).split(/[\\/]/)))
    .filter((path) => !unshipped(path))
    .sort();
}

/** A fixed time for every entry, so the same build always makes the same bytes. */
const entryTime = new Date(1980, 0, 1);

export function zipBuild(dir: string): Uint8Array {
  const entries: Zippable = {};
  for (const path of shippedFiles(dir)) entries[path] = readFileSync(join(dir, path));
  return zipSync(entries, { level: 9, mtime: entryTime });
}

/** The version every build must carry, so a stale build is never packaged. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string }).version;
}

/** Writes `<outDir>/chrome.zip` and `<outDir>/firefox.zip` and returns their paths. */
export function writeStorePackages(outDir = resolve('dist')): string[] {
  const version = packageVersion();
  mkdirSync(outDir, { recursive: true });
  return targets.map((target) => {
    const dir = buildDir(target);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { version?: string };
    if (manifest.version !== version) {
      throw new Error(`${dir} is version ${manifest.version}, package.json ${version}: run npm run build`);
    }
    const path = join(outDir, `${target}.zip`);
    writeFileSync(path, zipBuild(dir));
    return path;
  });
}
