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
import { blogKeyOf, pathSpellingOf } from '../src/sites/csdn';
import { readPageSkin, showsAnything, skinKey, type PageSkin } from '../src/skin';
import { firstPaintKey, firstPaintPartsOf, MAX_WAIT_MS, registeredFor, type FirstPaintParts } from '../src/first-paint';
import { describePage } from './describe-page';
import { isComplete, startFirstLoad, type FirstLoad } from './first-load';
import { SkinPainter, type AskForImage, type AskForSheets, type LoadCanvasLayers } from './painter';

/** Sheets of images come from the background (background/inserted-sheets.ts), as do the bytes for canvas. */
function sheetsFromBackground(blog: string): AskForSheets {
  let page: string | undefined; // named on first use: most loads never ask
  return async (ask) => {
    page ??= crypto.randomUUID();
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
  const askForSheets = sheetsFromBackground(blog);
  /** What this page's first-paint sheets show: known once the first read answers. */
  let parts: FirstPaintParts | undefined;
  /** The first load, when it began without a painter: a painter made later takes over from it. */
  let firstLoad: FirstLoad | null = null;
  let painter: SkinPainter | null = null;
  // Made on first need: most pages of most blogs have nothing to paint, and most skinned loads
  // need only their sheets (content/first-load.ts).
  const painterOnDemand = (): SkinPainter => {
    if (!painter) {
      painter = new SkinPainter(document, askForSheets, imagesFromBackground(blog), canvasLayersFromBackground(blog));
      if (parts) painter.knowFirstPaint(parts);
      if (firstLoad) void painter.adopt(firstLoad);
      else moveToCanvasWhenRefused(painterOnDemand); // the first load watches already
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
      const stamp = values[firstPaintKey(blog)];
      // A page at a spelling of the blog's name not registered yet does not have the sheets the stamp tells of.
      parts = firstPaintPartsOf(stamp, skin, startedAt, registeredFor(stamp, blog, pathSpellingOf(location)));
      const shows = skin && showsAnything(skin);
      // What storage said since is newer, and shown already. A skin turned off as this page
      // started may have left sheets in it to switch off (`parts.colors`).
      if (changedMeanwhile || !(shows || parts.colors)) return painter?.knowFirstPaint(parts);
      // Sheets that spell the record show it all but its images, which are asked for here.
      if (shows && parts.current && !painter) firstLoad = startFirstLoad(document, skin, askForSheets);
      if (firstLoad) return finishFirstLoad(firstLoad);
      painterOnDemand().knowFirstPaint(parts); // one made before this read (an editor's preview) has not heard
      void (shows ? painter!.showFirst(skin) : painter!.show(skin));
    });

  /** A first load with no painter needs one only if an image did not come, or has not by the waits' limit. */
  function finishFirstLoad(load: FirstLoad): void {
    moveToCanvasWhenRefused(painterOnDemand);
    let answered = false;
    void load.reply.then((reply) => {
      answered = true;
      if (!isComplete(load, reply)) painterOnDemand();
    });
    setTimeout(() => answered || painterOnDemand(), MAX_WAIT_MS);
  }

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
function moveToCanvasWhenRefused(painter: () => SkinPainter): void {
  document.addEventListener(
    'securitypolicyviolation',
    (event) => {
      const imageDirective = /^(img|default)-src/.test(event.effectiveDirective);
      // A report-only policy blocks nothing: only an enforced one moves the images to canvas.
      const enforced = event.disposition === 'enforce';
      if (event.isTrusted && enforced && imageDirective && event.blockedURI.startsWith('data')) painter().useCanvas();
    },
    true,
  );
}
