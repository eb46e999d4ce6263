import type { HexColor } from '../src/color';
import type { FieldBackdrop, Verdict } from './contrast-tools';
import { t, type MessageKey } from './i18n';

const overKey: Readonly<Record<'header' | 'background', MessageKey>> = {
  header: 'contrastOnHeader',
  background: 'contrastOnBackground',
};

interface Props {
  verdict: Verdict;
  over: FieldBackdrop['over'];
  onUse(color: HexColor): void;
}

/**
 * A text color's WCAG 2 contrast with what is behind that text on the page (`对比度 4.6:1`), a
 * pass or a warning by the threshold for the text's size there, and below it the nearest color
 * that passes, one click away.
 */
export function ContrastReadout({ verdict, over, onUse }: Props) {
  const { shown, passes, threshold, fix } = verdict;
  const size = t(threshold.large ? 'textLarge' : 'textNormal');
  return (
    <div class={`contrast ${passes ? 'passes' : 'falls-short'}`}>
      <p class="contrast-figure">
        <span>{t('contrastRatio', shown)}</span> <span>{t(passes ? 'contrastPass' : 'contrastLow', threshold.min, size)}</span>
      </p>
      <p class="hint">{t('contrastBasis', t(over ? overKey[over] : 'contrastOnPage'))}</p>
      {!passes && fix && (
        <button type="button" class="contrast-fix" onClick={() => onUse(fix)}>
          <span class="swatch" style={{ background: fix }} aria-hidden="true" />
          {t('contrastUse', fix)}
        </button>
      )}
      {!passes && !fix && <p class="hint">{t('contrastNoFix')}</p>}
    </div>
  );
}
