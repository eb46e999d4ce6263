/**
 * The background script (a service worker in Chrome, an event page in Firefox). Its job: put a
 * blog's stored images into the blog's pages when their content script asks (inserted-sheets.ts),
 * or hand a page that draws them on canvas the code and the bytes for it, and keep every blog
 * whose skin shows something registered for its first paint, at each spelling of its address seen.
 */
import { nativeBrowser as browser } from '../src/ext';
import { isCanvasLayersRequest, isImageRequest, isSheetRequest, type SheetReply } from '../src/messages';
import { followRecordsForFirstPaint, keepFirstPaint, rebuildFirstPaint } from '../src/first-paint-registration';
import { blogSpellingInUrl } from '../src/sites/csdn';
import { readStoredImage } from '../src/stored-images';
import canvasLayersScript from '../content/canvas-layers.iife.ts?script';
import { injectionTarget, InsertedSheets } from './inserted-sheets';
import { pageSender, type PageSender } from './page-sender';

const storage = browser.storage.local;
const sheets = new InsertedSheets(storage, (blog, slot, revision) => readStoredImage(storage, blog, slot, revision), browser.scripting);
const nothing: SheetReply = { inserted: {} };

browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const page = pageSender(sender, message, browser.runtime.id);
  const answer = page && answerPage(page, message);
  // Whatever is refused or fails gets an answer that puts nothing in (see the requests' types).
  if (answer) answer.then(sendResponse, () => sendResponse(nothing));
  else sendResponse(nothing);
  return true;
});

/** Answers a blog page's request; null for one it does not know. */
function answerPage({ blog, url, frame }: PageSender, message: unknown): Promise<unknown> | null {
  if (isImageRequest(message)) return sheets.imageFor(blog, message.slot, message.revision);
  // Into the content script's own world (the default), not the page's; at once, not when the page is idle.
  if (isCanvasLayersRequest(message)) {
    const injection = { target: injectionTarget(frame), files: [canvasLayersScript], injectImmediately: true };
    return browser.scripting.executeScript(injection).then(() => true);
  }
  if (!isSheetRequest(message)) return null;
  // A page whose address spells the blog's name in capitals not registered yet (match patterns
  // compare paths by case): its next loads get the first-paint sheets too.
  const spelling = blogSpellingInUrl(url);
  if (spelling && spelling !== blog && Object.keys(message.insert).length > 0) keepFirstPaint(blog, [spelling]).catch(() => undefined);
  return sheets.handle(blog, { ...frame, page: message.page }, message);
}

browser.tabs.onRemoved.addListener((tabId) => sheets.forgetTab(tabId));

// A blog's next loads wear its skin as it is now from their first frame.
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local') followRecordsForFirstPaint(changes);
});

// An update may drop the registrations (Firefox does) or leave them naming older files.
browser.runtime.onInstalled.addListener(() => void rebuildFirstPaint().catch(() => undefined));
