import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

/** The one manifest, with the version taken from package.json so the two never disagree. */
const chromeManifest = { ...manifest, version: pkg.version } as ManifestV3Export;

/** Firefox's add-on id: fixed, so storage and granted permissions survive updates. */
const geckoId = 'blog-skin-previewer@blog-skin-previewer';

/**
 * The same manifest for Firefox. 140 is the oldest ESR that reads `data_collection_permissions`
 * (which addons.mozilla.org requires of new add-ons) and that grants MV3 host permissions at install.
 */
const firefoxManifest = {
  ...manifest,
  version: pkg.version,
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

/** `vite build` writes dist/chrome; `vite build --mode firefox` writes dist/firefox from the same sources. */
export default defineConfig(({ mode }) => {
  const firefox = mode === 'firefox';
  return {
    plugins: [
      preact(),
      firefox ? crx({ manifest: firefoxManifest, browser: 'firefox' }) : crx({ manifest: chromeManifest }),
    ],
    build: {
      outDir: firefox ? 'dist/firefox' : 'dist/chrome',
      emptyOutDir: true,
      target: firefox ? 'firefox140' : 'chrome120',
    },
  };
});
