import { lazy, Suspense } from 'preact/compat';
import { useEffect, useRef, useState } from 'preact/hooks';
import { enlarges, type CropRect } from '../src/image/crop';
import { sourceFormatOf } from '../src/image/validate';
import { formatBytes, storedImages, type ImageSlot, type RuleViolation } from '../src/rules';
import type { ImageInfo } from '../src/skin';
import { FieldError, messageAttributes } from './FieldError';
import { blobOfDataUrl, saveFile } from './files';
import { fieldLabel, saveError, t, type MessageKey } from './i18n';
import { closePick, cutImage, cutNewPick, newPickId, recut, reopen } from './image-edit';
import { imageJob } from './image-worker';
import type { ImageEdit } from './use-skin';

/** The crop UI and Cropper.js load with the first picture a field opens. */
const CropFrame = lazy(() => import('./CropFrame'));

const hintKey: Readonly<Record<ImageSlot, MessageKey>> = {
  header: 'hintHeader',
  background: 'hintBackground',
  column: 'hintColumn',
};

/** What a download of the stored image is called: the field's name, as the form writes it. */
export const fileNameKey: Readonly<Record<ImageSlot, MessageKey>> = {
  header: 'fileHeader',
  background: 'fileBackground',
  column: 'fileColumn',
};

interface Props {
  slot: ImageSlot;
  info: ImageInfo | undefined;
  /** The stored image (exact size), for the thumbnail and the download; it may arrive after `info`. */
  url: string | undefined;
  /** The record names an image whose bytes are gone from storage. */
  missing: boolean;
  onSave(edit: ImageEdit): Promise<void>;
  /** Shows a cut on the page without saving it, while the frame moves. */
  onPreview(revision: string, output: string): void;
  loadSource(pick: string): Promise<Blob | null>;
  onRemove(): Promise<void>;
}

/** The picture open in the crop frame: its file as an object URL and the record being edited. */
interface Framing {
  url: string;
  info: ImageInfo;
}

/**
 * One image of the skin, as CSDN's dialog takes it: the file is checked as CSDN checks it, then cut
 * in a crop frame at CSDN's aspect, and the page shows the exact image CSDN will store. A refused
 * file leaves the stored image alone; where a fix exists (一键修复) it makes a file CSDN takes.
 */
export function ImageField({ slot, info, url, missing, onSave, onPreview, loadSource, onRemove }: Props) {
  const [error, setError] = useState<string | null>(null);
  /** The refused file a fix can repair. */
  const [fixable, setFixable] = useState<File | null>(null);
  const [fixed, setFixed] = useState(false);
  const [busy, setBusy] = useState<MessageKey | null>(null);
  const [dragging, setDragging] = useState(false);
  const [framing, setFraming] = useState<Framing | null>(null);
  /** The framing as of the latest render, for work that finishes later. */
  const framed = useRef<Framing | null>(null);
  framed.current = framing;
  /** The latest pick: a slower, older one that finishes later must not win over it. */
  const latest = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const id = `field-${slot}`;
  const label = fieldLabel(slot);
  const out = storedImages[slot];

  const words = (violations: RuleViolation[]) => violations.map((v) => t(v.key, ...v.params)).join(t('errorSeparator'));

  function frame(file: Blob, shown: ImageInfo) {
    setFraming((previous) => {
      if (previous) URL.revokeObjectURL(previous.url);
      if (previous && previous.info.source.id !== shown.source.id) closePick(previous.info.source.id);
      return { url: URL.createObjectURL(file), info: shown };
    });
  }
  useEffect(() => () => framing && URL.revokeObjectURL(framing.url), [framing]);

  /** Cuts CSDN's default crop from a file that passed (or is being fixed), saves it and opens its frame. */
  async function place(pick: number, file: Blob, facts: Parameters<typeof cutNewPick>[2]) {
    const cut = await cutNewPick(slot, file, facts, (draft) => {
      if (pick === latest.current) onPreview(crypto.randomUUID(), draft);
    });
    if (pick !== latest.current) return;
    if (!cut.ok) {
      setError(words([cut.violation]));
      return;
    }
    // The refusal of a pick before goes as this one is shown, in the same render (a failed save says so).
    setError(null);
    await onSave(cut.edit);
    if (pick !== latest.current) return;
    frame(file, cut.edit.info);
  }

  async function run(task: (pick: number) => Promise<void>, status: MessageKey) {
    const pick = ++latest.current;
    setBusy(status);
    try {
      await task(pick);
    } catch (cause) {
      if (pick === latest.current) setError(saveError(cause));
    } finally {
      if (pick === latest.current) setBusy(null);
    }
  }

  function take(file: File | undefined) {
    if (!file) return;
    void run(async (pick) => {
      setFixable(null);
      setFixed(false);
      const id = newPickId();
      const result = await imageJob({ type: 'inspect', slot, file, key: id }).catch((cause: unknown) => {
        if (pick === latest.current) setError(t('errRead', cause instanceof Error ? cause.message : String(cause)));
        return null;
      });
      if (!result || pick !== latest.current) return;
      if (!result.ok) {
        setError(words(result.violations));
        if (result.fixable) setFixable(file);
        return;
      }
      const { name, format, width, height } = result.facts;
      await place(pick, file, { id, name, format, opened: { width, height } });
    }, 'checking');
  }

  function fix() {
    const file = fixable;
    if (!file) return;
    void run(async (pick) => {
      const format = await sourceFormatOf(file);
      if (!format) return;
      await place(pick, file, { id: newPickId(), name: file.name, format });
      if (pick !== latest.current) return;
      setFixable(null);
      setFixed(true);
    }, 'fixing');
  }

  // A version 1 record kept the picked file itself as the stored image: cut it as CSDN would.
  useEffect(() => {
    const file = info?.uncut ? blobOfDataUrl(url) : null;
    if (file && info) void run((pick) => place(pick, file, { id: newPickId(), name: info.source.name, format: info.source.format }), 'checking');
  }, [info?.uncut, url]);

  function adjust() {
    const shown = info;
    if (!shown) return;
    void run(async (pick) => {
      const file = await loadSource(shown.source.id);
      const opened = file !== null && (await reopen(shown, file).catch(() => false));
      if (pick !== latest.current) return; // a pick made meanwhile wins
      if (!opened) setError(t('sourceMissing'));
      else frame(file, shown);
    }, 'checking');
  }

  /** Cuts `crop` of a pick; a picture the worker has let go is opened again from the kept file. */
  async function cutOpen(shown: ImageInfo, crop: CropRect, quality: 'draft' | 'final') {
    try {
      return await cutImage(shown.source.id, slot, crop, quality);
    } catch (cause) {
      const file = await loadSource(shown.source.id);
      if (!file || !(await reopen(shown, file))) throw cause;
      return cutImage(shown.source.id, slot, crop, quality);
    }
  }

  /** Drafts while the frame moves, one at a time and always the latest; the rest position is saved. */
  const drafting = useRef<{ busy: boolean; next: CropRect | null }>({ busy: false, next: null });
  const saving = useRef(0);
  function onCrop(crop: CropRect, final: boolean) {
    const shown = framing?.info;
    if (!shown) return;
    if (final) {
      const save = ++saving.current;
      void cutOpen(shown, crop, 'final')
        .then(async (cut) => {
          if (save !== saving.current) return; // the frame moved on meanwhile
          const edit = recut(shown, crop, cut);
          await onSave(edit);
          setFraming((previous) => (previous ? { ...previous, info: edit.info } : previous));
        })
        // Removed, or picked anew, while this was cut: nothing of it is wanted any more.
        .catch((cause: unknown) => {
          const gone = framed.current?.info.source.id !== shown.source.id;
          if (!gone && !(cause instanceof Error && cause.name === 'StaleCropError')) setError(saveError(cause));
        });
      return;
    }
    const draft = drafting.current;
    draft.next = crop;
    if (draft.busy) return;
    draft.busy = true;
    void (async () => {
      while (draft.next) {
        const next = draft.next;
        draft.next = null;
        const cut = await cutOpen(shown, next, 'draft').catch(() => null);
        if (cut) onPreview(crypto.randomUUID(), cut.dataUrl);
      }
      draft.busy = false;
    })();
  }

  async function remove() {
    ++latest.current; // a pick still being checked or cut must not bring an image back
    setBusy(null);
    try {
      await onRemove();
      setError(null);
      if (framing) closePick(framing.info.source.id);
      setFraming(null);
      input.current?.focus(); // the focused button is gone: keep the keyboard in this field
    } catch (cause) {
      setError(saveError(cause));
    }
  }

  function download() {
    const blob = blobOfDataUrl(url);
    if (blob && info) saveFile(`${t(fileNameKey[slot])}.${info.format === 'png' ? 'png' : 'jpg'}`, blob);
  }

  const shown = framing?.info ?? info;
  const notes: string[] = [];
  if (shown && (shown.source.width !== out.width || shown.source.height !== out.height)) {
    notes.push(t('noteCropTo', out.width, out.height));
  }
  const soft = shown ? enlarges(slot, shown.crop) : false;

  return (
    <fieldset
      class={`field image-field${dragging ? ' dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        take(event.dataTransfer?.files[0]);
      }}
    >
      <legend id={`${id}-label`}>{label}</legend>
      <input
        ref={input}
        id={id}
        type="file"
        // CSDN takes PNG and JPG; the others are offered so that a fix can turn them into a PNG.
        accept="image/png,image/jpeg,image/gif,image/webp,image/avif,image/bmp"
        aria-labelledby={`${id}-label`}
        {...messageAttributes(id, error)}
        onChange={(event) => {
          const picker = event.currentTarget;
          take(picker.files?.[0]);
          picker.value = ''; // picking the same file again must still count
        }}
      />
      <p id={`${id}-hint`} class="hint" aria-live="polite">
        {busy ? t(busy) : `${t(hintKey[slot])} · ${t('dropHint')}`}
      </p>
      <FieldError id={id} error={error} />
      {fixable && (
        <button type="button" class="fix" onClick={fix}>
          {t('fixIt')}
        </button>
      )}
      {info && (
        <figure class="chosen">
          {url && !info.uncut ? <img src={url} alt="" /> : <span class="thumbnail-pending" />}
          <figcaption>
            <span class="file-name" title={info.source.name}>
              {info.source.name}
            </span>
            <span>{t('imageFacts', info.source.width, info.source.height, formatBytes(info.source.bytes))}</span>
            <span>{t('storedFacts', out.width, out.height, info.format.toUpperCase(), formatBytes(info.bytes))}</span>
          </figcaption>
          <button type="button" aria-label={t('removeNamed', label)} onClick={() => void remove()}>
            {t('remove')}
          </button>
        </figure>
      )}
      {info && missing && (
        <p class="error" role="alert">
          {t('imageMissing')}
        </p>
      )}
      {(notes.length > 0 || soft || fixed) && (
        <p class="notes" role="status">
          {[fixed ? t('fixedNote') : '', ...notes, soft ? t('warnEnlarged', out.width, out.height) : ''].filter(Boolean).join(' · ')}
        </p>
      )}
      {framing && (
        <Suspense fallback={<p class="hint">{t('checking')}</p>}>
          <CropFrame
            key={framing.url}
            slot={slot}
            src={framing.url}
            size={framing.info.source}
            crop={framing.info.crop}
            onChange={onCrop}
          />
        </Suspense>
      )}
      {info && !info.uncut && !missing && (
        <div class="actions">
          {!framing && (
            <button type="button" onClick={adjust}>
              {t('adjustCrop')}
            </button>
          )}
          <button type="button" onClick={download} disabled={!url}>
            {t('download')}
          </button>
          {slot !== 'header' && <span class="hint">{t('widenFrame')}</span>}
        </div>
      )}
    </fieldset>
  );
}
