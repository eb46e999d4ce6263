import type { Box, Edges, Layer, MeasuredText, MeasureRequest, PageMeasure, TextSlot } from '../src/behind-text';

/**
 * Runs in the blog tab (popup/page-calls.ts `measureBehindText`), so it must not close over
 * anything: every helper is inside it, and it returns plain data. It reports, for the title and the
 * subtitle, the line boxes of their text and the layers the page paints under them, as computed
 * styles say; the editor does the rest (src/behind-text.ts). Nothing of it stays in the page.
 *
 * The layers, top first: the text's own element and its ancestors, each a skin image (an element
 * of the header or background slot whose computed image is a `data:` URL) or a background color,
 * down to the first opaque color; and a skin image that is no ancestor but comes before the text in
 * the document and overlaps it (the home page's banner, under the name lifted onto it by a negative
 * margin), slotted in where the two meet, unless an ancestor of the text below that meeting point
 * has a background of its own, which would paint over it. Stacking by z-index or transforms is not
 * read: the skin's slots lie in normal flow on CSDN's pages.
 */
export function measureTextsHere(request: MeasureRequest): PageMeasure {
  const root = document.documentElement;
  const body = document.body;
  const boxOf = (element: Element): Box => {
    const rect = element.getBoundingClientRect();
    return { x: rect.left, y: rect.top, width: rect.width, height: rect.height };
  };
  const px = (value: string) => parseFloat(value) || 0;
  const edges = (style: CSSStyleDeclaration, name: (side: string) => string): Edges =>
    ['top', 'right', 'bottom', 'left'].map((side) => px(style.getPropertyValue(name(side)))) as Edges;
  const clear = (color: string) => color === 'transparent' || /^rgba\(.*,\s*0\)$/.test(color);
  // Computed sRGB colors without alpha read `rgb(…)`; anything else is passed on and read later.
  const opaque = (color: string) => color.startsWith('rgb(');
  const rootClear = () => {
    const style = getComputedStyle(root);
    return style.backgroundImage === 'none' && clear(style.backgroundColor);
  };
  /** The root's background, or the body's when the root has none, is drawn over the whole canvas. */
  const onCanvas = (element: Element) => element === root || (element === body && rootClear());
  const skinSlot = (element: Element, style: CSSStyleDeclaration) => {
    if (!style.backgroundImage.startsWith('url("data:image/')) return null;
    for (const slot of ['header', 'background'] as const) {
      if (request.images[slot].some((selector) => element.matches(selector))) return slot;
    }
    return null;
  };
  /** An element's own layers, top first: its skin image, then its background color. */
  const layersOf = (element: Element): Layer[] => {
    const style = getComputedStyle(element);
    const canvas = onCanvas(element);
    const layers: Layer[] = [];
    const slot = skinSlot(element, style);
    if (slot) {
      const placedIn = canvas && element === body ? root : element;
      const placedStyle = placedIn === element ? style : getComputedStyle(placedIn);
      layers.push({
        kind: 'image',
        slot,
        box: boxOf(placedIn),
        border: edges(placedStyle, (side) => `border-${side}-width`),
        padding: edges(placedStyle, (side) => `padding-${side}`),
        clip: style.backgroundClip,
        origin: style.backgroundOrigin,
        attachment: style.backgroundAttachment,
        size: style.backgroundSize,
        position: style.backgroundPosition,
        repeat: style.backgroundRepeat,
        canvas,
      });
    }
    if (!clear(style.backgroundColor)) layers.push({ kind: 'color', color: style.backgroundColor, box: canvas ? null : boxOf(element) });
    return layers;
  };
  const covers = (layers: Layer[]) => layers.some((layer) => layer.kind === 'color' && opaque(layer.color));
  const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  const measure = (element: Element): MeasuredText | null => {
    const lines: Box[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node && lines.length < 64; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width > 0 && rect.height > 0) lines.push({ x: rect.left, y: rect.top, width: rect.width, height: rect.height });
      }
    }
    if (lines.length === 0) return null;
    const style = getComputedStyle(element);

    // The text's element and its ancestors, each with its layers, up to the first opaque color.
    const chain: Array<{ element: Element; layers: Layer[] }> = [];
    for (let at: Element | null = element; at; at = at.parentElement) {
      const layers = layersOf(at);
      chain.push({ element: at, layers });
      if (covers(layers)) break;
    }
    // Skin images before the text that overlap its lines, each slotted in above the ancestor it
    // shares with the text, when nothing of the text's own ancestors below that one paints.
    for (const slot of ['header', 'background'] as const) {
      for (const selector of request.images[slot]) {
        for (const other of document.querySelectorAll(selector)) {
          if (other.contains(element) || !(other.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
          if (!skinSlot(other, getComputedStyle(other))) continue;
          const otherBox = boxOf(other);
          if (!lines.some((line) => overlaps(line, otherBox))) continue;
          const meet = chain.findIndex((link) => link.element.contains(other));
          if (meet < 0 || chain.slice(0, meet).some((link) => link.layers.length > 0)) continue;
          const below: Layer[] = [];
          for (let at: Element | null = other; at && at !== chain[meet]!.element; at = at.parentElement) below.push(...layersOf(at));
          chain.splice(meet, 0, { element: other, layers: below });
        }
      }
    }
    return {
      lines,
      fontSize: px(style.fontSize),
      fontWeight: Number(style.fontWeight) || 400,
      color: style.color,
      layers: chain.flatMap((link) => link.layers),
    };
  };

  const texts: Partial<Record<TextSlot, MeasuredText[]>> = {};
  for (const slot of ['title', 'subtitle'] as const) {
    const found: MeasuredText[] = [];
    for (const element of document.querySelectorAll(request.texts[slot].join(','))) {
      const text = measure(element);
      if (text) found.push(text);
      if (found.length >= 8) break;
    }
    if (found.length > 0) texts[slot] = found;
  }
  return { viewport: { width: innerWidth, height: innerHeight }, texts };
}
