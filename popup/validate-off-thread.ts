import type { AcceptedImage, RejectedImage } from '../src/image/validate';
import type { ValidateReply, ValidateRequest } from '../src/image/validate.worker';
import type { ImageSlot } from '../src/rules';

type Result = AcceptedImage | RejectedImage;

/** Not started yet (undefined), running, or 'unavailable' once one failed to start or to load. */
let worker: Worker | 'unavailable' | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve(result: Result): void; reject(error: Error): void }>();

/** The same checks as `validateImageFile`, in a worker; on the main thread only where none can start. */
export function validateOffThread(slot: ImageSlot, file: File): Promise<Result> {
  worker ??= startWorker();
  // Loaded only where no worker can run, so the popup does not carry the checks twice.
  if (worker === 'unavailable') return import('../src/image/validate').then(({ validateImageFile }) => validateImageFile(slot, file));
  const id = nextId++;
  const request: ValidateRequest = { id, slot, file };
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    (worker as Worker).postMessage(request);
  });
}

function startWorker(): Worker | 'unavailable' {
  try {
    const started = new Worker(new URL('../src/image/validate.worker.ts', import.meta.url), { type: 'module' });
    started.onmessage = ({ data }: MessageEvent<ValidateReply>) => {
      const pending = waiting.get(data.id);
      waiting.delete(data.id);
      if (!pending) return;
      if ('result' in data) pending.resolve(data.result);
      else pending.reject(new Error(data.error));
    };
    started.onerror = (event) => {
      // A worker that cannot run (a failed load) fails what waits on it; later checks run inline.
      for (const pending of waiting.values()) pending.reject(new Error(event.message || 'worker failed'));
      waiting.clear();
      worker = 'unavailable';
    };
    return started;
  } catch {
    return 'unavailable';
  }
}
