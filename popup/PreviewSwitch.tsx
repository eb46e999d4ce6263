import { t } from './i18n';

interface Props {
  enabled: boolean;
  onToggle(enabled: boolean): void;
}

export function PreviewSwitch({ enabled, onToggle }: Props) {
  return (
    <label class="switch">
      <input type="checkbox" role="switch" checked={enabled} onChange={(e) => onToggle(e.currentTarget.checked)} />
      <span>{t('preview')}</span>
    </label>
  );
}
