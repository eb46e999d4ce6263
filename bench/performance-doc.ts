/**
 * Writes the latest run's table into docs/performance.md, between its bench markers, from what
 * `npm run bench` wrote to bench/results.json: the document's figures are always a real run's.
 * `npx tsx bench/performance-doc.ts` writes it again from the stored results.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

interface StoredRun {
  measuredAt: string;
  machine: { cpus: number; chromium: string };
  loadAverage: { start: number; end: number };
  table: Array<Record<string, string | undefined>>;
}

export function writePerformanceDoc(run: StoredRun, file = resolve('docs/performance.md')): void {
  const titles = Object.keys(run.table[0] ?? {});
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const table = [
    `| ${titles.join(' | ')} |`,
    `|${titles.map(() => ' --- ').join('|')}|`,
    ...run.table.map((row) => `| ${titles.map((title) => cell(row[title] ?? '')).join(' | ')} |`),
  ].join('\n');
  const intro =
    `Measured ${run.measuredAt.slice(0, 10)} in ${run.machine.chromium} on ${run.machine.cpus} cores, load average ` +
    `${run.loadAverage.start} at the start and ${run.loadAverage.end} at the end (times vary from run to run by up to ` +
    'a third on a shared machine):';
  const doc = readFileSync(file, 'utf8');
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${file} has no ${START} … ${END} block`);
  writeFileSync(file, `${doc.slice(0, from + START.length)}\n${intro}\n\n${table}\n${doc.slice(to)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writePerformanceDoc(JSON.parse(readFileSync(resolve('bench/results.json'), 'utf8')) as StoredRun);
}
