import { isImageDataUrl, imageKey, type Skin } from '../src/skin';
import { imageSlots, type ImageSlot } from '../src/rules';
import { colorCss, imageCss } from '../src/skin-css';
import type { SkinStorage } from '../src/store';
import { StyleOwner } from './style-owner';

type Part = ImageSlot | 'colors';

/**
 * Turns a blog's stored skin into the page's style nodes. Image bytes are fetched only when an
 * image's revision changed, so a color change costs one small stylesheet.
 */
export class SkinPainter {
  private readonly owner: StyleOwner<Part>;
  /** The revision of each image now painted. */
  private readonly painted = new Map<ImageSlot, string>();
  /** Bumped by every `show`, so an older call still waiting for bytes does not paint over a newer one. */
  private generation = 0;

  constructor(
    document: Document,
    private readonly storage: Pick<SkinStorage, 'get'>,
    private readonly blog: string,
  ) {
    this.owner = new StyleOwner<Part>(document);
  }

  /**
   * Paints `skin`, or clears everything when it is off or absent.
   * `knownImages` are image values already in hand (from a storage change), keyed by storage key.
   */
  async show(skin: Skin | null, knownImages: Record<string, unknown> = {}): Promise<void> {
    const generation = ++this.generation;
    if (!skin?.enabled) {
      this.owner.clear();
      this.painted.clear();
      return;
    }
    this.owner.set('colors', colorCss(skin.colors));

    const stale: ImageSlot[] = [];
    for (const slot of imageSlots) {
      const revision = skin.images[slot]?.revision;
      if (!revision) {
        this.owner.set(slot, '');
        this.painted.delete(slot);
      } else if (this.painted.get(slot) !== revision) {
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
      this.owner.set(slot, imageCss(slot, dataUrl));
      this.painted.set(slot, skin.images[slot]!.revision);
    }
  }
}
