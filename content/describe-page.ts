import type { PageDescription } from '../src/messages';
import { allSlots } from '../src/rules';
import { selectorsFor } from '../src/sites/csdn';

/**
 * Which slots the page has elements for, as the editor reports them: a slot is there when an
 * element matches one of the selectors that paint it (src/sites/csdn.ts).
 */
export function describePage(document: Document, blog: string): PageDescription {
  return { blog, slots: allSlots.filter((slot) => document.querySelector(selectorsFor(slot).join()) !== null) };
}
