/**
 * The background script (a service worker in Chrome, an event page in Firefox). Its job: put a
 * blog's stored images into the blog's pages when their content script asks (inserted-sheets.ts),
 * or hand their bytes to a page that draws them on canvas, and keep every blog whose skin shows
 * something registered for its first paint, at each spelling of its address seen.
 */
import { nativeBrowser as browser } from '../src/ext';
import { isImageRequest, isSheetRequest, type SheetReply } from '../src/messages';
import { followRecordsForFirstPaint, keepFirstPaint, rebuildFirstPaint } from '../src/first-paint-registration';
import { blogKeyFromUrl, blogSpellingInUrl } from '../src/sites/csdn';
import { readStoredImage } from '../src/stored-images';
import { InsertedSheets } from './inserted-sheets';

const storage = browser.storage.local;
const sheets = new InsertedSheets(storage, (blog, slot, revision) => readStoredImage(storage, blog, slot, revision), browser.scripting);
const nothing: SheetReply = { inserted: {} };

browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only a blog page's own content script may ask, and only for its own blog.
  const blog = sender.url ? blogKeyFromUrl(sender.url) : null;
  const tabId = sender.tab?.id;
  const fromItsBlog = sender.id === browser.runtime.id && blog !== null && (message as { blog?: unknown } | null)?.blog === blog;
  if (isImageRequest(message) && fromItsBlog) {
    sheets.imageFor(blog, message.slot, message.revision).then(sendResponse, () => sendResponse(null));
    return true;
  }
  if (!isSheetRequest(message) || !fromItsBlog || tabId === undefined) {
    sendResponse(nothing);
    return true;
  }
  const target = { tabId, frameId: sender.frameId ?? 0, page: message.page, documentId: sender.documentId };
  sheets.handle(blog, target, message).then(sendResponse, () => sendResponse(nothing));
  // A page whose address spells the blog's name in capitals not registered yet (match patterns
  // compare paths by case): its next loads get the first-paint sheets too.
  const spelling = blogSpellingInUrl(sender.url!);
  if (spelling && spelling !== blog && Object.keys(message.insert).length > 0) keepFirstPaint(blog, [spelling]).catch(() => undefined);
  return true;
});

browser.tabs.onRemoved.addListener((tabId) => sheets.forgetTab(tabId));

// A blog's next loads wear its skin as it is now from their first frame.
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local') followRecordsForFirstPaint(changes);
});

// An update may drop the registrations (Firefox does) or leave them naming older files.
browser.runtime.onInstalled.addListener(() => void rebuildFirstPaint().catch(() => undefined));
