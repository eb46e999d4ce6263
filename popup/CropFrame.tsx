import Cropper from 'cropperjs';
import 'cropperjs/dist/cropper.css';
import { useEffect, useRef } from 'preact/hooks';
import { cropAspect, fitCrop, type CropRect } from '../src/image/crop';
import type { PixelSize } from '../src/image/sniff';
import type { ImageSlot } from '../src/rules';
import { t } from './i18n';

interface Props {
  slot: ImageSlot;
  /** The picked file, as an object URL. */
  src: string;
  size: PixelSize;
  crop: CropRect;
  /** Every move of the frame (`final` false), then once it has come to rest (`final` true). */
  onChange(crop: CropRect, final: boolean): void;
}

/** How long the frame must rest before its crop is cut in full and saved. */
const REST_MS = 180;
/** Screen pixels an arrow key moves the frame; with Shift, ten times as far. */
const KEY_STEP = 1;

/**
 * CSDN's crop box, as its dialog sets it up (Cropper.js, `viewMode: 2`, `autoCropArea: 1`, locked
 * to the stored image's aspect, movable and zoomable, never rotated), and the `-` / `+` zoom of
 * its buttons. The frame itself takes focus: the arrow keys move it and `-` / `+` zoom.
 * Loaded with the first pick, so the editor's first load never carries it.
 */
export default function CropFrame({ slot, src, size, crop, onChange }: Props) {
  const image = useRef<HTMLImageElement>(null);
  const cropper = useRef<Cropper | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const element = image.current!;
    let last = crop;
    let rest: ReturnType<typeof setTimeout> | undefined;
    let frame: HTMLElement | null = null;
    const describe = (at: CropRect) => frame?.setAttribute('aria-label', `${t('cropFrame', at.x, at.y, at.width, at.height)}. ${t('cropHelp')}`);
    const instance = new Cropper(element, {
      aspectRatio: cropAspect(slot),
      viewMode: 2,
      autoCropArea: 1,
      rotatable: false,
      scalable: false,
      zoomable: true,
      movable: true,
      toggleDragModeOnDblclick: false,
      data: atAspect(crop, cropAspect(slot), size),
      ready() {
        frame = element.parentElement!.querySelector<HTMLElement>('.cropper-crop-box');
        if (!frame) return;
        frame.tabIndex = 0;
        frame.setAttribute('role', 'group');
        describe(last);
        frame.addEventListener('keydown', (event) => onKey(instance, event));
      },
      crop(event) {
        const next = fitCrop(event.detail, size);
        if (!next || same(next, last)) return;
        last = next;
        describe(next);
        changed.current(next, false);
        clearTimeout(rest);
        rest = setTimeout(() => changed.current(last, true), REST_MS);
      },
    });
    cropper.current = instance;
    return () => {
      clearTimeout(rest);
      instance.destroy();
      cropper.current = null;
    };
    // A new pick is a new frame; the crop it starts at is read once.
  }, [src]);

  const zoom = (ratio: number) => cropper.current?.zoom(ratio);
  // Cropper.js needs 100 px at least; never taller than the popup allows.
  const height = Math.round(Math.min(240, Math.max(100, (332 * size.height) / size.width)));
  return (
    <div class="crop">
      <div class="crop-area" style={{ height: `${height}px` }}>
        <img ref={image} src={src} alt="" />
      </div>
      <div class="crop-zoom">
        <button type="button" aria-label={t('zoomOut')} title={t('zoomOut')} onClick={() => zoom(-0.1)}>
          −
        </button>
        <button type="button" aria-label={t('zoomIn')} title={t('zoomIn')} onClick={() => zoom(0.1)}>
          +
        </button>
      </div>
    </div>
  );
}

function onKey(cropper: Cropper, event: KeyboardEvent): void {
  const step = event.shiftKey ? KEY_STEP * 10 : KEY_STEP;
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [-step, 0],
    ArrowRight: [step, 0],
    ArrowUp: [0, -step],
    ArrowDown: [0, step],
  };
  const move = moves[event.key];
  if (move) {
    const box = cropper.getCropBoxData();
    cropper.setCropBoxData({ left: box.left + move[0], top: box.top + move[1] });
  } else if (event.key === '+' || event.key === '=') {
    cropper.zoom(0.1);
  } else if (event.key === '-') {
    cropper.zoom(-0.1);
  } else {
    return;
  }
  event.preventDefault();
}

/**
 * The crop as Cropper.js holds it: exactly at the aspect. A stored crop is whole pixels, a fraction
 * off the aspect; given as it is, Cropper would make its width again from its height, and the
 * first frame would differ from the stored crop by a few pixels on the right.
 */
function atAspect(crop: CropRect, aspect: number, picture: PixelSize): CropRect {
  const taller = { ...crop, height: crop.width / aspect };
  const wider = { ...crop, width: crop.height * aspect };
  const fits = (box: CropRect) => box.x + box.width <= picture.width && box.y + box.height <= picture.height;
  // The larger of the two that the picture holds, as CSDN's frame is as large as it can be.
  const [larger, smaller] = taller.height > crop.height ? [taller, wider] : [wider, taller];
  return fits(larger) ? larger : smaller;
}

const same = (a: CropRect, b: CropRect) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
