/**
 * CSDN's "自定义博客皮肤" form, as data. Every check the popup makes reads this table;
 * nothing else in the project knows a limit.
 */

export type ImageSlot = 'header' | 'background' | 'column';
export type ColorSlot = 'title' | 'hover' | 'subtitle';
export type Slot = ImageSlot | ColorSlot;

export type ImageFormat = 'png' | 'jpeg';

export const MB = 1024 * 1024;

export interface ImageRule {
  /** Formats the form takes, judged from the file's bytes. */
  formats: readonly ImageFormat[];
  maxBytes: number;
  /** The least size the form asks for, as displayed; the stored size is the crop's (`storedImages`). */
  minWidth?: number;
  minHeight?: number;
}

export const imageRules: Readonly<Record<ImageSlot, ImageRule>> = {
  // The form says "larger than 1920×100"; read as "at least", so a banner of exactly that size passes.
  header: { formats: ['png', 'jpeg'], maxBytes: 2 * MB, minWidth: 1920, minHeight: 100 },
  background: { formats: ['png', 'jpeg'], maxBytes: 1 * MB },
  // "300×38" is what the crop makes (storedImages): a picture of another size is cut to it.
  column: { formats: ['png', 'jpeg'], maxBytes: 0.5 * MB },
};

/**
 * No skin needs more than this; a file claiming more is refused before it is decoded, so a tiny
 * file cannot make the editor allocate gigabytes. Judged on pixels (CSDN sets no maximum width: a
 * 10000×100 banner is fine); a side past a canvas's own limit could not be cropped anyway.
 */
export const decodeLimit = { maxSide: 32_767, maxPixels: 40_000_000 } as const;

export function exceedsDecodeLimit(width: number, height: number): boolean {
  return (
    width > decodeLimit.maxSide || height > decodeLimit.maxSide || width * height > decodeLimit.maxPixels
  );
}

/**
 * Files the editor can turn into one CSDN takes (一键修复): the browser decodes them, and the fix
 * is the exact-size PNG of the default crop. Never SVG: a drawing, not a picture, and scriptable.
 */
export const fixableFormats: readonly string[] = ['png', 'jpeg', 'gif', 'webp', 'avif', 'bmp'];
/** A fix reads the whole file: larger ones are refused without one, unread. */
export const fixMaxBytes = 16 * MB;
const fixableRules: ReadonlySet<RuleViolation['key']> = new Set(['errFormat', 'errBytes', 'errWidthMin', 'errHeightMin']);

/** True when every broken rule is one a fix repairs, for a file of this format and size. */
export function canFix(format: string | null, bytes: number, violations: readonly RuleViolation[]): boolean {
  return (
    violations.length > 0 &&
    format !== null &&
    fixableFormats.includes(format) &&
    bytes <= fixMaxBytes &&
    violations.every((violation) => fixableRules.has(violation.key))
  );
}

/**
 * What CSDN's dialog stores for each image: it crops the picked file at this size's aspect ratio
 * (Cropper.js, `viewMode: 2`, `autoCropArea: 1`), draws the region at exactly this size
 * (`getCroppedCanvas({ width, height })`) and uploads that canvas as a PNG. Pages show only this.
 */
export const storedImages: Readonly<Record<ImageSlot, { width: number; height: number; type: 'image/png' }>> = {
  header: { width: 1920, height: 100, type: 'image/png' },
  background: { width: 100, height: 100, type: 'image/png' },
  column: { width: 300, height: 38, type: 'image/png' },
};

/** Every image slot, in the order of CSDN's form (a literal: a page's script need not carry the rules). */
export const imageSlots: readonly ImageSlot[] = ['header', 'background', 'column'];
export const colorSlots: readonly ColorSlot[] = ['title', 'hover', 'subtitle'];
/** Every slot, in the order of CSDN's form. */
export const allSlots: readonly Slot[] = [...imageSlots, ...colorSlots];

/** A broken rule, as a message key and the values it names; the UI words it. */
export interface RuleViolation {
  key:
    | 'errFormat'
    | 'errFormatUnknown'
    | 'errEmpty'
    | 'errBytes'
    | 'errDamaged'
    | 'errTooLarge'
    | 'errWidthMin'
    | 'errHeightMin';
  /** Substitutions, in the order the message uses them. */
  params: string[];
}

export interface MeasuredImage {
  /** null when the bytes are neither PNG nor JPEG nor any other format we can name. */
  format: string | null;
  bytes: number;
  /** Pixel size as displayed, or null when the file did not decode. */
  width: number | null;
  height: number | null;
}

/** Human byte size in the units CSDN's form uses (1 MB = 1024 × 1024 bytes), to one decimal. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MB) return `${round1(bytes / 1024)} KB`;
  return `${round1(bytes / MB)} MB`;
}

/** A byte limit as the form writes it: in MB (2 MB, 1 MB, 0.5 MB). */
export const formatLimit = (bytes: number) => `${bytes / MB} MB`;

/**
 * A size over `limit`, in the limit's unit. Where one decimal would read as the limit itself (or
 * round it further up than it is, as 1 MB + 1 byte reading "1.1 MB"), it says by how much it is over.
 */
export function formatOver(bytes: number, limit: number): string {
  const shown = Number(round1(bytes / MB));
  return shown > limit / MB && shown <= bytes / MB + 0.05 ? `${shown} MB` : `${formatLimit(limit)} + ${formatBytes(bytes - limit)}`;
}

function round1(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** Every rule of `slot` that `image` breaks, in the order a user would fix them. */
export function checkImage(slot: ImageSlot, image: MeasuredImage): RuleViolation[] {
  const rule = imageRules[slot];
  const violations: RuleViolation[] = [];
  const format = image.format;
  if (!format || !(rule.formats as readonly string[]).includes(format)) {
    violations.push(format ? { key: 'errFormat', params: [format.toUpperCase()] } : { key: 'errFormatUnknown', params: [] });
    return violations; // size rules mean nothing for a file of the wrong kind
  }
  if (image.bytes > rule.maxBytes) {
    // One byte over 2 MB must not read "2 MB; it must be at most 2 MB", nor "2.1 MB".
    violations.push({ key: 'errBytes', params: [formatOver(image.bytes, rule.maxBytes), formatLimit(rule.maxBytes)] });
  }
  const { width, height } = image;
  if (width === null || height === null) {
    violations.push({ key: 'errDamaged', params: [] });
    return violations;
  }
  if (rule.minWidth !== undefined && width < rule.minWidth) {
    violations.push({ key: 'errWidthMin', params: [String(width), String(rule.minWidth)] });
  }
  if (rule.minHeight !== undefined && height < rule.minHeight) {
    violations.push({ key: 'errHeightMin', params: [String(height), String(rule.minHeight)] });
  }
  return violations;
}
