/**
 * `npm start`: builds the extension, opens Chromium with it on the bundled demo blog (the CSDN
 * fixture, served as https://blog.csdn.net/baxiaoshi2020) and applies a demo skin by driving the
 * editor by its labels, as a user would.
 *
 *   npm start                          with a display: stays open on the skinned blog, editor beside it;
 *                                      without one: screenshots before and after into .demo/, then exits
 *   npm start -- --headless            the screenshots even where there is a display
 *   npm start -- --screenshot FILE     only a screenshot of the skinned home page (.jpg or .png), then exits
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright';
import { build } from 'vite';
import { chromiumPath } from '../test/chromium';
import {
  articleUrl,
  homeUrl,
  launchWithExtension,
  openBlogPage,
  openEditor,
  removeProfileDir,
  type ExtensionSession,
} from '../test/support/extension';
import { rgb } from '../test/support/page-state';
import { asUpload } from '../test/support/images';
import { demoColors, demoImages, paint } from './demo-skin';

/** A failure worth one clear line, without a stack trace. */
class DemoError extends Error {}

const usage = 'usage: npm start [-- --headless] [-- --screenshot FILE.jpg|FILE.png]';
const outDir = resolve('.demo');
const timeout = 15_000;
/** Wide enough that the README screenshot shows the tiled background beside the page. */
const readmeViewport = { width: 1600, height: 1000 };

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: { headless: { type: 'boolean', default: false }, screenshot: { type: 'string' } },
  });
  // npm runs scripts from the project root; a relative FILE means the caller's folder.
  const screenshot = args.screenshot && resolve(process.env.INIT_CWD ?? '.', args.screenshot);
  if (screenshot && !['.jpg', '.jpeg', '.png'].includes(extname(screenshot).toLowerCase())) {
    throw new DemoError(`--screenshot takes a .jpg or .png file, not ${args.screenshot}`);
  }
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const headless = args.headless || Boolean(screenshot) || !hasDisplay;

  if (!existsSync(chromiumPath)) {
    throw new DemoError(
      `Chromium is not at ${chromiumPath}. Install it with: apt-get install chromium chromium-l10n ` +
        '(or point CHROMIUM_PATH at a Chromium).',
    );
  }

  console.log('Building the extension into dist/chrome …');
  await build({ logLevel: 'warn' }).catch((cause: unknown) => {
    throw new DemoError(`the build failed: ${messageOf(cause)}`);
  });

  const session = await launchWithExtension({ headless }).catch((cause: unknown) => {
    throw new DemoError(`Chromium did not start (${chromiumPath}): ${messageOf(cause)}`);
  });
  try {
    const home = await openBlogPage(session, homeUrl);
    for (const page of session.context.pages()) if (page.url() === 'about:blank') await page.close();
    const shots: string[] = [];
    if (headless && !screenshot) shots.push(await shoot(home, 'home-before.png'));

    const editor = await openEditor(session, home);
    await applyDemoSkin(editor);
    await waitForSkin(home, homeChecks);
    await home.bringToFront();

    if (screenshot) {
      await home.setViewportSize(readmeViewport);
      await showHover(home);
      await shoot(home, screenshot);
      console.log(`Screenshot of the skinned home page (${Math.round(statSync(screenshot).size / 1024)} KB):`);
      console.log(screenshot);
      return;
    }
    if (headless) {
      await showHover(home);
      shots.push(await shoot(home, 'home-after.png'));
      const article = await openBlogPage(session, articleUrl);
      await article.locator('#csdn-toolbar').waitFor(); // added after load, as CSDN's own script does
      await waitForSkin(article, articleChecks);
      shots.push(await shoot(article, 'article-after.png'));
      console.log(`${hasDisplay ? 'Ran' : 'No display, so the demo ran'} headless. Screenshots before and after the skin:`);
      for (const shot of shots) console.log(shot);
      return;
    }

    await openEditorBeside(session, editor);
    console.log('The demo blog is open in Chromium with the demo skin, the editor in a window beside it.');
    console.log('Try your own images and colors there; close the browser (or press Ctrl+C) to finish.');
    // On Ctrl+C Playwright closes the browser and exits at once: remove the throwaway profile then too.
    process.once('exit', () => removeProfileDir(session.profileDir));
    await new Promise((done) => session.context.once('close', done));
  } finally {
    // Chromium may still be writing to the profile when it has just closed itself.
    await session.close().catch(() => removeProfileDir(session.profileDir));
  }
}

/** Fills the editor's fields by their labels, and waits until each image is accepted. */
async function applyDemoSkin(editor: Page): Promise<void> {
  const preview = editor.getByRole('switch', { name: '预览' });
  await preview.waitFor({ timeout }).catch(() => {
    throw new DemoError('the editor did not open on the demo blog (no 预览 switch)');
  });
  if (!(await preview.isChecked())) await preview.check();

  for (const { label, name, drawing } of demoImages) {
    const file = await paint(editor, drawing);
    await editor.getByLabel(label, { exact: true }).setInputFiles(asUpload(name, file, drawing.type));
    const removeButton = editor.getByRole('button', { name: `移除${label}` });
    const alert = editor.getByRole('alert');
    await removeButton.or(alert).first().waitFor({ timeout });
    if (await alert.count()) throw new DemoError(`the editor refused the ${label}: ${await alert.first().innerText()}`);
  }
  for (const { label, color } of demoColors) {
    const field = editor.getByLabel(label, { exact: true });
    await field.fill(color);
    await field.press('Tab');
  }
}

type Check = [selector: string, property: string, expected: string];

const colorOf = (label: string) => rgb(demoColors.find((c) => c.label === label)!.color);

/**
 * What the skin must have changed on each page, from the slot map in test/fixtures/csdn/README.md.
 * Every image is the PNG CSDN would store, whatever was picked (the demo's header is a JPEG).
 */
const homeChecks: Check[] = [
  ['.user-profile-head-banner', 'background-image', 'data:image/png'],
  ['#userSkin', 'background-image', 'data:image/png'],
  ['.aside-box > .aside-title', 'background-image', 'data:image/png'],
  ['.user-profile-head-name > div:first-child', 'color', colorOf('主标题颜色')],
  ['.user-profile-title', 'color', colorOf('副标题颜色')],
];
const articleChecks: Check[] = [
  ['body', 'background-image', 'data:image/png'],
  ['.aside-box > .aside-title', 'background-image', 'data:image/png'],
];

async function waitForSkin(page: Page, checks: Check[]): Promise<void> {
  await page
    .waitForFunction(
      (checks) =>
        checks.every(([selector, property, expected]) => {
          const element = document.querySelector(selector);
          return element !== null && getComputedStyle(element).getPropertyValue(property).includes(expected);
        }),
      checks,
      { timeout },
    )
    .catch(() => {
      throw new DemoError(`the skin did not show on ${page.url()} within ${timeout / 1000} s`);
    });
}

/** Points at the first article title, so a screenshot shows the Hover color too. */
async function showHover(home: Page): Promise<void> {
  await home.locator('.blog-list-box h4').first().hover();
  await waitForSkin(home, [['.blog-list-box h4:hover', 'color', colorOf('Hover')]]);
}

/** Writes a screenshot of `page` (a name alone goes into .demo/) and returns its absolute path. */
async function shoot(page: Page, file: string): Promise<string> {
  const path = resolve(outDir, file);
  mkdirSync(dirname(path), { recursive: true });
  const jpeg = /\.jpe?g$/i.test(path);
  await page.screenshot({ path, type: jpeg ? 'jpeg' : 'png', quality: jpeg ? 85 : undefined });
  return path;
}

/**
 * Reopens the editor in a narrow window of its own, beside the blog's where the screen allows,
 * and closes its tab. (A page keeps the window Playwright first saw it in, so the tab is not moved.)
 */
async function openEditorBeside(session: ExtensionSession, editor: Page): Promise<void> {
  const size = { width: 440, height: 900 };
  const [beside] = await Promise.all([
    session.context.waitForEvent('page'),
    editor.evaluate(
      async ({ url, width, height }) => {
        const blog = await chrome.windows.getLastFocused();
        const window = { url, type: 'popup' as const, width, height, top: blog.top };
        const left = (blog.left ?? 0) + (blog.width ?? 0);
        // Chrome refuses a window mostly off screen; then it picks the place itself.
        await chrome.windows.create({ ...window, left }).catch(() => chrome.windows.create(window));
      },
      { url: editor.url(), ...size },
    ),
  ]);
  await editor.close();
  await beside.setViewportSize(size);
}

const messageOf = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof DemoError) console.error(`npm start: ${error.message}`);
    else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`npm start: ${error.message}\n${usage}`);
    } else console.error('npm start failed:', error);
    process.exit(1);
  },
);
