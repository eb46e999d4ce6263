/**
 * What the benchmark runs inside the browser's pages. Both ends of a latency are read there, as
 * `performance.timeOrigin + performance.now()`, and a reading of the blog page is put on the
 * editor's clock before the two are compared (`editorClockFor`).
 *
 * Functions run in a page are written without named inner functions: `tsx` would wrap them in a
 * `__name` helper that does not exist in the page.
 */
import type { Page } from 'playwright';

/** The page's own images the probe adds, on the elements the skin's images go to on the demo page. */
export const pageOwnImages: SkinLook['ownImages'] = {
  selectors: ['.user-profile-head-banner', '#userSkin', '.aside-box > .aside-title'],
  image: 'linear-gradient(rgb(9, 9, 9), rgb(9, 9, 9))',
};

/** How far `b`'s clock is ahead of `a`'s, ms: within [low, high]; `offset` is the middle. */
export interface ClockOffset {
  low: number;
  high: number;
  offset: number;
}

/** The widest bounds on an offset that still put a reading within ±1 ms of the other page's clock. */
const MAX_CLOCK_UNCERTAINTY_MS = 2;

/**
 * How far apart two pages' clocks are. Each page's clock is the system's wall-clock time when it
 * loaded plus the monotonic time since, so two pages of one browser differ by however much the
 * wall clock was adjusted between their loads (a virtual machine's clock can be slewed by
 * milliseconds a second), and by that same amount until one of them loads again. A read in `b`
 * between two reads in `a` bounds it; the tightest bounds over many tries are kept. The reads go
 * straight over the DevTools protocol, whose round trip (≈ 1.2 ms here) is about half Playwright's.
 */
export async function clockOffset(a: Page, b: Page): Promise<ClockOffset> {
  const [clockA, clockB] = await Promise.all([clockReader(a), clockReader(b)]);
  let low = -Infinity;
  let high = Infinity;
  try {
    for (let i = 0; i < 100; i++) {
      const before = await clockA.read();
      const read = await clockB.read();
      const after = await clockA.read();
      low = Math.max(low, read - after);
      high = Math.min(high, read - before);
    }
  } finally {
    await Promise.all([clockA.close(), clockB.close()]);
  }
  if (high - low > MAX_CLOCK_UNCERTAINTY_MS) throw new Error(`the pages' clocks could only be matched to within [${low}, ${high}] ms`);
  return { low, high, offset: (low + high) / 2 };
}

async function clockReader(page: Page): Promise<{ read: () => Promise<number>; close: () => Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  return {
    read: async () => {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'performance.timeOrigin + performance.now()', returnByValue: true });
      return result.value as number;
    },
    close: () => cdp.detach(),
  };
}

/** A reading of the blog page's clock, as the editor's clock read at the same moment. */
export type OnEditorClock = (homeTime: number) => number;

/**
 * Puts readings of the blog page `home` on the editor's clock, by their offset as measured now:
 * valid until either page loads again, so each measure that compares the two takes its own.
 */
export async function editorClockFor(editor: Page, home: Page): Promise<{ offset: ClockOffset; onEditorClock: OnEditorClock }> {
  const offset = await clockOffset(editor, home);
  return { offset, onEditorClock: (homeTime) => homeTime - offset.offset };
}

export interface StyleCondition {
  selector: string;
  property: string;
  equals?: string;
  startsWith?: string;
  /** Met by any value but this one: the first change. */
  differsFrom?: string;
  /**
   * Also look after every task of the page, not only after its DOM changes: a change made in a
   * sheet in place (the colors, src/skin-css.ts `recolorSheet`) changes no node. The page's
   * thread then runs a chain of tiny tasks until the condition is met, so only where that is so.
   */
  everyTask?: boolean;
}

/**
 * Arms a MutationObserver on the whole document of `page` (subtree, child lists, text and
 * attributes), and with `everyTask` a look after each task: the first moment at which the
 * element's computed `property` meets the condition records the time. `collect` waits for it.
 */
export async function armStyleWait(page: Page, condition: StyleCondition, limitMs: number): Promise<void> {
  await page.evaluate(
    ({ condition, limitMs }) => {
      const w = window as unknown as { __bspWait?: Promise<number> };
      const element = document.querySelector(condition.selector);
      if (!element) throw new Error(`no ${condition.selector} on the page`);
      w.__bspWait = new Promise<number>((resolve, reject) => {
        // Functions live on `look`, not in named variables (see frameProbe).
        const look: { done: boolean; check?: () => boolean } = { done: false };
        look.check = () => {
          if (look.done) return true;
          const value = getComputedStyle(element).getPropertyValue(condition.property);
          const met =
            condition.differsFrom !== undefined
              ? value !== condition.differsFrom
              : condition.equals !== undefined
                ? value === condition.equals
                : value.startsWith(condition.startsWith ?? '');
          if (!met) return false;
          look.done = true;
          observer.disconnect();
          resolve(performance.timeOrigin + performance.now());
          return true;
        };
        const observer = new MutationObserver(() => look.check!());
        observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
        if (condition.everyTask) {
          // A message to itself is a new task each time, with no timer's minimum delay.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            if (!look.check!()) channel.port2.postMessage(0);
          };
          channel.port2.postMessage(0);
        }
        setTimeout(() => {
          if (look.done) return;
          look.done = true;
          observer.disconnect();
          reject(new Error(`${condition.selector} never showed ${condition.property} ${condition.equals ?? condition.startsWith} within ${limitMs} ms`));
        }, limitMs);
      });
      // A rejection nobody awaits yet must not be reported as unhandled.
      w.__bspWait.catch(() => undefined);
    },
    { condition, limitMs },
  );
}

/** The time the armed condition was met; throws if it was not met in time. */
export const collect = (page: Page) => page.evaluate(() => (window as unknown as { __bspWait: Promise<number> }).__bspWait);

/** What the whole skin looks like on the page: computed values a visitor would see. */
export interface SkinLook {
  /** The title's computed color. */
  title: string;
  /** Elements whose computed `background-image` must start with `startsWith` (the image's first bytes). */
  images: Array<{ selector: string; startsWith: string }>;
  /**
   * Elements the probe gives an image of the page's own, `ownImage` (the fixtures have none), so a
   * frame showing the page's own image instead of the skin's can be seen; on every page compared.
   */
  ownImages: { selectors: string[]; image: string };
}

/** What the page showed at its first visible animation frame, and when the whole skin was in. */
export interface FrameProbe {
  /** performance.now() of the first animation frame with the page visible; -1 if none ran. */
  frameAt: number;
  /** performance.now() when the page first computed to the whole skin; null if never. */
  skinAt: number | null;
  /** The whole skin computed at that first frame. */
  skinAtFrame: boolean;
  /**
   * At that first frame, the skin's colors, and no image element showing the page's own image:
   * each shows the skin's, or none while its sheet is on its way (src/first-paint.ts).
   */
  noOwnLookAtFrame: boolean;
  titleAtFrame: string | null;
  bannerAtFrame: string | null;
  /** The page's own first-contentful-paint time (Paint Timing), on the same clock; null if none. */
  contentfulPaintAt: number | null;
}

/**
 * An init script for a blog page's main world, run before anything of the document exists.
 * A requestAnimationFrame callback runs in a frame before that frame's style, layout and paint: the
 * first one that finds the page visible notes whether the page computes to the whole skin
 * (`look`) and what the title and banner compute to. When the page first computes to the whole
 * skin is noted after a style node arrives or changes, or an attribute of <html> changes (a
 * MutationObserver), and at each frame from the first visible one on: a sheet the browser inserts
 * shows with no change to the page's DOM.
 */
export function frameProbe(look: SkinLook): void {
  // Functions here are assigned to properties of `w`, never to named variables: tsx would wrap a
  // named one in a helper that does not exist in the page.
  const w = window as unknown as {
    __bspFrame: FrameProbe;
    __bspSkin: Promise<number>;
    __bspShown: Promise<void>;
    __bspShow: () => void;
    __bspLook: FrameRequestCallback;
    __bspComplete: () => boolean;
    __bspNoOwnLook: () => boolean;
    __bspSkinIn: () => void;
    __bspPoll: FrameRequestCallback;
  };
  // The page's own images: a style of the probe's, in place as soon as there is a root to hold it.
  const own = document.createElement('style');
  own.textContent = `${look.ownImages.selectors.join(', ')} { background-image: ${look.ownImages.image}; }`;
  const placed = new MutationObserver(() => {
    if (!document.documentElement) return;
    document.documentElement.append(own);
    placed.disconnect();
  });
  placed.observe(document, { childList: true });
  w.__bspShown = new Promise<void>((resolve) => {
    w.__bspShow = resolve;
  });
  w.__bspFrame = {
    frameAt: -1,
    skinAt: null,
    skinAtFrame: false,
    noOwnLookAtFrame: false,
    titleAtFrame: null,
    bannerAtFrame: null,
    contentfulPaintAt: null,
  };
  w.__bspComplete = () => {
    const title = document.querySelector('.user-profile-head-name > div:first-child');
    if (!title || getComputedStyle(title).color !== look.title) return false;
    return look.images.every(({ selector, startsWith }) => {
      const element = document.querySelector(selector);
      return element !== null && getComputedStyle(element).backgroundImage.startsWith(startsWith);
    });
  };
  w.__bspNoOwnLook = () => {
    const title = document.querySelector('.user-profile-head-name > div:first-child');
    if (!title || getComputedStyle(title).color !== look.title) return false;
    return look.images.every(({ selector, startsWith }) => {
      const element = document.querySelector(selector);
      const image = element ? getComputedStyle(element).backgroundImage : 'none';
      return image === 'none' || image.startsWith(startsWith);
    });
  };
  w.__bspSkin = new Promise<number>((resolve) => {
    const observer = new MutationObserver((records) => {
      const styled = records.some(
        (record) =>
          record.type === 'characterData' ||
          (record.type === 'attributes' && record.target === document.documentElement) ||
          [...record.addedNodes].some((node) => node.nodeName === 'STYLE'),
      );
      if (styled && w.__bspComplete()) w.__bspSkinIn();
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    w.__bspSkinIn = () => {
      if (w.__bspFrame.skinAt !== null) return;
      observer.disconnect();
      w.__bspFrame.skinAt = performance.now();
      resolve(w.__bspFrame.skinAt);
    };
  });
  w.__bspPoll = () => {
    if (w.__bspFrame.skinAt !== null) return;
    if (w.__bspComplete()) w.__bspSkinIn();
    else requestAnimationFrame(w.__bspPoll);
  };
  // The first frame that shows the title: a frame painted while the page is hidden (as older
  // versions held a skinned page) shows nothing, neither the old look nor the skin, so the probe waits past it.
  w.__bspLook = () => {
    const title = document.querySelector('.user-profile-head-name > div:first-child');
    // A frame before the title is parsed shows no title, in no color: the first that can be judged
    // is the first with it, on every page compared alike.
    if (getComputedStyle(document.documentElement).visibility === 'hidden' || !title) {
      requestAnimationFrame(w.__bspLook);
      return;
    }
    const banner = document.querySelector('.user-profile-head-banner');
    w.__bspFrame.frameAt = performance.now();
    w.__bspFrame.skinAtFrame = w.__bspComplete();
    w.__bspFrame.noOwnLookAtFrame = w.__bspNoOwnLook();
    w.__bspFrame.titleAtFrame = title ? getComputedStyle(title).color : null;
    w.__bspFrame.bannerAtFrame = banner ? getComputedStyle(banner).backgroundImage.slice(0, 40) : null;
    w.__bspShow();
    if (w.__bspFrame.skinAtFrame) w.__bspSkinIn();
    else requestAnimationFrame(w.__bspPoll);
  };
  requestAnimationFrame(w.__bspLook);
}

/** Waits for the frame probe's skin (or throws after `limitMs`) and returns what it saw. */
/** `skinned` false: a page without a skin, whose probe waits only for its first visible frame. */
export async function readFrameProbe(page: Page, limitMs: number, skinned = true): Promise<FrameProbe> {
  await page.evaluate(
    ({ limitMs, skinned }) =>
      Promise.race([
        Promise.all([
          skinned ? (window as unknown as { __bspSkin: Promise<number> }).__bspSkin : null,
          (window as unknown as { __bspShown: Promise<void> }).__bspShown,
        ]),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`the skin was not complete within ${limitMs} ms`)), limitMs)),
      ]),
    { limitMs, skinned },
  );
  // The paint entry is queued once the frame is presented: wait for it a little.
  await page
    .waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: 2000 })
    .catch(() => undefined);
  const probe = await page.evaluate(() => ({
    ...(window as unknown as { __bspFrame: FrameProbe }).__bspFrame,
    contentfulPaintAt: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  }));
  if (probe.frameAt < 0) throw new Error('no animation frame ran: is the page in the background?');
  return probe;
}
