/**
 * Content script, run at document_start on blog pages: paints the blog's stored skin before the
 * page first paints, follows storage as the popup edits it, and offers the popup a few calls.
 */
import { nativeBrowser as browser } from '../src/ext';
import { isPreviewFor, PAGE_API_KEY, type ImageRequest, type SheetReply, type SheetRequest, type PageApi } from '../src/messages';
import { blogKeyOf } from '../src/sites/csdn';
import { readPageSkin, showsAnything, skinKey, type PageSkin } from '../src/skin';
import { loadRecord } from '../src/store';
import { describePage } from './describe-page';
import { releaseHold, takeHold } from './take-hold';
import { earlySkin, keepEarlySkin } from './early-skin';
import { EARLY_KEY } from '../src/first-paint';
import { SkinPainter, type AskForImage, type AskForSheets } from './painter';

/** Sheets of images come from the background (background/inserted-sheets.ts), as do the bytes for canvas. */
function sheetsFromBackground(blog: string): AskForSheets {
  const page = crypto.randomUUID();
  return async (ask) => {
    const request: SheetRequest = { type: 'sheets', blog, page, ...ask };
    const reply = (await browser.runtime.sendMessage(request)) as SheetReply | undefined;
    return reply ?? { inserted: {} };
  };
}

const imagesFromBackground =
  (blog: string): AskForImage =>
  (slot, revision) =>
    browser.runtime.sendMessage({ type: 'image', blog, slot, revision } satisfies ImageRequest);

const blog = blogKeyOf(location);
if (blog) start(blog);

function start(blog: string): void {
  const storage = browser.storage.local;
  /** The latest record read or heard of; undefined until the first read answers. */
  let stored: PageSkin | null | undefined;
  let painter: SkinPainter | null = null;
  // Made on first need: most pages of most blogs have nothing to paint.
  const painterOnDemand = () => {
    if (!painter) {
      painter = new SkinPainter(document, sheetsFromBackground(blog), imagesFromBackground(blog));
      moveToCanvasWhenRefused(painter);
    }
    return painter;
  };
  const keep = (skin: PageSkin | null) => keepEarlySkin(blog, skin, Boolean(skin && showsAnything(skin)));
  // A held page whose skin was kept from its last load is painted at document start: now, or when
  // the hold script marks it, whichever of the two content scripts runs second.
  let early: PageSkin | null = null;
  const paintEarly = () => {
    const kept = earlySkin(blog);
    // One that shows nothing (the page may write anything there) leaves the page held for the record.
    if (kept && showsAnything(kept)) void painterOnDemand().showFirst((early = kept), takeHold());
  };
  (globalThis as Record<string, unknown>)[EARLY_KEY] = paintEarly;
  paintEarly();
  // A change that arrives before the first read answers is newer than what that read returns.
  let changedMeanwhile = false;
  void loadRecord(storage, blog)
    .then(readPageSkin)
    .catch(() => null)
    .then((skin) => {
      stored ??= skin;
      const held = takeHold();
      // Most loads painted early find the record as it was kept: nothing to write or repaint.
      if (early && !changedMeanwhile && JSON.stringify(skin) === JSON.stringify(early)) return;
      if (held || early) keep(skin);
      // What storage said since is newer, and already shown.
      if (changedMeanwhile) {
        if (held) releaseHold(document);
      } else if (early) {
        void painter!.show(skin); // the record rules: a kept skin may be stale
      } else if (held || (skin && showsAnything(skin))) {
        void painterOnDemand().showFirst(skin, held);
      }
    });

  browser.storage.onChanged.addListener((changes, area) => {
    const record = area === 'local' ? changes[skinKey(blog)] : undefined;
    if (!record) return; // every edit rewrites the record; image bytes are kept elsewhere
    changedMeanwhile = true;
    stored = readPageSkin(record.newValue);
    keep(stored);
    void painterOnDemand().show(stored);
  });

  // The editor calls in with scripting.executeScript; page scripts cannot see this world's globals.
  let listening = false;
  const api: PageApi = {
    describe() {
      // Only a page an editor has opened on needs to hear it: the listener costs every load.
      if (!listening) {
        listening = true;
        browser.runtime.onMessage.addListener((message: unknown) => {
          if (!isPreviewFor(blog, message)) return;
          const on = stored?.enabled !== false;
          switch (message.type) {
            case 'preview-image':
              if (on) painterOnDemand().preview(message.slot, message.revision, message.dataUrl);
              break;
            case 'drop-preview':
              painter?.dropPreview(message.slot, message.revision);
              break;
            case 'preview-color':
              if (on) painterOnDemand().previewColor(message.slot, message.color, message.preview);
              break;
            case 'drop-color-preview':
              painter?.dropColorPreview(message.slot, message.preview);
          }
        });
      }
      return describePage(document, blog);
    },
  };
  (globalThis as Record<string, unknown>)[PAGE_API_KEY] = api;
}

/** A page whose policy refuses `data:` images refuses our CSS images too: paint them on canvas. */
function moveToCanvasWhenRefused(painter: SkinPainter): void {
  document.addEventListener(
    'securitypolicyviolation',
    (event) => {
      const imageDirective = /^(img|default)-src/.test(event.effectiveDirective);
      // A report-only policy blocks nothing: only an enforced one moves the images to canvas.
      const enforced = event.disposition === 'enforce';
      if (event.isTrusted && enforced && imageDirective && event.blockedURI.startsWith('data')) painter.useCanvas();
    },
    true,
  );
}
