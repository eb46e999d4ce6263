/** A user who withholds access to blog pages is told so, with the way to grant it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeUrl, launchWithExtension, openBlogPage, type ExtensionSession } from '../support/extension';

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchWithExtension();
});

afterAll(async () => {
  await session?.close();
});

describe('without access to blog.csdn.net', () => {
  it('says so and offers to ask for it, instead of claiming the tab is no blog', async () => {
    const blogPage = await openBlogPage(session, homeUrl);
    const editor = await session.context.newPage();
    await editor.goto(session.popupUrl());
    const tabId = await editor.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]!.id!, blogPage.url());
    // What a user does in chrome://extensions: site access "on click" withholds the blog hosts.
    const settings = await session.context.newPage();
    await settings.goto('chrome://extensions');
    await settings.evaluate(async (id) => {
      const developer = (chrome as unknown as { developerPrivate: { updateExtensionConfiguration(update: object): Promise<void> } }).developerPrivate;
      await developer.updateExtensionConfiguration({ extensionId: id, hostAccess: 'ON_CLICK' });
    }, session.extensionId);
    await settings.close();
    await editor.goto(session.popupUrl(`?tab=${tabId}`));
    await expect.poll(() => editor.getByText('博客皮肤预览还没有访问 blog.csdn.net 的权限').count()).toBe(1);
    await expect.poll(() => editor.getByRole('button', { name: '允许访问 blog.csdn.net' }).count()).toBe(1);
  });
});
