import { isHexColor, type HexColor } from './color';
import { defaultCrop, fitCrop, type CropRect } from './image/crop';
import { colorSlots, imageSlots, type ColorSlot, type ImageFormat, type ImageSlot } from './rules';

/** Bumped whenever the stored shape changes; `readSkin` upgrades older records. */
export const SKIN_SCHEMA = 2;

/** Formats a picked file may be in: CSDN's two, and those the editor can turn into a PNG for it. */
export type SourceFormat = ImageFormat | 'gif' | 'webp' | 'avif' | 'bmp';
const sourceFormats: readonly SourceFormat[] = ['png', 'jpeg', 'gif', 'webp', 'avif', 'bmp'];

/** The file the blogger picked, kept by the editor (popup/picked-files.ts) so its crop can be moved again later. */
export interface SourceFacts {
  /** Names this pick: a crop saved for an older pick must not land on a newer one. */
  id: string;
  name: string;
  format: SourceFormat;
  bytes: number;
  /** As displayed (EXIF orientation applied). */
  width: number;
  height: number;
}

/**
 * One image of the skin: the picked file, where its crop frame is, and the image CSDN will store
 * from them (exact size; its bytes under `imageKey`, the only image bytes a page ever gets).
 */
export interface ImageInfo {
  source: SourceFacts;
  crop: CropRect;
  /** The stored image: a PNG, or a JPEG where a PNG would break CSDN's byte limit. */
  format: ImageFormat;
  bytes: number;
  /** Changes whenever the stored image does, so a page knows to fetch the new bytes. */
  revision: string;
  /**
   * Read from a version 1 record, whose `imageKey` still holds the picked file itself: the editor
   * cuts it (CSDN's default crop) the next time it opens.
   */
  uncut?: true;
}

/** One blog's skin, without the image bytes (those live under their own keys). */
export interface Skin<Image = ImageInfo> {
  schema: typeof SKIN_SCHEMA;
  enabled: boolean;
  colors: Partial<Record<ColorSlot, HexColor>>;
  images: Partial<Record<ImageSlot, Image>>;
}

/** What a page needs of a skin: the switch, the colors, and which stored image each slot shows. */
export type PageSkin = Skin<{ revision: string }>;

export const emptySkin = <Image = ImageInfo>(): Skin<Image> => ({ schema: SKIN_SCHEMA, enabled: true, colors: {}, images: {} });

export const skinKey = (blog: string) => `skin:${blog}`;
/** The blog whose record a storage key holds, or null for any other key. */
export const blogOfSkinKey = (key: string) => (key.startsWith('skin:') ? key.slice('skin:'.length) : null);
export const imageKey = (blog: string, slot: ImageSlot) => `image:${blog}:${slot}`;

/**
 * Reads a stored record defensively: storage is ours, but a value that does not look right
 * is dropped rather than painted. Version 1 records are read as version 2 (`readVersion1Image`).
 */
export function readSkin(value: unknown): Skin | null {
  return readRecord(value, (image, slot, schema) => (schema === 1 ? readVersion1Image(image, slot) : readImageInfo(image)));
}

/** A record written by a newer version of the extension: left alone, never read as ours or overwritten. */
export function isNewerRecord(value: unknown): boolean {
  return isRecord(value) && typeof value.schema === 'number' && value.schema > SKIN_SCHEMA;
}

/** Whether a skin paints anything: it is on and has a color or an image. */
export function showsAnything(skin: Skin<unknown>): boolean {
  return skin.enabled && Object.keys(skin.colors).length + Object.keys(skin.images).length > 0;
}

/** As `readSkin`, for a page: only each image's revision is read, so pages carry none of the rest. */
export function readPageSkin(value: unknown): PageSkin | null {
  return readRecord(value, (image) => (isRecord(image) && isRevision(image.revision) ? { revision: image.revision } : null));
}

function readRecord<Image>(value: unknown, readImage: (image: unknown, slot: ImageSlot, schema: number) => Image | null): Skin<Image> | null {
  if (!isRecord(value) || (value.schema !== SKIN_SCHEMA && value.schema !== 1)) return null;
  const skin = emptySkin<Image>();
  skin.enabled = value.enabled !== false;
  const colors = isRecord(value.colors) ? value.colors : {};
  for (const slot of colorSlots) {
    const color = colors[slot];
    if (isHexColor(color)) skin.colors[slot] = color;
  }
  const images = isRecord(value.images) ? value.images : {};
  for (const slot of imageSlots) {
    const image = readImage(images[slot], slot, value.schema);
    if (image) skin.images[slot] = image;
  }
  return skin;
}

function readImageInfo(value: unknown): ImageInfo | null {
  if (!isRecord(value)) return null;
  const { format, bytes, revision } = value;
  const source = readSourceFacts(value.source);
  const crop = source && fitCrop(value.crop, source);
  if (source && crop && isImageFormat(format) && isCount(bytes) && isRevision(revision)) {
    return { source, crop, format, bytes, revision, ...(value.uncut === true ? { uncut: true as const } : {}) };
  }
  return null;
}

function readSourceFacts(value: unknown): SourceFacts | null {
  if (!isRecord(value)) return null;
  const { id, name, format, bytes, width, height } = value;
  if (
    isRevision(id) &&
    typeof name === 'string' &&
    sourceFormats.includes(format as SourceFormat) &&
    isCount(bytes) &&
    isCount(width) &&
    isCount(height) &&
    width > 0 &&
    height > 0
  ) {
    return { id, name, format: format as SourceFormat, bytes, width, height };
  }
  return null;
}

/** Version 1 kept the picked file itself under `imageKey`: it becomes the source, at CSDN's default crop. */
function readVersion1Image(value: unknown, slot: ImageSlot): ImageInfo | null {
  if (!isRecord(value)) return null;
  const { name, format, bytes, width, height, revision } = value;
  if (typeof name !== 'string' || !isImageFormat(format) || !isRevision(revision)) return null;
  if (!isCount(bytes) || !isCount(width) || !isCount(height) || width === 0 || height === 0) return null;
  const source: SourceFacts = { id: revision, name, format, bytes, width, height };
  return { source, crop: defaultCrop(slot, source), format, bytes, revision, uncut: true };
}

const isImageFormat = (value: unknown): value is ImageFormat => value === 'png' || value === 'jpeg';
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

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
