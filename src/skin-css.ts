import type { HexColor } from './color';
import { colorSlots, type ColorSlot, type ImageSlot } from './rules';
import { selectorsFor } from './sites/csdn';
import { colorSelectors, inSkinLayer, SHEET_GATE } from './skin-layer';

export { inSkinLayer, SHEET_GATE } from './skin-layer';

/**
 * The page's stylesheet as pure functions of the skin. Each part is its own text, so a
 * color change rebuilds a few hundred bytes and never the megabytes of an image.
 */

type Declarations = Readonly<Record<string, string>>;

/** How each image slot is laid on its element. */
export const imageLayout: Readonly<Record<ImageSlot, Declarations>> = {
  // The form asks for the main visual on the right: anchor there so narrow windows crop the left.
  header: { 'background-repeat': 'no-repeat', 'background-size': 'cover', 'background-position': 'right center' },
  // One stored tile (100×100) per 100×100 CSS px, as CSDN shows it, on any screen density.
  background: { 'background-repeat': 'repeat', 'background-size': '100px 100px', 'background-position': 'left top' },
  column: { 'background-repeat': 'no-repeat', 'background-size': 'auto', 'background-position': 'left top' },
};

export const gateToken = (slot: ImageSlot, revision: string) => `${slot}:${revision}`;

/** Shows while the gate does not list `token` (see SHEET_GATE). */
const gated = (token: string) => `html:not([${SHEET_GATE}~="${token}"])`;

/**
 * An image's gated rule, as the browser inserts it: as a user sheet, which needs no layer to
 * outrank the page (background/inserted-sheets.ts). `dataUrl` must already be checked
 * (`isImageDataUrl`) and `revision` read by `readSkin`: both are written into the CSS as they are.
 */
export function imageRule(slot: ImageSlot, revision: string, dataUrl: string): string {
  const selectors = selectorsFor(slot).map((selector) => `${gated(gateToken(slot, revision))} ${selector}`);
  return rule(selectors, { 'background-image': `url("${dataUrl}")`, ...imageLayout[slot] });
}

/** The same rule in a style node of the content script's own (an image shown ahead of its save): in the skin's layer. */
export function imageCss(slot: ImageSlot, revision: string, dataUrl: string): string {
  return inSkinLayer(imageRule(slot, revision, dataUrl));
}

type Colors = Partial<Record<ColorSlot, HexColor>>;

/** The colors, as a style node of the content script's shows them: one rule per color slot, in `colorSlots` order, empty for a slot without a color; no text without any. */
export function colorCss(colors: Colors): string {
  if (!colorSlots.some((slot) => colors[slot])) return '';
  const rules = colorSlots.map((slot) => rule(colorSelectors(slot, selectorsFor(slot)), colors[slot] ? { color: colors[slot] } : {}));
  return inSkinLayer(rules.join('\n'));
}

/**
 * Points a sheet of `imageCss` for `slot`, already in the page, at another revision and image, in
 * place (see `recolorSheet` for why); whether it could.
 */
export function retargetImageSheet(sheet: CSSStyleSheet, slot: ImageSlot, revision: string, dataUrl: string): boolean {
  const layer = sheet.cssRules[0] as CSSLayerBlockRule | undefined;
  if (!layer) return false;
  layer.deleteRule(0);
  layer.insertRule(imageRule(slot, revision, dataUrl));
  return true;
}

/**
 * Sets `colors` into a colors sheet already in the page, rule by rule, and says whether it could:
 * a sheet replaced by a new one, with a cascade layer, makes Chromium lay out the whole page
 * again, where a declaration changed in place restyles only the elements it names.
 */
export function recolorSheet(sheet: CSSStyleSheet, colors: Colors): boolean {
  const rules = (sheet.cssRules[0] as CSSLayerBlockRule | undefined)?.cssRules;
  if (rules?.length !== colorSlots.length) return false;
  // An empty value takes the declaration out.
  colorSlots.forEach((slot, i) => (rules[i] as CSSStyleRule).style.setProperty('color', colors[slot] ?? '', 'important'));
  return true;
}

/** One rule, every declaration `!important`, so page rules of any specificity give way. */
function rule(selectors: readonly string[], declarations: Declarations): string {
  const body = Object.entries(declarations)
    .map(([property, value]) => `${property}: ${value} !important;`)
    .join(' ');
  return `${selectors.join(',\n')} { ${body} }`;
}
