/**
 * `npx tsx bench/read-traces.ts dir`: reads the traces `BENCH_TRACE_DIR=dir npm run bench` wrote
 * (one per traced load of the content-script measure) and prints, for the skinned and unskinned
 * page, the median CPU time per load of each part of the content script's work, and of each kind
 * of main-thread event. What docs/performance.md says of where a skinned load's time goes was
 * read so.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarize } from './stats';
import { end, outerTasks, type TraceEvent } from './trace';

const dir = process.argv[2];
if (!dir) throw new Error('usage: tsx bench/read-traces.ts <dir written by BENCH_TRACE_DIR>');

const ms = (microseconds: number | undefined) => (microseconds ?? 0) / 1000;
const ours = (event: TraceEvent) => String(event.args?.data?.url).startsWith('chrome-extension://');

/** CPU ms per load, by name: the parts of our script's work, and every event name on the page's main thread. */
function readLoad(events: TraceEvent[]): { script: Map<string, number>; thread: Map<string, number> } {
  const main = events.find((event) => event.name === 'EvaluateScript' && String(event.args?.data?.url).endsWith('content/main.iife.js'));
  if (!main) throw new Error('a trace without the content script');
  const thread = events.filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X');
  const script = new Map<string, number>();
  const threadTotals = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, value: number) => map.set(key, (map.get(key) ?? 0) + value);
  const evaluations = thread.filter((event) => event.name === 'EvaluateScript' && ours(event));
  for (const event of thread) {
    add(threadTotals, event.name, ms(event.tdur));
    if (event.name === 'EvaluateScript' && ours(event)) add(script, `evaluate ${String(event.args!.data!.url).split('/').pop()}`, ms(event.tdur));
    const inEvaluation = evaluations.some((evaluation) => evaluation.ts <= event.ts && end(evaluation) >= end(event));
    if (event.name === 'FunctionCall' && ours(event) && !inEvaluation) add(script, `callback ${String(event.args?.data?.functionName) || '(anonymous)'}`, ms(event.tdur));
  }
  // Each task that handled an extension message, whole (its microtasks included).
  for (const task of outerTasks(thread)) {
    const message = thread.find(
      (event) => /^Receive mojo/.test(event.name) && event.ts >= task.ts && end(event) <= end(task) && event.args?.chrome_mojo_event_info?.mojo_interface_tag?.startsWith('extensions.mojom.'),
    );
    if (message) add(script, `task ${message.args!.chrome_mojo_event_info!.mojo_interface_tag!.replace('extensions.mojom.', '')}`, ms(task.tdur));
  }
  return { script, thread: threadTotals };
}

function report(prefix: string): void {
  const files = readdirSync(dir!).filter((file) => file.startsWith(`${prefix}-`));
  if (files.length === 0) return;
  const loads = files.map((file) => readLoad(JSON.parse(readFileSync(join(dir!, file), 'utf8')) as TraceEvent[]));
  const medians = (pick: (load: (typeof loads)[number]) => Map<string, number>) => {
    const names = new Set(loads.flatMap((load) => [...pick(load).keys()]));
    return [...names]
      .map((name) => [name, summarize(loads.map((load) => pick(load).get(name) ?? 0)).median] as const)
      .sort((a, b) => b[1] - a[1]);
  };
  console.log(`\n${prefix}: ${files.length} loads, median CPU ms per load`);
  console.log('  content script (ours; `task` = an extension message\'s whole task, LocalFrame = inserted sheets):');
  for (const [name, median] of medians((load) => load.script)) console.log(`    ${median.toFixed(2).padStart(6)}  ${name}`);
  console.log('  main thread, by event (nested events count in their parents too):');
  for (const [name, median] of medians((load) => load.thread).slice(0, 15)) console.log(`    ${median.toFixed(2).padStart(6)}  ${name}`);
}

report('script-unskinned');
report('script-skinned');
report('script-article');
