/** Byte helpers for the test file makers; plain TypeScript, the same in Node and in the browser. */

/** Bytes on a plain ArrayBuffer, which is what `Blob`, `File` and `Buffer.from` take. */
export type Bytes = Uint8Array<ArrayBuffer>;

export const ascii = (text: string): Bytes => new Uint8Array([...text].map((c) => c.charCodeAt(0)));

export function concat(...parts: readonly Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO 3309), as PNG chunks and ZIP entries use it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** zlib-wrapped deflate (RFC 1950), as PNG's IDAT holds it: CompressionStream exists in Node 20 and browsers. */
export async function deflate(bytes: Uint8Array): Promise<Bytes> {
  const stream = new Blob([bytes as Bytes]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
