/**
 * The background script (a service worker in Chrome, an event page in Firefox). Its job: put a
 * blog's stored images into the blog's pages when their content script asks (inserted-sheets.ts),
 * or hand their bytes to a page that draws them on canvas, and have pages at a newly seen spelling
 * of the blog's address held at first paint too, and every blog whose skin shows something.
 */
import { nativeBrowser as browser } from '../src/ext';
import { isImageRequest, isSheetRequest, type SheetReply } from '../src/messages';
import { followRecordsForHold, keepFirstPaintHold, rebuildFirstPaintHold } from '../src/first-paint-registration';
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
  const spelling = blogSpellingInUrl(sender.url!);
  if (spelling && spelling !== blog && Object.keys(message.insert).length > 0) holdSpelling(blog, spelling);
  return true;
});

/**
 * A page of a blog with images, at an address that spells the blog's name in capitals the hold
 * script's patterns may not have (match patterns compare paths by case): its next loads are held.
 */
function holdSpelling(blog: string, spelling: string): void {
  keepFirstPaintHold(blog, [spelling]).catch(() => undefined);
}

browser.tabs.onRemoved.addListener((tabId) => sheets.forgetTab(tabId));

// A blog whose skin starts or stops showing something is held, or let go, from its next load on.
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local') followRecordsForHold(changes);
});

// An update may drop the hold's registration (Firefox does) or leave it naming an older file.
browser.runtime.onInstalled.addListener(() => void rebuildFirstPaintHold().catch(() => undefined));
