import { isImageDataUrl, imageKey, type Skin } from '../src/skin';
import { imageSlots, type ImageSlot } from '../src/rules';
import { colorCss, imageCss } from '../src/skin-css';
import type { SkinStorage } from '../src/store';
import { HOLD_CSS, MAX_HOLD_MS } from '../src/first-paint';
import { CanvasLayers } from './canvas-layers';
import { StyleOwner } from './style-owner';

type Part = ImageSlot | 'colors' | 'layers' | 'hold';

/**
 * Turns a blog's stored skin into the page's style nodes. Image bytes are fetched only when an
 * image's revision changed, so a color change costs one small stylesheet.
 */
export class SkinPainter {
  private readonly owner: StyleOwner<Part>;
  /** Each image now painted: its revision, and its bytes in case they must move to canvas. */
  private readonly painted = new Map<ImageSlot, { revision: string; dataUrl: string }>();
  /** Set once the page's policy has blocked a `data:` image: images go to canvas layers from then on. */
  private canvas: CanvasLayers | null = null;
  /** Bumped by every `show`, so an older call still waiting for bytes does not paint over a newer one. */
  private generation = 0;

  constructor(
    private readonly document: Document,
    private readonly storage: Pick<SkinStorage, 'get'>,
    private readonly blog: string,
  ) {
    this.owner = new StyleOwner<Part>(document);
  }

  /** Moves every image, now and later, from CSS to canvas layers (see CanvasLayers for why). */
  useCanvas(): void {
    if (this.canvas) return;
    this.canvas = new CanvasLayers(this.document, (css) => this.owner.set('layers', css));
    for (const [slot, { dataUrl }] of this.painted) this.paintImage(slot, dataUrl);
  }

  private paintImage(slot: ImageSlot, dataUrl: string | null): void {
    if (this.canvas) {
      this.owner.set(slot, '');
      void this.canvas.set(slot, dataUrl);
    } else {
      this.owner.set(slot, dataUrl ? imageCss(slot, dataUrl) : '');
    }
  }

  /**
   * The first paint of a page load. While a skin's images come out of storage the page stays out
   * of sight (see src/first-paint.ts): under `held`, the hold script's node, when this blog has
   * one, or else a hold of our own, but only if nothing has been painted yet (hiding a page
   * already shown would be a flash of its own). Pages of a blog with no skin, or colors only,
   * are let go at once.
   */
  async showFirst(skin: Skin | null, held: HTMLStyleElement | null): Promise<void> {
    const hasImages = Boolean(skin?.enabled && Object.keys(skin.images).length > 0);
    const unpainted = performance.getEntriesByType('paint').length === 0;
    if (hasImages && !held && unpainted) this.owner.set('hold', HOLD_CSS);
    const release = () => {
      held?.remove();
      this.owner.set('hold', '');
    };
    if (!hasImages) release();
    const timer = setTimeout(release, MAX_HOLD_MS);
    try {
      await this.show(skin);
      if (hasImages) await this.decodePainted();
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  /** Decodes the painted images ahead, so the frame that shows the page has them ready. */
  private decodePainted(): Promise<unknown> {
    if (this.canvas) return Promise.resolve();
    return Promise.all(
      [...this.painted.values()].map(({ dataUrl }) => {
        const image = new Image();
        image.src = dataUrl;
        return image.decode().catch(() => undefined); // a refused image is the canvas fallback's case
      }),
    );
  }

  /**
   * Paints `skin`, or clears everything when it is off or absent.
   * `knownImages` are image values already in hand (from a storage change), keyed by storage key.
   */
  async show(skin: Skin | null, knownImages: Record<string, unknown> = {}): Promise<void> {
    const generation = ++this.generation;
    if (!skin?.enabled) {
      this.canvas?.clear();
      this.owner.clear();
      this.painted.clear();
      return;
    }
    this.owner.set('colors', colorCss(skin.colors));

    const stale: ImageSlot[] = [];
    for (const slot of imageSlots) {
      const revision = skin.images[slot]?.revision;
      if (!revision) {
        if (this.painted.delete(slot)) this.paintImage(slot, null);
      } else if (this.painted.get(slot)?.revision !== revision) {
        stale.push(slot);
      }
    }
    if (stale.length === 0) return;

    const missing = stale.map((slot) => imageKey(this.blog, slot)).filter((key) => !(key in knownImages));
    const fetched = missing.length > 0 ? await this.storage.get(missing) : {};
    if (generation !== this.generation) return;
    for (const slot of stale) {
      const key = imageKey(this.blog, slot);
      const dataUrl = knownImages[key] ?? fetched[key];
      if (!isImageDataUrl(dataUrl)) continue;
      this.paintImage(slot, dataUrl);
      this.painted.set(slot, { revision: skin.images[slot]!.revision, dataUrl });
    }
  }
}
