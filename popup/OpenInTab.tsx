import browser from 'webextension-polyfill';
import { t } from './i18n';
import { findTargetTab } from './target';

/**
 * Firefox closes the toolbar popup as soon as a file picker opens (Mozilla bug 1292701), so
 * there the popup offers the same editor in a tab of its own, bound to the blog tab by `?tab=`.
 * Firefox is told by a feature only it has; the editor already in a tab offers nothing.
 */
function offersTab(): boolean {
  return 'getBrowserInfo' in browser.runtime && !new URLSearchParams(location.search).has('tab');
}

export function OpenInTab() {
  if (!offersTab()) return null;
  return (
    <p class="notice tab-offer">
      <span>{t('tabOffer')}</span>
      <button type="button" onClick={() => void openInTab()}>
        {t('openInTab')}
      </button>
    </p>
  );
}

async function openInTab(): Promise<void> {
  const blogTab = await findTargetTab();
  if (blogTab?.id === undefined) return;
  const editor = new URL(location.href);
  editor.search = `?tab=${blogTab.id}`;
  await browser.tabs.create({ url: editor.href, windowId: blogTab.windowId, index: blogTab.index + 1 });
  window.close();
}
