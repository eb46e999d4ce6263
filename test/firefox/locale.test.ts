/** The Firefox build with an English Firefox: the popup's offer and the editor speak English. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { homeUrl } from '../support/extension';
import { button, field, launchFirefox, waitForText, type FirefoxSession } from './support/firefox';

let session: FirefoxSession;

beforeAll(async () => {
  session = await launchFirefox({ lang: 'en-US' });
});

afterAll(async () => {
  await session?.close();
});

it('offers the editor in a tab in English, and the editor tab has the English labels', async () => {
  const home = await session.openBlogPage(homeUrl);
  const popup = await session.launchPage();
  await home.bringToFront();
  await popup.evaluate(() => location.reload());
  await waitForText(popup, 'Blog: baxiaoshi2020');
  expect(await popup.evaluate(() => document.body.innerText)).toContain('Firefox closes this popup when a file picker opens');
  const homeTab = await session.tabIdOf(home);
  await (await button(popup, 'Open in a tab')).evaluate((b) => b.click());
  const editor = await session.extensionPage(`popup/index.html?tab=${homeTab}`);
  for (const label of ['Header image', 'Background image', 'Column image', 'Title color', 'Hover color', 'Subtitle color']) {
    await field(editor, label);
  }
  expect(await editor.evaluate(() => document.body.innerText)).not.toContain('Open in a tab');
});
