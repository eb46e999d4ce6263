import { imageSlots, type ImageSlot, type Slot } from './rules';
import type { LayoutId } from './sites/csdn';

/** The popup's question to a blog tab. Edits flow through storage (a picked image also comes ahead, see ImagePreview). */
export interface PageQuery {
  type: 'describe-page';
}

export interface PageDescription {
  blog: string;
  layout: LayoutId | null;
  /** Slots with an element on the page right now. */
  slots: Slot[];
}

export const describePageQuery: PageQuery = { type: 'describe-page' };

/**
 * The editor shows a picked image on its blog tab while it saves it (see SkinPainter.preview),
 * and takes the preview back if the save fails.
 */
export type ImagePreview =
  | { type: 'preview-image'; slot: ImageSlot; revision: string; dataUrl: string }
  | { type: 'drop-preview'; slot: ImageSlot; revision: string };

export function isImagePreview(message: unknown): message is ImagePreview {
  const preview = message as ImagePreview | null;
  return (
    (preview?.type === 'preview-image' || preview?.type === 'drop-preview') &&
    imageSlots.includes(preview.slot) &&
    typeof preview.revision === 'string'
  );
}

export function isPageQuery(message: unknown): message is PageQuery {
  return (message as PageQuery | null)?.type === 'describe-page';
}

/**
 * A blog page's content script asks the background to put stored images into its page (as
 * gated sheets, see src/skin-css.ts) and to take out sheets it no longer shows. The blog is the
 * sender's own, read from its address; the bytes never pass through the page's script.
 */
export interface ImageSheetRequest {
  type: 'image-sheets';
  /** Images to insert, by slot: the revision the page's skin record names. */
  insert: Partial<Record<ImageSlot, string>>;
  /** Gate tokens of sheets to take out. */
  remove: string[];
}

/** The images whose sheets are now in the page, by slot and revision. */
export interface ImageSheetReply {
  inserted: Partial<Record<ImageSlot, string>>;
}

export function isImageSheetRequest(message: unknown): message is ImageSheetRequest {
  const request = message as ImageSheetRequest | null;
  return request?.type === 'image-sheets' && typeof request.insert === 'object' && Array.isArray(request.remove);
}
