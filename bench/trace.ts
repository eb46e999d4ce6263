/**
 * Chromium's own timeline (the trace DevTools' Performance panel records), read for two things:
 * the main-thread time the content script costs a page, and whether the skin was in a page's
 * first paint.
 */
import type { BrowserContext, Page } from 'playwright';

export interface TraceEvent {
  name: string;
  cat: string;
  /** X: complete event with `dur`; I/R: instant; B/E, b/e: begin and end. */
  ph: string;
  /** Microseconds on the browser's monotonic clock, the same for every process of one browser. */
  ts: number;
  dur?: number;
  /** Thread time, microseconds: what the thread spent on the CPU in `dur` (absent where the platform cannot tell). */
  tdur?: number;
  pid: number;
  tid: number;
  args?: {
    data?: { url?: string; frame?: string; message?: string; [key: string]: unknown };
    chrome_mojo_event_info?: { mojo_interface_tag?: string };
    [key: string]: unknown;
  };
}

/** What DevTools records, plus the task and IPC events (`toplevel`, `mojom`) that say what ran each task. */
const categories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'mojom',
];

/** Records a trace of the whole browser while `action` runs. */
export async function recordTrace(
  context: BrowserContext,
  page: Page,
  action: () => Promise<void>,
): Promise<TraceEvent[]> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: categories, recordMode: 'recordAsMuchAsPossible' },
  });
  try {
    await action();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  return events;
}

/** Trace events that mean a script was evaluated or a function of one was called. */
const SCRIPT_RUNS = /^(EvaluateScript|FunctionCall|v8\.run|v8\.callFunction|V8\.Execute)$/;

export const end = (event: TraceEvent) => event.ts + (event.dur ?? 0);
const within = (inner: TraceEvent, start: number, stop: number) => inner.ts >= start && end(inner) <= stop;

export type WorkKind = 'evaluate' | 'callback' | 'extension-task' | 'inserted-css';

export interface ScriptWork {
  /** Main-thread script time, ms: the union of the script's intervals below (nested ones are not counted twice). */
  totalMs: number;
  /**
   * Of `totalMs`, the time the main thread was on a CPU (the trace's thread durations): the rest is
   * mostly the system giving the core to other threads and processes meanwhile (on two cores, the
   * browser's own work during a load), and the short untraced gap between a task and its
   * microtasks. Null when the trace has no thread durations.
   */
  cpuMs: number | null;
  /** Per kind, ms. `inserted-css` is not script and not in `totalMs`. */
  byKind: Record<WorkKind, number>;
  /** The same on the CPU; null as `cpuMs`. */
  cpuByKind: Record<WorkKind, number> | null;
  /** Layout or style recalculation run inside that time: forced by the script, synchronously. */
  forced: Array<{ name: string; ms: number }>;
}

/**
 * The main-thread time the content scripts (`scriptUrls`: the main one first, and any other of
 * ours the page runs) cost one page load, from the first evaluation:
 * - `evaluate`: their EvaluateScript (compile and run at document_start);
 * - `callback`: FunctionCall events whose function is in one of them (MutationObserver, DOM events);
 * - `extension-task`: every task on the page's main thread that handles a message from the
 *   browser's extension system (an `extensions.mojom.*` IPC: storage replies, storage.onChanged,
 *   runtime messages), with the microtasks run at its end, where the script's promise callbacks
 *   run. The page itself never receives such messages, so all of that is the extension's; it also
 *   counts the extension system's own handling, so the figure errs high, never low;
 * - `inserted-css`, beside the total, not in it: tasks where the browser inserts the extension's
 *   image sheets into the frame (`scripting.insertCSS` arrives as an `extensions.mojom.LocalFrame`
 *   message) and no script runs: the page's style engine parsing the sheet. The same interface
 *   carries `executeScript` (the editor describing the page); a task of it in which any script is
 *   evaluated or called counts as script, so the split never hides script time.
 */
export function contentScriptWork(events: TraceEvent[], scriptUrls: string[], frame?: string): ScriptWork {
  const ours = (event: TraceEvent) => scriptUrls.includes(String(event.args?.data?.url));
  const evaluations = events.filter(
    (event) =>
      event.ph === 'X' &&
      event.name === 'EvaluateScript' &&
      event.args?.data?.url === scriptUrls[0] &&
      (frame === undefined || event.args?.data?.frame === frame),
  );
  const main = evaluations.sort((a, b) => a.ts - b.ts)[0];
  if (!main) throw new Error(`the trace has no evaluation of ${scriptUrls[0]}: the content script did not run`);
  // The thread of the main script's evaluation, from the first of ours that ran on it.
  const first = events
    .filter((event) => event.ph === 'X' && event.name === 'EvaluateScript' && ours(event) && event.pid === main.pid && event.tid === main.tid)
    .filter((event) => event.ts <= main.ts && main.ts - event.ts < 1_000_000)
    .sort((a, b) => a.ts - b.ts)[0]!;
  const thread = events
    .filter((event) => event.pid === first.pid && event.tid === first.tid && event.ph === 'X' && event.ts >= first.ts)
    .sort((a, b) => a.ts - b.ts);
  const tasks = thread.filter((event) => event.name === 'ThreadControllerImpl::RunTask');

  // NaN where an event has no thread duration, so the CPU figures come out null, never wall time.
  const cpu = (...events: Array<TraceEvent | undefined>) => events.reduce((sum, event) => sum + (event ? (event.tdur ?? NaN) : 0), 0);
  const intervals: Array<{ kind: WorkKind; start: number; stop: number; cpu: number }> = [];
  for (const event of thread) {
    if (event.name === 'EvaluateScript' && ours(event)) {
      intervals.push({ kind: 'evaluate', start: event.ts, stop: end(event), cpu: cpu(event) });
    } else if (event.name === 'FunctionCall' && ours(event)) {
      intervals.push({ kind: 'callback', start: event.ts, stop: end(event), cpu: cpu(event) });
    } else if (
      /^Receive mojo (message|reply)$/.test(event.name) &&
      event.args?.chrome_mojo_event_info?.mojo_interface_tag?.startsWith('extensions.mojom.')
    ) {
      const inserted = event.name === 'Receive mojo message' && event.args.chrome_mojo_event_info.mojo_interface_tag === 'extensions.mojom.LocalFrame';
      const task = tasks.filter((candidate) => within(event, candidate.ts, end(candidate))).at(-1);
      if (!task) continue;
      const next = tasks.find((candidate) => candidate.ts >= end(task));
      const checkpoint = thread.find(
        (candidate) =>
          candidate.name === 'BlinkScheduler_PerformMicrotaskCheckpoint' &&
          candidate.ts >= end(task) &&
          (!next || candidate.ts < next.ts),
      );
      const stop = Math.max(end(task), checkpoint ? end(checkpoint) : 0);
      const ranScript = thread.some((inner) => SCRIPT_RUNS.test(inner.name) && within(inner, task.ts, stop));
      // The scheduler's outer task holds both, with a thread duration where the checkpoint often has none.
      const outer = thread.filter((candidate) => candidate.name === 'RunTask' && candidate.ts <= task.ts && end(candidate) >= stop).at(-1);
      const onCpu = outer?.tdur ?? cpu(task, checkpoint);
      intervals.push({ kind: inserted && !ranScript ? 'inserted-css' : 'extension-task', start: task.ts, stop, cpu: onCpu });
    }
  }

  const none = (): Record<WorkKind, number> => ({ evaluate: 0, callback: 0, 'extension-task': 0, 'inserted-css': 0 });
  const byKind = none();
  const cpuByKind = none();
  let total = 0;
  let reach = -Infinity;
  // By start, and the outer of two that start together first, so a nested one adds nothing.
  const ordered = intervals.filter((i) => i.kind !== 'inserted-css').sort((a, b) => a.start - b.start || b.stop - a.stop);
  for (const interval of ordered) {
    const start = Math.max(interval.start, reach);
    if (interval.stop > start) {
      total += interval.stop - start;
      byKind[interval.kind] += (interval.stop - start) / 1000;
      // A part already counted within an interval before is left out of its CPU time, in proportion.
      cpuByKind[interval.kind] += (interval.cpu * (interval.stop - start)) / (interval.stop - interval.start) / 1000;
      reach = interval.stop;
    }
  }
  for (const interval of intervals) {
    if (interval.kind !== 'inserted-css') continue;
    byKind['inserted-css'] += (interval.stop - interval.start) / 1000;
    cpuByKind['inserted-css'] += interval.cpu / 1000;
  }
  const cpuMs = cpuByKind.evaluate + cpuByKind.callback + cpuByKind['extension-task'];
  const forced = thread
    .filter(
      (event) =>
        (event.name === 'Layout' || event.name === 'UpdateLayoutTree') &&
        intervals.some((interval) => interval.kind !== 'inserted-css' && within(event, interval.start, interval.stop)),
    )
    .map((event) => ({ name: event.name, ms: (event.dur ?? 0) / 1000 }));
  const known = !Number.isNaN(cpuMs);
  return { totalMs: total / 1000, cpuMs: known ? cpuMs : null, byKind, cpuByKind: known ? cpuByKind : null, forced };
}


/**
 * All the main-thread work of the page load that ran `scriptUrl` (its content script), from the
 * first task of that thread in the trace to its end: every top-level task's wall and CPU time,
 * whatever it did (parsing, script, style, layout, paint). Compared between a skinned and an
 * unskinned load of the same page, the difference is the whole cost of showing the skin, style
 * recalculation included, which no single event of the trace can be told to belong to.
 */
export function mainThreadWork(events: TraceEvent[], scriptUrl: string): { wallMs: number; cpuMs: number | null } {
  const evaluation = events.find((event) => event.ph === 'X' && event.name === 'EvaluateScript' && event.args?.data?.url === scriptUrl);
  if (!evaluation) throw new Error(`the trace has no evaluation of ${scriptUrl}`);
  const thread = events.filter((event) => event.pid === evaluation.pid && event.tid === evaluation.tid);
  let wall = 0;
  let cpu = 0;
  for (const task of outerTasks(thread)) {
    wall += task.dur ?? 0;
    cpu += task.tdur ?? NaN;
  }
  return { wallMs: wall / 1000, cpuMs: Number.isNaN(cpu) ? null : cpu / 1000 };
}

/**
 * The scheduler's outer `RunTask` events of one thread's events, in order, those nested in another
 * left out: each holds a task whole, its microtasks included, and carries the thread duration
 * where the inner events often have none.
 */
export function outerTasks(thread: TraceEvent[]): TraceEvent[] {
  const tasks = thread.filter((event) => event.ph === 'X' && event.name === 'RunTask').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const outer: TraceEvent[] = [];
  for (const task of tasks) if (outer.length === 0 || task.ts >= end(outer.at(-1)!)) outer.push(task);
  return outer;
}
