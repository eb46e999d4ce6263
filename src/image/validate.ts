import {
  canFix,
  checkImage,
  exceedsDecodeLimit,
  imageRules,
  type ImageSlot,
  type MeasuredImage,
  type RuleViolation,
} from '../rules';
import type { SourceFacts, SourceFormat } from '../skin';
import { headerSize, sniffFormat, type PixelSize } from './sniff';

/** A picked file's facts, before it is kept (the pick's id comes with the save). */
export type PickedFacts = Omit<SourceFacts, 'id'>;

export interface AcceptedImage {
  ok: true;
  facts: PickedFacts;
}

export interface RejectedImage {
  ok: false;
  violations: RuleViolation[];
  measured: MeasuredImage;
  /** A fix (一键修复) can make a file CSDN takes from this one. */
  fixable: boolean;
}

/** Enough of the file to find a JPEG's frame header behind large EXIF or ICC segments. */
const SNIFF_BYTES = 256 * 1024;

/**
 * CSDN's checks before its crop box opens, in its order: the format, judged from the file's
 * bytes, and the byte size, judged from `file.size` before anything more is read; then, for a
 * file within both, the pixel size as the browser displays it, against the form's least header.
 * A refused file is decoded only if it is within the byte limit, and read no further than its head.
 */
export async function validateImageFile(
  slot: ImageSlot,
  file: File,
  /** Given the decoded picture of an accepted file, so it need not be decoded again to be cut. */
  keep?: (picture: ImageBitmap) => void,
): Promise<AcceptedImage | RejectedImage> {
  const measured: MeasuredImage = { format: null, bytes: file.size, width: null, height: null };
  if (file.size === 0) return refuse([{ key: 'errEmpty', params: [] }], measured);
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  measured.format = sniffFormat(head);
  const format = measured.format === 'png' || measured.format === 'jpeg' ? measured.format : null;
  if (!format) return refuse(checkImage(slot, measured), measured);

  const claimed =
    headerSize(head, format) ??
    // A frame header past the first bytes (metadata that large is rare): the file is within the
    // limit here, so reading it is bounded.
    (file.size > head.length && file.size <= imageRules[slot].maxBytes
      ? headerSize(new Uint8Array(await file.arrayBuffer()), format)
      : null);
  if (claimed && exceedsDecodeLimit(claimed.width, claimed.height)) {
    return refuse([tooLarge(claimed)], measured, false);
  }
  if (file.size > imageRules[slot].maxBytes) {
    // Too heavy: named with the size its header claims, never decoded. A JPEG's frame header may lie
    // past the head read (large metadata): its size is then unknown, not damaged.
    if (claimed) Object.assign(measured, claimed);
    const unknown = !claimed && format === 'jpeg' && file.size > head.length;
    return refuse(checkImage(slot, measured).filter((violation) => !(unknown && violation.key === 'errDamaged')), measured);
  }

  const picture = await decode(file);
  const displayed = picture && { width: picture.width, height: picture.height };
  // Our header reading could disagree with the decoder on an odd file: never accept more than the limit.
  if (displayed && exceedsDecodeLimit(displayed.width, displayed.height)) {
    picture?.close();
    return refuse([tooLarge(displayed)], measured, false);
  }
  if (displayed) Object.assign(measured, displayed);
  const violations = checkImage(slot, measured);
  if (violations.length > 0 || !picture || !displayed) {
    picture?.close();
    return refuse(violations, measured);
  }
  if (keep) keep(picture);
  else picture.close();
  return { ok: true, facts: { name: file.name, format, bytes: file.size, width: displayed.width, height: displayed.height } };
}

function refuse(violations: RuleViolation[], measured: MeasuredImage, fixable = canFix(measured.format, measured.bytes, violations)): RejectedImage {
  return { ok: false, violations, measured, fixable };
}

function tooLarge(size: PixelSize): RuleViolation {
  return { key: 'errTooLarge', params: [`${size.width}×${size.height}`] };
}

/** Decodes the whole image as it will be displayed (EXIF orientation applied); null if it cannot. */
async function decode(file: Blob): Promise<ImageBitmap | null> {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return null;
  }
}

/** The format a file to be fixed is in, as its bytes say; null where no fix applies. */
export async function sourceFormatOf(file: Blob): Promise<SourceFormat | null> {
  const format = sniffFormat(new Uint8Array(await file.slice(0, 64).arrayBuffer()));
  return format === 'png' || format === 'jpeg' || format === 'gif' || format === 'webp' || format === 'bmp' || format === 'avif'
    ? format
    : null;
}
