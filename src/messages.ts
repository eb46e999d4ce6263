import { isHexColor, type HexColor } from './color';
import { colorSlots, imageSlots, type ColorSlot, type ImageSlot, type Slot } from './rules';

export interface PageDescription {
  blog: string;
  /** Slots with an element on the page right now. */
  slots: Slot[];
}

/**
 * What a blog page's content script offers the editor. It sits on a global of the extension's
 * isolated world (`PAGE_API_KEY`), where page scripts cannot reach it, and the editor calls it
 * with `scripting.executeScript` (popup/page-calls.ts). So a blog page that no editor opens on is
 * spared a `runtime.onMessage` listener (about 0.15 ms of the 1 ms its load may take); `describe`
 * starts one, for the editor's `Preview` messages.
 */
export interface PageApi {
  describe(): PageDescription;
}

/**
 * The editor shows a picked image on its blog tab while it saves it (SkinPainter.preview), and
 * takes the preview back if the save fails. A message, not an `executeScript` call: Chrome turns
 * a call's arguments into script source, which for megabytes of data URL is slower to compile
 * than a message is to pass.
 */
export type ImagePreview =
  | { type: 'preview-image'; blog: string; slot: ImageSlot; revision: string; dataUrl: string }
  | { type: 'drop-preview'; blog: string; slot: ImageSlot; revision: string };

/**
 * The editor shows a typed color on its blog tab as it starts saving it (SkinPainter.previewColor):
 * the save waits for a lock, reads and writes the record, and only then does storage tell the
 * page. `color` null is a color being removed; `preview` names this one preview, which
 * `drop-color-preview` takes back when its save fails.
 */
export type ColorPreview =
  | { type: 'preview-color'; blog: string; slot: ColorSlot; color: HexColor | null; preview: string }
  | { type: 'drop-color-preview'; blog: string; slot: ColorSlot; preview: string };

/** What the editor tells the blog tab it edits, ahead of storage. */
export type Preview = ImagePreview | ColorPreview;

/** `blog`: the page's own; a tab that has moved on to another blog ignores what was meant for the last. */
export function isPreviewFor(blog: string, message: unknown): message is Preview {
  const preview = message as Preview | null;
  if (preview?.blog !== blog) return false;
  switch (preview.type) {
    case 'preview-image':
    case 'drop-preview':
      return imageSlots.includes(preview.slot) && typeof preview.revision === 'string';
    case 'preview-color':
      return colorSlots.includes(preview.slot) && (preview.color === null || isHexColor(preview.color)) && typeof preview.preview === 'string';
    case 'drop-color-preview':
      return colorSlots.includes(preview.slot) && typeof preview.preview === 'string';
    default:
      return false;
  }
}

export const PAGE_API_KEY = '__blogSkinPreviewerPage';

/**
 * A blog page's content script asks the background to put stored images into its page (as gated
 * sheets, see src/skin-css.ts), and to take out sheets it no longer shows. The blog is the
 * sender's own, read from its address; the bytes never pass through the page's script.
 */
export interface SheetRequest {
  type: 'sheets';
  /** The blog the page shows, checked against the sender's address. */
  blog: string;
  /** Names this page load, where the browser names no document (Firefox before 153). */
  page: string;
  /** Images to insert, by slot: the revision the page's skin record names. */
  insert: Partial<Record<ImageSlot, string>>;
  /** Gate tokens of sheets to take out. */
  remove: string[];
}

/** The images whose sheets are now in the page, by slot and revision. */
export interface SheetReply {
  inserted: Partial<Record<ImageSlot, string>>;
}

/**
 * A page whose policy refuses the sheets draws its images on canvas (content/canvas-layers.ts), so
 * it asks for the bytes of one: the revision its record names; the reply is the data URL, or null.
 */
export interface ImageRequest {
  type: 'image';
  blog: string;
  slot: ImageSlot;
  revision: string;
}

/**
 * A page whose policy refuses the sheets asks, once, for the canvas layers' code
 * (content/canvas-layers.iife.ts): the background injects it into the page's content-script
 * world, where it leaves the class under `CANVAS_LAYERS_KEY`; the reply is `true` once it is in.
 */
export interface CanvasLayersRequest {
  type: 'canvas-layers';
  blog: string;
}

export const CANVAS_LAYERS_KEY = '__blogSkinPreviewerCanvasLayers';

export function isCanvasLayersRequest(message: unknown): message is CanvasLayersRequest {
  const request = message as CanvasLayersRequest | null;
  return request?.type === 'canvas-layers' && typeof request.blog === 'string';
}

export function isImageRequest(message: unknown): message is ImageRequest {
  const request = message as ImageRequest | null;
  return request?.type === 'image' && typeof request.blog === 'string' && imageSlots.includes(request.slot) && typeof request.revision === 'string';
}

export function isSheetRequest(message: unknown): message is SheetRequest {
  const request = message as SheetRequest | null;
  return (
    request?.type === 'sheets' &&
    typeof request.blog === 'string' &&
    typeof request.page === 'string' &&
    typeof request.insert === 'object' &&
    request.insert !== null &&
    !Array.isArray(request.insert) &&
    Array.isArray(request.remove) &&
    request.remove.every((token) => typeof token === 'string')
  );
}
