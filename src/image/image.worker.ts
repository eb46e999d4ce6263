/// <reference lib="webworker" />
/**
 * The editor's image work, off its main thread: checking a picked file, decoding it, and cutting
 * the image CSDN will store from it. A large or hostile file never freezes the UI.
 */
import { handleImageRequest, type ImageReply, type ImageRequest } from './image-jobs';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async ({ data }: MessageEvent<ImageRequest>) => {
  let reply: ImageReply;
  try {
    reply = { id: data.id, result: await handleImageRequest(data) };
  } catch (cause) {
    reply = { id: data.id, error: cause instanceof Error ? cause.message : String(cause) };
  }
  scope.postMessage(reply);
};
