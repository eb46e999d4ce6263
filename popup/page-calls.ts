import browser from 'webextension-polyfill';
import { PAGE_API_KEY, type ImagePreview, type PageApi, type PageDescription } from '../src/messages';
import type { ImageSlot } from '../src/rules';

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
 * Shows an image on the tab while it is saved. The tab listens once the editor has described it
 * (describeTab); one with no content script gets the image from storage a moment later anyway.
 */
export function previewInTab(tabId: number, blog: string, slot: ImageSlot, revision: string, dataUrl: string): void {
  tell(tabId, { type: 'preview-image', blog, slot, revision, dataUrl });
}

export function dropPreviewInTab(tabId: number, blog: string, slot: ImageSlot, revision: string): void {
  tell(tabId, { type: 'drop-preview', blog, slot, revision });
}

function tell(tabId: number, message: ImagePreview): void {
  browser.tabs.sendMessage(tabId, message).catch(() => undefined);
}
