import type { PageDescription } from '../src/messages';
import { allSlots } from '../src/rules';
import { layouts, selectorsFor } from '../src/sites/csdn';

/**
 * Which kind of page this is and which slots it has elements for, as the editor reports them: a
 * slot is there when an element matches one of the selectors that paint it (src/sites/csdn.ts).
 */
export function describePage(document: Document, blog: string): PageDescription {
  const has = (selectors: string) => document.querySelector(selectors) !== null;
  return {
    blog,
    layout: layouts.find(([, marker]) => has(marker))?.[0] ?? null,
    slots: allSlots.filter((slot) => has(selectorsFor(slot).join())),
  };
}
