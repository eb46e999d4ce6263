/**
 * Driving the editor page from inside it, by its labels: files kept in the page, picked into a
 * field as a `change` event, and counters of what the editor did (decodes, storage writes).
 * Page-side code is written without named inner functions (see probes.ts).
 */
import { crc32 } from 'node:zlib';
import type { Page, Worker } from 'playwright';
import type { ImageSlot } from '../src/rules';
import { demoUser } from '../test/support/extension';
import { storedImageUrl } from '../test/support/stored-images';
import { round2, summarize } from './stats';

type PageFiles = { __bspFiles: Record<string, File> };

export interface KeptFile {
  /** Name of the File kept in the editor page. */
  key: string;
  bytes: number;
  /** The base64 of the file's first 300 bytes: how its data URL, and the page's CSS, start. */
  prefix: string;
}

/** Keeps `buffer` in the editor page as a File, ready to be picked. */
export async function keepInEditor(editor: Page, key: string, buffer: Buffer, name: string, type: string): Promise<KeptFile> {
  await editor.evaluate(
    ({ key, base64, name, type }) => {
      const w = window as unknown as PageFiles;
      w.__bspFiles ??= {};
      w.__bspFiles[key] = new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type });
    },
    { key, base64: buffer.toString('base64'), name, type },
  );
  return { key, bytes: buffer.length, prefix: buffer.subarray(0, 300).toString('base64') };
}

/**
 * A 4000 × 400 JPEG just under CSDN's 2 MB limit, drawn by Chromium's canvas in the editor and kept
 * there: a gradient under grain (grain is what makes a JPEG big), at quality 1, the grain's
 * strength searched until the file is 1.9–2 MB.
 */
export async function keepLargeJpeg(editor: Page, key: string): Promise<KeptFile> {
  const drawn = await editor.evaluate(
    async ({ key, width, height, low, high }) => {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d')!;
      let weak = 0;
      let strong = 255;
      let blob: Blob | null = null;
      for (let step = 0; step < 16 && !blob; step++) {
        const grain = (weak + strong) / 2;
        const image = context.createImageData(width, height);
        let seed = 20240611;
        for (let i = 0; i < image.data.length; i += 4) {
          const x = (i / 4) % width;
          seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
          image.data[i] = 20 + (x / width) * 120 + ((seed & 255) / 255) * grain * 0.4;
          image.data[i + 1] = 30 + (((seed >>> 8) & 255) / 255) * grain * 0.4;
          image.data[i + 2] = 150 - (x / width) * 100 + (((seed >>> 16) & 255) / 255) * grain * 0.4;
          image.data[i + 3] = 255;
        }
        context.putImageData(image, 0, 0);
        const candidate = await canvas.convertToBlob({ type: 'image/jpeg', quality: 1 });
        if (candidate.size > high) strong = grain;
        else if (candidate.size < low) weak = grain;
        else blob = candidate;
      }
      if (!blob) throw new Error(`no grain gives a JPEG of ${low}–${high} bytes`);
      const w = window as unknown as PageFiles;
      w.__bspFiles ??= {};
      w.__bspFiles[key] = new File([blob], 'header-4000x400.jpg', { type: 'image/jpeg' });
      const head = new Uint8Array(await blob.slice(0, 300).arrayBuffer());
      return { bytes: blob.size, prefix: btoa(String.fromCharCode(...head)) };
    },
    { key, width: 4000, height: 400, low: 1.9 * 1024 * 1024, high: 2 * 1024 * 1024 },
  );
  return { key, ...drawn };
}

/** A PNG of a few dozen bytes whose header claims `width` × `height` pixels. */
export function claimingPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Picks a kept file into the field labelled `label`, as the browser does: `files` set, then `change`. Returns t0. */
export function pick(editor: Page, label: string, key: string): Promise<number> {
  return editor.evaluate(
    ({ label, key }) => {
      // An image field is a fieldset named by its legend, which also labels its file input.
      const legend = [...document.querySelectorAll('legend')].find((l) => l.textContent === label);
      const control = legend?.parentElement?.querySelector('input[type="file"]');
      if (!(control instanceof HTMLInputElement)) throw new Error(`no field labelled ${label}`);
      const transfer = new DataTransfer();
      transfer.items.add((window as unknown as PageFiles).__bspFiles[key]!);
      control.files = transfer.files;
      const t0 = performance.timeOrigin + performance.now();
      control.dispatchEvent(new Event('change', { bubbles: true }));
      return t0;
    },
    { label, key },
  );
}

/**
 * Picks a kept file and waits, inside the editor, for the field's alert to contain `text`; returns
 * [t0, t1]. The observer is armed before the pick, on the field's section.
 */
export function pickUntilAlert(editor: Page, label: string, key: string, text: string, limitMs: number) {
  return editor.evaluate(
    ({ label, key, text, limitMs }) => {
      // An image field is a fieldset named by its legend, which also labels its file input.
      const legend = [...document.querySelectorAll('legend')].find((l) => l.textContent === label);
      const control = legend?.parentElement?.querySelector('input[type="file"]');
      if (!(control instanceof HTMLInputElement)) throw new Error(`no field labelled ${label}`);
      const section = control.closest('fieldset')!;
      const shown = new Promise<number>((resolve, reject) => {
        const observer = new MutationObserver(() => {
          if (!section.querySelector('[role="alert"]')?.textContent?.includes(text)) return;
          observer.disconnect();
          resolve(performance.timeOrigin + performance.now());
        });
        observer.observe(section, { subtree: true, childList: true, characterData: true });
        setTimeout(() => reject(new Error(`no alert saying ${text} within ${limitMs} ms`)), limitMs);
      });
      const transfer = new DataTransfer();
      transfer.items.add((window as unknown as PageFiles).__bspFiles[key]!);
      control.files = transfer.files;
      const t0 = performance.timeOrigin + performance.now();
      control.dispatchEvent(new Event('change', { bubbles: true }));
      return shown.then((t1) => [t0, t1] as const);
    },
    { label, key, text, limitMs },
  );
}

/** Types `value` into the text field labelled `label` as one `input` event; returns t0. */
export function typeInto(editor: Page, label: string, value: string): Promise<number> {
  return editor.evaluate(
    ({ label, value }) => {
      const control = [...document.querySelectorAll('label')].find((l) => l.textContent === label)?.control;
      if (!(control instanceof HTMLInputElement)) throw new Error(`no field labelled ${label}`);
      control.value = value;
      const t0 = performance.timeOrigin + performance.now();
      control.dispatchEvent(new Event('input', { bubbles: true }));
      return t0;
    },
    { label, value },
  );
}

/**
 * Counts calls of createImageBitmap, the one way to decode an image for its size, in the editor
 * page and in every dedicated worker it runs (the editor checks files in a worker). A worker
 * started later is instrumented when Playwright reports it: `decoderSeen` in the results shows the
 * count works (each accepted JPEG is decoded once).
 */
export async function countDecodes(editor: Page): Promise<void> {
  const install = () => {
    const scope = globalThis as unknown as { __bspDecodes?: number; createImageBitmap: typeof createImageBitmap };
    if (scope.__bspDecodes !== undefined) return;
    const decode = scope.createImageBitmap.bind(globalThis);
    scope.__bspDecodes = 0;
    scope.createImageBitmap = ((...args: Parameters<typeof createImageBitmap>) => {
      scope.__bspDecodes! += 1;
      return decode(...args);
    }) as typeof createImageBitmap;
  };
  editor.on('worker', (worker) => void worker.evaluate(install).catch(() => undefined));
  await Promise.all([editor.evaluate(install), ...editor.workers().map((worker) => worker.evaluate(install))]);
}

/**
 * Decodes in the editor's image worker, where picked files are checked and cut, and how many
 * workers the editor has. The editor's page and its palette worker decode only the stored images,
 * for the contrast readout and the suggested colors, at times of their own: not counted.
 */
export async function decodes(editor: Page): Promise<{ count: number; workers: number }> {
  const read = () => (globalThis as unknown as { __bspDecodes?: number }).__bspDecodes ?? 0;
  const workers: Worker[] = editor.workers();
  const imageWorkers = workers.filter((worker) => worker.url().includes('image.worker'));
  const counts = await Promise.all(imageWorkers.map((worker) => worker.evaluate(read)));
  return { count: counts.reduce((sum, n) => sum + n, 0), workers: workers.length };
}

/**
 * Notes when each chrome.storage.local.set of the editor is called and when it completes, so a
 * latency splits into the editor's work, the storage write and the page's work; and the header's
 * revision in the record it writes, so the write that saves a new header can be told apart.
 */
export async function timeWrites(editor: Page): Promise<void> {
  await editor.evaluate(() => {
    type Call = (...args: unknown[]) => unknown;
    const w = window as unknown as { __bspSets: Array<{ called: number; done: number | null; header: string | null }> };
    const area = chrome.storage.local as unknown as { set: Call };
    const set = area.set.bind(area) as Call;
    w.__bspSets = [];
    area.set = (...args: unknown[]) => {
      // Written records hold `images.header.revision` (src/skin.ts); image bytes are kept apart.
      const records = Object.values((args[0] ?? {}) as Record<string, { images?: { header?: { revision?: unknown } } } | null>);
      const header = records.map((record) => record?.images?.header?.revision).find((revision) => typeof revision === 'string');
      const entry = { called: performance.timeOrigin + performance.now(), done: null as number | null, header: (header as string | undefined) ?? null };
      w.__bspSets.push(entry);
      const last = args.at(-1);
      if (typeof last === 'function') {
        args[args.length - 1] = (...results: unknown[]) => {
          entry.done = performance.timeOrigin + performance.now();
          return (last as Call)(...results);
        };
        return set(...args);
      }
      return Promise.resolve(set(...args)).finally(() => {
        entry.done = performance.timeOrigin + performance.now();
      });
    };
  });
}

export type Write = { called: number; done: number | null; header: string | null };

/** The editor's last storage write. */
export const lastWrite = (editor: Page): Promise<Write | null> =>
  editor.evaluate(() => (window as unknown as { __bspSets: Write[] }).__bspSets.at(-1) ?? null);

/**
 * Waits until the editor's first record write since `t0` that names a header other than `before`
 * has completed: a picked header saved. When it ended, on the editor's clock.
 */
export async function headerSaved(editor: Page, t0: number, before: string | null, limitMs: number): Promise<number> {
  const found = await editor.waitForFunction(
    ({ t0, before }) =>
      (window as unknown as { __bspSets: Write[] }).__bspSets.find((write) => write.called >= t0 && write.header !== null && write.header !== before)
        ?.done ?? null,
    { t0, before },
    { polling: 2, timeout: limitMs },
  );
  return (await found.jsonValue())!;
}

/** Waits until a storage write begun after `t0` has completed. */
export async function writeDone(editor: Page, t0: number, limitMs: number): Promise<void> {
  await editor.waitForFunction(
    (t0) => {
      const last = (window as unknown as { __bspSets: Write[] }).__bspSets.at(-1);
      return last !== undefined && last.called >= t0 && last.done !== null;
    },
    t0,
    { polling: 5, timeout: limitMs },
  );
}

/** The phases of edits: the editor's work until its storage write, and the write itself. */
export class Phases {
  private readonly toWrite: number[] = [];
  private readonly write: number[] = [];
  private shownBeforeSaved = 0;
  private picks = 0;
  /** Per pick, how long before the editor heard its write was done the page showed the image. */
  private readonly lead: number[] = [];

  /** `t0` the change, `set` the editor's storage write, `shown` (for images) when the page showed it. */
  add(t0: number, set: Write | null, shown?: number): void {
    if (shown !== undefined) this.picks++;
    if (!set || set.called < t0) return;
    this.toWrite.push(set.called - t0);
    if (set.done !== null) this.write.push(set.done - set.called);
    if (shown !== undefined && (set.done === null || shown < set.done)) this.shownBeforeSaved++;
    if (shown !== undefined && set.done !== null) this.lead.push(set.done - shown);
  }

  details(): Record<string, number | string> {
    const median = (values: number[]) => (values.length > 0 ? round2(summarize(values).median) : -1);
    return {
      medianEditorUntilWriteMs: median(this.toWrite),
      medianStorageWriteMs: median(this.write),
      ...(this.picks > 0
        ? { shownBeforeSaved: `${this.shownBeforeSaved}/${this.picks}`, medianShownBeforeWriteDoneMs: median(this.lead) }
        : {}),
    };
  }
}

/** The first characters of the base64 of the image stored for `slot`: what a page showing it computes to. */
export async function storedImagePrefix(editor: Page, slot: ImageSlot): Promise<string> {
  const value = (await storedImageUrl(editor, demoUser, slot)) ?? '';
  return value.slice(value.indexOf(',') + 1, value.indexOf(',') + 65);
}
