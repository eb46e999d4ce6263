import holdScript from '../content/hold.iife.ts?script';
import { nativeBrowser as browser } from './ext';
import { blogPagePatterns, HOLD_SCRIPT_ID, HOLD_SHEET_FILE } from './first-paint';
import { blogOfSkinKey, readPageSkin, skinKey } from './skin';

/**
 * Keeps the hold script registered for exactly the blogs whose skin has images and is on, in
 * every spelling of their addresses seen (by the editor, or by the background when a page of that
 * spelling asks for its images). The registration itself is the list (no index of blogs to keep
 * in step); Web Locks keep two editors, or an editor and the background, from racing over it.
 * Registrations persist across browser restarts.
 */
export async function keepFirstPaintHold(blog: string, spellings: string[] = []): Promise<void> {
  await navigator.locks.request(HOLD_SCRIPT_ID, async () => {
    // Read under the lock: a skin read before it could be older than what another holder wrote.
    const stored = await browser.storage.local.get(skinKey(blog));
    const skin = readPageSkin(stored[skinKey(blog)]);
    const wanted = Boolean(skin?.enabled && Object.keys(skin.images).length > 0);
    const { scripting } = browser;
    const [current] = await scripting.getRegisteredContentScripts({ ids: [HOLD_SCRIPT_ID] });
    const matches = new Set(current?.matches ?? []);
    // Every spelling ever seen is dropped with the blog's own patterns when its skin goes.
    const ours = wanted ? blogPagePatterns(blog, spellings) : [...matches].filter((p) => isPatternOf(blog, p));
    for (const pattern of ours) {
      if (wanted) matches.add(pattern);
      else matches.delete(pattern);
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
 * Registers the hold again for every stored blog whose skin has images. Firefox drops dynamic
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

/** Whether `pattern` is one of `blog`'s, in any spelling. */
function isPatternOf(blog: string, pattern: string): boolean {
  const name = /^https:\/\/blog\.csdn\.net\/([^/?*]+)/.exec(pattern)?.[1];
  return name?.toLowerCase() === blog || pattern === `https://${blog}.blog.csdn.net/*`;
}

const sameSet = (a: Set<string>, b: string[]) => a.size === b.length && b.every((item) => a.has(item));
