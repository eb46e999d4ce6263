import type { HexColor } from './color';
import type { ColorSlot, ImageSlot } from './rules';
import { emptySkin, isNewerRecord, readSkin, skinKey, type ImageInfo, type Skin } from './skin';

/** The part of `storage.local` this module uses; a plain object stands in for it in unit tests. */
export interface SkinStorage {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** Runs `task` while holding the lock `name`; the popup passes the Web Locks API. */
export type WithLock = <T>(name: string, task: () => Promise<T>) => Promise<T>;

const unlocked: WithLock = (_name, task) => task();

/** Where the stored images' bytes live (src/stored-images.ts); a map stands in for it in unit tests. */
export interface ImageKeeper {
  keep(blog: string, slot: ImageSlot, revision: string, dataUrl: string): Promise<void>;
  /** Lets the slot's other images go, but the one of `keep`. */
  forgetOthers(blog: string, slot: ImageSlot, keep?: string): Promise<void>;
}

/** The blog's stored skin, or an empty one. */
export async function loadSkin(storage: Pick<SkinStorage, 'get'>, blog: string): Promise<Skin> {
  return readSkin(await loadRecord(storage, blog)) ?? emptySkin();
}

/** The blog's stored record as it is: on its own, so a page's reader need carry neither the writer nor the full reader. */
export async function loadRecord(storage: Pick<SkinStorage, 'get'>, blog: string): Promise<unknown> {
  const key = skinKey(blog);
  return (await storage.get(key))[key];
}

/**
 * Persistence per blog. The skin record (colors, switch, image facts) is small and lives in
 * `storage.local`, whose change events tell pages what to show; each image's bytes are kept apart
 * (`ImageKeeper`), so no page hears of megabytes, and a color change writes a few hundred bytes.
 */
export class SkinStore {
  /** Edits from one popup run one after another, so quick successive changes never undo each other. */
  private pending: Promise<unknown> = Promise.resolve();

  /**
   * `withLock` spans every page of the extension (Web Locks), so two editors of one blog open in
   * two tabs take turns reading and writing instead of overwriting each other's change.
   */
  constructor(
    private readonly storage: SkinStorage,
    private readonly images: ImageKeeper,
    private readonly withLock: WithLock = unlocked,
  ) {}

  load(blog: string): Promise<Skin> {
    return loadSkin(this.storage, blog);
  }

  setColor(blog: string, slot: ColorSlot, color: HexColor | null): Promise<Skin> {
    return this.update(blog, (skin) => {
      if (color) skin.colors[slot] = color;
      else delete skin.colors[slot];
    });
  }

  setEnabled(blog: string, enabled: boolean): Promise<Skin> {
    return this.update(blog, (skin) => {
      skin.enabled = enabled;
    });
  }

  /**
   * A new pick: the stored image cut from it is kept before the record that names it is written,
   * and the slot's other images go after, all under the record's lock, so a reader of the record
   * always finds its image. The picked file itself is kept the same way (`file`).
   */
  setImage(blog: string, slot: ImageSlot, info: ImageInfo, outputDataUrl: string, file?: FileKeeper): Promise<Skin> {
    const image = this.imageKeeper(blog, slot, info.revision, outputDataUrl);
    return this.update(
      blog,
      (skin) => {
        skin.images[slot] = info;
      },
      file ? [image, file] : [image],
    );
  }

  /**
   * The same pick cut again (its frame moved): only the stored image changes. Refused with
   * `StaleCropError` when the slot now holds another pick, so a late crop never lands on it.
   */
  setCrop(blog: string, slot: ImageSlot, info: ImageInfo, outputDataUrl: string): Promise<Skin> {
    return this.update(
      blog,
      (skin) => {
        if (skin.images[slot]?.source.id !== info.source.id) throw new StaleCropError();
        skin.images[slot] = info;
      },
      [this.imageKeeper(blog, slot, info.revision, outputDataUrl)],
    );
  }

  /** Keeps one stored image for the record's write, and lets the slot's others go after it. */
  private imageKeeper(blog: string, slot: ImageSlot, revision: string, dataUrl: string): FileKeeper {
    return {
      keep: () => this.images.keep(blog, slot, revision, dataUrl),
      forgetOthers: () => this.images.forgetOthers(blog, slot, revision),
    };
  }

  async removeImage(blog: string, slot: ImageSlot, file?: Pick<FileKeeper, 'forgetOthers'>): Promise<Skin> {
    const skin = await this.update(blog, (draft) => {
      delete draft.images[slot];
    });
    // The record no longer points at the bytes, so dropping them second can never break it.
    await this.withLock(skinKey(blog), async () => {
      if ((await this.load(blog)).images[slot]) return; // picked again meanwhile
      await this.images.forgetOthers(blog, slot).catch(() => undefined);
      await file?.forgetOthers().catch(() => undefined);
    });
    return skin;
  }

  /** `files`: what the record will name, kept before it is written; what it no longer names, let go after. */
  private update(blog: string, change: (skin: Skin) => void, files: FileKeeper[] = []): Promise<Skin> {
    const next = this.pending.then(() =>
      this.withLock(skinKey(blog), async () => {
        // Read fresh each time: another tab of the same blog may have written since we loaded.
        const record = await loadRecord(this.storage, blog);
        if (isNewerRecord(record)) throw new NewerSkinError();
        const skin = readSkin(record) ?? emptySkin();
        change(skin);
        for (const file of files) await file.keep();
        await this.storage.set({ [skinKey(blog)]: skin });
        // Best effort: a file left behind costs space, never a skin.
        for (const file of files) await file.forgetOthers().catch(() => undefined);
        return skin;
      }),
    );
    this.pending = next.catch(() => undefined);
    return next;
  }
}

/** A crop of a pick that is no longer the slot's: the newer pick stays. */
export class StaleCropError extends Error {
  constructor() {
    super('the image was replaced');
    this.name = 'StaleCropError';
  }
}

/** The blog's record is of a newer schema than this version reads: an edit would lose what it holds. */
export class NewerSkinError extends Error {
  constructor() {
    super('the skin was saved by a newer version of the extension');
    this.name = 'NewerSkinError';
  }
}

/** Keeps a file (before its record is written) and lets the slot's other files go (after). */
export interface FileKeeper {
  keep(): Promise<void>;
  forgetOthers(): Promise<void>;
}
