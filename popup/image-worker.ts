import type { ImageReply, ImageRequest, ImageResults } from '../src/image/image-jobs';

/** A request without its id, one job kind at a time. */
type JobRequest = ImageRequest extends infer R ? (R extends ImageRequest ? Omit<R, 'id'> : never) : never;

/** Not started yet (undefined), running, or 'unavailable' once one failed to start or to load. */
let worker: Worker | 'unavailable' | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>();

/**
 * Runs an image job (src/image/image-jobs.ts) in the image worker; on the main thread only where
 * no worker can start. The worker, and the resampler and encoder it carries, load on the first pick.
 */
export function imageJob<R extends JobRequest>(request: R): Promise<ImageResults[R['type']]> {
  worker ??= startWorker();
  if (worker === 'unavailable') {
    // Loaded only where no worker can run, so the editor does not carry the jobs twice.
    return import('../src/image/image-jobs').then(
      ({ handleImageRequest }) => handleImageRequest({ ...request, id: -1 } as unknown as ImageRequest) as Promise<ImageResults[R['type']]>,
    );
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (result: unknown) => void, reject });
    (worker as Worker).postMessage({ ...request, id });
  });
}

function startWorker(): Worker | 'unavailable' {
  try {
    const started = new Worker(new URL('../src/image/image.worker.ts', import.meta.url), { type: 'module' });
    started.onmessage = ({ data }: MessageEvent<ImageReply>) => {
      const pending = waiting.get(data.id);
      waiting.delete(data.id);
      if (!pending) return;
      if ('result' in data) pending.resolve(data.result);
      else pending.reject(new Error(data.error));
    };
    started.onerror = (event) => {
      // A worker that cannot run (a failed load) fails what waits on it; later jobs run inline.
      for (const pending of waiting.values()) pending.reject(new Error(event.message || 'worker failed'));
      waiting.clear();
      worker = 'unavailable';
    };
    return started;
  } catch {
    return 'unavailable';
  }
}
