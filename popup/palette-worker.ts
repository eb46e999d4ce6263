import type { Swatch } from '../src/palette';
import type { PaletteReply } from '../src/palette.worker';
import { blobOfDataUrl } from './files';

/** Not started yet (undefined), running, or 'unavailable' once it failed to start or to load. */
let worker: Worker | 'unavailable' | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve(swatches: Swatch[]): void; reject(error: Error): void }>();

/**
 * The dominant colors of a stored image (a data URL), found in the palette worker, which starts on
 * the first call; on the main thread only where no worker can start.
 */
export function paletteOfDataUrl(dataUrl: string): Promise<Swatch[]> {
  const image = blobOfDataUrl(dataUrl);
  if (!image) return Promise.resolve([]);
  worker ??= startWorker();
  if (worker === 'unavailable') return import('../src/palette').then(({ paletteOfImage }) => paletteOfImage(image));
  const id = nextId++;
  const running = worker;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    running.postMessage({ id, image });
  });
}

function startWorker(): Worker | 'unavailable' {
  try {
    const started = new Worker(new URL('../src/palette.worker.ts', import.meta.url), { type: 'module' });
    started.onmessage = ({ data }: MessageEvent<PaletteReply>) => {
      const pending = waiting.get(data.id);
      waiting.delete(data.id);
      if (!pending) return;
      if ('swatches' in data) pending.resolve(data.swatches);
      else pending.reject(new Error(data.error));
    };
    started.onerror = (event) => {
      for (const pending of waiting.values()) pending.reject(new Error(event.message || 'worker failed'));
      waiting.clear();
      worker = 'unavailable';
    };
    return started;
  } catch {
    return 'unavailable';
  }
}
