/**
 * Content script, run at document_start on blog pages: paints the blog's stored skin before the
 * page first paints, follows storage as the popup edits it, and offers the popup a few calls.
 */
import { nativeBrowser as browser } from '../src/ext';
import {
  CANVAS_LAYERS_KEY,
  isPreviewFor,
  PAGE_API_KEY,
  type CanvasLayersRequest,
  type ImageRequest,
  type SheetReply,
  type SheetRequest,
  type PageApi,
} from '../src/messages';
import { blogKeyOf } from '../src/sites/csdn';
import { readPageSkin, showsAnything, skinKey, type PageSkin } from '../src/skin';
import { firstPaintKey, firstPaintPartsOf } from '../src/first-paint';
import { describePage } from './describe-page';
import { SkinPainter, type AskForImage, type AskForSheets, type LoadCanvasLayers } from './painter';

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

/** The background injects the canvas layers' code into this world, where it leaves the class. */
const canvasLayersFromBackground =
  (blog: string): LoadCanvasLayers =>
  async () => {
    const injected = await browser.runtime.sendMessage({ type: 'canvas-layers', blog } satisfies CanvasLayersRequest);
    const Layers = (globalThis as Record<string, unknown>)[CANVAS_LAYERS_KEY];
    if (injected !== true || typeof Layers !== 'function') throw new Error('no canvas layers');
    return Layers as Awaited<ReturnType<LoadCanvasLayers>>;
  };

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
      painter = new SkinPainter(document, sheetsFromBackground(blog), imagesFromBackground(blog), canvasLayersFromBackground(blog));
      moveToCanvasWhenRefused(painter);
    }
    return painter;
  };
  // A change that arrives before the first read answers is newer than what that read returns.
  let changedMeanwhile = false;
  // The page's first frames wear the skin already, from its first-paint sheets (src/first-paint.ts),
  // registered for the blog as its record was when this page started.
  const startedAt = Date.now();
  void storage
    .get([skinKey(blog), firstPaintKey(blog)])
    .catch(() => ({}) as Record<string, unknown>)
    .then((values) => {
      const skin = readPageSkin(values[skinKey(blog)]);
      stored ??= skin;
      const parts = firstPaintPartsOf(values[firstPaintKey(blog)], skin, startedAt);
      const shows = skin && showsAnything(skin);
      // What storage said since is newer, and shown already. A skin turned off as this page
      // started may have left sheets in it to switch off (`parts.colors`).
      if (changedMeanwhile || !(shows || parts.colors)) return painter?.knowFirstPaint(parts);
      painterOnDemand().knowFirstPaint(parts);
      void (shows ? painter!.showFirst(skin) : painter!.show(skin));
    });

  browser.storage.onChanged.addListener((changes, area) => {
    const record = area === 'local' ? changes[skinKey(blog)] : undefined;
    if (!record) return; // every edit rewrites the record; image bytes are kept elsewhere
    changedMeanwhile = true;
    stored = readPageSkin(record.newValue);
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
