import { useEffect, useState } from 'preact/hooks';
import type { MeasureRequest } from '../src/behind-text';
import { selectorsFor } from '../src/sites/csdn';
import { measureBehindText } from './page-calls';
import type { ImageUrls } from './use-skin';

export type ContrastTools = typeof import('./contrast-tools');

export interface Contrast {
  tools: ContrastTools;
  backdrops: import('./contrast-tools').Backdrops;
}

const request: MeasureRequest = {
  texts: { title: selectorsFor('title'), subtitle: selectorsFor('subtitle') },
  images: { header: selectorsFor('header'), background: selectorsFor('background') },
};

/**
 * How often the page is measured again while the editor is in sight. The tab tells the editor
 * nothing when its window is resized, and a listener left in the page would outlive the editor;
 * one `executeScript` a second costs the page well under a millisecond, and the pixels are read
 * again only when the measure differs. An editor in a tab of its own is out of sight while the
 * blog's tab is resized: it measures again as it comes back into sight.
 */
const EVERY_MS = 1000;

let loading: Promise<ContrastTools> | null = null;
/** The color library and the pixel work, fetched once, after the editor has first rendered. */
export const loadContrastTools = (): Promise<ContrastTools> => (loading ??= import('./contrast-tools'));

/**
 * What is behind the blog's title and subtitle on the tab, kept up to date: when the stored
 * header or background image changes, and when the page's layout does (its width, for one).
 * Null until the first measure is in.
 */
export function useContrast(tabId: number | null, imageUrls: ImageUrls): Contrast | null {
  const [contrast, setContrast] = useState<Contrast | null>(null);
  const header = imageUrls.header;
  const background = imageUrls.background;

  useEffect(() => {
    if (tabId === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = '';
    let running = false;
    const tick = async () => {
      clearTimeout(timer);
      if (running || stopped) return;
      running = true;
      try {
        if (document.visibilityState === 'visible') {
          const [tools, measure] = await Promise.all([loadContrastTools(), measureBehindText(tabId, request)]);
          const key = JSON.stringify(measure);
          if (measure && key !== last && !stopped) {
            const backdrops = await tools.backdropsOf(measure, { header, background });
            last = key;
            if (!stopped) setContrast({ tools, backdrops });
          }
        }
      } catch (cause) {
        console.warn('contrast:', cause);
      } finally {
        running = false;
        if (!stopped) timer = setTimeout(() => void tick(), EVERY_MS);
      }
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') void tick();
    };
    document.addEventListener('visibilitychange', onVisible);
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [tabId, header, background]);

  return contrast;
}
