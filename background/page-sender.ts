import type { Runtime } from 'webextension-polyfill';
import { blogKeyFromUrl } from '../src/sites/csdn';
import type { SheetTarget } from './inserted-sheets';

/** A blog page that asked the background for something: its blog, its address, its frame. */
export interface PageSender {
  blog: string;
  url: string;
  frame: Omit<SheetTarget, 'page'>;
}

/**
 * Who asked, if it may be answered: only a blog page's own content script, in a tab, and only
 * for its own blog (named in the message, checked against the sender's address). Null otherwise.
 */
export function pageSender(sender: Runtime.MessageSender, message: unknown, extensionId: string): PageSender | null {
  const blog = sender.url ? blogKeyFromUrl(sender.url) : null;
  const tabId = sender.tab?.id;
  if (sender.id !== extensionId || !blog || tabId === undefined) return null;
  if ((message as { blog?: unknown } | null)?.blog !== blog) return null;
  return { blog, url: sender.url!, frame: { tabId, frameId: sender.frameId ?? 0, documentId: sender.documentId } };
}
