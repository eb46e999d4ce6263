import type { Swatch } from '../src/palette';
import { blobOfDataUrl } from './files';
import { workerCalls } from './worker-calls';

const findPalette = workerCalls<{ image: Blob }, Swatch[]>(
  () => new Worker(new URL('../src/palette.worker.ts', import.meta.url), { type: 'module' }),
  // Loaded only where no worker can run.
  ({ image }) => import('../src/palette').then(({ paletteOfImage }) => paletteOfImage(image)),
);

/**
 * The dominant colors of a stored image (a data URL), found in the palette worker, which starts on
 * the first call; on the main thread only where no worker can start.
 */
export function paletteOfDataUrl(dataUrl: string): Promise<Swatch[]> {
  const image = blobOfDataUrl(dataUrl);
  return image ? findPalette({ image }) : Promise.resolve([]);
}
