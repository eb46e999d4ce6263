import holdScript from '../content/hold.iife.ts?script';
import { nativeBrowser as browser } from './ext';
import { blogPagePatterns, HOLD_SCRIPT_ID, HOLD_SHEET_FILE } from './first-paint';
import { blogOfSkinKey, readPageSkin, showsAnything, skinKey } from './skin';

/**
 * Keeps the hold script registered for exactly the blogs whose skin is on and shows something, in
 * every spelling of their addresses seen (by the editor, or by the background when a page of that
 * spelling asks for its images). The registration itself is the list (no index of blogs to keep
 * in step); Web Locks keep two editors, or an editor and the background, from racing over it.
 * Registrations persist across browser restarts.
 */
export async function keepFirstPaintHold(blog: string, spellings: string[] = []): Promise<void> {
  await navigator.locks.request(HOLD_SCRIPT_ID, async () => {
    // Read under the lock: a skin read before it could be older than what another holder wrote.
    const stored = await browser.storage.local.get(skinKey(blog));
    const wanted = isHeldAtFirstPaint(stored[skinKey(blog)]);
    const { scripting } = browser;
    const [current] = await scripting.getRegisteredContentScripts({ ids: [HOLD_SCRIPT_ID] });
    const matches = new Set(current?.matches ?? []);
    const kept = [...matches].filter((p) => isPatternOf(blog, p));
    // Every spelling seen is dropped with the blog's own patterns when its skin goes.
    for (const pattern of kept) matches.delete(pattern);
    if (wanted) {
      // The spellings held already, oldest first, then the new ones: only the latest few stay, so
      // a page cannot grow the list by visiting the blog under ever new capitalisations.
      const held = kept.map(spellingOf).filter((name) => !spellings.includes(name));
      const seen = [...new Set([...held, ...spellings])].filter((name) => name && name !== blog);
      for (const pattern of blogPagePatterns(blog, seen.slice(-MAX_SPELLINGS))) matches.add(pattern);
    }
    // A registration from an older version may name other files.
    const sameFiles =
      (current?.js ?? []).map(fromRoot).join() === holdFile && (current?.css ?? []).map(fromRoot).join() === holdSheetFile;
    if (current && sameFiles && sameSet(matches, current.matches ?? [])) return;
    if (!current && matches.size === 0) return;
    if (matches.size === 0) return scripting.unregisterContentScripts({ ids: [HOLD_SCRIPT_ID] });
    const script = {
      id: HOLD_SCRIPT_ID,
      matches: [...matches],
      js: [holdFile],
      css: [holdSheetFile],
      runAt: 'document_start' as const,
    };
    if (current) await scripting.updateContentScripts([script]);
    else await scripting.registerContentScripts([{ ...script, persistAcrossSessions: true }]);
  });
}

/**
 * Whether the pages of a blog with this stored record are held at first paint: any skin that shows
 * something, since its colors too would show a frame late without the hold (storage answers after
 * a light page's first frame); a skin of colors alone is let go as soon as they are read.
 */
export function isHeldAtFirstPaint(record: unknown): boolean {
  const skin = readPageSkin(record);
  return skin !== null && showsAnything(skin);
}

/**
 * Keeps the registration in step with the records, from the background: the editor also keeps it
 * after each save (with the spelling of its tab's address), but a popup closes the moment the user
 * clicks away, and may be gone before its own call is done.
 */
export function followRecordsForHold(changes: Record<string, { oldValue?: unknown; newValue?: unknown }>): void {
  for (const [key, { oldValue, newValue }] of Object.entries(changes)) {
    const blog = blogOfSkinKey(key);
    if (blog && isHeldAtFirstPaint(oldValue) !== isHeldAtFirstPaint(newValue)) keepFirstPaintHold(blog).catch(() => undefined);
  }
}

/**
 * Registers the hold again for every stored blog whose skin shows something. Firefox drops dynamic
 * content scripts when an extension is updated, and the registration is the only list of held
 * blogs; spellings other than the blog's own come back as pages at them are seen.
 */
export async function rebuildFirstPaintHold(): Promise<void> {
  const local = browser.storage.local as typeof browser.storage.local & { getKeys?: () => Promise<string[]> };
  // getKeys spares reading every image's bytes where the browser has it.
  const keys = local.getKeys ? await local.getKeys() : Object.keys(await local.get(null));
  for (const blog of keys.map(blogOfSkinKey)) if (blog) await keepFirstPaintHold(blog);
}

/**
 * From the extension's root: Firefox resolves a relative path against the page that registers it
 * (the editor's popup/index.html), where Chrome takes it from the root.
 */
const fromRoot = (path: string) => `/${path.replace(/^\//, '')}`;
const holdFile = fromRoot(holdScript);
const holdSheetFile = fromRoot(HOLD_SHEET_FILE);

/** Spellings of a blog's address held besides its own (lower case) one. */
const MAX_SPELLINGS = 4;

/** The blog name a blog.csdn.net pattern spells, case kept; '' for a subdomain's pattern. */
const spellingOf = (pattern: string) => /^https:\/\/blog\.csdn\.net\/([^/?*]+)/.exec(pattern)?.[1] ?? '';

/** Whether `pattern` is one of `blog`'s, in any spelling. */
function isPatternOf(blog: string, pattern: string): boolean {
  return spellingOf(pattern).toLowerCase() === blog || pattern === `https://${blog}.blog.csdn.net/*`;
}

const sameSet = (a: Set<string>, b: string[]) => a.size === b.length && b.every((item) => a.has(item));
