import type { PageDescription } from '../src/messages';
import { allSlots } from '../src/rules';
import { fieldLabel, listOf, t } from './i18n';

/** Tells which fields this page shows, so a user knows where to look (an article has no header band). */
export function SlotReport({ page }: { page: PageDescription | null }) {
  if (!page) return <p class="notice">{t('noPageScript')}</p>;
  const absent = allSlots.filter((slot) => !page.slots.includes(slot));
  return (
    <div class="slot-report" aria-live="polite">
      {page.slots.length > 0 && <p>{t('slotsPresent', listOf(page.slots.map(fieldLabel)))}</p>}
      {absent.length > 0 && <p class="absent">{t('slotsAbsent', listOf(absent.map(fieldLabel)))}</p>}
    </div>
  );
}
