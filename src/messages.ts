import type { Slot } from './rules';
import type { LayoutId } from './sites/csdn';

/** The one question the popup asks a blog tab. Everything else flows through storage. */
export interface PageQuery {
  type: 'describe-page';
}

export interface PageDescription {
  blog: string;
  layout: LayoutId | null;
  /** Slots with an element on the page right now. */
  slots: Slot[];
}

export const describePageQuery: PageQuery = { type: 'describe-page' };

export function isPageQuery(message: unknown): message is PageQuery {
  return (message as PageQuery | null)?.type === 'describe-page';
}
