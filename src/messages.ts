import type { ImageSlot, Slot } from './rules';
import type { LayoutId } from './sites/csdn';

export interface PageDescription {
  blog: string;
  layout: LayoutId | null;
  /** Slots with an element on the page right now. */
  slots: Slot[];
}

/**
 * What a blog page's content script offers the editor. It sits on a global of the extension's
 * isolated world (`PAGE_API_KEY`), where page scripts cannot reach it, and the editor calls it
 * with `scripting.executeScript` (popup/page-calls.ts). So every blog page load is spared a
 * `runtime.onMessage` listener (about 0.15 ms of the 1 ms a load of an unskinned blog may take).
 * Edits flow through storage; a picked image also comes ahead of its write (`preview`).
 */
export interface PageApi {
  describe(): PageDescription;
  /** Shows an image the editor is saving (SkinPainter.preview). */
  preview(slot: ImageSlot, revision: string, dataUrl: string): void;
  /** Takes back the preview of an image whose save failed. */
  dropPreview(slot: ImageSlot, revision: string): void;
}

export const PAGE_API_KEY = '__blogSkinPreviewerPage';

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
