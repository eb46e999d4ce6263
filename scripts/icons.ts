/**
 * The extension's icon, drawn once as SVG in icons/ and rendered by the build to the PNGs the
 * manifest names (`icons/icon-16.png` … `icons/icon-128.png`), so no rendered copy is kept in the
 * repository to drift from the drawing. The renderer is resvg compiled to WebAssembly: it ships
 * inside its npm package, so the build needs nothing installed beyond `npm install`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import type { Plugin } from 'vite';

export const iconSizes = [16, 32, 48, 128] as const;
export type IconSize = (typeof iconSizes)[number];

/** Where a size is written in the build: the path the manifest gives for it. */
export const iconFile = (size: IconSize) => `icons/icon-${size}.png`;

const drawing = (name: string) => fileURLToPath(new URL(`../icons/${name}`, import.meta.url));

/**
 * Which drawing each size is rendered from, and its clear margin. 16 px has its own drawing, with
 * every edge on a pixel. The 128 px icon is what the stores and the install prompt show: it is the
 * drawing at 96 px with 16 px of clear space on each side, as the Chrome Web Store asks.
 */
const renders: Record<IconSize, { svg: string; margin: number }> = {
  16: { svg: drawing('icon-16.svg'), margin: 0 },
  32: { svg: drawing('icon.svg'), margin: 0 },
  48: { svg: drawing('icon.svg'), margin: 0 },
  128: { svg: drawing('icon.svg'), margin: 16 },
};

let ready: Promise<void> | undefined;

/** Loads the renderer once per process (a second `initWasm` would throw). */
function renderer(): Promise<void> {
  ready ??= initWasm(readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm')));
  return ready;
}

/** The icon at `size` px square, as PNG bytes. */
export async function renderIcon(size: IconSize): Promise<Uint8Array> {
  await renderer();
  const { svg, margin } = renders[size];
  const inner = size - 2 * margin;
  // The drawing is placed as an image in a larger square, which leaves the margin clear.
  const source = margin
    ? `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">` +
      `<image x="${margin}" y="${margin}" width="${inner}" height="${inner}" ` +
      `href="data:image/svg+xml;base64,${readFileSync(svg).toString('base64')}"/></svg>`
    : readFileSync(svg, 'utf8');
  const resvg = new Resvg(source, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
  const image = resvg.render();
  try {
    if (image.width !== size || image.height !== size) throw new Error(`${svg} rendered at ${image.width}×${image.height}, not ${size}×${size}`);
    return image.asPng();
  } finally {
    image.free();
    resvg.free();
  }
}

/**
 * Emits every size into the build. It runs at the start of the build, so when crxjs writes the
 * manifest it finds the files the manifest names already in the bundle.
 */
export function iconsPlugin(): Plugin {
  return {
    name: 'icons',
    apply: 'build',
    async buildStart() {
      for (const size of iconSizes) {
        this.addWatchFile(renders[size].svg);
        this.emitFile({ type: 'asset', fileName: iconFile(size), source: await renderIcon(size) });
      }
    },
  };
}
