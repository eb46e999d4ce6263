/**
 * Calls into a dedicated worker of ours (see src/worker-replies.ts): each request gets an id and
 * its promise is settled by the reply of that id. The worker starts on the first call; where none
 * can start or load, `inline` does the same work on the main thread.
 */
export function workerCalls<Request extends object, Result>(
  /** Starts the worker; `new Worker(new URL(…, import.meta.url))` must stay at the call site for the build to bundle it. */
  start: () => Worker,
  inline: (request: Request) => Promise<Result>,
): (request: Request) => Promise<Result> {
  /** Not started yet (undefined), running, or 'unavailable' once it failed to start or to load. */
  let worker: Worker | 'unavailable' | undefined;
  let nextId = 0;
  const waiting = new Map<number, { resolve(result: Result): void; reject(error: Error): void }>();

  const begin = (): Worker | 'unavailable' => {
    try {
      const started = start();
      started.onmessage = ({ data }: MessageEvent<WorkerReply<Result>>) => {
        const pending = waiting.get(data.id);
        waiting.delete(data.id);
        if (!pending) return;
        if ('result' in data) pending.resolve(data.result);
        else pending.reject(new Error(data.error));
      };
      started.onerror = (event) => {
        // A worker that cannot run (a failed load) fails what waits on it; later calls run inline.
        for (const pending of waiting.values()) pending.reject(new Error(event.message || 'worker failed'));
        waiting.clear();
        worker = 'unavailable';
      };
      return started;
    } catch {
      return 'unavailable';
    }
  };

  return (request) => {
    worker ??= begin();
    if (worker === 'unavailable') return inline(request);
    const id = nextId++;
    const running = worker;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      running.postMessage({ ...request, id });
    });
  };
}

/** What a worker of ours answers (src/worker-replies.ts). */
export type WorkerReply<Result> = { id: number; result: Result } | { id: number; error: string };
