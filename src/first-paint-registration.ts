import { nativeBrowser as browser } from './ext';
import { blogPagePatterns, FIRST_PAINT_ID_PREFIX, firstPaintFiles, firstPaintKey, firstPaintOf, type FirstPaintStamp } from './first-paint';
import { blogOfSkinKey, readPageSkin, skinKey } from './skin';

/**
 * Keeps one content script of first-paint sheets registered per blog whose skin shows something
 * (see src/first-paint.ts), naming the sheets that spell its skin, for every spelling of its
 * address seen (by the editor, or by the background when a page of that spelling asks for its
 * images). The registrations themselves are the list (no index of blogs to keep in step); Web
 * Locks keep two editors, or an editor and the background, from racing over one. Registrations
 * persist across browser restarts.
 */
export async function keepFirstPaint(blog: string, spellings: string[] = []): Promise<void> {
  const id = `${FIRST_PAINT_ID_PREFIX}${blog}`;
  await navigator.locks.request(id, async () => {
    // Read under the lock: a skin read before it could be older than what another holder wrote.
    const storage = browser.storage.local;
    const stored = await storage.get([skinKey(blog), firstPaintKey(blog)]);
    const skin = readPageSkin(stored[skinKey(blog)]);
    const css = firstPaintFiles(skin).map(fromRoot);
    const { scripting } = browser;
    const [current] = await scripting.getRegisteredContentScripts({ ids: [id] });
    const of = firstPaintOf(skin);
    const stamp = stored[firstPaintKey(blog)] as Partial<FirstPaintStamp> | undefined;
    if (css.length === 0) {
      // Every spelling seen goes with the blog's own patterns when its skin goes.
      if (current) await scripting.unregisterContentScripts({ ids: [id] });
      // Pages started a moment ago may have the sheets still: the stamp says since when none are.
      if (stamp && stamp.of !== of) await storage.set({ [firstPaintKey(blog)]: { of, at: Date.now() } satisfies FirstPaintStamp });
      return;
    }
    // The spellings registered already, oldest first, then the new ones: only the latest few stay,
    // so a page cannot grow the list by visiting the blog under ever new capitalisations.
    const held = (current?.matches ?? []).map(spellingOf).filter((name) => !spellings.includes(name));
    const seen = [...new Set([...held, ...spellings])].filter((name) => name && name !== blog).slice(-MAX_SPELLINGS);
    const matches = blogPagePatterns(blog, seen);
    const sameSheets = current && sameList(css, (current.css ?? []).map(fromRoot)) && !current.js?.length;
    if (!sameSheets || !sameSet(matches, current.matches ?? [])) {
      const script = { id, matches, css, runAt: 'document_start' as const };
      if (current) await scripting.updateContentScripts([script]);
      else await scripting.registerContentScripts([{ ...script, persistAcrossSessions: true }]);
    }
    // Pages tell by this whether their sheets show the record as it is, and whether their address
    // is one the sheets are for (src/first-paint.ts).
    if (!sameSheets || stamp?.of !== of || !sameSet(seen, stamp.spellings ?? [])) {
      await storage.set({ [firstPaintKey(blog)]: { of, at: Date.now(), ...(seen.length > 0 ? { spellings: seen } : {}) } satisfies FirstPaintStamp });
    }
  });
}

/**
 * Keeps the registrations in step with the records, from the background: the editor also keeps
 * its blog's after each save (with the spelling of its tab's address), but a popup closes the
 * moment the user clicks away, and may be gone before its own call is done. Changes that come
 * while a blog's registration is being written are taken in one more pass, which reads the latest
 * record: typing a color saves many times a second.
 */
export function followRecordsForFirstPaint(changes: Record<string, { oldValue?: unknown; newValue?: unknown }>): void {
  for (const [key, { oldValue, newValue }] of Object.entries(changes)) {
    const blog = blogOfSkinKey(key);
    if (blog && firstPaintFiles(readPageSkin(oldValue)).join() !== firstPaintFiles(readPageSkin(newValue)).join()) void follow(blog);
  }
}

/** Per blog being written: whether another pass is wanted once this one ends. */
const following = new Map<string, boolean>();

/**
 * How long a blog's changes are let settle before its registration is written: a registration
 * change goes out to every page process of the browser, and a color typed saves on each key.
 */
const FOLLOW_AFTER_MS = 200;

async function follow(blog: string): Promise<void> {
  if (following.has(blog)) {
    following.set(blog, true);
    return;
  }
  try {
    do {
      following.set(blog, false);
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_AFTER_MS));
      await keepFirstPaint(blog).catch(() => undefined);
    } while (following.get(blog));
  } finally {
    following.delete(blog);
  }
}

/**
 * Registers every stored blog whose skin shows something again. Firefox drops dynamic content
 * scripts when an extension is updated, and the registrations are the only list of such blogs;
 * spellings other than the blog's own come back as pages at them are seen. Versions before the
 * first-paint sheets registered one hold script for all blogs: it goes.
 */
export async function rebuildFirstPaint(): Promise<void> {
  const { scripting } = browser;
  const legacy = await scripting.getRegisteredContentScripts({ ids: [LEGACY_HOLD_ID] });
  if (legacy.length > 0) await scripting.unregisterContentScripts({ ids: [LEGACY_HOLD_ID] });
  const local = browser.storage.local as typeof browser.storage.local & { getKeys?: () => Promise<string[]> };
  // getKeys spares reading every image's bytes where the browser has it.
  const keys = local.getKeys ? await local.getKeys() : Object.keys(await local.get(null));
  for (const blog of keys.map(blogOfSkinKey)) if (blog) await keepFirstPaint(blog);
}

const LEGACY_HOLD_ID = 'first-paint-hold';

/**
 * From the extension's root: Firefox resolves a relative path against the page that registers it
 * (the editor's popup/index.html), where Chrome takes it from the root.
 */
const fromRoot = (path: string) => `/${path.replace(/^\//, '')}`;

/** Spellings of a blog's address registered besides its own (lower case) one. */
const MAX_SPELLINGS = 4;

/** The blog name a blog.csdn.net pattern spells, case kept; '' for a subdomain's pattern. */
const spellingOf = (pattern: string) => /^https:\/\/blog\.csdn\.net\/([^/?*]+)/.exec(pattern)?.[1] ?? '';

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((item, i) => item === b[i]);
const sameSet = (a: string[], b: string[]) => a.length === b.length && b.every((item) => a.includes(item));
