import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { parseHexColor, type HexColor } from '../src/color';
import type { ColorSlot } from '../src/rules';
import type { FieldBackdrop } from './contrast-tools';
import { ContrastReadout } from './ContrastReadout';
import { FieldError, messageAttributes } from './FieldError';
import { fieldLabel, saveError, t } from './i18n';
import type { ContrastTools } from './use-contrast';

interface Props {
  slot: ColorSlot;
  color: HexColor | undefined;
  onChange(color: HexColor | null): Promise<void>;
  /** The color math, once loaded after the editor's first render. */
  tools?: ContrastTools | null;
  /** What is behind the texts this field colors on the page (title, subtitle), once measured. */
  backdrop?: FieldBackdrop | undefined;
  /** The title's color, which a hover color must differ from to be seen (the hover field). */
  compareWith?: HexColor | undefined;
  /** Called as the field is focused: a suggested color goes to the field last focused. */
  onFocus?(): void;
  /** A color put in this field from outside (a suggested color), applied as if typed; `key` tells two alike apart. */
  offered?: { color: HexColor; key: number } | undefined;
}

/**
 * Hex text beside a native swatch, kept in sync. A valid color applies as it is typed; an
 * invalid one is named when the user leaves the field, and the page keeps the last good color.
 * The title's and subtitle's fields show their contrast with what is behind them on the page.
 */
export function ColorField({ slot, color, onChange, tools, backdrop, compareWith, onFocus, offered }: Props) {
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

  // The color judged: as typed, else the stored one, else what the page shows while the field is empty.
  const judged = parseHexColor(text) ?? color ?? backdrop?.pageColor ?? null;
  const verdict = useMemo(
    () => (tools && backdrop && judged ? tools.verdictOf(judged, backdrop) : null),
    [tools, backdrop, judged],
  );
  const typed = parseHexColor(text);
  const tooClose = tools && compareWith && typed ? tools.hoverTooClose(typed, compareWith) : null;

  function use(fix: HexColor) {
    setText(fix);
    setError(null);
    save(fix);
    input.current?.focus(); // the button goes once the color passes: keep the keyboard in this field
  }

  useEffect(() => {
    if (!offered) return;
    setText(offered.color);
    setError(null);
    save(offered.color);
  }, [offered]);

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

  const notes = [verdict && `${id}-contrast`, tooClose !== null && `${id}-hover`].filter(Boolean).join(' ');
  const described = messageAttributes(id, error);
  return (
    // A group named by its label, as the image fields are; the <label> inside the legend still names the text input.
    <fieldset class="field color-field">
      <legend>
        <label for={id}>{label}</label>
      </legend>
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
          {...described}
          aria-describedby={notes ? `${described['aria-describedby']} ${notes}` : described['aria-describedby']}
          onFocus={onFocus}
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
          onFocus={onFocus}
          onInput={(event) => edit(event.currentTarget.value.toUpperCase(), false)}
        />
      </div>
      <p id={`${id}-hint`} class="hint">
        {t('hintColor')}
      </p>
      <FieldError id={id} error={error} />
      {verdict && (
        <div id={`${id}-contrast`}>
          <ContrastReadout verdict={verdict} over={backdrop?.over ?? null} onUse={use} />
        </div>
      )}
      {tooClose !== null && (
        <p id={`${id}-hover`} class="warning" role="status">
          {t('hoverTooClose', tooClose.toFixed(2))}
        </p>
      )}
    </fieldset>
  );
}
