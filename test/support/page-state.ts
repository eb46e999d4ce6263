/** What a user would see of a page, read in the page itself: computed styles and pixels. */
import type { Page } from 'playwright';

/**
 * Every element's full computed style, one string per element, in document order. Runs in the
 * page: the Firefox tests hand it to Puppeteer as it is.
 */
export function readComputedStyles(): string[] {
  return [...document.querySelectorAll('*')].map((element) => {
    const style = getComputedStyle(element);
    let text = `${element.tagName}#${element.id}.${element.className}|`;
    for (let i = 0; i < style.length; i++) {
      const property = style.item(i);
      text += `${property}:${style.getPropertyValue(property)};`;
    }
    return text;
  });
}

/**
 * Run in a blog page: what of the extension's its DOM holds, the gate attribute on `<html>` and
 * the style nodes of the skin's layer. A load whose first-paint sheets are current has neither.
 */
export function skinMarksInPage(): { gate: string | null; ours: number } {
  return {
    gate: document.documentElement.getAttribute('data-blog-skin'),
    ours: [...document.querySelectorAll('html > style')].filter((node) => node.textContent?.includes('blog-skin-previewer')).length,
  };
}

export const computedStyleSnapshot = (page: Page): Promise<string[]> => page.evaluate(readComputedStyles);

export function computedStyle(page: Page, selector: string, property: string): Promise<string> {
  return page.locator(selector).first().evaluate(
    (element, name) => getComputedStyle(element).getPropertyValue(name),
    property,
  );
}

/** The color of pixels in a screenshot of `selector`, as [r, g, b], decoded by the browser. */
export async function pixelsOf(
  page: Page,
  selector: string,
  points: Array<[x: number, y: number]>,
): Promise<Array<[number, number, number]>> {
  const shot = await page.locator(selector).first().screenshot();
  return page.evaluate(colorsInPng, { base64: shot.toString('base64'), points });
}

/**
 * The colors at `points` of a PNG given as base64, decoded by the browser it runs in (passed to
 * Playwright's and puppeteer's `evaluate`, so it uses nothing from outside).
 */
export async function colorsInPng({ base64, points }: { base64: string; points: Array<[x: number, y: number]> }) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  return points.map(([x, y]) => {
    const [r, g, b] = context.getImageData(x, y, 1, 1).data;
    return [r!, g!, b!] as [number, number, number];
  });
}

/** Whether two colors are within a small distance (JPEG and scaling blur the edges). */
export const near = (actual: readonly number[], expected: readonly number[], tolerance = 12) =>
  actual.every((value, i) => Math.abs(value - expected[i]!) <= tolerance);

/** `#RRGGBB` as a computed style spells it. */
export const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/** The computed `background-image` of an image painted from these bytes. */
export const cssImageUrl = (bytes: Uint8Array, mime: string) =>
  `url("data:${mime};base64,${Buffer.from(bytes).toString('base64')}")`;
