import { useEffect, useState } from 'preact/hooks';
import type { HexColor } from '../src/color';
import type { Swatch } from '../src/palette';
import type { ColorSlot } from '../src/rules';
import type { FieldBackdrop } from './contrast-tools';
import { fieldLabel, t } from './i18n';
import type { ContrastTools } from './use-contrast';

interface Props {
  /** The stored header image (a data URL), whose colors are suggested. */
  header: string | undefined;
  /** The color field a click fills: the one last focused. */
  target: ColorSlot;
  onPick(color: HexColor): void;
  tools?: ContrastTools | null;
  /** What is behind the blog's title, once measured: each swatch is marked as a title color there. */
  titleBackdrop?: FieldBackdrop | undefined;
}

/**
 * 配色建议: the header image's dominant colors, found in a worker once the editor has rendered,
 * each a button named by its hex that puts it in the color field last focused, marked with whether
 * it passes as the title color where the blog's name is.
 */
export function Palette({ header, target, onPick, tools, titleBackdrop }: Props) {
  const [found, setFound] = useState<{ header: string; swatches: Swatch[] } | null>(null);

  useEffect(() => {
    if (!header) return;
    let stopped = false;
    // The client (and the worker it starts) load only when there is a header image.
    import('./palette-worker')
      .then(({ paletteOfDataUrl }) => paletteOfDataUrl(header))
      .then((swatches) => {
        if (!stopped) setFound({ header, swatches });
      })
      .catch((cause: unknown) => console.warn('palette:', cause));
    return () => {
      stopped = true;
    };
  }, [header]);

  const swatches = header && found?.header === header ? found.swatches : [];
  if (swatches.length === 0) return null;
  const marked = swatches.map(({ color }) => {
    const judgement = tools && titleBackdrop ? tools.judgeOn(color, titleBackdrop) : null;
    const note = judgement
      ? t(
          'paletteAsTitle',
          `${t('contrastRatio', judgement.shown)} ${t(
            judgement.passes ? 'contrastPass' : 'contrastLow',
            judgement.threshold.min,
            t(judgement.threshold.large ? 'textLarge' : 'textNormal'),
          )}`,
        )
      : null;
    return { color, judgement, note };
  });
  return (
    <fieldset class="field palette">
      <legend>{t('paletteLegend')}</legend>
      <p class="hint">{t('paletteHint', fieldLabel(target))}</p>
      <div class="palette-swatches">
        {marked.map(({ color, judgement, note }, index) => (
          // Named by its hex alone; the mark is for the eye, its words are the button's description.
          <button
            key={color}
            type="button"
            class={`palette-swatch${judgement ? (judgement.passes ? ' passes' : ' falls-short') : ''}`}
            title={note ?? undefined}
            aria-describedby={note ? `palette-note-${index}` : undefined}
            onClick={() => onPick(color)}
          >
            <span class="swatch" style={{ background: color }} aria-hidden="true" />
            {color}
            {judgement && (
              <span class="mark" aria-hidden="true">
                {judgement.passes ? '✓' : '⚠'}
              </span>
            )}
          </button>
        ))}
      </div>
      {/* Hidden, yet still read as each button's description. */}
      <div hidden>
        {marked.map(({ note }, index) => note && <span id={`palette-note-${index}`}>{note}</span>)}
      </div>
    </fieldset>
  );
}
