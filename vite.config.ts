import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { firstPaintSheets as firstPaintSheetTexts } from './src/first-paint-sheets.ts';
import { iconsPlugin } from './scripts/icons.ts';
import pkg from './package.json' with { type: 'json' };

/** The one manifest, with the version taken from package.json so the two never disagree. */
const chromeManifest = { ...manifest, version: pkg.version } as ManifestV3Export;

/** Firefox's add-on id: fixed, so storage and granted permissions survive updates. */
const geckoId = 'blog-skin-previewer@blog-skin-previewer';

/**
 * The same manifest for Firefox. 140 is the oldest ESR that reads `data_collection_permissions`
 * (which addons.mozilla.org requires of new add-ons); MV3 host access granted at install came in 127.
 */
const firefoxManifest = {
  ...manifest,
  version: pkg.version,
  // Firefox runs background scripts as an event page, not a service worker.
  background: { scripts: [manifest.background.service_worker], type: manifest.background.type },
  browser_specific_settings: {
    gecko: {
      id: geckoId,
      strict_min_version: '140.0',
      // The skin stays in the extension's own storage; nothing is sent anywhere.
      data_collection_permissions: { required: ['none'] },
    },
    // Firefox for Android reads data_collection_permissions from 142 on.
    gecko_android: { strict_min_version: '142.0' },
  },
} as ManifestV3Export;

/** Writes the sheets that blogs' first-paint registrations name (src/first-paint.ts). */
function firstPaintSheets(): Plugin {
  return {
    name: 'first-paint-sheets',
    apply: 'build',
    generateBundle() {
      for (const [fileName, source] of Object.entries(firstPaintSheetTexts())) this.emitFile({ type: 'asset', fileName, source });
    },
  };
}

/**
 * crxjs exposes every `?script` content script to all web pages (web_accessible_resources) and
 * also emits an ES-module loader for it. Ours (the canvas layers) is injected by the background
 * with `scripting.executeScript`, which needs neither, so both go: pages cannot fetch or
 * fingerprint it, and the package holds only what runs.
 */
function privateInjectedScripts(outDir: string): Plugin {
  return {
    name: 'private-injected-scripts',
    apply: 'build',
    // crxjs writes the manifest late, so this runs once the build is on disk.
    closeBundle() {
      const manifestPath = join(outDir, 'manifest.json');
      const built = JSON.parse(readFileSync(manifestPath, 'utf8')) as { web_accessible_resources?: Array<{ resources: string[] }> };
      const injected = (file: string) => /^content\/.*\.iife\.js$/.test(file);
      const kept = (built.web_accessible_resources ?? [])
        .map((entry) => ({ ...entry, resources: entry.resources.filter((file) => !injected(file)) }))
        .filter((entry) => entry.resources.length > 0);
      if (kept.length > 0) built.web_accessible_resources = kept;
      else delete built.web_accessible_resources;
      writeFileSync(manifestPath, `${JSON.stringify(built, null, 2)}\n`);
      const assets = join(outDir, 'assets');
      for (const file of readdirSync(assets)) if (/\.iife\.ts-[^/]+\.js$/.test(file)) rmSync(join(assets, file));
    },
  };
}

/** `vite build` writes dist/chrome; `vite build --mode firefox` writes dist/firefox from the same sources. */
export default defineConfig(({ mode }) => {
  const firefox = mode === 'firefox';
  const outDir = firefox ? 'dist/firefox' : 'dist/chrome';
  return {
    plugins: [
      preact(),
      firefox ? crx({ manifest: firefoxManifest, browser: 'firefox' }) : crx({ manifest: chromeManifest }),
      firstPaintSheets(),
      iconsPlugin(),
      privateInjectedScripts(outDir),
    ],
    build: {
      outDir,
      emptyOutDir: true,
      target: firefox ? 'firefox140' : 'chrome120',
    },
  };
});
