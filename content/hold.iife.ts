/**
 * Registered (by the editor, or by the background for a new spelling of an address) for the pages
 * of blogs whose skin has images, at document_start, with the hold's stylesheet: marks the page
 * held until the main content script has painted the skin. See src/first-paint.ts.
 */
import { HOLD_ATTRIBUTE, HOLD_BACKSTOP_MS, HOLD_KEY } from '../src/first-paint';

const root = document.documentElement;
root.setAttribute(HOLD_ATTRIBUTE, '');
// The main script takes this timer over with the hold (content/take-hold.ts).
(globalThis as Record<string, unknown>)[HOLD_KEY] = setTimeout(() => root.removeAttribute(HOLD_ATTRIBUTE), HOLD_BACKSTOP_MS);
