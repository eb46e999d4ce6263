import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Box } from '../src/behind-text';
import { headerWidths, shownColumns, stripAt, type HeaderStrip, type WidthsRequest } from '../src/header-widths';
import { avatarSelectors, selectorsFor } from '../src/sites/csdn';
import { t, type MessageKey } from './i18n';
import { measureHeaderWidths } from './page-calls';

const request: WidthsRequest = {
  widths: headerWidths,
  header: selectorsFor('header'),
  title: selectorsFor('title'),
  avatar: avatarSelectors,
};

interface Props {
  /** The blog tab, laid out at each width. */
  tabId: number;
  /** The stored header image (a data URL). */
  header: string;
}

/** The strips, or `none` where the tab has no header band; null until measured, or when the tab cannot be read. */
type Measured = { header: string; strips: HeaderStrip[] } | 'none' | null;

/**
 * 各宽度下的头图: the header band as the blog tab lays it out at 1280, 1440, 1920 and 2560 px
 * windows, each a strip of the stored image cropped and placed as the page places it, with the
 * part under the blog's name and the avatar outlined. The band is anchored right, so what a
 * narrower window cuts off is on the left. Measured when the editor opens and when the header
 * image changes: the tab's own width plays no part.
 */
export default function WidthsView({ tabId, header }: Props) {
  const [measured, setMeasured] = useState<Measured>(null);
  const list = useRef<HTMLDivElement>(null);
  const [room, setRoom] = useState(0);

  useEffect(() => {
    let stopped = false;
    measureHeaderWidths(tabId, request).then((widths) => {
      if (stopped) return;
      if (!widths) return setMeasured(null);
      const strips = widths.map((at) => stripAt(at)).filter((strip): strip is HeaderStrip => strip !== null);
      setMeasured(strips.length > 0 ? { header, strips } : 'none');
    });
    return () => {
      stopped = true;
    };
  }, [tabId, header]);

  // The strips are drawn in CSS px scaled to the editor's width, which a window of its own may change.
  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setRoom(element.clientWidth));
    observer.observe(element);
    setRoom(element.clientWidth);
    return () => observer.disconnect();
  }, [measured !== null && measured !== 'none']);

  if (measured === null) return null;
  return (
    <fieldset class="field widths-view">
      <legend>{t('widthsLegend')}</legend>
      {measured === 'none' ? (
        <p class="hint">{t('widthsNoBand')}</p>
      ) : (
        <>
          <p class="hint">{t('widthsHint')}</p>
          {/* One image for every strip: a custom property holds the data URL once. */}
          <div class="width-strips" ref={list} style={{ '--header': `url("${measured.header}")` }}>
            {room > 0 && measured.strips.map((strip) => <Strip key={strip.width} strip={strip} room={room} />)}
          </div>
        </>
      )}
    </fieldset>
  );
}

const px = (value: number) => `${value}px`;

function Strip({ strip, room }: { strip: HeaderStrip; room: number }) {
  const scale = room / strip.band.width;
  const { image } = strip;
  const columns = shownColumns(strip);
  const place = (box: Box) => ({ left: px(box.x * scale), top: px(box.y * scale), width: px(box.width * scale), height: px(box.height * scale) });
  const repeat = image && `${image.repeatX ? 'repeat' : 'no-repeat'} ${image.repeatY ? 'repeat' : 'no-repeat'}`;
  const mark = (box: Box | null, key: MessageKey, kind: string) =>
    box && <div class={`strip-mark ${kind}`} role="img" aria-label={t(key)} title={t(key)} style={place(box)} />;
  return (
    <figure class="width-strip">
      <figcaption>
        <span>{t('widthsWidth', strip.width)}</span>
        {columns && <span class="hint">{t('widthsColumns', Math.round(columns.left), Math.round(columns.right))}</span>}
      </figcaption>
      <div class="strip" style={{ width: px(room), height: px(strip.band.height * scale) }}>
        {image && (
          <div
            class="strip-image"
            style={{
              ...place(image.clip),
              backgroundSize: `${px(image.width * scale)} ${px(image.height * scale)}`,
              backgroundPosition: `${px((image.x - image.clip.x) * scale)} ${px((image.y - image.clip.y) * scale)}`,
              backgroundRepeat: repeat!,
            }}
          />
        )}
        {mark(strip.name, 'widthsName', 'name')}
        {mark(strip.avatar, 'widthsAvatar', 'avatar')}
      </div>
    </figure>
  );
}
