/**
 * `npm run lint:firefox`: Mozilla's add-on linter (web-ext lint) on dist/firefox. Fails on any
 * error or notice, and on any warning but the one explained in the README: Preact's own
 * `dangerouslySetInnerHTML` branch, which the popup never uses.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface Message {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

interface Report {
  summary: { errors: number; notices: number; warnings: number };
  errors: Message[];
  notices: Message[];
  warnings: Message[];
}

const sourceDir = resolve('dist/firefox');
const webExt = resolve('node_modules/.bin/web-ext');

/** Whether a warning is Preact rendering `dangerouslySetInnerHTML={{ __html }}`, which we never pass. */
function isPreactInnerHtml(warning: Message): boolean {
  if (warning.code !== 'UNSAFE_VAR_ASSIGNMENT' || !warning.file?.startsWith('assets/') || !warning.line) return false;
  const line = readFileSync(join(sourceDir, warning.file), 'utf8').split('\n')[warning.line - 1] ?? '';
  // The column points at the assignment itself: `e.innerHTML=f.__html` in the minified code.
  return /^[\w$]+\.innerHTML=[\w$]+\.__html\b/.test(line.slice((warning.column ?? 1) - 1));
}

function lint(): Report {
  // web-ext exits 1 when it finds errors; the JSON report is on stdout either way.
  try {
    return JSON.parse(execFileSync(webExt, ['lint', '--source-dir', sourceDir, '--output', 'json'], { encoding: 'utf8' })) as Report;
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout;
    if (!stdout) throw error;
    return JSON.parse(stdout) as Report;
  }
}

/** The explanation holds only while no popup source passes raw HTML. */
const rawHtmlSources = ['popup', 'src']
  .flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => join(dir, name)))
  .filter((path) => /\.tsx?$/.test(path) && readFileSync(path, 'utf8').includes('dangerouslySetInnerHTML'));

const report = lint();
const explained = rawHtmlSources.length > 0 ? [] : report.warnings.filter(isPreactInnerHtml);
for (const path of rawHtmlSources) console.error(`${path} uses dangerouslySetInnerHTML: the innerHTML warning is no longer explained`);
const unexplained = [...report.errors, ...report.notices, ...report.warnings.filter((w) => !explained.includes(w))];
const where = (m: Message) => (m.file ? ` (${m.file}${m.line ? `:${m.line}:${m.column ?? 0}` : ''})` : '');

for (const m of explained) console.log(`explained: ${m.code}${where(m)}: Preact's dangerouslySetInnerHTML branch`);
for (const m of unexplained) console.error(`${m.code}${where(m)}: ${m.message}`);
console.log(
  `web-ext lint dist/firefox: ${report.summary.errors} errors, ${report.summary.warnings} warnings (${explained.length} explained), ${report.summary.notices} notices`,
);
if (unexplained.length > 0) process.exitCode = 1;
