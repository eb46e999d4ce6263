import { describe, expect, it } from 'vitest';
import { headerSize, sniffFormat } from '../../src/image/sniff';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

function pngHeader(width: number, height: number): Uint8Array {
  const out = new Uint8Array(33);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(out.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return out;
}

describe('sniffFormat', () => {
  it.each([
    ['png', pngHeader(1, 1)],
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0)],
    ['gif', text('GIF89a')],
    ['webp', text('RIFF\0\0\0\0WEBPVP8 ')],
    ['avif', concat(bytes(0, 0, 0, 0x20), text('ftypavif\0\0\0\0avifmif1miaf'))],
    ['avif', concat(bytes(0, 0, 0, 0x1c), text('ftypavis\0\0\0\0avisavifmsf1'))], // an AVIF image sequence
    ['bmp', text('BM\0\0')],
    ['pdf', text('%PDF-1.7')],
    ['zip', bytes(0x50, 0x4b, 0x03, 0x04)],
    ['svg', text('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['svg', text('\uFEFF<?xml version="1.0"?>\n<svg/>')],
    ['html', text('<!DOCTYPE html><p>')],
  ])('sees %s', (format, data) => {
    expect(sniffFormat(data)).toBe(format);
  });

  it('names no other ISO media file AVIF: only the avif and avis brands are', () => {
    expect(sniffFormat(concat(bytes(0, 0, 0, 0x18), text('ftypheic\0\0\0\0mif1heic')))).toBeNull();
    expect(sniffFormat(concat(bytes(0, 0, 0, 0x18), text('ftypmp42\0\0\0\0isomavif')))).toBeNull();
    // The brand where a box type would be, not after `ftyp`: no file type box, no AVIF.
    expect(sniffFormat(concat(bytes(0, 0, 0, 0x18), text('moovavif')))).toBeNull();
  });

  it('names nothing for text or an empty file', () => {
    expect(sniffFormat(text('hello'))).toBeNull();
    expect(sniffFormat(new Uint8Array())).toBeNull();
  });
});

describe('headerSize', () => {
  it('reads a PNG IHDR', () => {
    expect(headerSize(pngHeader(50000, 50000), 'png')).toEqual({ width: 50000, height: 50000 });
  });

  it('reads a JPEG frame header behind other segments', () => {
    const jpeg = bytes(
      0xff, 0xd8, // SOI
      0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, // APP0, 2 bytes of payload
      0xff, 0xc2, 0x00, 0x0b, 0x08, 0x00, 0x64, 0x07, 0x80, 0x01, 0x01, 0x11, 0x00, // SOF2 100×1920
    );
    expect(headerSize(jpeg, 'jpeg')).toEqual({ width: 1920, height: 100 });
  });

  it('gives null for a header cut short or a JPEG with no frame', () => {
    expect(headerSize(pngHeader(1, 1).subarray(0, 20), 'png')).toBeNull();
    expect(headerSize(bytes(0xff, 0xd8, 0xff, 0xda, 0x00, 0x02), 'jpeg')).toBeNull();
  });
});
