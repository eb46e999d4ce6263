/**
 * Registered (by the editor, or by the background for a new spelling of an address) for the pages
 * of blogs whose skin has images, at document_start, with the hold's stylesheet: marks the page
 * held until the main content script has painted the skin. See src/first-paint.ts.
 */
import { EARLY_KEY, HOLD_ATTRIBUTE, HOLD_BACKSTOP_MS, HOLD_KEY } from '../src/first-paint';

const root = document.documentElement;
const scope = globalThis as Record<string, unknown>;
root.setAttribute(HOLD_ATTRIBUTE, '');
// The main script takes this timer over with the hold (content/take-hold.ts).
scope[HOLD_KEY] = setTimeout(() => root.removeAttribute(HOLD_ATTRIBUTE), HOLD_BACKSTOP_MS);
// The main script, when it ran first, paints the page now from the skin kept for it (content/early-skin.ts).
(scope[EARLY_KEY] as (() => void) | undefined)?.();
