import { useRef, useState } from 'preact/hooks';
import type { AcceptedImage } from '../src/image/validate';
import { formatBytes, type ImageSlot } from '../src/rules';
import type { ImageInfo } from '../src/skin';
import { FieldError, messageAttributes } from './FieldError';
import { fieldLabel, saveError, t, type MessageKey } from './i18n';
import { validateOffThread } from './validate-off-thread';

const hintKey: Readonly<Record<ImageSlot, MessageKey>> = {
  header: 'hintHeader',
  background: 'hintBackground',
  column: 'hintColumn',
};

interface Props {
  slot: ImageSlot;
  info: ImageInfo | undefined;
  /** The stored image, for the thumbnail; it may arrive after `info`. */
  url: string | undefined;
  onAccept(image: AcceptedImage): Promise<void>;
  onRemove(): Promise<void>;
}

/** A file picker that also takes a dropped file; a rejected file leaves the stored image alone. */
export function ImageField({ slot, info, url, onAccept, onRemove }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [dragging, setDragging] = useState(false);
  /** The latest pick: a slower, older one that finishes later must not win over it. */
  const latest = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const id = `field-${slot}`;
  const label = fieldLabel(slot);

  async function take(file: File | undefined) {
    if (!file) return;
    const pick = ++latest.current;
    setChecking(true);
    try {
      const result = await validateOffThread(slot, file).catch((cause: unknown) => {
        if (pick === latest.current) setError(t('errRead', cause instanceof Error ? cause.message : String(cause)));
        return null;
      });
      if (!result || pick !== latest.current) return;
      if (!result.ok) {
        setError(result.violations.map((v) => t(v.key, ...v.params)).join(t('errorSeparator')));
        return;
      }
      await onAccept(result);
      setError(null);
    } catch (cause) {
      setError(saveError(cause));
    } finally {
      if (pick === latest.current) setChecking(false);
    }
  }

  async function remove() {
    try {
      await onRemove();
      setError(null);
      input.current?.focus(); // the focused button is gone: keep the keyboard in this field
    } catch (cause) {
      setError(saveError(cause));
    }
  }

  return (
    <section
      class={`field image-field${dragging ? ' dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        void take(event.dataTransfer?.files[0]);
      }}
    >
      <label for={id}>{label}</label>
      <input
        ref={input}
        id={id}
        type="file"
        accept="image/png,image/jpeg"
        {...messageAttributes(id, error)}
        onChange={(event) => {
          const input = event.currentTarget;
          void take(input.files?.[0]);
          input.value = ''; // picking the same file again must still count
        }}
      />
      <p id={`${id}-hint`} class="hint" aria-live="polite">
        {checking ? t('checking') : `${t(hintKey[slot])} · ${t('dropHint')}`}
      </p>
      {info && (
        <figure class="chosen">
          {url ? <img src={url} alt="" /> : <span class="thumbnail-pending" />}
          <figcaption>
            <span class="file-name" title={info.name}>
              {info.name}
            </span>
            <span>{t('imageFacts', info.width, info.height, formatBytes(info.bytes))}</span>
          </figcaption>
          <button type="button" aria-label={t('removeNamed', label)} onClick={() => void remove()}>
            {t('remove')}
          </button>
        </figure>
      )}
      <FieldError id={id} error={error} />
    </section>
  );
}
