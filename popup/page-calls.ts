import browser from 'webextension-polyfill';
import type { HexColor } from '../src/color';
import { PAGE_API_KEY, type PageApi, type PageDescription, type Preview } from '../src/messages';
import type { ColorSlot, ImageSlot } from '../src/rules';
import type { MeasureRequest, PageMeasure } from '../src/behind-text';
import type { HeaderAtWidth, WidthsRequest } from '../src/header-widths';

/**
 * Runs in the blog tab's isolated world (so it must not close over anything): asks the content
 * script, or answers null where none has run (a tab not reloaded since the extension was
 * installed).
 */
function describeHere(key: string): PageDescription | null {
  return ((globalThis as Record<string, unknown>)[key] as PageApi | undefined)?.describe() ?? null;
}

/** What the tab's content script says of its page; null when it cannot answer. */
export async function describeTab(tabId: number): Promise<PageDescription | null> {
  try {
    const [injection] = await browser.scripting.executeScript({ target: { tabId }, func: describeHere, args: [PAGE_API_KEY] });
    return (injection?.result as PageDescription | null | undefined) ?? null;
  } catch {
    return null;
  }
}

/**
 * The title's and subtitle's line boxes and what the page paints under them (popup/page-measure.ts);
 * null when the tab cannot be read (another site by now, or no access).
 */
export async function measureBehindText(tabId: number, request: MeasureRequest): Promise<PageMeasure | null> {
  try {
    // Loaded with its first use, after the editor has rendered: it is not part of the first load.
    const { measureTextsHere } = await import('./page-measure');
    const [injection] = await browser.scripting.executeScript({ target: { tabId }, func: measureTextsHere, args: [request] });
    return (injection?.result as PageMeasure | null | undefined) ?? null;
  } catch {
    return null;
  }
}

/**
 * The header band, the blog's name and the avatar as the page lays them out at each of the
 * request's widths (popup/widths-measure.ts); null when the tab cannot be read.
 */
export async function measureHeaderWidths(tabId: number, request: WidthsRequest): Promise<HeaderAtWidth[] | null> {
  try {
    const { measureWidthsHere } = await import('./widths-measure');
    const [injection] = await browser.scripting.executeScript({ target: { tabId }, func: measureWidthsHere, args: [request] });
    return (injection?.result as HeaderAtWidth[] | null | undefined) ?? null;
  } catch {
    return null;
  }
}

/**
 * Shows an image on the tab while it is saved. The tab listens once the editor has described it
 * (describeTab); one with no content script, and every other tab of the blog, gets the image
 * from storage a moment later anyway. Colors go the same way.
 */
export function previewInTab(tabId: number, blog: string, slot: ImageSlot, revision: string, dataUrl: string): void {
  tell(tabId, { type: 'preview-image', blog, slot, revision, dataUrl });
}

export function dropPreviewInTab(tabId: number, blog: string, slot: ImageSlot, revision: string): void {
  tell(tabId, { type: 'drop-preview', blog, slot, revision });
}

/**
 * Shows a typed color on the tab as its save starts (null shows the slot without one), as the
 * preview named `preview`.
 */
export function previewColorInTab(tabId: number, blog: string, slot: ColorSlot, color: HexColor | null, preview: string): void {
  tell(tabId, { type: 'preview-color', blog, slot, color, preview });
}

export function dropColorPreviewInTab(tabId: number, blog: string, slot: ColorSlot, preview: string): void {
  tell(tabId, { type: 'drop-color-preview', blog, slot, preview });
}

function tell(tabId: number, message: Preview): void {
  browser.tabs.sendMessage(tabId, message).catch(() => undefined);
}
