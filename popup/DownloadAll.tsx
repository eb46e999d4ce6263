import { useState } from 'preact/hooks';
import { colorSlots, imageSlots } from '../src/rules';
import { isImageDataUrl, type Skin } from '../src/skin';
import { blobOfDataUrl, saveFile } from './files';
import { fieldLabel, t } from './i18n';
import { fileNameKey } from './ImageField';
import type { ImageUrls } from './use-skin';

/**
 * 全部下载: one zip of the files to upload to CSDN's form (the stored images, named as its fields)
 * and the three colors as text. fflate loads on the click.
 */
export function DownloadAll({ skin, imageUrls }: { skin: Skin; imageUrls: ImageUrls }) {
  const [note, setNote] = useState<string | null>(null);
  // Only checked here; the bytes are decoded on the click.
  const ready = imageSlots.filter((slot) => skin.images[slot] && !skin.images[slot].uncut && isImageDataUrl(imageUrls[slot]));
  if (ready.length === 0 && colorSlots.every((slot) => !skin.colors[slot])) return null;

  async function download() {
    const { zipSync } = await import('fflate');
    const files: Record<string, Uint8Array> = {};
    for (const slot of ready) {
      const blob = blobOfDataUrl(imageUrls[slot])!;
      const extension = skin.images[slot]!.format === 'png' ? 'png' : 'jpg';
      files[`${t(fileNameKey[slot])}.${extension}`] = new Uint8Array(await blob.arrayBuffer());
    }
    const colors = colorSlots.map((slot) => `${fieldLabel(slot)}: ${skin.colors[slot] ?? '-'}`).join('\n');
    files[`${t('fileColors')}.txt`] = new TextEncoder().encode(`${colors}\n`);
    // Stored, not deflated: PNGs are compressed already, and a fixed time keeps the zip the same bytes each time.
    const zip = zipSync(files, { level: 0, mtime: new Date(2000, 0, 1) });
    saveFile(`${t('extName')}.zip`, new Blob([zip], { type: 'application/zip' }));
    setNote(ready.includes('header') ? null : t('noHeaderInZip'));
  }

  return (
    <section class="download-all">
      <button type="button" onClick={() => void download()}>
        {t('downloadAll')}
      </button>
      {note && (
        <p class="error" role="alert">
          {note}
        </p>
      )}
    </section>
  );
}
