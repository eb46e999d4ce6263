import type { Browser } from 'webextension-polyfill';

/**
 * The browser's own promise-based API: Firefox's `browser`, Chrome's `chrome` under Manifest V3.
 * The content script runs on every blog page, so it uses this instead of carrying the polyfill;
 * it calls only APIs whose native forms already match the polyfill's.
 */
export const nativeBrowser = ((globalThis as { browser?: unknown }).browser ??
  (globalThis as { chrome?: unknown }).chrome) as Browser;
