/**
 * Real PNG and JPEG files for the end-to-end tests and the demo, drawn by Chromium's own canvas
 * in an open page and handed back as bytes.
 */
import type { Page } from 'playwright';

export interface ImageSpec {
  width: number;
  height: number;
  type: 'image/png' | 'image/jpeg';
  /** Vertical stripes, left to right, as CSS colors; one color fills the image. */
  stripes: string[];
  /** A caption drawn on the right, where CSDN asks for the main visual. */
  caption?: string;
  quality?: number;
}

export async function drawImage(page: Page, spec: ImageSpec): Promise<Buffer> {
  const base64 = await page.evaluate(async ({ width, height, type, stripes, caption, quality }) => {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d')!;
    const stripe = width / stripes.length;
    stripes.forEach((color, i) => {
      context.fillStyle = color;
      context.fillRect(Math.floor(i * stripe), 0, Math.ceil(stripe), height);
    });
    if (caption) {
      context.fillStyle = '#ffffff';
      context.font = `bold ${Math.round(height * 0.36)}px sans-serif`;
      context.textAlign = 'right';
      context.textBaseline = 'middle';
      context.fillText(caption, width - height * 0.4, height / 2);
    }
    const blob = await canvas.convertToBlob({ type, quality });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }, spec);
  return Buffer.from(base64, 'base64');
}

/** A file for Playwright's `setInputFiles`. */
export const asUpload = (name: string, buffer: Buffer, mimeType = 'application/octet-stream') => ({
  name,
  mimeType,
  buffer,
});
