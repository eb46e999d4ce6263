/// <reference lib="webworker" />
/**
 * The worker side of popup/worker-calls.ts: answers each request with its id, one at a time and in
 * the order asked, so a job that awaits (an encode, a read) never lets the next one's long
 * synchronous work in ahead of it.
 */
export function answerRequests<Request extends { id: number }, Result>(handle: (request: Request) => Promise<Result>): void {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  let queue = Promise.resolve();
  scope.onmessage = ({ data }: MessageEvent<Request>) => {
    queue = queue.then(async () => {
      try {
        scope.postMessage({ id: data.id, result: await handle(data) });
      } catch (cause) {
        scope.postMessage({ id: data.id, error: cause instanceof Error ? cause.message : String(cause) });
      }
    });
  };
}
