import { isHexColor, type HexColor } from './color';
import { colorSlots, imageSlots, type ColorSlot, type ImageFormat, type ImageSlot } from './rules';

/** Bumped whenever the stored shape changes; `readSkin` upgrades older records. */
export const SKIN_SCHEMA = 1;

/** What the popup shows of a stored image without loading its bytes. */
export interface ImageInfo {
  name: string;
  format: ImageFormat;
  bytes: number;
  width: number;
  height: number;
  /** Changes whenever the image does, so a page knows to fetch the new bytes. */
  revision: string;
}

/** One blog's skin, without the image bytes (those live under their own keys). */
export interface Skin {
  schema: typeof SKIN_SCHEMA;
  enabled: boolean;
  colors: Partial<Record<ColorSlot, HexColor>>;
  images: Partial<Record<ImageSlot, ImageInfo>>;
}

export const emptySkin = (): Skin => ({ schema: SKIN_SCHEMA, enabled: true, colors: {}, images: {} });

export const skinKey = (blog: string) => `skin:${blog}`;
/** The blog whose record a storage key holds, or null for any other key. */
export const blogOfSkinKey = (key: string) => (key.startsWith('skin:') ? key.slice('skin:'.length) : null);
export const imageKey = (blog: string, slot: ImageSlot) => `image:${blog}:${slot}`;

/**
 * Reads a stored record defensively: storage is ours, but a value that does not look right
 * is dropped rather than painted.
 */
export function readSkin(value: unknown): Skin | null {
  if (!isRecord(value) || value.schema !== SKIN_SCHEMA) return null;
  const skin = emptySkin();
  skin.enabled = value.enabled !== false;
  const colors = isRecord(value.colors) ? value.colors : {};
  for (const slot of colorSlots) {
    const color = colors[slot];
    if (isHexColor(color)) skin.colors[slot] = color;
  }
  const images = isRecord(value.images) ? value.images : {};
  for (const slot of imageSlots) {
    const info = readImageInfo(images[slot]);
    if (info) skin.images[slot] = info;
  }
  return skin;
}

function readImageInfo(value: unknown): ImageInfo | null {
  if (!isRecord(value)) return null;
  const { name, format, bytes, width, height, revision } = value;
  if (
    typeof name === 'string' &&
    (format === 'png' || format === 'jpeg') &&
    typeof bytes === 'number' &&
    typeof width === 'number' &&
    typeof height === 'number' &&
    isRevision(revision)
  ) {
    return { name, format, bytes, width, height, revision };
  }
  return null;
}

/** Image bytes as stored: a data URL of exactly the file the user picked. */
export function isImageDataUrl(value: unknown): value is string {
  // Checked on every skinned page load, so no regex pass over megabytes: the prefix says what it
  // is, and none of the characters that could end the CSS string it is written into may appear.
  return (
    typeof value === 'string' &&
    IMAGE_DATA_URL_PREFIX.test(value) &&
    !CSS_STRING_BREAKERS.some((character) => value.includes(character))
  );
}

/** A revision names an image's sheet in an attribute selector (src/skin-css.ts): a UUID fits. */
export function isRevision(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(value);
}

const IMAGE_DATA_URL_PREFIX = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]/;
const CSS_STRING_BREAKERS = ['"', '\\', '\n', '\r', '\f'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
