import type { ImageSlot } from '../src/rules';
import { inSkinLayer } from '../src/skin-css';
import { selectorsFor } from '../src/sites/csdn';
import { RepairBudget } from './repair-budget';

/**
 * Paints images as <canvas> layers under each slot's elements, for pages whose
 * Content-Security-Policy blocks `data:` images (and with them any CSS background we could
 * write). Decoding bytes into a canvas loads no URL, so no `img-src` applies.
 *
 * Each host element gets one canvas as its first child, stretched over it and drawn the way the
 * CSS would lay the image: the header covering its band from the right, the background tiled,
 * the column image once at the top left. The host becomes a positioned stacking context so the
 * layer sits above its own background and below its content.
 */
export class CanvasLayers {
  private readonly bitmaps = new Map<ImageSlot, ImageBitmap>();
  private readonly layers = new Map<Element, { slot: ImageSlot; canvas: HTMLCanvasElement }>();
  private readonly resizes = new ResizeObserver((entries) => {
    for (const entry of entries) this.draw(entry.target);
  });
  private readonly arrivals = new MutationObserver(() => this.attachAll());
  /** Layers a page script took away are put back within the same budget as our style nodes. */
  private readonly repairs = new RepairBudget(MAX_REPAIRS_PER_SECOND, () => this.attachAll());
  /** Per slot, so bytes decoded after a newer `set` are dropped. */
  private readonly generations = new Map<ImageSlot, number>();

  constructor(
    private readonly document: Document,
    /** Writes (or with '' removes) the stylesheet part that positions hosts and layers. */
    private readonly setLayerCss: (css: string) => void,
  ) {}

  /** Shows `dataUrl` (already checked) in `slot`'s layers, or removes them with null. */
  async set(slot: ImageSlot, dataUrl: string | null): Promise<void> {
    const generation = (this.generations.get(slot) ?? 0) + 1;
    this.generations.set(slot, generation);
    const bitmap = dataUrl ? await decodeDataUrl(dataUrl).catch(() => null) : null;
    if (this.generations.get(slot) !== generation) return bitmap?.close();
    this.bitmaps.get(slot)?.close();
    if (bitmap) this.bitmaps.set(slot, bitmap);
    else this.bitmaps.delete(slot);
    this.detach(slot);
    this.update();
  }

  clear(): void {
    this.repairs.cancel();
    for (const slot of [...this.bitmaps.keys()]) this.detach(slot);
    for (const bitmap of this.bitmaps.values()) bitmap.close();
    this.bitmaps.clear();
    // Generations are kept: a decode begun before this must not land after a newer `set`.
    for (const slot of this.generations.keys()) this.generations.set(slot, this.generations.get(slot)! + 1);
    this.update();
  }

  private update(): void {
    const slots = [...this.bitmaps.keys()];
    this.setLayerCss(slots.length > 0 ? layerCss(slots) : '');
    this.arrivals.disconnect();
    if (slots.length === 0) return;
    this.attachAll();
    // Parts of the page that its scripts insert later get their layers too.
    this.arrivals.observe(this.document.documentElement, { childList: true, subtree: true });
  }

  private attachAll(): void {
    // Hosts the page has taken out (a re-rendered sidebar) are let go, not kept alive.
    for (const [host] of this.layers) {
      if (!host.isConnected) {
        this.resizes.unobserve(host);
        this.layers.delete(host);
      }
    }
    for (const slot of this.bitmaps.keys()) {
      for (const host of this.document.querySelectorAll(selectorsFor(slot).join(','))) {
        const layer = this.layers.get(host);
        if (layer?.canvas.parentNode === host) continue;
        if (layer && !this.repairs.take()) return; // taken away again: put back later
        const canvas = this.document.createElement('canvas');
        canvas.className = LAYER_CLASS;
        canvas.setAttribute('aria-hidden', 'true');
        host.prepend(canvas);
        this.layers.set(host, { slot, canvas });
        this.resizes.observe(host); // its first callback draws the layer, after layout
      }
    }
  }

  private detach(slot: ImageSlot): void {
    for (const [host, layer] of this.layers) {
      if (layer.slot !== slot) continue;
      layer.canvas.remove();
      this.resizes.unobserve(host);
      this.layers.delete(host);
    }
  }

  private draw(host: Element): void {
    const layer = this.layers.get(host);
    const bitmap = layer && this.bitmaps.get(layer.slot);
    if (!layer || !bitmap) return;
    // At most MAX_LAYER_PIXELS: a page-long background at a high pixel ratio would otherwise take
    // hundreds of megabytes, or pass the browser's canvas limit and draw nothing.
    const cssPixels = Math.max(1, host.clientWidth * host.clientHeight);
    const ratio = Math.min(this.document.defaultView?.devicePixelRatio ?? 1, Math.sqrt(MAX_LAYER_PIXELS / cssPixels));
    const width = Math.round(host.clientWidth * ratio);
    const height = Math.round(host.clientHeight * ratio);
    const { canvas } = layer;
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context || width === 0 || height === 0) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawSlot[layer.slot](context, bitmap, width / ratio, height / ratio);
  }
}

const LAYER_CLASS = 'bsp-skin-layer';
const MAX_REPAIRS_PER_SECOND = 20;
const MAX_LAYER_PIXELS = 16_000_000;

type Draw = (context: CanvasRenderingContext2D, image: ImageBitmap, width: number, height: number) => void;

/** The same layouts as the CSS in src/skin-css.ts, drawn by hand. */
const drawSlot: Readonly<Record<ImageSlot, Draw>> = {
  header(context, image, width, height) {
    const scale = Math.max(width / image.width, height / image.height); // cover
    const drawn = { width: image.width * scale, height: image.height * scale };
    context.drawImage(image, width - drawn.width, (height - drawn.height) / 2, drawn.width, drawn.height);
  },
  background(context, image, width, height) {
    context.fillStyle = context.createPattern(image, 'repeat')!;
    context.fillRect(0, 0, width, height);
  },
  column(context, image) {
    context.drawImage(image, 0, 0);
  },
};

function layerCss(slots: ImageSlot[]): string {
  const hosts = slots.flatMap(selectorsFor);
  return inSkinLayer(
    `${hosts.join(',\n')} { position: relative !important; isolation: isolate !important; }\n` +
    `.${LAYER_CLASS} { position: absolute !important; inset: 0 !important; width: 100% !important; ` +
    'height: 100% !important; z-index: -1 !important; pointer-events: none !important; ' +
    'display: block !important; margin: 0 !important; }'
  );
}

async function decodeDataUrl(dataUrl: string): Promise<ImageBitmap> {
  const [header, base64 = ''] = dataUrl.split(',', 2);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const type = header!.slice('data:'.length, header!.indexOf(';'));
  return createImageBitmap(new Blob([bytes], { type }));
}
