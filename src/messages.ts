import type { ImageSlot, Slot } from './rules';
import type { LayoutId } from './sites/csdn';

/** The one question the popup asks a blog tab. Edits flow through storage. */
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
