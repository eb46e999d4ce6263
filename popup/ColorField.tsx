import { useEffect, useRef, useState } from 'preact/hooks';
import { parseHexColor, type HexColor } from '../src/color';
import type { ColorSlot } from '../src/rules';
import { FieldError, messageAttributes } from './FieldError';
import { fieldLabel, saveError, t } from './i18n';

interface Props {
  slot: ColorSlot;
  color: HexColor | undefined;
  onChange(color: HexColor | null): Promise<void>;
}

/**
 * Hex text beside a native swatch, kept in sync. A valid color applies as it is typed; an
 * invalid one is named when the user leaves the field, and the page keeps the last good color.
 */
export function ColorField({ slot, color, onChange }: Props) {
  const [text, setText] = useState(color ?? '');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  /** The color this field last asked to store. */
  const sent = useRef<HexColor | null>(color ?? null);
  const id = `field-${slot}`;

  // A color stored by another editor shows here, unless the user is typing in this field
  // (runs on a stored change only, not on each keystroke).
  useEffect(() => {
    const typing = document.hasFocus() && document.activeElement === input.current;
    if (typing) return;
    sent.current = color ?? null;
    if (parseHexColor(text) !== (color ?? null)) setText(color ?? '');
  }, [color]);
  const label = fieldLabel(slot);
  const swatch = (parseHexColor(text) ?? color ?? '#000000').toLowerCase();

  function save(next: HexColor | null) {
    // Against the last color sent, not the last stored: a save may still be on its way, and
    // typing back to the stored color must undo it, not be skipped.
    if (next === sent.current) return;
    sent.current = next;
    onChange(next).catch((cause: unknown) => setError(saveError(cause)));
  }

  function edit(value: string, final: boolean) {
    setText(value);
    const parsed = parseHexColor(value);
    if (parsed || value.trim() === '') {
      setError(null);
      save(parsed);
    } else if (final) {
      setError(t('errColor', value));
    }
  }

  return (
    <section class="field color-field">
      <label for={id}>{label}</label>
      <div class="color-inputs">
        <input
          ref={input}
          id={id}
          type="text"
          value={text}
          placeholder="#AFAFAF"
          maxLength={16}
          spellcheck={false}
          autocomplete="off"
          {...messageAttributes(id, error)}
          onInput={(event) => edit(event.currentTarget.value, false)}
          onChange={(event) => edit(event.currentTarget.value, true)}
          onBlur={(event) => {
            const parsed = parseHexColor(event.currentTarget.value);
            if (parsed) setText(parsed); // show the stored form: #afa → #AAFFAA
          }}
        />
        <input
          type="color"
          value={swatch}
          aria-label={t('pickColor', label)}
          onInput={(event) => edit(event.currentTarget.value.toUpperCase(), false)}
        />
      </div>
      <p id={`${id}-hint`} class="hint">
        {t('hintColor')}
      </p>
      <FieldError id={id} error={error} />
    </section>
  );
}
