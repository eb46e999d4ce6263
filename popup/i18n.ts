import browser from 'webextension-polyfill';
import type messages from '../_locales/en/messages.json';
import type { Slot } from '../src/rules';

export type MessageKey = keyof typeof messages;

/** A UI string in the browser's language (zh_CN by default). */
export const t = (key: MessageKey, ...substitutions: Array<string | number>): string =>
  browser.i18n.getMessage(key, substitutions.map(String));

export const fieldLabelKey: Readonly<Record<Slot, MessageKey>> = {
  header: 'fieldHeader',
  background: 'fieldBackground',
  column: 'fieldColumn',
  title: 'fieldTitle',
  hover: 'fieldHover',
  subtitle: 'fieldSubtitle',
};

export const fieldLabel = (slot: Slot) => t(fieldLabelKey[slot]);

export const listOf = (items: string[]) => items.join(t('listSeparator'));

/** A failed write, worded with what the user can do about it. */
export const saveError = (cause: unknown) => t('errSave', cause instanceof Error ? cause.message : String(cause));
