/// <reference lib="webworker" />
/**
 * The header image's dominant colors (src/palette.ts), off the editor's main thread: decoding a
 * 1920×100 image and clustering its pixels never holds up typing.
 */
import { paletteOfImage, type Swatch } from './palette';

export interface PaletteRequest {
  id: number;
  image: Blob;
}

export type PaletteReply = { id: number; swatches: Swatch[] } | { id: number; error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async ({ data }: MessageEvent<PaletteRequest>) => {
  let reply: PaletteReply;
  try {
    reply = { id: data.id, swatches: await paletteOfImage(data.image) };
  } catch (cause) {
    reply = { id: data.id, error: cause instanceof Error ? cause.message : String(cause) };
  }
  scope.postMessage(reply);
};
