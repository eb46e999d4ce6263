import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
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
    ],
    build: {
      outDir,
      emptyOutDir: true,
      target: firefox ? 'firefox140' : 'chrome120',
    },
  };
});
