/**
 * The first-paint sheets as the build writes them (see src/first-paint.ts), made from the slot
 * map. Imported by the build's config, so its imports name their files.
 */
import { colorDigitFile, colorRuleFile, COLORS_TAKEN, digitProperty, waitFile, waitOver } from './first-paint.ts';
import { colorSlots, imageSlots, type ColorSlot, type ImageSlot } from './rules.ts';
import { selectorsFor } from './sites/csdn.ts';
import { colorSelectors, inSkinLayer, SHEET_GATE } from './skin-layer.ts';

/**
 * Applies while the content script has not taken `token` over. `:where` adds no specificity, so
 * the rule weighs what the content script's own rule for the same elements weighs.
 */
const untaken = (token: string) => `:where(:root:not([${SHEET_GATE}~="${token}"]))`;

/** One channel of `slot`'s color, from two of its digits. */
const channel = (slot: ColorSlot, first: number) =>
  `calc(var(${digitProperty(slot, first)}) * 16 + var(${digitProperty(slot, first + 1)}))`;

/**
 * A color slot's rule, in the skin's layer as the content script's colors are: a page's own layers,
 * declared after it, give way.
 */
export function colorRule(slot: ColorSlot): string {
  const selectors = colorSelectors(slot, selectorsFor(slot)).map((selector) => `${untaken(COLORS_TAKEN)} ${selector}`);
  const color = `rgb(${channel(slot, 0)} ${channel(slot, 2)} ${channel(slot, 4)})`;
  return `${inSkinLayer(`${selectors.join(',\n')} { color: ${color} !important; }`)}\n`;
}

/** An image slot shows no image while it waits: unlayered, so the content script's own image sheet (layered) outranks it too. */
export function waitRule(slot: ImageSlot): string {
  return `${untaken(waitOver(slot))} :is(${selectorsFor(slot).join(', ')}) { background-image: none !important; }\n`;
}

const HEX_DIGITS = '0123456789abcdef';

/** Every sheet a registration may name, by its file in the package. */
export function firstPaintSheets(): Record<string, string> {
  const sheets: Record<string, string> = {};
  for (const slot of colorSlots) {
    sheets[colorRuleFile(slot)] = colorRule(slot);
    for (let position = 0; position < 6; position++) {
      for (const [value, digit] of [...HEX_DIGITS].entries()) {
        // Switched off with the colors, so a page whose skin is off computes to what it did without.
        sheets[colorDigitFile(slot, position, digit)] = `${untaken(COLORS_TAKEN)} { ${digitProperty(slot, position)}: ${value}; }\n`;
      }
    }
  }
  for (const slot of imageSlots) sheets[waitFile(slot)] = waitRule(slot);
  return sheets;
}
