import type { PageDescription } from '../src/messages';
import { allSlots, type Slot } from '../src/rules';
import { csdnLayouts } from '../src/sites/csdn';

/** Which layout this page is and which slots it has elements for, as the popup reports them. */
export function describePage(document: Document, blog: string): PageDescription {
  const layout = csdnLayouts.find((candidate) => document.querySelector(candidate.marker));
  const slots = allSlots.filter((slot: Slot) =>
    (layout?.slots[slot] ?? []).some((selector) => document.querySelector(selector)),
  );
  return { blog, layout: layout?.id ?? null, slots };
}
