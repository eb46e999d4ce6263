/// <reference lib="webworker" />
/**
 * The header image's dominant colors (src/palette.ts), off the editor's main thread: decoding a
 * 1920×100 image and clustering its pixels never holds up typing.
 */
import { paletteOfImage } from './palette';
import { answerRequests } from './worker-replies';

export interface PaletteRequest {
  id: number;
  image: Blob;
}

answerRequests(({ image }: PaletteRequest) => paletteOfImage(image));
