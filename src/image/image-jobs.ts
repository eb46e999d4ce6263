import { exceedsDecodeLimit, fixMaxBytes, type ImageSlot, type RuleViolation } from '../rules';
import type { CropRect } from './crop';
import { readAsDataUrl } from './data-url';
import { renderStoredImage, type RenderQuality } from './render';
import { claimedSize, sniffFormat, type PixelSize } from './sniff';
import { validateImageFile, type AcceptedImage, type RejectedImage } from './validate';

/**
 * The image worker's jobs (src/image/image.worker.ts). `open` decodes a picked file once and keeps
 * the picture under `key`; `render` cuts the stored image from it, as often as the frame moves.
 */
export type ImageRequest =
  /** `key`: where an accepted file's decoded picture is kept, ready to be cut (as `open` keeps it). */
  | { id: number; type: 'inspect'; slot: ImageSlot; file: File; key?: string }
  | { id: number; type: 'open'; key: string; file: Blob }
  | { id: number; type: 'render'; key: string; slot: ImageSlot; crop: CropRect; quality: RenderQuality }
  /** The picture of `key` is no longer needed: its memory goes back at once, not when it is the oldest. */
  | { id: number; type: 'close'; key: string };

export type OpenResult = { ok: true; size: PixelSize } | { ok: false; violation: RuleViolation };

export interface RenderResult {
  dataUrl: string;
  type: 'image/png' | 'image/jpeg';
  bytes: number;
}

export interface ImageResults {
  inspect: AcceptedImage | RejectedImage;
  open: OpenResult;
  render: RenderResult;
  close: boolean;
}

/** Decoded pictures by key; one per field is in use, so a few are kept and the oldest goes. */
const pictures = new Map<string, ImageBitmap>();
const KEPT_PICTURES = 3;

export async function handleImageRequest(request: ImageRequest): Promise<ImageResults[keyof ImageResults]> {
  switch (request.type) {
    case 'inspect': {
      const { key } = request;
      return validateImageFile(request.slot, request.file, key ? (picture) => keep(key, picture) : undefined);
    }
    case 'open':
      return open(request.key, request.file);
    case 'close': {
      const picture = pictures.get(request.key);
      picture?.close();
      return pictures.delete(request.key);
    }
    case 'render': {
      const picture = pictures.get(request.key);
      if (!picture) throw new Error('the picture is not open');
      const { blob, type } = await renderStoredImage(picture, request.crop, request.slot, { quality: request.quality });
      return { dataUrl: await readAsDataUrl(blob), type, bytes: blob.size };
    }
  }
}

async function open(key: string, file: Blob): Promise<OpenResult> {
  // What a fix opens is at most fixMaxBytes (checked before): reading it whole is bounded.
  const bytes = new Uint8Array(await file.slice(0, fixMaxBytes).arrayBuffer());
  const format = sniffFormat(bytes);
  const claimed = format && claimedSize(bytes, format);
  // A picture whose size its header does not tell is never decoded: it could be any size.
  if (!claimed) return { ok: false, violation: { key: 'errDamaged', params: [] } };
  if (exceedsDecodeLimit(claimed.width, claimed.height)) return { ok: false, violation: tooLarge(claimed) };
  let picture: ImageBitmap;
  try {
    picture = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return { ok: false, violation: { key: 'errDamaged', params: [] } };
  }
  if (exceedsDecodeLimit(picture.width, picture.height)) {
    picture.close();
    return { ok: false, violation: tooLarge(picture) };
  }
  keep(key, picture);
  return { ok: true, size: { width: picture.width, height: picture.height } };
}

function keep(key: string, picture: ImageBitmap): void {
  pictures.get(key)?.close();
  pictures.delete(key);
  pictures.set(key, picture);
  for (const [oldest, kept] of pictures) {
    if (pictures.size <= KEPT_PICTURES) break;
    kept.close();
    pictures.delete(oldest);
  }
}

function tooLarge(size: PixelSize): RuleViolation {
  return { key: 'errTooLarge', params: [`${size.width}×${size.height}`] };
}
