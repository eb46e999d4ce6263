import { defaultCrop, type CropRect } from '../src/image/crop';
import type { RenderQuality } from '../src/image/render';
import type { PixelSize } from '../src/image/sniff';
import type { ImageSlot, RuleViolation } from '../src/rules';
import type { ImageInfo, SourceFormat } from '../src/skin';
import { imageJob } from './image-worker';
import type { ImageEdit } from './use-skin';

/**
 * The editor's side of CSDN's crop step: a picked file is opened once in the image worker, under
 * its pick's id, and every crop of it is cut there at the slot's stored size.
 */

/** Names a new pick: its id, under which the image worker keeps its decoded picture. */
export const newPickId = () => crypto.randomUUID();

/**
 * A new pick at CSDN's default crop, ready to save; or the rule the file broke while opening it.
 * `opened`: the picture's size when the worker already holds it under `id` (kept by `inspect`).
 * `draft`: shown a quick cut first, so the page does not wait for the full resample.
 */
export async function cutNewPick(
  slot: ImageSlot,
  file: Blob,
  facts: { id: string; name: string; format: SourceFormat; opened?: PixelSize },
  draft?: (output: string) => void,
): Promise<{ ok: true; edit: ImageEdit } | { ok: false; violation: RuleViolation }> {
  const { id, name, format } = facts;
  let size = facts.opened;
  if (!size) {
    const opened = await imageJob({ type: 'open', key: id, file });
    if (!opened.ok) return opened;
    size = opened.size;
  }
  const crop = defaultCrop(slot, size);
  if (draft) void cutImage(id, slot, crop, 'draft').then((cut) => draft(cut.dataUrl), () => undefined);
  const cut = await cutImage(id, slot, crop, 'final');
  const info: ImageInfo = {
    source: { id, name, format, bytes: file.size, width: size.width, height: size.height },
    crop,
    format: cut.format,
    bytes: cut.bytes,
    revision: crypto.randomUUID(),
  };
  return { ok: true, edit: { info, output: cut.dataUrl, source: file } };
}

/** Lets the worker close a pick's decoded picture: it is no longer in a frame. */
export function closePick(id: string): void {
  void imageJob({ type: 'close', key: id }).catch(() => undefined);
}

/** Opens a stored pick's file again (after a reload, or a worker that was stopped). */
export async function reopen(info: ImageInfo, file: Blob): Promise<boolean> {
  const opened = await imageJob({ type: 'open', key: info.source.id, file });
  return opened.ok;
}

/** The stored image of an open pick at another crop. */
export async function cutImage(sourceId: string, slot: ImageSlot, crop: CropRect, quality: RenderQuality) {
  const { dataUrl, type, bytes } = await imageJob({ type: 'render', key: sourceId, slot, crop, quality });
  return { dataUrl, bytes, format: type === 'image/png' ? ('png' as const) : ('jpeg' as const) };
}

/** The record of `info` re-cut at `crop`. */
export function recut(info: ImageInfo, crop: CropRect, cut: Awaited<ReturnType<typeof cutImage>>): ImageEdit {
  return {
    info: { source: info.source, crop, format: cut.format, bytes: cut.bytes, revision: crypto.randomUUID() },
    output: cut.dataUrl,
  };
}
