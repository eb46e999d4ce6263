import type { HexColor } from '../src/color';
import { COLORS_TAKEN, MAX_WAIT_MS, noFirstPaint, waitOver, type FirstPaintParts } from '../src/first-paint';
import { colorSlots, imageSlots, type ColorSlot, type ImageSlot } from '../src/rules';
import type { SheetReply, SheetRequest } from '../src/messages';
import { colorCss, gateToken, SHEET_GATE, imageCss, recolorSheet, retargetImageSheet } from '../src/skin-css';
import { isImageDataUrl, isRevision, type PageSkin } from '../src/skin';
import type { CanvasLayers } from './canvas-layers';
import { ColorsAhead } from './colors-ahead';
import type { FirstLoad } from './first-load';
import { StyleOwner } from './style-owner';
import { selectorsFor } from '../src/sites/csdn';

/** Our style nodes: an image sheet of our own (an image shown ahead of its save) is one per slot. */
type Part = 'colors' | 'layers' | `own:${ImageSlot}`;

type Revisions = Partial<Record<ImageSlot, string>>;

/** An image or color shown ahead of its save goes back to the stored one if no save confirms it by then. */
const AHEAD_LIMIT_MS = 10_000;

/**
 * Asks the background to insert the stored images of these slots, at these revisions, into this
 * page, and to take out the sheets of `remove` (gate tokens); resolves with what was inserted.
 */
export type AskForSheets = (ask: Pick<SheetRequest, 'insert' | 'remove'>) => Promise<SheetReply>;

/** Asks the background for the bytes of a stored image, for canvas layers: a data URL, unchecked yet. */
export type AskForImage = (slot: ImageSlot, revision: string) => Promise<unknown>;

/**
 * Loads the canvas layers' code: few pages refuse `data:` images, so it is not part of the
 * content script every page loads (content/canvas-layers.iife.ts).
 */
export type LoadCanvasLayers = () => Promise<typeof CanvasLayers>;

/**
 * Turns a blog's stored skin into what the page shows. Colors are a small stylesheet of ours.
 * Images are sheets switched on by a gate attribute (src/skin-css.ts): at page load the browser
 * inserts them (see AskForSheets), so the bytes never pass through this script; an image the
 * editor is saving comes ahead of its save with its bytes (`preview`), and since those are in hand
 * already, its sheet is written here, in a style node of ours, without a round trip. Pages that
 * refuse `data:` images get canvas layers instead.
 */
export class SkinPainter {
  private readonly owner: StyleOwner<Part>;
  /** The latest skin asked for: what the gate and the canvas layers follow. */
  private skin: PageSkin | null = null;
  /** Image sheets in the page by gate token: the browser's, or `own` style nodes. */
  private readonly inserted = new Map<string, { slot: ImageSlot; own: boolean }>();
  /** Gate tokens asked of the background and not answered yet. */
  private readonly pending = new Set<string>();
  /** The sheet each slot shows now: its gate token. */
  private readonly shown = new Map<ImageSlot, string>();
  /**
   * Set once the page's policy has blocked a `data:` image: images go to canvas layers from then
   * on, drawn once their code is in (`onCanvas`).
   */
  private canvas: Promise<CanvasLayers> | null = null;
  /** The revision drawn on canvas per slot. */
  private readonly drawn = new Map<ImageSlot, string>();
  /** Images shown ahead of their save (see `preview`), by slot: the revision being saved, and its bytes. */
  private readonly ahead = new Map<ImageSlot, { revision: string; dataUrl: string }>();
  /** Every image revision a stored record has named: a preview of one of those comes too late. */
  private readonly stored = new Set<string>();
  /** Colors shown ahead of their save (see `previewColor`). */
  private readonly colorsAhead = new ColorsAhead(AHEAD_LIMIT_MS, () => this.recolor());

  /**
   * What this page's first-paint sheets show (src/first-paint.ts), so the gate switches off only
   * what is there: none until the content script, having read the record, knows (`knowFirstPaint`).
   */
  private firstPaint: FirstPaintParts = noFirstPaint;
  /** This script paints the colors: the first-paint sheets' colors are switched off. */
  private colorsTaken = false;
  /** The first load's waits are over: the page is parsed and no image is on its way, or the limit passed. */
  private waitsEnded = false;
  /** The browser's image sheets being taken out: hidden until they are gone. */
  private readonly leaving = new Set<string>();

  /** Image slots the page has shown an element of. */
  private readonly found = new Set<ImageSlot>();
  /** While the page is parsed: watches for the slots not found yet. */
  private parsing: MutationObserver | null = null;
  /** The page is parsed: `found` is final. */
  private parsed = false;

  constructor(
    private readonly document: Document,
    private readonly askForSheets: AskForSheets,
    private readonly askForImage: AskForImage,
    private readonly loadCanvasLayers: LoadCanvasLayers,
  ) {
    this.owner = new StyleOwner<Part>(document, SHEET_GATE);
  }

  /**
   * Whether the page has no element of `slot`: only a slot the page shows gets its image, so no
   * page is sent an image it does not show (and could read by adding such an element). A page
   * still being parsed is watched until it is, and a slot found meanwhile gets its image then;
   * what the page's scripts add later is not looked at.
   */
  private missing(slot: ImageSlot): boolean {
    if (!this.parsed) this.look();
    return !this.found.has(slot);
  }

  /** Notes the image slots the page has now; whether any is new. */
  private look(): boolean {
    const before = this.found.size;
    for (const slot of imageSlots) {
      if (!this.found.has(slot) && this.document.querySelector(selectorsFor(slot).join(','))) this.found.add(slot);
    }
    // Parsed, or every slot found: nothing more to look for.
    if (this.document.readyState !== 'loading' || this.found.size === imageSlots.length) {
      this.parsed = true;
      this.parsing?.disconnect();
    } else if (!this.parsing) {
      const update = () => (this.look() && this.skin?.enabled ? this.show(this.skin) : undefined);
      this.parsing = new MutationObserver(update);
      this.parsing.observe(this.document, { childList: true, subtree: true });
      this.document.addEventListener(
        'DOMContentLoaded',
        async () => {
          await update();
          this.settleWait(); // what is not on the parsed page never comes
        },
        { once: true },
      );
    }
    return this.found.size > before;
  }

  /**
   * Moves every image, now and later, from sheets to canvas layers (see CanvasLayers for why).
   * Only in this mode does the page's script fetch image bytes itself, since it must decode them.
   */
  useCanvas(): void {
    if (this.canvas) return;
    // Tried twice: the background may have been stopping as it was asked. Without the layers the
    // images stay out, as the page's policy would have them.
    this.canvas = this.loadCanvasLayers()
      .catch(() => this.loadCanvasLayers())
      .then((Layers) => new Layers(this.document, (css) => this.owner.set('layers', css)));
    this.canvas.catch(() => undefined);
    this.syncGate();
    this.release([...this.inserted.keys()]);
    if (this.skin?.enabled) void this.draw(this.skin);
    for (const [slot, { revision, dataUrl }] of this.ahead) {
      this.onCanvas((layers) => layers.set(slot, dataUrl));
      this.drawn.set(slot, revision);
    }
  }

  /** Runs `change` on the canvas layers once they are in, after every change asked before it; none if they never come. */
  private onCanvas(change: (layers: CanvasLayers) => unknown): void {
    this.canvas?.then(change).catch(() => undefined);
  }

  /**
   * Shows an image the editor is saving, before storage has it: writing megabytes took most of
   * the time between a pick and the page (about 100 ms of 150). The stored record takes over when
   * it arrives with this revision; `dropPreview` undoes it if the save failed.
   */
  preview(slot: ImageSlot, revision: string, dataUrl: string): void {
    // With no record yet, the save makes one, switched on.
    if (this.skin?.enabled === false || !imageSlots.includes(slot) || !isRevision(revision) || this.missing(slot)) return;
    // The save may have landed first, or a later one (storage and the editor's messages are
    // separate ways in, in no fixed order).
    if (this.stored.has(gateToken(slot, revision)) || !isImageDataUrl(dataUrl)) return;
    this.ahead.set(slot, { revision, dataUrl });
    // A save that never comes (an editor closed before it wrote) must not leave it there.
    setTimeout(() => this.dropPreview(slot, revision), AHEAD_LIMIT_MS);
    if (this.canvas) {
      this.onCanvas((layers) => layers.set(slot, dataUrl));
      this.drawn.set(slot, revision);
      return;
    }
    this.putOwnSheet(slot, revision, dataUrl);
    this.settleSheets();
  }

  /** The save of a previewed image failed, or never came: the page shows the stored skin again. */
  dropPreview(slot: ImageSlot, revision: string): void {
    if (this.ahead.get(slot)?.revision !== revision) return;
    this.ahead.delete(slot);
    const stored = this.skin?.enabled ? this.skin : null;
    if (this.canvas) {
      this.drawn.delete(slot);
      if (stored?.images[slot]) void this.draw(stored);
      else this.onCanvas((layers) => layers.set(slot, null));
      return;
    }
    this.settleSheets();
    if (stored) void this.insertSheets(stored); // the stored image, should its sheet be missing
  }

  /**
   * Shows a color the editor is saving, before storage has it: the save's lock, read and write
   * come first, and may wait behind an image's megabytes.
   */
  previewColor(slot: ColorSlot, color: HexColor | null, preview: string): void {
    if (this.skin?.enabled === false || !colorSlots.includes(slot)) return;
    if (this.colorsAhead.set(slot, color, preview, this.skin?.colors ?? {})) this.recolor();
  }

  /** The save of the previewed color `preview` failed: the slot shows its stored color again. */
  dropColorPreview(slot: ColorSlot, preview: string): void {
    if (this.colorsAhead.drop(slot, preview)) this.recolor();
  }

  /** Paints the colors to show now. */
  private recolor(): void {
    if (this.skin?.enabled === false) return;
    const colors = this.colorsAhead.over(this.skin?.colors ?? {});
    // Changed in place: a new sheet in a cascade layer would make the browser lay out the whole page.
    this.owner.set('colors', colorCss(colors), (sheet) => recolorSheet(sheet, colors));
    this.colorsTaken = true;
    this.syncGate(); // the first-paint colors off, in the same task as ours go in
  }

  /**
   * The first paint of a page load, whose first frames wore the skin from its registered sheets:
   * this takes over from them. Where those spell `skin` exactly (`knowFirstPaint`), its colors are
   * in the page already and need no sheet of ours. An image slot waits, showing no image, until
   * its sheet is in; the waits end once the page is parsed and no image is on its way, or after
   * `MAX_WAIT_MS`, so a slot whose image never comes shows the page's own.
   */
  async showFirst(skin: PageSkin, since = performance.now()): Promise<void> {
    const showing = this.show(skin, this.firstPaint.current);
    setTimeout(() => this.endWaits(), MAX_WAIT_MS - (performance.now() - since));
    await showing;
    this.settleWait();
  }

  /**
   * Takes over a first load begun without a painter (content/first-load.ts): as `showFirst`, with
   * its request for the images' sheets already under way.
   */
  async adopt({ skin, asked, reply, since, answer }: FirstLoad): Promise<void> {
    for (const [slot, revision] of Object.entries(asked)) this.pending.add(gateToken(slot as ImageSlot, revision));
    this.look(); // which slots it found, and whether the page is parsed: its waits end on both
    const first = this.showFirst(skin, since);
    // An answer in already is taken in now, before whatever made this painter is shown: a slot
    // whose next image is on its way keeps showing this one meanwhile.
    if (answer) this.take(asked, answer);
    await Promise.all([first, answer ?? this.receive(asked, reply)]);
  }

  /** Ends the waits once the page is parsed (no slot of it is still to come) and no image is on its way. */
  private settleWait(): void {
    if (this.parsed && this.pending.size === 0) this.endWaits();
  }

  private endWaits(): void {
    if (this.waitsEnded) return;
    this.waitsEnded = true;
    this.syncGate();
  }

  /** What first-paint sheets this page has (see `firstPaint`). */
  knowFirstPaint(parts: FirstPaintParts): void {
    this.firstPaint = parts;
    if (this.skin) this.syncGate();
  }

  /** Whether `slot`'s first-paint wait is over: it shows the page's own image until the skin's is in. */
  private waitIsOver(slot: ImageSlot): boolean {
    if (this.shown.has(slot)) return false; // the skin's image outranks the wait's rule
    return !this.skin?.enabled || !this.skin.images[slot] || this.waitsEnded; // nothing to wait for, or no more
  }

  /**
   * Shows `skin`, or clears everything when it is off or absent. `colorsShown`: the page shows its
   * colors already (see `showFirst`).
   */
  async show(skin: PageSkin | null, colorsShown = false): Promise<void> {
    const before = this.skin?.colors ?? {};
    this.skin = skin;
    for (const slot of imageSlots) {
      const revision = skin?.images[slot]?.revision;
      if (!revision) continue;
      this.stored.add(gateToken(slot, revision));
      if (this.ahead.get(slot)?.revision === revision) this.ahead.delete(slot);
    }
    this.colorsAhead.confirm(skin?.colors ?? {}, before);
    if (!skin?.enabled) {
      this.ahead.clear();
      this.colorsAhead.clear();
      this.onCanvas((layers) => layers.clear());
      this.drawn.clear();
      this.shown.clear();
      // Off is off: every sheet leaves the page, the browser's too, so no attribute a page writes
      // back can show the skin again. Turning on asks for them anew (a few small sheets).
      this.release([...this.inserted.keys()]);
      this.owner.clear();
      // First-paint sheets stay in the page for its life: they are kept switched off.
      this.colorsTaken = true;
      this.syncGate();
      return;
    }
    const images = this.canvas ? this.draw(skin) : this.insertSheets(skin);
    // After the images' requests are marked under way, so the gate keeps the ones before them.
    if (colorsShown) this.syncGate();
    else this.recolor();
    await images;
  }

  private async insertSheets(skin: PageSkin): Promise<void> {
    const missing: Revisions = {};
    for (const slot of imageSlots) {
      const revision = skin.images[slot]?.revision;
      const token = revision && gateToken(slot, revision);
      if (!token || this.inserted.has(token) || this.pending.has(token) || this.missing(slot)) continue;
      missing[slot] = revision;
      this.pending.add(token);
    }
    this.settleSheets();
    if (Object.keys(missing).length === 0) return;
    await this.receive(missing, this.askForSheets({ insert: missing, remove: [] }));
  }

  /** Takes in what the background put in of the images `asked` (marked pending), once it answers. */
  private async receive(asked: Revisions, reply: Promise<SheetReply>): Promise<void> {
    this.take(asked, await reply.catch((): SheetReply => ({ inserted: {} })));
  }

  private take(asked: Revisions, { inserted }: SheetReply): void {
    for (const [slot, revision] of Object.entries(asked) as Array<[ImageSlot, string]>) {
      this.pending.delete(gateToken(slot, revision));
    }
    for (const [slot, revision] of Object.entries(inserted) as Array<[ImageSlot, string]>) {
      this.inserted.set(gateToken(slot, revision), { slot, own: false });
    }
    if (this.canvas) this.release([...this.inserted.keys()]); // blocked meanwhile
    this.settleSheets();
    this.settleWait();
  }

  private putOwnSheet(slot: ImageSlot, revision: string, dataUrl: string): void {
    const token = gateToken(slot, revision);
    if (this.inserted.has(token)) return;
    // The slot's sheet, pointed at this image in place: a new sheet in a cascade layer would make
    // the browser lay out the whole page again, for every draft while the crop frame moves.
    for (const [other, sheet] of this.inserted) if (sheet.own && sheet.slot === slot) this.inserted.delete(other);
    this.owner.set(`own:${slot}`, imageCss(slot, revision, dataUrl), (sheet) => retargetImageSheet(sheet, slot, revision, dataUrl));
    this.inserted.set(token, { slot, own: true });
  }

  /** The revision each slot should show: an image being saved, or else the latest skin's. */
  private wanted(slot: ImageSlot): string | undefined {
    return this.ahead.get(slot)?.revision ?? this.skin?.images[slot]?.revision;
  }

  /**
   * Lists in the gate every image sheet in the page but the one each slot of the latest skin
   * shows, and the first-paint parts this script has taken over. A slot whose new image is still
   * on its way keeps showing the one before, never the page's own for a moment; one whose image
   * could not be put in shows the page's own.
   */
  private syncGate(): void {
    const showing = this.skin?.enabled !== false && !this.canvas;
    for (const slot of imageSlots) {
      const revision = showing ? this.wanted(slot) : undefined;
      const token = revision && gateToken(slot, revision);
      if (token && this.inserted.has(token)) this.shown.set(slot, token);
      else if (!token || !this.pending.has(token)) this.shown.delete(slot);
    }
    // Every sheet in the page that is not shown is hidden: most loads, whose images all show, need
    // no attribute at all.
    const shown = new Set(this.shown.values());
    const hidden = [...this.inserted.keys(), ...this.leaving].filter((token) => !shown.has(token));
    const { colors, waits } = this.firstPaint;
    const taken = [
      ...(colors && this.colorsTaken ? [COLORS_TAKEN] : []),
      ...waits.filter((slot) => this.waitIsOver(slot)).map(waitOver),
    ];
    this.owner.setAttribute([...hidden, ...taken].join(' '));
  }

  /** The gate follows the latest skin, then sheets nothing needs any more go. */
  private settleSheets(): void {
    this.syncGate();
    this.release(this.unused());
  }

  /** Sheets neither shown nor of the latest skin's images nor ahead of a save; all of them once the skin is off. */
  private unused(): string[] {
    if (this.skin?.enabled === false) return [...this.inserted.keys()]; // answered after the skin went off
    const current = new Set(
      // The stored image stays while one ahead of its save may still be taken back.
      imageSlots.flatMap((slot) =>
        [this.ahead.get(slot)?.revision, this.skin?.images[slot]?.revision].flatMap((revision) =>
          revision ? [gateToken(slot, revision)] : [],
        ),
      ),
    );
    const shown = new Set(this.shown.values());
    return [...this.inserted.keys()].filter((token) => !current.has(token) && !shown.has(token));
  }

  private release(tokens: string[]): void {
    const browserTokens: string[] = [];
    for (const token of tokens) {
      const sheet = this.inserted.get(token);
      if (sheet?.own) this.owner.set(`own:${sheet.slot}`, '');
      else browserTokens.push(token);
      this.inserted.delete(token);
    }
    if (browserTokens.length === 0) return;
    for (const token of browserTokens) this.leaving.add(token);
    // One that could not be taken out stays hidden.
    void this.askForSheets({ insert: {}, remove: browserTokens }).then(() => {
      for (const token of browserTokens) this.leaving.delete(token);
      this.syncGate();
    }, () => undefined);
  }

  private async draw(skin: PageSkin): Promise<void> {
    const stale: ImageSlot[] = [];
    for (const slot of imageSlots) {
      const revision = this.wanted(slot);
      if (!revision) {
        if (this.drawn.delete(slot)) this.onCanvas((layers) => layers.set(slot, null));
      } else if (this.drawn.get(slot) !== revision && revision === skin.images[slot]?.revision && !this.missing(slot)) {
        stale.push(slot); // an image shown ahead of its save was drawn by `preview`
      }
    }
    if (stale.length === 0) return;
    const fetched = await Promise.all(stale.map((slot) => this.askForImage(slot, skin.images[slot]!.revision).catch(() => null)));
    // A newer skin asked for meanwhile draws its own; these bytes must not draw over it.
    if (this.skin !== skin || !this.canvas) return;
    for (const [i, slot] of stale.entries()) {
      if (this.wanted(slot) !== skin.images[slot]!.revision) continue; // previewed meanwhile
      const dataUrl = fetched[i];
      if (!isImageDataUrl(dataUrl)) continue;
      this.onCanvas((layers) => layers.set(slot, dataUrl));
      this.drawn.set(slot, skin.images[slot]!.revision);
    }
  }
}
