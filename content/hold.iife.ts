/**
 * Registered (by the editor, or by the background for a new spelling of an address) for the pages
 * of blogs whose skin has images, at document_start: hides the page until the main content script
 * has painted the skin. See src/first-paint.ts.
 */
import { HOLD_CSS, HOLD_KEY, MAX_HOLD_MS } from '../src/first-paint';

const hold = document.createElement('style');
hold.textContent = HOLD_CSS;
document.documentElement.append(hold);
(globalThis as Record<string, unknown>)[HOLD_KEY] = hold;
setTimeout(() => hold.remove(), MAX_HOLD_MS);
