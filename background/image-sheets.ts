import type { Scripting } from 'webextension-polyfill';
import type { ImageSheetReply, ImageSheetRequest } from '../src/messages';
import { imageSlots, type ImageSlot } from '../src/rules';
import { gateToken, imageCss } from '../src/skin-css';
import { imageKey, isImageDataUrl, readSkin, skinKey } from '../src/skin';
import type { SkinStorage } from '../src/store';

/** One document in one frame of a tab: where a content script asked from. */
export interface SheetTarget {
  tabId: number;
  frameId: number;
  /** Chrome and recent Firefox name each document, so a sheet never lands on the next page. */
  documentId?: string;
}

/** The part of `scripting` used here; a fake stands in for it in unit tests. */
export type CssInjector = Pick<Scripting.Static, 'insertCSS' | 'removeCSS'>;

/**
 * Puts a blog's stored images into a page as stylesheets that the browser inserts
 * (`scripting.insertCSS`), at the request of the page's content script. The megabytes go from
 * storage to the page's style engine without being turned into a string of the page's script,
 * which keeps a skinned page's script time to a small record and a message.
 */
export class ImageSheets {
  /**
   * The text of each sheet inserted, per document, by gate token: `removeCSS` needs it exactly.
   * It is lost when the browser stops this worker; a sheet it can then no longer take out stays
   * inert under its gate (see src/skin-css.ts) until the page goes.
   */
  private readonly texts = new Map<string, Map<string, string>>();
  /**
   * Each image's sheet text by blog and gate token, while this worker lives: a revision names one
   * image for good, so a page of the same blog loaded soon after needs only the small record read.
   */
  private readonly made = new Map<string, string>();

  constructor(
    private readonly storage: Pick<SkinStorage, 'get'>,
    private readonly injector: CssInjector,
  ) {}

  async handle(blog: string, target: SheetTarget, request: ImageSheetRequest): Promise<ImageSheetReply> {
    const texts = this.textsOf(target);
    await Promise.all(request.remove.map((token) => this.remove(target, texts, token)));
    return { inserted: await this.insert(blog, target, texts, request.insert) };
  }

  /** A closed tab's documents are gone, and their sheets with them. */
  forgetTab(tabId: number): void {
    for (const key of this.texts.keys()) if (key.startsWith(`${tabId}/`)) this.texts.delete(key);
  }

  private async insert(
    blog: string,
    target: SheetTarget,
    texts: Map<string, string>,
    wanted: Partial<Record<ImageSlot, string>>,
  ): Promise<Partial<Record<ImageSlot, string>>> {
    const slots = imageSlots.filter((slot) => typeof wanted[slot] === 'string');
    if (slots.length === 0) return {};
    const made = (slot: ImageSlot) => this.made.has(`${blog}/${gateToken(slot, wanted[slot]!)}`);
    const unmade = slots.filter((slot) => !made(slot)).map((slot) => imageKey(blog, slot));
    const stored = await this.storage.get([skinKey(blog), ...unmade]);
    const skin = readSkin(stored[skinKey(blog)]);
    const inserted: Partial<Record<ImageSlot, string>> = {};
    await Promise.all(
      slots.map(async (slot) => {
        const revision = wanted[slot]!;
        // Another revision is stored: the page hears of it through storage and asks again.
        if (skin?.images[slot]?.revision !== revision) return;
        const token = gateToken(slot, revision);
        const css = this.sheetText(blog, slot, revision, stored[imageKey(blog, slot)]);
        if (css === null) return;
        if (!texts.has(token)) {
          await this.injector.insertCSS({ target: injectionTarget(target), css });
          texts.set(token, css);
        }
        inserted[slot] = revision;
      }),
    );
    return inserted;
  }

  private sheetText(blog: string, slot: ImageSlot, revision: string, dataUrl: unknown): string | null {
    const key = `${blog}/${gateToken(slot, revision)}`;
    let css = this.made.get(key) ?? null;
    if (css === null && isImageDataUrl(dataUrl)) {
      css = imageCss(slot, revision, dataUrl);
      // Only the latest revision of a slot is worth keeping.
      for (const other of this.made.keys()) if (other.startsWith(`${blog}/${slot}:`)) this.made.delete(other);
      this.made.set(key, css);
    }
    return css;
  }

  private async remove(target: SheetTarget, texts: Map<string, string>, token: string): Promise<void> {
    const css = texts.get(token);
    if (css === undefined) return;
    texts.delete(token);
    await this.injector.removeCSS({ target: injectionTarget(target), css });
  }

  private textsOf({ tabId, frameId, documentId }: SheetTarget): Map<string, string> {
    const frame = `${tabId}/${frameId}/`;
    const key = frame + (documentId ?? '');
    let texts = this.texts.get(key);
    if (!texts) {
      // A new document in this frame: the one before it, and its sheets, are gone.
      for (const other of this.texts.keys()) if (other.startsWith(frame)) this.texts.delete(other);
      texts = new Map();
      this.texts.set(key, texts);
    }
    return texts;
  }
}

function injectionTarget({ tabId, frameId, documentId }: SheetTarget): Scripting.InjectionTarget {
  return documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [frameId] };
}
