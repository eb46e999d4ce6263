import { isImageDataUrl, imageKey, type Skin } from '../src/skin';
import { imageSlots, type ImageSlot } from '../src/rules';
import { colorCss, imageCss } from '../src/skin-css';
import type { SkinStorage } from '../src/store';
import { CanvasLayers } from './canvas-layers';
import { StyleOwner } from './style-owner';

type Part = ImageSlot | 'colors' | 'layers';

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
