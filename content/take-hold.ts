import { HOLD_ATTRIBUTE, HOLD_KEY } from '../src/first-paint';

/**
 * Whether the page is held by a hold script, and still out of sight: once the hold script's own
 * time limit has let it go, the main script paints as on a page never held. Taken once: the main
 * script lets it go from then on, so the hold script's timer is stopped. The page's `document` is
 * touched only on a held page: the first touch makes its DOM interface in this world, which a blog
 * without a skin is spared.
 */
export function takeHold(): boolean {
  const scope = globalThis as Record<string, unknown>;
  const backstop = scope[HOLD_KEY];
  delete scope[HOLD_KEY];
  if (backstop === undefined) return false;
  clearTimeout(backstop as ReturnType<typeof setTimeout>);
  return document.documentElement?.hasAttribute(HOLD_ATTRIBUTE) === true;
}

/** Lets a page the hold script marked be seen. */
export function releaseHold(document: Document): void {
  document.documentElement?.removeAttribute(HOLD_ATTRIBUTE);
}
