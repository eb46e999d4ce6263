/**
 * Issue 3, "Hostile files", in the real editor: hostile and awkward files picked one after
 * another into the image fields. Each is judged at its field (the refusal in words, or the file
 * shown by its name, as text), a refusal never changes the page, no file name runs as markup,
 * and after all of them the editor still paints the blog. The files are made here in Node by
 * the same makers as the browser corpus (test/browser/hostile-corpus.test.ts).
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MB } from '../../src/rules';
import type { Bytes } from '../support/bytes';
import { demoUser, launchWithEditor, type ExtensionSession } from '../support/extension';
import { hostileFileName, htmlText, makePdf, makeZip, pngBomb } from '../support/hostile-files';
import { asUpload } from '../support/images';
import { encodeJpeg } from '../support/jpeg-encoder';
import { encodePng, type PngChunkSpec } from '../support/png-encoder';
import { computedStyle } from '../support/page-state';
import { cssUrl, dataUrlOfCss, describeImage, storedImageUrl } from '../support/stored-images';
import type { ImageSlot } from '../../src/rules';

type Field = '博客头图' | '博客底图' | '栏目图';

const slotOf: Readonly<Record<Field, ImageSlot>> = { 博客头图: 'header', 博客底图: 'background', 栏目图: 'column' };

/** Where each field's image shows on the home page. */
const paintedAt: Readonly<Record<Field, string>> = {
  博客头图: '.user-profile-head-banner',
  博客底图: '#userSkin',
  栏目图: '#asideArchive .aside-title',
};

interface Step {
  what: string;
  field: Field;
  name: string;
  make: () => Bytes | Promise<Bytes>;
  /** The refusal shown at the field, exactly; null when the file is accepted. */
  refusal: string | null;
  /** For a refusal: whether 一键修复 is offered. For an acceptance: the note at the field, if any. */
  fixable?: boolean;
  note?: string;
  /** For an acceptance: the exact-size PNG the page gets. */
  stored?: string;
}

const flatPng = (width: number, height: number, depth: 8 | 16 = 8, extraChunks: PngChunkSpec[] = []) => {
  const pixel = depth === 16 ? [0x1e1e, 0x3a3a, 0x8a8a] : [0x1e, 0x3a, 0x8a];
  return encodePng({ width, height, color: 'rgb', depth, pixel, extraChunks });
};

/** The same flat PNG grown to exactly `size` bytes by a private ancillary chunk, which decoders skip. */
async function pngOfSize(width: number, height: number, size: number): Promise<Bytes> {
  const plain = await flatPng(width, height);
  return flatPng(width, height, 8, [{ type: 'skPd', data: new Uint8Array(size - plain.length - 12) }]);
}

const headerJpeg = () => encodeJpeg({ width: 1920, height: 100, color: [200, 100, 50] });

const formatRefusal = (format: string) => `文件格式为 ${format}，需为 PNG 或 JPG`;
const damaged = '文件已损坏，无法解码';

// In each field, every step's outcome differs from the one before it, so each is seen to arrive.
const steps: readonly Step[] = [
  {
    what: 'an empty file',
    field: '博客头图',
    name: 'banner.png',
    make: () => new Uint8Array(0),
    refusal: '文件是空的（0 字节）',
  },
  {
    what: 'a ZIP renamed .png',
    field: '博客头图',
    name: 'banner.png',
    make: () => makeZip('banner.png', new Uint8Array(500)),
    refusal: formatRefusal('ZIP'),
    fixable: false,
  },
  {
    what: 'a PNG bomb claiming 50000×50000',
    field: '博客头图',
    name: 'bomb.png',
    make: pngBomb,
    refusal: '图片声称 50000×50000 像素，远超皮肤所需，未解码',
    fixable: false,
  },
  {
    what: 'a JPEG cut in half',
    field: '博客头图',
    name: 'cut.jpg',
    make: () => {
      const whole = headerJpeg();
      return whole.slice(0, whole.length >> 1);
    },
    refusal: damaged,
    fixable: false,
  },
  {
    what: 'a 16-bit PNG',
    field: '博客头图',
    name: 'deep-16bit.png',
    make: () => flatPng(1920, 100, 16),
    refusal: null,
    stored: 'image/png 1920×100',
  },
  {
    what: 'a CMYK JPEG',
    field: '栏目图',
    name: 'cmyk.jpg',
    make: () => encodeJpeg({ width: 300, height: 38, space: 'cmyk', color: [124, 58, 237] }),
    refusal: null,
    stored: 'image/png 300×38',
  },
  {
    // CSDN's dialog crops a column image of any size to 300×38: taken, and the field says so.
    what: 'a column 1 px too wide',
    field: '栏目图',
    name: 'wide.png',
    make: () => flatPng(301, 38),
    refusal: null,
    note: '将裁成 300×38',
    stored: 'image/png 300×38',
  },
  {
    what: 'an HTML page renamed .jpg',
    field: '博客底图',
    name: 'tile.jpg',
    make: htmlText,
    refusal: formatRefusal('HTML'),
    fixable: false,
  },
  {
    what: 'a background 1 byte over 1 MB',
    field: '博客底图',
    name: 'tile.png',
    make: () => pngOfSize(40, 40, MB + 1),
    refusal: '文件大小 1 MB + 1 B，需不超过 1 MB',
    fixable: true,
  },
  {
    what: 'a PDF renamed .png',
    field: '博客底图',
    name: 'tile.png',
    make: makePdf,
    refusal: formatRefusal('PDF'),
    fixable: false,
  },
  {
    what: 'a PNG cut right after its header',
    field: '栏目图',
    name: 'column.png',
    make: async () => (await flatPng(300, 38)).slice(0, 33),
    refusal: damaged,
    fixable: false,
  },
  {
    what: 'a header 1 px too narrow',
    field: '博客头图',
    name: 'narrow.png',
    make: () => flatPng(1919, 100),
    refusal: '宽度 1919 像素，需至少 1920 像素',
    fixable: true,
  },
  {
    what: 'a file named with markup, quotes and 200 characters',
    field: '博客头图',
    name: hostileFileName('.jpg'),
    make: headerJpeg,
    refusal: null,
    stored: 'image/png 1920×100',
  },
];

let session: ExtensionSession;
let home: Page;
let editor: Page;
const dialogs: string[] = [];
/** What each field's spot on the page shows: the last accepted image, or nothing. */
const onPage: Record<Field, string> = { 博客头图: 'none', 博客底图: 'none', 栏目图: 'none' };

const field = (label: Field) => editor.getByLabel(label, { exact: true });
/** The field as a whole: its <fieldset>, named by its legend. */
const group = (label: Field) => editor.getByRole('group', { name: label, exact: true });
/** What the editor stored for the field: the only image the page is given. */
const stored = async (label: Field) => cssUrl(await storedImageUrl(editor, demoUser, slotOf[label]));
const soon = { timeout: 5000 };

beforeAll(async () => {
  ({ session, home, editor } = await launchWithEditor());
  for (const page of [home, editor]) {
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }
});

afterAll(async () => {
  await session?.close();
});

describe('hostile files picked one after another', () => {
  it.each(steps)('$field: $what', async ({ field: label, name, make, refusal, fixable, note, stored: kind }) => {
    const bytes = await make();
    const mimeType = name.endsWith('.png') ? 'image/png' : 'image/jpeg';
    const before = await stored(label);
    const alerts = () => group(label).getByRole('alert').allTextContents();
    // What the field says before the pick is not yet the answer, so a poll cannot pass on a stale read.
    if (refusal) expect(await alerts()).not.toEqual([refusal]);
    await field(label).setInputFiles(asUpload(name, Buffer.from(bytes), mimeType));
    const fix = group(label).getByRole('button', { name: '一键修复' });
    if (refusal) {
      await expect.poll(alerts, soon).toEqual([refusal]);
      expect(await field(label).getAttribute('aria-invalid')).toBe('true');
      expect(await fix.count()).toBe(fixable ? 1 : 0);
      // nothing was stored: the page keeps what it had
      expect(await stored(label)).toBe(before);
    } else {
      await expect.poll(() => group(label).locator('.file-name').allTextContents(), soon).toEqual([name]);
      expect(await alerts()).toEqual([]);
      expect(await field(label).getAttribute('aria-invalid')).toBe(null);
      const notes = group(label).getByRole('status');
      await expect.poll(() => notes.allTextContents(), soon).toEqual(note ? [note] : []);
      // what the page gets is the exact-size PNG cut from the file, never the file itself; a new one,
      // so a poll cannot pass on the image the step before stored, which may be of the same kind
      const kept = async () => {
        const now = await stored(label);
        return now === before ? 'the image before' : describeImage(dataUrlOfCss(now));
      };
      await expect.poll(kept, soon).toBe(kind);
      onPage[label] = await stored(label);
    }
    // A refusal leaves the page as it was; an accepted file is painted.
    await expect.poll(() => computedStyle(home, paintedAt[label], 'background-image'), soon).toBe(onPage[label]);
  });

  it('shows the hostile name exactly, as text, and nothing in it ran', async () => {
    const name = hostileFileName('.jpg');
    expect(name).toHaveLength(200);
    const shown = group('博客头图').locator('.file-name');
    const facts = await shown.evaluate((el: HTMLElement) => ({
      text: el.textContent,
      children: el.childElementCount,
      title: el.title,
    }));
    expect(facts).toEqual({ text: name, children: 0, title: name });
    await expect(editor.getByText(name, { exact: true }).count()).resolves.toBe(1);
    // No element came from the name: the only images are the two thumbnails, of the stored PNGs,
    // and the crop frames' pictures, of the picked files as the editor's own blob: URLs.
    const sources = (selector: string) =>
      editor.locator(selector).evaluateAll((imgs) => imgs.map((img) => img.getAttribute('src')));
    const thumbnail = expect.stringMatching(/^data:image\/png;base64,/);
    expect(await sources('figure img')).toEqual([thumbnail, thumbnail]);
    const frames = await sources('.crop img');
    expect(frames.length).toBeGreaterThan(0);
    for (const src of frames) expect(src).toMatch(new RegExp(`^blob:chrome-extension://${session.extensionId}/[0-9a-f-]+$`));
    expect(await editor.locator('img').count()).toBe(2 + frames.length);
    for (const page of [editor, home]) await expect(page.locator('img[src="x"], [onerror]').count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('leaves the editor working: a valid image and a color still paint the blog', async () => {
    const tile = await flatPng(40, 40);
    await field('博客底图').setInputFiles(asUpload('tile.png', Buffer.from(tile), 'image/png'));
    await expect.poll(() => group('博客底图').locator('.file-name').allTextContents(), soon).toEqual(['tile.png']);
    await expect.poll(async () => describeImage(dataUrlOfCss(await stored('博客底图'))), soon).toBe('image/png 100×100');
    await expect.poll(() => computedStyle(home, '#userSkin', 'background-image'), soon).toBe(await stored('博客底图'));
    expect(await group('博客底图').getByRole('alert').count()).toBe(0);
    await editor.getByLabel('主标题颜色', { exact: true }).fill('#1A7F37');
    const title = () => computedStyle(home, '.user-profile-head-name > div', 'color');
    await expect.poll(title, soon).toBe('rgb(26, 127, 55)');
    // Every check and cut ran in the one image worker, which never failed and was never replaced
    // (the suggested colors of a header have a worker of their own).
    const workers = editor.workers().map((worker) => worker.url());
    expect(workers.filter((url) => /image\.worker.*\.js$/.test(url))).toHaveLength(1);
    expect(workers.filter((url) => !/(image|palette)\.worker.*\.js$/.test(url))).toEqual([]);
  });
});
