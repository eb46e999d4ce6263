import { describe, expect, it } from 'vitest';
import { contentScriptWork, type TraceEvent } from '../../bench/trace';

const main = 'chrome-extension://id/content/main.iife.js';
const hold = 'chrome-extension://id/content/hold.iife.js';

/** A complete event on the page's main thread; times in microseconds. */
const x = (name: string, ts: number, dur: number, tdur: number | undefined, args?: TraceEvent['args']): TraceEvent => ({
  name,
  cat: 'test',
  ph: 'X',
  ts,
  dur,
  ...(tdur === undefined ? {} : { tdur }),
  pid: 1,
  tid: 1,
  args,
});
const script = (url: string) => ({ data: { url } });
const mojo = (name: string, ts: number, tag: string) => x(name, ts, 10, 10, { chrome_mojo_event_info: { mojo_interface_tag: tag } });

/** Two evaluations, the record's reply with its microtasks, the background's reply, and an inserted sheet. */
function load(withThreadTimes = true): TraceEvent[] {
  const t = (tdur: number) => (withThreadTimes ? tdur : undefined);
  return [
    x('EvaluateScript', 1000, 400, t(300), script(main)),
    x('EvaluateScript', 1500, 100, t(100), script(hold)),
    x('RunTask', 2999, 302, t(232)), // the scheduler's outer task: the reply and its microtasks
    x('ThreadControllerImpl::RunTask', 3000, 200, t(150)),
    mojo('Receive mojo reply', 3010, 'extensions.mojom.LocalFrameHost'),
    x('BlinkScheduler_PerformMicrotaskCheckpoint', 3200, 100, undefined), // as Chrome often writes it
    x('FunctionCall', 3200, 50, t(40), script(main)), // inside the microtasks: counted once
    x('ThreadControllerImpl::RunTask', 5000, 100, t(90)),
    mojo('Receive mojo message', 5010, 'extensions.mojom.MessagePort'),
    x('FunctionCall', 5000, 50, t(50), script(main)), // starts with its task, and is written first
    x('ThreadControllerImpl::RunTask', 7000, 1000, t(900)),
    mojo('Receive mojo message', 7010, 'extensions.mojom.LocalFrame'), // the browser inserting a sheet
  ];
}

describe('contentScriptWork', () => {
  it('adds up our intervals once each, in wall time and on the CPU, with inserted sheets beside them', () => {
    const work = contentScriptWork(load(), [main, hold]);
    expect(work.totalMs).toBeCloseTo(0.9); // 400 + 100 + 300 + 100 µs
    expect(work.cpuMs).toBeCloseTo(0.722); // 300 + 100 + 232 (the outer task) + 90 µs
    expect(work.byKind).toEqual({ evaluate: 0.5, callback: 0, 'extension-task': 0.4, 'inserted-css': 1 });
    expect(work.cpuByKind!.evaluate).toBeCloseTo(0.4);
    expect(work.cpuByKind!['extension-task']).toBeCloseTo(0.322);
    expect(work.forced).toEqual([]);
  });

  it('gives no CPU figures for a trace without thread durations, rather than wall time', () => {
    const work = contentScriptWork(load(false), [main, hold]);
    expect(work.totalMs).toBeCloseTo(0.9);
    expect(work.cpuMs).toBeNull();
    expect(work.cpuByKind).toBeNull();
  });

  it('counts a layout inside our time as forced', () => {
    const work = contentScriptWork([...load(), x('Layout', 1100, 50, 50)], [main, hold]);
    expect(work.forced).toEqual([{ name: 'Layout', ms: 0.05 }]);
  });
});
