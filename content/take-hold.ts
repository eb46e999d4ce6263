import { HOLD_KEY } from '../src/first-paint';

/**
 * The hold node a hold script left in this isolated world, taken so it is released once. Only
 * our own scripts write this world's globals, so no type check is needed; touching an interface
 * such as `HTMLStyleElement` would cost every blog page its instantiation.
 */
export function takeHold(): HTMLStyleElement | null {
  const scope = globalThis as Record<string, unknown>;
  const hold = scope[HOLD_KEY] as HTMLStyleElement | undefined;
  if (!hold) return null;
  delete scope[HOLD_KEY];
  return hold;
}
