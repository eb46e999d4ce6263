/**
 * Files a blogger might pick by mistake or an attacker on purpose, made from scratch in plain
 * TypeScript (Node and browser alike): other formats under an image's name, PNG bombs, and a
 * file name full of markup. The browser corpus (test/browser/hostile-corpus.test.ts) and the
 * end-to-end run (test/e2e/hostile-files.test.ts) share them.
 */
import { ascii, concat, crc32, type Bytes } from './bytes';
import { pngFromScanlines } from './png-encoder';

/** A real 24-bit BMP (BITMAPINFOHEADER, bottom-up rows padded to 4 bytes) of one color. */
export function makeBmp(width: number, height: number, [r, g, b]: readonly [number, number, number]): Bytes {
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const pixels = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.set([b, g, r], y * rowBytes + x * 3);
  const header = new Uint8Array(54);
  const view = new DataView(header.buffer);
  header.set(ascii('BM'));
  view.setUint32(2, header.length + pixels.length, true);
  view.setUint32(10, header.length, true); // where the pixels start
  view.setUint32(14, 40, true); // BITMAPINFOHEADER
  view.setInt32(18, width, true);
  view.setInt32(22, height, true); // positive: bottom-up
  view.setUint16(26, 1, true); // planes
  view.setUint16(28, 24, true); // bits per pixel
  view.setUint32(34, pixels.length, true); // BI_RGB, then the image size
  view.setInt32(38, 2835, true); // 72 dpi
  view.setInt32(42, 2835, true);
  return concat(header, pixels);
}

/** A real ZIP archive holding one stored (uncompressed) file. */
export function makeZip(name: string, content: Uint8Array): Bytes {
  const fileName = new TextEncoder().encode(name);
  const crc = crc32(content);
  const entry = (signature: number, size: number) => {
    const out = new Uint8Array(size);
    new DataView(out.buffer).setUint32(0, signature, true);
    return { out, view: new DataView(out.buffer) };
  };
  // Fields shared by the local header (from offset 4) and the central record (from offset 6).
  const common = (view: DataView, at: number) => {
    view.setUint16(at, 20, true); // version needed: 2.0
    view.setUint16(at + 2, 0x0800, true); // the name is UTF-8
    view.setUint16(at + 4, 0, true); // stored
    view.setUint16(at + 8, 0x21, true); // 1980-01-01, 00:00
    view.setUint32(at + 10, crc, true);
    view.setUint32(at + 14, content.length, true);
    view.setUint32(at + 18, content.length, true);
    view.setUint16(at + 22, fileName.length, true);
  };
  const local = entry(0x04034b50, 30);
  common(local.view, 4);
  const central = entry(0x02014b50, 46);
  central.view.setUint16(4, 20, true); // made by: 2.0
  common(central.view, 6);
  const centralOffset = local.out.length + fileName.length + content.length;
  central.view.setUint32(42, 0, true); // the local header is at the start
  const end = entry(0x06054b50, 22);
  end.view.setUint16(8, 1, true);
  end.view.setUint16(10, 1, true);
  end.view.setUint32(12, central.out.length + fileName.length, true);
  end.view.setUint32(16, centralOffset, true);
  return concat(local.out, fileName, content, central.out, fileName, end.out);
}

/** A real one-page PDF, with a correct cross-reference table. */
export function makePdf(): Bytes {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1920 100] >>',
  ];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return ascii(text);
}

/** An HTML page with a script and an image that runs script when it fails to load. */
export const htmlText = (): Bytes =>
  new TextEncoder().encode(
    '<!DOCTYPE html>\n<html><head><title>banner</title></head><body>' +
      '<img src=x onerror="alert(1)"><script>alert(document.cookie)</script></body></html>\n',
  );

/**
 * A PNG bomb: a few kilobytes whose IHDR claims 50000×50000 (1-bit gray, so rows of 6250 bytes).
 * Decoded, that is 2.5 gigapixels, 10 GB as RGBA. The IDAT is a zlib stream of zero rows,
 * ~1000:1 compressed; it holds only the first 160 rows, because even deflate's best ratio would
 * make the whole picture's 312 MB of rows ~300 KB, and a validator must refuse the file from its
 * header before reading any of it.
 */
export const pngBomb = (): Promise<Bytes> =>
  pngFromScanlines({ width: 50_000, height: 50_000, color: 'gray', depth: 1 }, new Uint8Array(160 * (1 + 50_000 / 8)));

/**
 * The same trick kept within the decode limit: a complete, valid 8000×5000 black PNG (exactly
 * 40 megapixels) from 5 MB of zero rows, a few kilobytes on disk.
 */
export const zeroPng = (width = 8000, height = 5000): Promise<Bytes> =>
  pngFromScanlines({ width, height, color: 'gray', depth: 1 }, new Uint8Array(height * (1 + Math.ceil(width / 8))));

/** Markup that would run script if a file name were ever written into the editor as HTML. */
export const markupInName = `<img src=x onerror=alert(1)>"'`;

/** A file name of exactly 200 characters: markup, quotes, Chinese, padding, then the extension. */
export function hostileFileName(extension = '.png'): string {
  const head = `${markupInName} 博客头图 `;
  return head + '_'.repeat(200 - head.length - extension.length) + extension;
}
