import { HOLD_ATTRIBUTE, HOLD_KEY } from '../src/first-paint';

/**
 * Whether the page is held by a hold script, and still out of sight: once the hold script's own
 * time limit has let it go, the main script paints as on a page never held. Taken, so it is
 * released once.
 */
export function takeHold(document: Document): boolean {
  const scope = globalThis as Record<string, unknown>;
  const ran = scope[HOLD_KEY] === true;
  delete scope[HOLD_KEY];
  return ran && document.documentElement?.hasAttribute(HOLD_ATTRIBUTE) === true;
}

/** Lets a page the hold script marked be seen. */
export function releaseHold(document: Document): void {
  document.documentElement?.removeAttribute(HOLD_ATTRIBUTE);
}
