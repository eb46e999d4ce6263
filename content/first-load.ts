import type { SheetReply } from '../src/messages';
import { imageSlots, type ImageSlot } from '../src/rules';
import { selectorsFor } from '../src/sites/csdn';
import type { PageSkin } from '../src/skin';
import type { AskForSheets } from './painter';

/**
 * A page load whose first-paint sheets spell its record (src/first-paint.ts) shows its colors
 * and waits for its images already: all it needs is its images' sheets. This asks for them with
 * as little script as a load can run; making the painter and its first show took about 0.65 ms
 * of CPU more per load. A painter made later (an edit, the editor, a refused image, an image
 * that did not come) takes over from here (`SkinPainter.adopt`).
 */
export interface FirstLoad {
  skin: PageSkin;
  /** The images asked for, by slot: every image of the skin. */
  asked: Partial<Record<ImageSlot, string>>;
  reply: Promise<SheetReply>;
  /** The reply, once in: a painter made after it takes it in at once (`SkinPainter.adopt`). */
  answer?: SheetReply;
  /** When it started (`performance.now()`): the first-paint waits' limit counts from here. */
  since: number;
}

/**
 * Starts the first load of `skin`, or null when it needs more than its sheets: a slot of its
 * images with no element yet (the painter watches the page for it).
 */
export function startFirstLoad(document: Document, skin: PageSkin, askForSheets: AskForSheets): FirstLoad | null {
  const asked: FirstLoad['asked'] = {};
  for (const slot of imageSlots) {
    const revision = skin.images[slot]?.revision;
    if (!revision) continue;
    // A count, not the element: its script object, the first of its kind in this world, costs more
    // to make than the search (about 0.1 ms of the 0.3 measured).
    if (document.querySelectorAll(selectorsFor(slot).join(',')).length === 0) return null;
    asked[slot] = revision;
  }
  // A skin of colors alone has nothing to ask.
  const reply =
    Object.keys(asked).length === 0
      ? Promise.resolve<SheetReply>({ inserted: {} })
      : askForSheets({ insert: asked, remove: [] }).catch((): SheetReply => ({ inserted: {} }));
  const load: FirstLoad = { skin, asked, reply, since: performance.now() };
  void reply.then((answer) => (load.answer = answer));
  return load;
}

/** Whether every image asked for is in: the page is done, and no painter is needed. */
export function isComplete({ asked }: FirstLoad, { inserted }: SheetReply): boolean {
  return imageSlots.every((slot) => asked[slot] === inserted[slot]);
}
