/**
 * `npm run lint:firefox`: Mozilla's add-on linter (web-ext lint) on dist/firefox. Fails on any
 * error or notice, and on any warning but those explained here (docs/design.md): Preact's own
 * `dangerouslySetInnerHTML` branch, which the popup never uses, and Cropper.js's two `innerHTML`
 * assignments, of its own constant template and of a preview element we never give it.
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

/** The minified code from a warning's assignment on, and its file's whole text. */
function codeAt(warning: Message): { at: string; file: string } | null {
  if (warning.code !== 'UNSAFE_VAR_ASSIGNMENT' || !warning.file?.startsWith('assets/') || !warning.line) return null;
  const file = readFileSync(join(sourceDir, warning.file), 'utf8');
  const line = file.split('\n')[warning.line - 1] ?? '';
  return { at: line.slice((warning.column ?? 1) - 1), file };
}

/** Preact rendering `dangerouslySetInnerHTML={{ __html }}`, which we never pass: `e.innerHTML=f.__html`. */
function isPreactInnerHtml(warning: Message): boolean {
  const code = codeAt(warning);
  return code !== null && /^[\w$]+\.innerHTML=[\w$]+\.__html\b/.test(code.at);
}

/**
 * Cropper.js building its frame from its own constant template (`i.innerHTML=T`, where `T` is the
 * literal `<div class="cropper-container"…`), or putting back a preview element's HTML, which only
 * happens with its `preview` option (popup/CropFrame.tsx sets none).
 */
function isCropperInnerHtml(warning: Message): boolean {
  const code = codeAt(warning);
  if (!code) return false;
  const template = /^[\w$]+\.innerHTML=([\w$]+)[,;)}]/.exec(code.at)?.[1];
  if (template) return new RegExp(`[,{;\\s]${template.replace('$', '\\$')}=[\`'"]<div class="cropper-container"`).test(code.file);
  return /^[\w$]+\.innerHTML=[\w$]+\.html\b/.test(code.at) && code.file.includes('cropper-container') && !cropFrameSetsPreview;
}

const cropFrameSetsPreview = /\bpreview\s*:/.test(readFileSync('popup/CropFrame.tsx', 'utf8'));

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
const explanations = new Map<Message, string>();
for (const warning of report.warnings) {
  if (rawHtmlSources.length === 0 && isPreactInnerHtml(warning)) explanations.set(warning, "Preact's dangerouslySetInnerHTML branch");
  else if (isCropperInnerHtml(warning)) explanations.set(warning, "Cropper.js's own template, or a preview option never set");
}
const explained = [...explanations.keys()];
for (const path of rawHtmlSources) console.error(`${path} uses dangerouslySetInnerHTML: the innerHTML warning is no longer explained`);
const unexplained = [...report.errors, ...report.notices, ...report.warnings.filter((w) => !explained.includes(w))];
const where = (m: Message) => (m.file ? ` (${m.file}${m.line ? `:${m.line}:${m.column ?? 0}` : ''})` : '');

for (const [m, why] of explanations) console.log(`explained: ${m.code}${where(m)}: ${why}`);
for (const m of unexplained) console.error(`${m.code}${where(m)}: ${m.message}`);
console.log(
  `web-ext lint dist/firefox: ${report.summary.errors} errors, ${report.summary.warnings} warnings (${explained.length} explained), ${report.summary.notices} notices`,
);
if (unexplained.length > 0) process.exitCode = 1;
