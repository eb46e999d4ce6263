import type { Scripting } from 'webextension-polyfill';
import type { SheetReply, SheetRequest } from '../src/messages';
import { imageSlots, type ImageSlot } from '../src/rules';
import { gateToken, imageRule } from '../src/skin-css';
import { isRevision, readPageSkin, skinKey, type PageSkin } from '../src/skin';
import type { SkinStorage } from '../src/store';

/** Reads a stored image (src/stored-images.ts `readStoredImage`): a checked data URL, or null. */
export type ReadImage = (blog: string, slot: ImageSlot, revision: string) => Promise<string | null>;

/** One page load in one frame of a tab: where a content script asked from. */
export interface SheetTarget {
  tabId: number;
  frameId: number;
  /** The page load's own name for itself (SheetRequest.page). */
  page: string;
  /** Chrome (and Firefox from 153) name each document, so a sheet never lands on the next page. */
  documentId?: string;
}

/** The part of `scripting` used here; a fake stands in for it in unit tests. */
export type CssInjector = Pick<Scripting.Static, 'insertCSS' | 'removeCSS'>;

/**
 * The sheets go in as the user's, not the page author's: among `!important` declarations a user
 * sheet's outrank every author rule, the page's and the hold sheet's, with no cascade layer. A
 * layered sheet arriving after the page's first layout made Chromium lay the whole page out again
 * (one more full layout per load in the trace, ≈ 2 ms on the fixture); this does not.
 */
const SHEET_ORIGIN = 'USER';

/** A sheet put into a page: its exact text, and the insertion, which may still be under way. */
interface Inserted {
  css: string;
  done: Promise<void>;
}

/**
 * Puts a blog's stored images into a page as stylesheets that the browser inserts
 * (`scripting.insertCSS`), at the request of the page's content script. The bytes go from the
 * extension's store to the page's style engine without being turned into a string of the page's
 * script, which keeps a skinned page's script time to a small record and a message.
 */
export class InsertedSheets {
  /**
   * The sheets inserted per page load, by gate token: `removeCSS` needs the exact text. Lost
   * when the browser stops this worker, or when a tab that moved on to other sites closes; the
   * text is then made again from the token and storage (`textOf`).
   */
  private readonly pages = new Map<string, Map<string, Inserted>>();
  /**
   * Each image's sheet text by blog and gate token, while this worker lives (the browser stops it
   * after 30 s without events): a revision names one image for good, so a page of the same blog
   * loaded soon after needs only the small record read. One revision per slot and blog is kept.
   */
  private readonly made = new Map<string, string>();

  constructor(
    private readonly storage: Pick<SkinStorage, 'get'>,
    private readonly readImage: ReadImage,
    private readonly injector: CssInjector,
  ) {}

  async handle(blog: string, target: SheetTarget, request: SheetRequest): Promise<SheetReply> {
    const sheets = this.sheetsOf(target);
    await Promise.all(request.remove.map((token) => this.remove(blog, target, sheets, token)));
    return this.insert(blog, target, sheets, request.insert);
  }

  /** A closed tab's pages are gone, and their sheets with them. */
  forgetTab(tabId: number): void {
    for (const key of this.pages.keys()) if (key.startsWith(`${tabId}/`)) this.pages.delete(key);
  }

  private async insert(
    blog: string,
    target: SheetTarget,
    sheets: Map<string, Inserted>,
    wanted: Partial<Record<ImageSlot, string>>,
  ): Promise<SheetReply> {
    const slots = imageSlots.filter((slot) => typeof wanted[slot] === 'string');
    if (slots.length === 0) return { inserted: {} };
    const skin = await this.pageSkin(blog);
    const reply: SheetReply = { inserted: {} };
    await Promise.all(
      slots.map(async (slot) => {
        const revision = wanted[slot]!;
        // Another revision is stored: the page hears of it through storage and asks again.
        if (skin?.images[slot]?.revision !== revision) return;
        const css = await this.sheetText(blog, slot, revision);
        if (css !== null && (await this.put(target, sheets, gateToken(slot, revision), css))) reply.inserted[slot] = revision;
      }),
    );
    return reply;
  }

  /** Inserts `css` under `token`, once however often it is asked for; whether it is in. */
  private async put(target: SheetTarget, sheets: Map<string, Inserted>, token: string, css: string): Promise<boolean> {
    let sheet = sheets.get(token);
    if (!sheet) {
      sheet = { css, done: this.injector.insertCSS({ target: injectionTarget(target), css, origin: SHEET_ORIGIN }) };
      sheets.set(token, sheet);
    }
    try {
      await sheet.done;
      return true;
    } catch {
      if (sheets.get(token) === sheet) sheets.delete(token);
      return false;
    }
  }

  /**
   * The bytes of a stored image, for a page that draws it on canvas (its policy refuses the
   * sheets): only the revision its record names now.
   */
  async imageFor(blog: string, slot: ImageSlot, revision: string): Promise<string | null> {
    if ((await this.pageSkin(blog))?.images[slot]?.revision !== revision) return null;
    return this.readImage(blog, slot, revision);
  }

  private async pageSkin(blog: string): Promise<PageSkin | null> {
    return readPageSkin((await this.storage.get(skinKey(blog)))[skinKey(blog)]);
  }

  /** The sheet of a stored image, made once per revision; the caller has checked that the record names it. */
  private async sheetText(blog: string, slot: ImageSlot, revision: string): Promise<string | null> {
    const key = `${blog}/${gateToken(slot, revision)}`;
    const made = this.made.get(key);
    if (made !== undefined) return made;
    const dataUrl = await this.readImage(blog, slot, revision);
    if (dataUrl === null) return null;
    const css = imageRule(slot, revision, dataUrl);
    for (const other of this.made.keys()) if (other.startsWith(`${blog}/${slot}:`)) this.made.delete(other);
    this.made.set(key, css);
    return css;
  }

  private async remove(blog: string, target: SheetTarget, sheets: Map<string, Inserted>, token: string): Promise<void> {
    const sheet = sheets.get(token);
    sheets.delete(token);
    if (sheet) await sheet.done.catch(() => undefined);
    // A worker the browser stopped has forgotten the text: made again, it is the same text.
    const css = sheet?.css ?? (await this.textOf(blog, token));
    if (css) await this.injector.removeCSS({ target: injectionTarget(target), css, origin: SHEET_ORIGIN });
  }

  /** The text of the sheet a gate token names, made again from the token and storage; null if it cannot be. */
  private async textOf(blog: string, token: string): Promise<string | null> {
    const [slot, revision] = token.split(':') as [ImageSlot, string | undefined];
    if (!imageSlots.includes(slot) || !isRevision(revision)) return null;
    if ((await this.pageSkin(blog))?.images[slot]?.revision !== revision) return null;
    return this.sheetText(blog, slot, revision);
  }

  private sheetsOf({ tabId, frameId, page }: SheetTarget): Map<string, Inserted> {
    const frame = `${tabId}/${frameId}/`;
    let sheets = this.pages.get(frame + page);
    if (!sheets) {
      // A new page load in this frame: the one before it, and its sheets, are gone.
      for (const other of this.pages.keys()) if (other.startsWith(frame)) this.pages.delete(other);
      sheets = new Map();
      this.pages.set(frame + page, sheets);
    }
    return sheets;
  }
}

/** The one document a page load is, where the browser names documents; else its frame. */
export function injectionTarget({ tabId, frameId, documentId }: Omit<SheetTarget, 'page'>): Scripting.InjectionTarget {
  return documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [frameId] };
}
