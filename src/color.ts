/** A color as the page may receive it: always `#RRGGBB`, upper case. */
export type HexColor = `#${string}`;

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * Reads what a user typed: `#AFAFAF`, `#afafaf`, `AFAFAF` or `#AFA`.
 * Returns null for anything else, so nothing but a validated color reaches the page's CSS.
 */
export function parseHexColor(text: string): HexColor | null {
  const match = HEX.exec(text.trim());
  if (!match) return null;
  let digits = match[1]!;
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  return `#${digits.toUpperCase()}`;
}

/** True for a value already in stored form; used to distrust what storage hands back. */
export function isHexColor(value: unknown): value is HexColor {
  return typeof value === 'string' && /^#[0-9A-F]{6}$/.test(value);
}
