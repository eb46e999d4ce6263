import browser from 'webextension-polyfill';
import { PAGE_API_KEY, type ImagePreview, type PageApi, type PageDescription } from '../src/messages';
import type { ImageSlot } from '../src/rules';

type Method = keyof PageApi;

/**
 * Runs in the blog tab's isolated world (so it must not close over anything): calls the content
 * script's page API, or answers null where the content script has not run (a tab not reloaded
 * since the extension was installed).
 */
function callPageApi(key: string, method: Method, args: unknown[]): unknown {
  const api = (globalThis as Record<string, unknown>)[key] as Record<Method, (...values: unknown[]) => unknown> | undefined;
  return api ? (api[method](...args) ?? null) : null;
}

async function call(tabId: number, method: Method, args: unknown[]): Promise<unknown> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId },
    func: callPageApi,
    args: [PAGE_API_KEY, method, args],
  });
  return injection?.result ?? null;
}

/** What the tab's content script says of its page; null when it cannot answer. */
export async function describeTab(tabId: number): Promise<PageDescription | null> {
  return ((await call(tabId, 'describe', []).catch(() => null)) as PageDescription | null) ?? null;
}

/**
 * Shows an image on the tab while it is saved. The tab listens once an editor has described it;
 * one that does not (reloaded since) gets the image from storage a moment later anyway.
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
