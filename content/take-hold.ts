import { HOLD_ATTRIBUTE, HOLD_KEY } from '../src/first-paint';

/**
 * Whether the page is held by a hold script, and still out of sight: once the hold script's own
 * time limit has let it go, the main script paints as on a page never held. Taken once: the main
 * script lets it go from then on, so the hold script's timer is stopped. The page's `document` is
 * touched only on a held page: the first touch makes its DOM interface in this world, which a blog
 * without a skin is spared.
 */
export function takeHold(): boolean {
  const held = isHeld();
  const scope = globalThis as Record<string, unknown>;
  clearTimeout(scope[HOLD_KEY] as ReturnType<typeof setTimeout> | undefined);
  delete scope[HOLD_KEY];
  return held;
}

/** Whether the hold script has marked the page and its timer still runs (not taken yet); see `takeHold`. */
export function isHeld(): boolean {
  return HOLD_KEY in globalThis && document.documentElement?.hasAttribute(HOLD_ATTRIBUTE) === true;
}

/** Lets a page the hold script marked be seen. */
export function releaseHold(document: Document): void {
  document.documentElement?.removeAttribute(HOLD_ATTRIBUTE);
}
