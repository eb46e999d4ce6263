import {
  checkImage,
  exceedsDecodeLimit,
  imageRules,
  type ImageFormat,
  type ImageSlot,
  type MeasuredImage,
  type RuleViolation,
} from '../rules';
import type { ImageInfo } from '../skin';
import { headerSize, sniffFormat, type PixelSize } from './sniff';

export interface AcceptedImage {
  ok: true;
  info: ImageInfo;
  /** The file's own bytes as a data URL, with the MIME type of what they really are. */
  dataUrl: string;
}

export interface RejectedImage {
  ok: false;
  violations: RuleViolation[];
  measured: MeasuredImage;
}

/** Enough of the file to find a JPEG's frame header behind large EXIF or ICC segments. */
const SNIFF_BYTES = 256 * 1024;

/**
 * Checks a picked file against the slot's rule: format from its bytes, pixel size from
 * decoding it as the browser displays it, and its byte size.
 */
export async function validateImageFile(slot: ImageSlot, file: File): Promise<AcceptedImage | RejectedImage> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const sniffed = sniffFormat(head);
  const measured: MeasuredImage = { format: sniffed, bytes: file.size, width: null, height: null };
  const format = sniffed === 'png' || sniffed === 'jpeg' ? sniffed : null;
  if (!format || !imageRules[slot].formats.includes(format)) {
    return { ok: false, violations: checkImage(slot, measured), measured };
  }

  // A frame header past the first bytes (metadata that large is rare) is still found before
  // decoding: the decoder would read the whole file anyway.
  const claimed =
    headerSize(head, format) ??
    (file.size > head.length ? headerSize(new Uint8Array(await file.arrayBuffer()), format) : null);
  if (claimed && exceedsDecodeLimit(claimed.width, claimed.height)) {
    return { ok: false, violations: [tooLarge(claimed)], measured };
  }

  // Read while it decodes: an accepted file needs both, and neither waits on the other.
  const reading = toDataUrl(file, format);
  reading.catch(() => undefined); // a refused file never awaits it
  const displayed = await decodedSize(file);
  // Our header reading could disagree with the decoder on an odd file: never accept more than the limit.
  if (displayed && exceedsDecodeLimit(displayed.width, displayed.height)) {
    return { ok: false, violations: [tooLarge(displayed)], measured };
  }
  if (displayed) Object.assign(measured, displayed);
  const violations = checkImage(slot, measured);
  if (violations.length > 0 || !displayed) return { ok: false, violations, measured };

  return {
    ok: true,
    info: {
      name: file.name,
      format,
      bytes: file.size,
      width: displayed.width,
      height: displayed.height,
      revision: crypto.randomUUID(),
    },
    dataUrl: await reading,
  };
}

function tooLarge(size: PixelSize): RuleViolation {
  return { key: 'errTooLarge', params: [`${size.width}×${size.height}`] };
}

/** Decodes the whole image as it will be displayed (EXIF orientation applied); null if it cannot. */
async function decodedSize(file: Blob): Promise<{ width: number; height: number } | null> {
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return null;
  }
}

function toDataUrl(file: Blob, format: ImageFormat): Promise<string> {
  const typed = new Blob([file], { type: `image/${format}` });
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(typed);
  });
}
