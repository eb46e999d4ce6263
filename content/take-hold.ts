import { HOLD_KEY } from '../src/first-paint';

/** The hold node a hold script left in this isolated world, taken so it is released once. */
export function takeHold(): HTMLStyleElement | null {
  const scope = globalThis as Record<string, unknown>;
  const hold = scope[HOLD_KEY];
  delete scope[HOLD_KEY];
  return hold instanceof HTMLStyleElement ? hold : null;
}
