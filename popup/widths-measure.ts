import type { Box, Edges } from '../src/behind-text';
import type { HeaderAtWidth, MeasuredBand, WidthsRequest } from '../src/header-widths';

/**
 * Runs in the blog tab (popup/page-calls.ts `measureHeaderWidths`), so it must not close over
 * anything: every helper is inside it, and it returns plain data. For each width it lays the page
 * out as a window of that width would (the root element held at that width), forces layout, and
 * reads the header band's box and computed background, the blog name's line boxes and the
 * avatar's box; then it puts the root's inline style and the scroll position back. All of it runs
 * in one task, so the page never paints a simulated width and its resize observers never see one.
 *
 * Media queries are still matched against the real window, and a page script that lays things out
 * on `resize` is not run: CSDN's header rules use neither.
 */
export function measureWidthsHere(request: WidthsRequest): HeaderAtWidth[] {
  const root = document.documentElement;
  const boxOf = (element: Element): Box => {
    const rect = element.getBoundingClientRect();
    return { x: rect.left, y: rect.top, width: rect.width, height: rect.height };
  };
  const shown = (box: Box) => box.width > 0 && box.height > 0;
  const px = (value: string) => parseFloat(value) || 0;
  const edges = (style: CSSStyleDeclaration, name: (side: string) => string): Edges =>
    ['top', 'right', 'bottom', 'left'].map((side) => px(style.getPropertyValue(name(side)))) as Edges;

  const bandHere = (): MeasuredBand | null => {
    for (const element of document.querySelectorAll(request.header.join(','))) {
      const box = boxOf(element);
      if (!shown(box)) continue;
      const style = getComputedStyle(element);
      return {
        box,
        border: edges(style, (side) => `border-${side}-width`),
        padding: edges(style, (side) => `padding-${side}`),
        clip: style.backgroundClip,
        origin: style.backgroundOrigin,
        attachment: style.backgroundAttachment,
        size: style.backgroundSize,
        position: style.backgroundPosition,
        repeat: style.backgroundRepeat,
        skinShown: style.backgroundImage.startsWith('url("data:image/'),
      };
    }
    return null;
  };
  /** The line boxes of the name's text (a `Range` per text node), not its element's box. */
  const nameHere = (): Box[] => {
    const lines: Box[] = [];
    const range = document.createRange();
    for (const element of document.querySelectorAll(request.title.join(','))) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node && lines.length < 64; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
          if (rect.width > 0 && rect.height > 0) lines.push({ x: rect.left, y: rect.top, width: rect.width, height: rect.height });
        }
      }
    }
    return lines;
  };
  const avatarsHere = (): Box[] =>
    request.avatar
      .flatMap((selector) => [...document.querySelectorAll(selector)].slice(0, 4).map(boxOf))
      .filter(shown);

  // What a window of width W gives the root: W less the root's own margins, border and padding included.
  const rootStyle = getComputedStyle(root);
  const margins = px(rootStyle.marginLeft) + px(rootStyle.marginRight);
  const inline = root.getAttribute('style');
  const [left, top] = [scrollX, scrollY];
  try {
    return request.widths.map((width) => {
      for (const property of ['width', 'min-width', 'max-width']) root.style.setProperty(property, `${width - margins}px`, 'important');
      root.style.setProperty('box-sizing', 'border-box', 'important');
      root.getBoundingClientRect(); // lays the page out at this width
      return { width, viewportHeight: innerHeight, band: bandHere(), name: nameHere(), avatars: avatarsHere() };
    });
  } finally {
    // The attribute's own text, so every declaration and its priority are as they were.
    if (inline === null) root.removeAttribute('style');
    else root.setAttribute('style', inline);
    // A narrower or shorter page on the way may have pulled the scroll position in.
    if (scrollX !== left || scrollY !== top) scrollTo({ left, top, behavior: 'instant' });
  }
}
