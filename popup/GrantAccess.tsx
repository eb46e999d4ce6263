import browser from 'webextension-polyfill';
import { blogHostPatterns } from '../src/sites/csdn';
import { t } from './i18n';

/**
 * Host access to blog pages can be withheld (Firefox leaves it to the user; Chrome lets a user
 * restrict site access). Without it the editor cannot see the blog, so it asks, on a click as the
 * browsers require, and starts again once granted.
 */
export function GrantAccess() {
  async function grant() {
    if (await browser.permissions.request({ origins: blogHostPatterns })) location.reload();
  }
  return (
    <>
      <p class="notice">{t('noAccess')}</p>
      <button type="button" onClick={() => void grant()}>
        {t('grantAccess')}
      </button>
    </>
  );
}
