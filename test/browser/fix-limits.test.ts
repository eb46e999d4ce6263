/**
 * A fix (一键修复) opens files CSDN refuses: GIF, WebP, BMP and others. Each is opened only if its
 * header tells a size within the decode limit, so a few-KB file claiming gigapixels is never decoded.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { handleImageRequest, type OpenResult } from '../../src/image/image-jobs';
import { claimedSize, sniffFormat } from '../../src/image/sniff';

afterEach(() => {
  vi.restoreAllMocks();
});

async function encoded(type: string, width = 40, height = 30): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#2563eb';
  context.fillRect(0, 0, width, height);
  return new Uint8Array(await (await canvas.convertToBlob({ type, quality: 0.9 })).arrayBuffer());
}

const open = (bytes: Uint8Array, key = crypto.randomUUID()) =>
  handleImageRequest({ id: 1, type: 'open', key, file: new Blob([bytes as Uint8Array<ArrayBuffer>]) }) as Promise<OpenResult>;

/** A small GIF, drawn by hand: 40×30, one color. */
function gif(width: number, height: number): Uint8Array {
  const bytes = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61, width & 255, width >> 8, height & 255, height >> 8, 0x80, 0, 0];
  bytes.push(0x25, 0x63, 0xeb, 0xff, 0xff, 0xff); // palette of two
  bytes.push(0x2c, 0, 0, 0, 0, width & 255, width >> 8, height & 255, height >> 8, 0); // image descriptor
  bytes.push(0x02, 0x02, 0x44, 0x01, 0x00, 0x3b); // a tiny LZW stream, then the trailer
  return new Uint8Array(bytes);
}

describe('a fix opens a file only when its header tells a size within the limit', () => {
  test('a WebP reads its size from its header, and opens', async () => {
    const webp = await encoded('image/webp');
    expect(sniffFormat(webp)).toBe('webp');
    expect(claimedSize(webp, 'webp')).toEqual({ width: 40, height: 30 });
    expect(await open(webp)).toEqual({ ok: true, size: { width: 40, height: 30 } });
  });

  test('a WebP claiming 16000×16000 is refused, never decoded', async () => {
    const webp = await encoded('image/webp');
    const view = new DataView(webp.buffer);
    // Chromium writes an extended WebP: 'VP8X', its canvas width and height less one, 24 bits each.
    expect(String.fromCharCode(...webp.subarray(12, 16))).toBe('VP8X');
    for (const at of [24, 27]) {
      view.setUint16(at, (16000 - 1) & 0xffff, true);
      webp[at + 2] = (16000 - 1) >> 16;
    }
    const decoder = vi.spyOn(globalThis, 'createImageBitmap');
    expect(await open(webp)).toEqual({ ok: false, violation: { key: 'errTooLarge', params: ['16000×16000'] } });
    expect(decoder).not.toHaveBeenCalled();
  });

  test('a GIF claiming 65535×65535 is refused, never decoded; one of honest size opens', async () => {
    const decoder = vi.spyOn(globalThis, 'createImageBitmap');
    expect(await open(gif(65535, 65535))).toEqual({ ok: false, violation: { key: 'errTooLarge', params: ['65535×65535'] } });
    expect(decoder).not.toHaveBeenCalled();
    expect(claimedSize(gif(40, 30), 'gif')).toEqual({ width: 40, height: 30 });
  });

  test('a file whose header tells no size is not decoded', async () => {
    const decoder = vi.spyOn(globalThis, 'createImageBitmap');
    const riff = new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPXXXX');
    expect(await open(riff)).toEqual({ ok: false, violation: { key: 'errDamaged', params: [] } });
    expect(decoder).not.toHaveBeenCalled();
  });

  test('BMP and AVIF headers tell their size too', () => {
    const bmp = new Uint8Array(54);
    const view = new DataView(bmp.buffer);
    bmp.set([0x42, 0x4d]);
    view.setInt32(18, 300, true);
    view.setInt32(22, -38, true); // top-down
    expect(claimedSize(bmp, 'bmp')).toEqual({ width: 300, height: 38 });
    const avif = new Uint8Array(64);
    avif.set(new TextEncoder().encode('\u0000\u0000\u0000\u0018ftypavif'), 0);
    avif.set(new TextEncoder().encode('ispe'), 36);
    new DataView(avif.buffer).setUint32(44, 20000);
    new DataView(avif.buffer).setUint32(48, 20000);
    expect(claimedSize(avif, 'avif')).toEqual({ width: 20000, height: 20000 });
  });
});

describe('a picture no frame shows any more', () => {
  test('is closed at once when asked: cutting it then needs it opened again', async () => {
    const key = crypto.randomUUID();
    expect(await open(await encoded('image/png', 400, 400), key)).toEqual({ ok: true, size: { width: 400, height: 400 } });
    const cut = () => handleImageRequest({ id: 2, type: 'render', key, slot: 'background', crop: { x: 0, y: 0, width: 400, height: 400 }, quality: 'draft' });
    await expect(cut()).resolves.toMatchObject({ type: 'image/jpeg' }); // a draft
    expect(await handleImageRequest({ id: 3, type: 'close', key })).toBe(true);
    await expect(cut()).rejects.toThrow('not open');
  });
});
