import { HOLD_ATTRIBUTE, HOLD_KEY } from '../src/first-paint';

/** Whether a hold script marked this page held; taken, so it is released once. */
export function takeHold(): boolean {
  const scope = globalThis as Record<string, unknown>;
  const held = scope[HOLD_KEY] === true;
  delete scope[HOLD_KEY];
  return held;
}

/** Lets a page the hold script marked be seen. */
export function releaseHold(document: Document): void {
  document.documentElement?.removeAttribute(HOLD_ATTRIBUTE);
}
