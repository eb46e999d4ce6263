import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

/** The one manifest, with the version taken from package.json so the two never disagree. */
const chromeManifest = { ...manifest, version: pkg.version } as ManifestV3Export;

export default defineConfig({
  plugins: [preact(), crx({ manifest: chromeManifest })],
  build: {
    outDir: 'dist/chrome',
    emptyOutDir: true,
    target: 'chrome120',
  },
});
