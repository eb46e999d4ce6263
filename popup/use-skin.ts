import { useEffect, useMemo, useState } from 'preact/hooks';
import browser, { type Tabs } from 'webextension-polyfill';
import type { HexColor } from '../src/color';
import type { PageDescription } from '../src/messages';
import { imageSlots, type ColorSlot, type ImageSlot } from '../src/rules';
import { blogHostPatterns, blogKeyFromUrl, blogSpellingInUrl } from '../src/sites/csdn';
import { emptySkin, isNewerRecord, readSkin, skinKey, type ImageInfo, type Skin } from '../src/skin';
import { loadRecord, SkinStore, type ImageKeeper } from '../src/store';
import { forgetStoredImages, keepStoredImage, readStoredImage } from '../src/stored-images';
import { keepFirstPaint } from '../src/first-paint-registration';
import { describeTab, dropColorPreviewInTab, dropPreviewInTab, previewColorInTab, previewInTab } from './page-calls';
import { forgetPickedFiles, keepPickedFile, pickedFile } from './picked-files';
import { findTargetTab } from './target';

export type ImageUrls = Partial<Record<ImageSlot, string>>;

export type PopupState =
  | { status: 'loading' }
  | { status: 'no-blog' }
  /** The browser withholds access to blog pages (the user's choice in Firefox, or Chrome's site access). */
  | { status: 'no-access' }
  | { status: 'error'; message: string }
  /** The blog's record is of a newer schema: shown as such, never edited (src/store.ts). */
  | { status: 'newer'; blog: string }
  | {
      status: 'ready';
      blog: string;
      /** The blog tab being edited. */
      tabId: number;
      /** How the tab's address spells the blog's name (case kept), for the first-paint registration. */
      spellings: string[];
      page: PageDescription | null;
      skin: Skin;
      imageUrls: ImageUrls;
      /** The stored images have been read: a slot still without one has lost its bytes. */
      imagesRead: boolean;
    };

/** An image as the editor saves it: its record, the stored image cut from it, and for a new pick the file itself. */
export interface ImageEdit {
  info: ImageInfo;
  /** The exact-size image CSDN will store, as a data URL: the only image bytes a page gets. */
  output: string;
  /** The picked file; absent when only the crop changed. */
  source?: Blob;
}

export interface SkinActions {
  setColor(slot: ColorSlot, color: HexColor | null): Promise<void>;
  setImage(slot: ImageSlot, image: ImageEdit): Promise<void>;
  /** Shows a stored image on the tab without saving it: the frame while it moves. */
  previewImage(slot: ImageSlot, revision: string, output: string): void;
  /** The picked file of the stored image `pick`, or null when it is not kept. */
  loadSource(slot: ImageSlot, pick: string): Promise<Blob | null>;
  removeImage(slot: ImageSlot): Promise<void>;
  setEnabled(enabled: boolean): Promise<void>;
}

const imageKeeper: ImageKeeper = {
  keep: keepStoredImage,
  forgetOthers: (blog, slot, keep) => forgetStoredImages(browser.storage.local, blog, slot, keep),
};
const store = new SkinStore(browser.storage.local, imageKeeper, async (name, task) => await navigator.locks.request(name, task));

/**
 * Finds the target tab and reads its blog's record and page. The editor's entry starts it before
 * its first render (popup/main.tsx), so the reads are under way while the loading state is drawn
 * instead of after it (an effect runs only after the next frame).
 */
export function loadPopupState(): Promise<PopupState> {
  return loadState().catch((cause: unknown) => ({ status: 'error', message: cause instanceof Error ? cause.message : String(cause) }));
}

/** The popup's one piece of state: the target blog, its page, and its stored skin. */
export function useSkin(loading: Promise<PopupState>): { state: PopupState; actions: SkinActions } {
  const [state, setState] = useState<PopupState>({ status: 'loading' });

  useEffect(() => {
    void loading.then(setState);
  }, [loading]);

  // `npm run bench` times the editor from navigation to this mark: the fields show the stored skin.
  useEffect(() => {
    if (state.status === 'ready') performance.mark('bsp:ready');
  }, [state.status]);

  const blog = state.status === 'ready' ? state.blog : null;
  const tabId = state.status === 'ready' ? state.tabId : null;
  const spellings = state.status === 'ready' ? state.spellings : [];

  useEffect(() => {
    if (!blog) return;
    // Another editor of this blog (a second tab) may change the skin: show what is stored.
    const show = (record: unknown) => {
      if (isNewerRecord(record)) return setState({ status: 'newer', blog });
      const skin = readSkin(record) ?? emptySkin();
      setState((previous) => (previous.status === 'ready' ? { ...previous, skin } : previous));
    };
    let heard = false;
    const follow = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>, area: string) => {
      const change = area === 'local' ? changes[skinKey(blog)] : undefined;
      if (!change) return;
      heard = true;
      // Images stored meanwhile (by another editor) are kept before the record that names them.
      const before = readSkin(change.oldValue);
      const after = readSkin(change.newValue);
      const changed = imageSlots.filter((slot) => after?.images[slot] && after.images[slot].revision !== before?.images[slot]?.revision);
      if (after && changed.length > 0) {
        void loadImages(blog, after, changed).then((stored) =>
          setState((previous) => (previous.status === 'ready' ? { ...previous, imageUrls: { ...previous.imageUrls, ...stored } } : previous)),
        );
      }
      show(change.newValue);
    };
    browser.storage.onChanged.addListener(follow);
    // A change made between the first read and now was not heard: read once more.
    void loadRecord(browser.storage.local, blog).then((record) => {
      if (!heard) show(record);
    });
    return () => browser.storage.onChanged.removeListener(follow);
  }, [blog]);

  // The blog tab may reload or move to another of the blog's pages: ask it again, so the report
  // is of the page now shown, and that page hears the previews (it listens once described).
  useEffect(() => {
    if (tabId === null || !blog) return;
    let asked = 0;
    const describe = () => {
      const ask = ++asked; // answers can come back out of order: only the latest counts
      void describeTab(tabId).then((page) => {
        if (ask !== asked) return;
        setState((previous) => (previous.status === 'ready' ? { ...previous, page: page?.blog === blog ? page : null } : previous));
      });
    };
    const onUpdated = (updated: number, change: Tabs.OnUpdatedChangeInfoType) => {
      if (updated === tabId && change.status === 'complete') describe();
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    // Once more now: a load that finished while the editor was starting was not heard.
    describe();
    return () => browser.tabs.onUpdated.removeListener(onUpdated);
  }, [tabId, blog]);

  // Thumbnails come after the fields: their bytes are read apart from the record.
  const firstSkin = state.status === 'ready' ? state.skin : null;
  useEffect(() => {
    if (!blog || !firstSkin) return;
    void loadImages(blog, firstSkin, imageSlots).then((stored) =>
      setState((previous) =>
        previous.status === 'ready' ? { ...previous, imageUrls: { ...stored, ...previous.imageUrls }, imagesRead: true } : previous,
      ),
    );
  }, [blog]);

  const actions = useMemo<SkinActions>(() => {
    const apply = (skin: Skin, imageUrls?: (urls: ImageUrls) => ImageUrls) =>
      setState((previous) =>
        previous.status === 'ready'
          ? { ...previous, skin, imageUrls: imageUrls ? imageUrls(previous.imageUrls) : previous.imageUrls }
          : previous,
      );
    const needBlog = () => {
      if (!blog) throw new Error('no blog');
      return blog;
    };
    // Images, colors or the switch changed: so may the blog's first-paint sheets, registered for the
    // tab's spelling of its address (the background follows every change too, for the blog's own).
    const keepFirstPaintOf = () => keepFirstPaintFor(needBlog(), spellings);
    return {
      async setColor(slot, color) {
        const target = needBlog();
        // The tab shows it at once; the save's lock, read and write, then storage's event, come after.
        const preview = crypto.randomUUID();
        if (tabId !== null) previewColorInTab(tabId, target, slot, color, preview);
        const skin = await store.setColor(target, slot, color).catch((cause: unknown) => {
          if (tabId !== null) dropColorPreviewInTab(tabId, target, slot, preview);
          throw cause;
        });
        apply(skin);
        // A skin that gains its first color, or loses its last, may start or stop being registered;
        // the background follows each color itself (typing saves many times a second).
        const colored = Object.keys(skin.colors).length;
        if (colored === 0 || (colored === 1 && color)) void keepFirstPaintOf();
      },
      async setImage(slot, { info, output, source }) {
        const target = needBlog();
        const { revision } = info;
        // The tab shows it while it is written, and takes it back if the write fails.
        if (tabId !== null) previewInTab(tabId, target, slot, revision, output);
        const pick = info.source.id;
        const saving = source
          ? store.setImage(target, slot, info, output, {
              keep: () => keepPickedFile(target, slot, pick, source),
              forgetOthers: () => forgetPickedFiles(target, slot, pick),
            })
          : store.setCrop(target, slot, info, output);
        const skin = await saving.catch((cause: unknown) => {
          if (tabId !== null) dropPreviewInTab(tabId, target, slot, revision);
          throw cause;
        });
        apply(skin, (urls) => ({ ...urls, [slot]: output }));
        void keepFirstPaintOf();
      },
      previewImage(slot, revision, output) {
        if (tabId !== null) previewInTab(tabId, needBlog(), slot, revision, output);
      },
      loadSource(slot, pick) {
        return pickedFile(needBlog(), slot, pick).catch(() => null);
      },
      async removeImage(slot) {
        const target = needBlog();
        const skin = await store.removeImage(target, slot, { forgetOthers: () => forgetPickedFiles(target, slot) });
        apply(skin, ({ [slot]: _removed, ...rest }) => rest);
        void keepFirstPaintOf();
      },
      async setEnabled(enabled) {
        const skin = await store.setEnabled(needBlog(), enabled);
        apply(skin);
        void keepFirstPaintOf();
      },
    };
  }, [blog, tabId, spellings]);

  return { state, actions };
}

async function loadState(): Promise<PopupState> {
  const tab = await findTargetTab();
  const blog = tab?.url ? blogKeyFromUrl(tab.url) : null;
  if (!tab?.id || !blog) {
    const access = await browser.permissions.contains({ origins: blogHostPatterns });
    return { status: access ? 'no-blog' : 'no-access' };
  }
  const [record, page] = await Promise.all([loadRecord(browser.storage.local, blog), describeTab(tab.id)]);
  if (isNewerRecord(record)) return { status: 'newer', blog };
  const skin = readSkin(record) ?? emptySkin();
  const spelling = blogSpellingInUrl(tab.url!);
  const spellings = spelling ? [spelling] : [];
  // Opening the editor also repairs the first-paint registration (a failed one, or one lost in an update).
  void keepFirstPaintFor(blog, spellings);
  return { status: 'ready', blog, tabId: tab.id, spellings, page, skin, imageUrls: {}, imagesRead: false };
}

/** Without the registration the preview still works, with a flash at load, so a failure is only logged. */
function keepFirstPaintFor(blog: string, spellings: string[]): Promise<void> {
  return keepFirstPaint(blog, spellings).catch((cause: unknown) => console.warn('first paint:', cause));
}

/** The stored images of `slots`, as `skin` names them; checked, so a damaged record makes the editor load nothing. */
async function loadImages(blog: string, skin: Skin, slots: readonly ImageSlot[]): Promise<ImageUrls> {
  const imageUrls: ImageUrls = {};
  await Promise.all(
    slots.map(async (slot) => {
      const revision = skin.images[slot]?.revision;
      const url = revision && (await readStoredImage(browser.storage.local, blog, slot, revision).catch(() => null));
      if (url) imageUrls[slot] = url;
    }),
  );
  return imageUrls;
}
