import type { HexColor } from '../src/color';
import { colorSlots, imageSlots, type ColorSlot } from '../src/rules';
import { ColorField } from './ColorField';
import { DownloadAll } from './DownloadAll';
import { ImageField } from './ImageField';
import { GrantAccess } from './GrantAccess';
import { OpenInTab } from './OpenInTab';
import { Palette } from './Palette';
import { PreviewSwitch } from './PreviewSwitch';
import { SlotReport } from './SlotReport';
import { saveError, t } from './i18n';
import { useSkin, type PopupState } from './use-skin';
import { useContrast } from './use-contrast';
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { lazy, Suspense } from 'preact/compat';

/** The header at each width loads after the editor has rendered, with its page function. */
const WidthsView = lazy(() => import('./WidthsView'));

const noImages = {};

/** `loading`: the editor's state as it is read (use-skin.ts `loadPopupState`), started before the first render. */
export function App({ loading }: { loading: Promise<PopupState> }) {
  const { state, actions } = useSkin(loading);
  const ready = state.status === 'ready' ? state : null;
  const contrast = useContrast(ready?.tabId ?? null, ready?.imageUrls ?? noImages);
  const [switchError, setSwitchError] = useState<string | null>(null);
  /** The color field a suggested color goes to: the one last focused, the title's at first. */
  const [colorTarget, setColorTarget] = useState<ColorSlot>('title');
  const [offered, setOffered] = useState<{ slot: ColorSlot; color: HexColor; key: number } | null>(null);

  if (state.status === 'loading') return <main aria-busy="true" />;
  if (state.status === 'no-blog') {
    return (
      <main>
        <h1>{t('extName')}</h1>
        <p class="notice">{t('noBlog')}</p>
      </main>
    );
  }
  if (state.status === 'error') {
    return (
      <main>
        <h1>{t('extName')}</h1>
        <p class="error" role="alert">
          {t('errLoad', state.message)}
        </p>
        <button type="button" onClick={() => location.reload()}>
          {t('retry')}
        </button>
      </main>
    );
  }
  if (state.status === 'newer') {
    return (
      <main>
        <h1>{t('extName')}</h1>
        <p class="blog">{t('blogName', state.blog)}</p>
        <p class="error" role="alert">
          {t('newerSkin')}
        </p>
      </main>
    );
  }
  if (state.status === 'no-access') {
    return (
      <main>
        <h1>{t('extName')}</h1>
        <GrantAccess />
      </main>
    );
  }

  const { blog, tabId, page, skin, imageUrls, imagesRead } = state;
  return (
    <main>
      <header class="top">
        <h1>{t('extName')}</h1>
        <PreviewSwitch
          enabled={skin.enabled}
          onToggle={(enabled) => {
            setSwitchError(null);
            actions.setEnabled(enabled).catch((cause: unknown) => setSwitchError(saveError(cause)));
          }}
        />
      </header>
      {switchError && (
        <p class="error" role="alert">
          {switchError}
        </p>
      )}
      <p class="blog">{t('blogName', blog)}</p>
      <OpenInTab />
      <SlotReport page={page} />
      {imageSlots.map((slot) => (
        <Fragment key={slot}>
          <ImageField
            slot={slot}
            info={skin.images[slot]}
            url={imageUrls[slot]}
            missing={imagesRead && !imageUrls[slot]}
            onSave={(edit) => actions.setImage(slot, edit)}
            onPreview={(revision, output) => actions.previewImage(slot, revision, output)}
            loadSource={(pick) => actions.loadSource(slot, pick)}
            onRemove={() => actions.removeImage(slot)}
          />
          {slot === 'header' && imageUrls.header && (
            <Suspense fallback={null}>
              <WidthsView tabId={tabId} header={imageUrls.header} />
            </Suspense>
          )}
        </Fragment>
      ))}
      <div class="colors">
        {colorSlots.map((slot) => (
          <ColorField
            key={slot}
            slot={slot}
            color={skin.colors[slot]}
            onChange={(c) => actions.setColor(slot, c)}
            tools={contrast?.tools ?? null}
            backdrop={slot === 'hover' ? undefined : contrast?.backdrops[slot]}
            compareWith={slot === 'hover' ? (skin.colors.title ?? contrast?.backdrops.title?.pageColor ?? undefined) : undefined}
            onFocus={() => setColorTarget(slot)}
            offered={offered?.slot === slot ? offered : undefined}
          />
        ))}
      </div>
      <Palette
        header={imageUrls.header}
        target={colorTarget}
        onPick={(color) => setOffered({ slot: colorTarget, color, key: (offered?.key ?? 0) + 1 })}
        tools={contrast?.tools ?? null}
        titleBackdrop={contrast?.backdrops.title}
      />
      <DownloadAll skin={skin} imageUrls={imageUrls} />
    </main>
  );
}
