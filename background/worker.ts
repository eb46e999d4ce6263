/**
 * The background script (a service worker in Chrome, an event page in Firefox). Its job: put a
 * blog's stored images into the blog's pages when their content script asks (inserted-sheets.ts),
 * or hand a page that draws them on canvas the code and the bytes for it, and keep every blog
 * whose skin shows something registered for its first paint, at each spelling of its address seen.
 */
import { nativeBrowser as browser } from '../src/ext';
import { isCanvasLayersRequest, isImageRequest, isSheetRequest, type SheetReply } from '../src/messages';
import { followRecordsForFirstPaint, keepFirstPaint, rebuildFirstPaint } from '../src/first-paint-registration';
import { blogKeyFromUrl, blogSpellingInUrl } from '../src/sites/csdn';
import { readStoredImage } from '../src/stored-images';
import canvasLayersScript from '../content/canvas-layers.iife.ts?script';
import { injectionTarget, InsertedSheets, type SheetTarget } from './inserted-sheets';

const storage = browser.storage.local;
const sheets = new InsertedSheets(storage, (blog, slot, revision) => readStoredImage(storage, blog, slot, revision), browser.scripting);
const nothing: SheetReply = { inserted: {} };

browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only a blog page's own content script may ask, and only for its own blog.
  const blog = sender.url ? blogKeyFromUrl(sender.url) : null;
  const tabId = sender.tab?.id;
  const fromItsBlog = sender.id === browser.runtime.id && blog !== null && (message as { blog?: unknown } | null)?.blog === blog;
  const frame = tabId === undefined ? null : { tabId, frameId: sender.frameId ?? 0, documentId: sender.documentId };
  const answer = fromItsBlog && frame ? answerPage(blog, frame, sender.url!, message) : null;
  // Whatever is refused or fails gets an answer that puts nothing in (see the requests' types).
  (answer ?? Promise.resolve(nothing)).then(sendResponse, () => sendResponse(nothing));
  return true;
});

/** Answers a request of a page of `blog`, in `frame`, at `url`; null for one it does not know. */
function answerPage(blog: string, frame: Omit<SheetTarget, 'page'>, url: string, message: unknown): Promise<unknown> | null {
  if (isImageRequest(message)) return sheets.imageFor(blog, message.slot, message.revision);
  // Into the content script's own world (the default), not the page's.
  if (isCanvasLayersRequest(message)) return browser.scripting.executeScript({ target: injectionTarget(frame), files: [canvasLayersScript] }).then(() => true);
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
