import type { ImageRequest, ImageResults } from '../src/image/image-jobs';
import { workerCalls } from './worker-calls';

/** A request without its id, one job kind at a time. */
type JobRequest = ImageRequest extends infer R ? (R extends ImageRequest ? Omit<R, 'id'> : never) : never;

const call = workerCalls<JobRequest, ImageResults[keyof ImageResults]>(
  () => new Worker(new URL('../src/image/image.worker.ts', import.meta.url), { type: 'module' }),
  // Loaded only where no worker can run, so the editor does not carry the jobs twice.
  (request) => import('../src/image/image-jobs').then(({ handleImageRequest }) => handleImageRequest({ ...request, id: -1 } as ImageRequest)),
);

/**
 * Runs an image job (src/image/image-jobs.ts) in the image worker; on the main thread only where
 * no worker can start. The worker, and the resampler and encoder it carries, load on the first pick.
 */
export function imageJob<R extends JobRequest>(request: R): Promise<ImageResults[R['type']]> {
  return call(request) as Promise<ImageResults[R['type']]>;
}
