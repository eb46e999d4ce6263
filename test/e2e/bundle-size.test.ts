/**
 * Size budgets of the built extension (dist/chrome, made by `npm run build` before this project
 * runs in `npm test`): the content script runs on every blog page, the popup opens on every click.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bundleReport,
  contentScriptPath,
  KB,
  looksLikePreact,
  popupPagePath,
  sizeBudgets,
  type BundleReport,
} from '../../bench/bundle';
import { chromeBuildDir } from '../support/extension';

const kb = (bytes: number) => `${Math.round((bytes / KB) * 100) / 100} KB`;

let report: BundleReport;

beforeAll(() => {
  for (const file of [contentScriptPath, popupPagePath]) {
    if (!existsSync(join(chromeBuildDir, file))) {
      throw new Error(`${join(chromeBuildDir, file)} is missing: build first with \`npm run build\` (npm test does).`);
    }
  }
  report = bundleReport(chromeBuildDir);
});

describe('the content script bundle', () => {
  it(`is at most ${kb(sizeBudgets.contentGzip)} gzip`, () => {
    expect(report.content.gzip, `${contentScriptPath} is ${kb(report.content.gzip)} gzip`).toBeLessThanOrEqual(
      sizeBudgets.contentGzip,
    );
  });

  it('carries no Preact', () => {
    const found = report.content.preactMarkers.join(', ') || 'none';
    expect(report.content.hasPreact, `Preact runtime strings in the content script: ${found}`).toBe(false);
  });
});

describe("the editor's first load", () => {
  it(`is at most ${kb(sizeBudgets.popupGzip)} gzip, every script it loads before it shows counted`, () => {
    const files = report.popup.files.map((file) => `${file.file} ${kb(file.gzip)}`).join(', ');
    expect(report.popup.files.length).toBeGreaterThan(0);
    expect(report.popup.gzip, `popup scripts: ${files}`).toBeLessThanOrEqual(sizeBudgets.popupGzip);
  });

  it('is where Preact is found, so the Preact check above can see it', () => {
    expect(report.popup.hasPreact).toBe(true);
    expect(looksLikePreact('document.createElement("style")')).toBe(false);
  });

  it('leaves the crop UI, the resampler and the zip to load when first needed', () => {
    // Strings each library carries: Cropper.js's class names, pica's filter names, fflate's errors.
    const later = report.popupLater.files.map((file) => file.file).join(', ');
    for (const marker of ['cropper-crop-box', 'lanczos3', 'invalid block type']) {
      expect(report.popup.code.includes(marker), `${marker} in the first load`).toBe(false);
    }
    expect(later).toMatch(/CropFrame/);
    expect(later).toMatch(/image\.worker/);
    expect(report.popupLater.files.length).toBeGreaterThanOrEqual(3);
  });

  it('leaves the color library and the contrast measure to load after it has rendered', () => {
    // culori's color space names, and the page function's reading of line boxes.
    const later = report.popupLater.files.map((file) => file.file).join(', ');
    for (const marker of ['oklch', 'lrgb', 'getClientRects']) {
      expect(report.popup.code.includes(marker), `${marker} in the first load`).toBe(false);
    }
    expect(later).toMatch(/contrast-tools/);
    expect(later).toMatch(/page-measure/);
  });

  it('leaves the header at each width, and its measure of the page, to load after it has rendered', () => {
    // The view's legend key and the measure's hold on the root element's width.
    const later = report.popupLater.files.map((file) => file.file).join(', ');
    for (const marker of ['widthsLegend', "'min-width'", '"min-width"']) {
      expect(report.popup.code.includes(marker), `${marker} in the first load`).toBe(false);
    }
    expect(later).toMatch(/WidthsView/);
    expect(later).toMatch(/widths-measure/);
  });
});
