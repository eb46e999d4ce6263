/// <reference lib="webworker" />
/**
 * The editor's image work, off its main thread: checking a picked file, decoding it, and cutting
 * the image CSDN will store from it. A large or hostile file never freezes the UI.
 */
import { handleImageRequest, type ImageReply, type ImageRequest } from './image-jobs';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/**
 * One job at a time, in the order asked: a job that awaits (an encode, a read) must not let the
 * next one's long synchronous resample in, or a quick draft asked first would come back last.
 */
let queue = Promise.resolve();

scope.onmessage = ({ data }: MessageEvent<ImageRequest>) => {
  queue = queue.then(async () => {
    let reply: ImageReply;
    try {
      reply = { id: data.id, result: await handleImageRequest(data) };
    } catch (cause) {
      reply = { id: data.id, error: cause instanceof Error ? cause.message : String(cause) };
    }
    scope.postMessage(reply);
  });
};
