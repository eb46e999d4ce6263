/**
 * `npm run bench`: builds the extension, loads it into Chromium with Playwright as the end-to-end
 * tests do (test/support), takes each speed measure many times (measures.ts), prints a table and
 * writes the same to bench/results.json. Exits 1 when a target is missed. README.md, "Speed",
 * says what each figure is and how it is detected.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { Page } from 'playwright';
import { build } from 'vite';
import { chromiumPath } from '../test/chromium';
import { chromeBuildDir, homeUrl, launchWithExtension, openBlogPage, tabIdOf } from '../test/support/extension';
import { drawImage } from '../test/support/images';
import { bundleReport, contentScriptPath, KB, sizeBudgets } from './bundle';
import { claimingPng, countDecodes, keepInEditor, keepLargeJpeg, storedImagePrefix, timeWrites } from './editor';
import {
  measureColorTyping,
  measureContentScript,
  measureFrameMove,
  measureFirstFrames,
  measureFirstPaint,
  measureHeaderPick,
  measureHugePng,
  measureImageBytes,
  measurePopupOpen,
  runs,
  skinColors,
  skinTheRest,
  waitLimitMs,
  type Bench,
  type BenchFiles,
} from './measures';
import { clockOffset, pageOwnImages, type ClockOffset, type SkinLook } from './probes';
import { rgb } from '../test/support/page-state';
import { writePerformanceDoc } from './performance-doc';
import { failed, results } from './results';
import { round2 } from './stats';

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = loadavg()[0]!;
  if (loadAtStart > cpus().length / 2) {
    console.warn(
      `The machine is busy (load average ${loadAtStart.toFixed(2)} on ${cpus().length} cores): ` +
        'other work shares the CPU, so the times will be higher than on a quiet machine.',
    );
  }
  console.log('Building the extension into dist/chrome …');
  await build({ logLevel: 'warn' });
  measureBundles();

  const session = await launchWithExtension();
  try {
    const home = await openBlogPage(session, homeUrl);
    for (const page of session.context.pages()) if (page.url() === 'about:blank') await page.close();
    const tabId = await tabIdOf(session, home);
    const editor = await session.context.newPage();
    await editor.goto(session.popupUrl(`?tab=${tabId}`));
    await editor.getByRole('switch', { name: '预览' }).waitFor({ timeout: waitLimitMs });
    const bench: Bench = { session, home, editor, tabId };
    const chromium = (await (await session.context.newCDPSession(editor)).send('Browser.getVersion')).product;
    // Each measure that compares the two pages takes their clocks' offset again (probes.ts).
    const clock = await clockOffset(editor, home);
    console.log(`The blog page's clock is ${round2(clock.offset)} ms ahead of the editor's (between ${round2(clock.low)} and ${round2(clock.high)}).`);

    console.log('Drawing the images and skinning the blog …');
    const files = await prepareFiles(editor);
    await countDecodes(editor);
    await timeWrites(editor);
    await skinTheRest(bench, files);

    const sizeMB = (files.header.bytes / 1024 / 1024).toFixed(2);
    await attempt(`Picking a ${sizeMB} MB 4000×400 JPEG header, ${runs.headerPicks} times`, 'header-pick', '2 MB 4000×400 JPEG header picked → its first 1920×100 cut in the page’s computed style', 'median ≤ 150 ms', () =>
      measureHeaderPick(bench, files.header),
    );
    await attempt('Weighing the image bytes a page gets', 'page-bytes', 'image bytes a skinned page gets', 'reported', () =>
      measureImageBytes(bench),
    );
    await attempt(`Moving the header's crop frame ${runs.frameMoves} times`, 'frame-move', 'header crop frame dragged by the pointer → the new cut in the page’s computed style', 'p95 ≤ 16.7 ms (one frame)', () =>
      measureFrameMove(bench),
    );
    await attempt(`Picking a PNG whose header claims 50000×50000, ${runs.hugePngPicks} times`, 'huge-png', 'PNG claiming 50000×50000 → refused', 'median ≤ 5 ms, no decode', () =>
      measureHugePng(bench),
    );
    await attempt(`Typing ${runs.colorChanges} title colors`, 'color', 'color typed in the editor → page computed style', 'p95 ≤ 8 ms', () =>
      measureColorTyping(bench, files.header),
    );
    await attempt(`Opening the editor ${runs.popupOpens} times`, 'popup-open', 'editor opened → fields show the stored skin', 'median ≤ 100 ms', () =>
      measurePopupOpen(bench),
    );
    const look: SkinLook = {
      title: rgb(skinColors.title),
      images: [
        // What the editor stored for each slot: the cut images, not the picked files.
        { selector: '.user-profile-head-banner', startsWith: `url("data:image/png;base64,${await storedImagePrefix(bench.editor, 'header')}` },
        { selector: '#userSkin', startsWith: `url("data:image/png;base64,${await storedImagePrefix(bench.editor, 'background')}` },
        { selector: '.aside-box > .aside-title', startsWith: `url("data:image/png;base64,${await storedImagePrefix(bench.editor, 'column')}` },
      ],
      ownImages: pageOwnImages,
    };
    await attempt(
      `Reloading the skinned page ${runs.reloads} times`,
      'first-paint',
      'reload of a skinned page → skin in the first paint (ms: skin complete after the first frame)',
      `${runs.reloads} of ${runs.reloads}`,
      () => measureFirstPaint(bench, look),
    );
    await attempt(
      'Reloading pages without a skin, with colors alone, and with the whole skin, side by side',
      'first-frame-colors',
      'first visible frame, colors only (ms after navigation start)',
      '30 of 30 skinned, ≤ 1.25× no skin',
      () => measureFirstFrames(bench, look),
    );
    await attempt(
      `Reloading it ${runs.coldReloads} times with the background script stopped first`,
      'first-paint-cold',
      'the same, the background script stopped before each reload',
      `${runs.coldReloads} of ${runs.coldReloads}`,
      () => measureFirstPaint(bench, look, true),
    );
    await attempt(
      `Tracing the content script on ${runs.tracedLoads} loads of an unskinned and of a skinned blog page`,
      'script',
      'content script main-thread time',
      'median ≤ 1 ms unskinned, ≤ 3 ms skinned',
      () => measureContentScript(bench),
    );
    report({ chromium, clock, seconds: Math.round((Date.now() - started) / 1000), load: [loadAtStart, loadavg()[0]!] });
  } finally {
    await session.close();
  }
}

/** Runs one measure; if it cannot be taken, records a miss with the reason and goes on. */
/**
 * `BENCH_ONLY=frame-move,header-pick npm run bench` takes only the measures whose ids start so (the
 * page-skinning steps still run), prints them, and writes no file: for trying a change quickly.
 */
const only = process.env.BENCH_ONLY?.split(',').filter(Boolean) ?? null;

async function attempt(title: string, id: string, measure: string, target: string, run: () => Promise<void>): Promise<void> {
  if (only && !only.some((prefix) => id.startsWith(prefix))) return;
  console.log(`${title} …`);
  try {
    await run();
  } catch (error) {
    console.error(`  could not measure ${id}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    failed(id, measure, target, error);
  }
}

function measureBundles(): void {
  const bundles = bundleReport(chromeBuildDir);
  const kb = (bytes: number) => round2(bytes / KB);
  results.push({
    id: 'content-bundle',
    measure: 'content script bundle (gzip)',
    unit: 'KB',
    n: 1,
    median: null,
    p95: null,
    max: null,
    judged: 'value',
    value: kb(bundles.content.gzip),
    target: `≤ ${sizeBudgets.contentGzip / KB} KB gzip, no Preact`,
    pass: bundles.content.gzip <= sizeBudgets.contentGzip && !bundles.content.hasPreact,
    conditions: { noPreact: !bundles.content.hasPreact },
    details: { rawKB: kb(bundles.content.bytes), preactMarkers: bundles.content.preactMarkers.join(' ') || 'none' },
    notes: `${contentScriptPath}, gzip at zlib's default level; 1 KB = 1024 bytes`,
  });
  results.push({
    id: 'popup-bundle',
    measure: "editor's first load of JavaScript (gzip)",
    unit: 'KB',
    n: bundles.popup.files.length,
    median: null,
    p95: null,
    max: null,
    judged: 'value',
    value: kb(bundles.popup.gzip),
    target: `≤ ${sizeBudgets.popupGzip / KB} KB gzip`,
    pass: bundles.popup.gzip <= sizeBudgets.popupGzip,
    details: {
      rawKB: kb(bundles.popup.bytes),
      files: bundles.popup.files.map((file) => `${file.file} ${kb(file.gzip)} KB`).join(', '),
      loadedWhenNeededKB: kb(bundles.popupLater.gzip),
      loadedWhenNeeded: bundles.popupLater.files.map((file) => `${file.file} ${kb(file.gzip)} KB`).join(', '),
    },
    notes:
      'the scripts popup/index.html loads and what they import statically, each gzipped on its own; beside it, ' +
      'what loads when first needed (the crop UI with Cropper.js, the image worker with pica, fflate)',
  });
}

async function prepareFiles(editor: Page): Promise<BenchFiles> {
  const background = await drawImage(editor, { width: 40, height: 40, type: 'image/png', stripes: ['#FDF2F8', '#FCE7F3'] });
  const column = await drawImage(editor, { width: 300, height: 38, type: 'image/png', stripes: ['#7C3AED'] });
  const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
  return {
    header: await keepLargeJpeg(editor, 'header'),
    background: { ...(await keepInEditor(editor, 'background', background, 'tile.png', 'image/png')), buffer: background },
    column: { ...(await keepInEditor(editor, 'column', column, 'column.png', 'image/png')), buffer: column },
    hugePng: await keepInEditor(editor, 'hugePng', claimingPng(50_000, 50_000), 'huge.png', 'image/png'),
    gif: await keepInEditor(editor, 'gif', gif, 'renamed.png', 'image/png'),
  };
}

interface RunFacts {
  chromium: string;
  clock: ClockOffset;
  seconds: number;
  load: number[];
}

function report(run: RunFacts): void {
  const header = ['measure', 'n', 'median', 'p95', 'target', 'result'];
  const rows = results.map((result) => {
    const unit = result.unit === 'reloads' ? 'ms' : result.unit;
    const figure = (value: number | null) => (value === null ? '–' : `${value} ${unit}`);
    const shown =
      result.value === null
        ? 'not measured'
        : result.judged === 'count'
          ? `${result.value}/${result.n}`
          : `${result.value} ${result.unit === 'KB' ? 'KB' : 'ms'}`;
    const broken = Object.entries(result.conditions ?? {})
      .filter(([, held]) => !held)
      .map(([name]) => name);
    return [
      result.measure,
      String(result.n),
      result.judged === 'value' && result.unit === 'KB' ? shown : figure(result.median),
      result.judged === 'value' && result.unit === 'KB' ? '' : figure(result.p95),
      result.target,
      `${result.pass ? 'pass' : 'MISS'} (${shown}${broken.length > 0 ? `; not: ${broken.join(', ')}` : ''})`,
    ];
  });
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${line(header)}\n|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  for (const result of results) {
    const facts = { ...result.conditions, ...result.details };
    if (Object.keys(facts).length > 0) console.log(`  ${result.id}: ${JSON.stringify(facts)}`);
    if (result.value === null && result.notes) console.log(`  ${result.id}: ${result.notes}`);
  }
  const missed = results.filter((result) => !result.pass);
  console.log(missed.length === 0 ? '\nEvery target met.' : `\n${missed.length} target(s) missed: ${missed.map((r) => r.id).join(', ')}`);
  console.log(`Load average ${run.load.map((n) => n.toFixed(2)).join(' at the start, ')} at the end, on ${cpus().length} cores.`);

  const file = resolve('bench/results.json');
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, chromium: run.chromium, chromiumPath };
  const json = {
    measuredAt: new Date().toISOString(),
    machine,
    /** One-minute load average when the run began and ended: above the core count, other work shared the CPU. */
    loadAverage: { start: round2(run.load[0]!), end: round2(run.load[1]!) },
    clockOffsetMs: { low: round2(run.clock.low), high: round2(run.clock.high) },
    seconds: run.seconds,
    table: rows.map((row) => Object.fromEntries(header.map((title, i) => [title, row[i]]))),
    results,
  };
  process.exitCode = missed.length === 0 ? 0 : 1;
  if (only) return;
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  writePerformanceDoc(json);
  console.log(`Written to ${file} and docs/performance.md (${run.seconds} s).`);
}

main().catch((error: unknown) => {
  console.error('npm run bench failed:', error);
  process.exit(2);
});
