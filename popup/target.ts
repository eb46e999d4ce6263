import browser, { type Tabs } from 'webextension-polyfill';

/**
 * The tab the popup edits: `?tab=<id>` when opened as a page of its own (a tab, a window, a test),
 * otherwise the active tab of the window the toolbar popup belongs to.
 */
export async function findTargetTab(search = location.search): Promise<Tabs.Tab | undefined> {
  const requested = Number(new URLSearchParams(search).get('tab'));
  if (Number.isInteger(requested) && requested > 0) {
    return browser.tabs.get(requested).catch(() => undefined);
  }
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active;
}
