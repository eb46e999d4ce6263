/// <reference lib="webworker" />
/**
 * Runs the image checks off the editor's main thread: reading, sniffing and decoding a large or
 * hostile file never freezes the UI.
 */
import type { ImageSlot } from '../rules';
import { validateImageFile } from './validate';

export interface ValidateRequest {
  id: number;
  slot: ImageSlot;
  file: File;
}

export type ValidateReply =
  | { id: number; result: Awaited<ReturnType<typeof validateImageFile>> }
  | { id: number; error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async ({ data: { id, slot, file } }: MessageEvent<ValidateRequest>) => {
  let reply: ValidateReply;
  try {
    reply = { id, result: await validateImageFile(slot, file) };
  } catch (cause) {
    reply = { id, error: cause instanceof Error ? cause.message : String(cause) };
  }
  scope.postMessage(reply);
};
