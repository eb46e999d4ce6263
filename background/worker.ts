/**
 * The background script (a service worker in Chrome, an event page in Firefox). Its one job: put
 * a blog's stored images into the blog's pages when their content script asks (image-sheets.ts).
 */
import { nativeBrowser as browser } from '../src/ext';
import { isImageSheetRequest, type ImageSheetReply } from '../src/messages';
import { blogKeyFromUrl } from '../src/sites/csdn';
import { ImageSheets } from './image-sheets';

const sheets = new ImageSheets(browser.storage.local, browser.scripting);
const nothing: ImageSheetReply = { inserted: {} };

browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only a blog page's own content script may ask, and only for its own blog.
  const blog = sender.url ? blogKeyFromUrl(sender.url) : null;
  const tabId = sender.tab?.id;
  if (!isImageSheetRequest(message) || sender.id !== browser.runtime.id || !blog || message.blog !== blog || tabId === undefined) {
    sendResponse(nothing);
    return true;
  }
  const target = { tabId, frameId: sender.frameId ?? 0, page: message.page, documentId: sender.documentId };
  sheets.handle(blog, target, message).then(sendResponse, () => sendResponse(nothing));
  return true;
});

browser.tabs.onRemoved.addListener((tabId) => sheets.forgetTab(tabId));
