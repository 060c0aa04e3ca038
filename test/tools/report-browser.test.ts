// The HTML report as a person sees it: rendered by headless Chromium (Debian's chromium package, which
// .ci/run installs), screenshotted, and checked for plots that are really drawn. Fails in CI without
// Chromium; skips elsewhere with the reason printed.
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderHtml, validateReport } from '../../reports/index.js';
import { fixtureJson } from '../reports/report-fixture.js';
import { runCli } from '../cli/run-cli.js';

const executablePath = '/usr/bin/chromium';
const available = existsSync(executablePath);
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';

if (!available && !inCi) {
  console.log(`report-browser: skipped, ${executablePath} is missing (apt-get install chromium; CI installs it)`);
}

/** Pixels inside a box of the screenshot that are not (near) white. */
function inkedPixels(png: PNG, box: { x: number; y: number; width: number; height: number }): number {
  let inked = 0;
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(png.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(png.height, Math.ceil(box.y + box.height));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const offset = (y * png.width + x) * 4;
      const [r = 255, g = 255, b = 255] = [png.data[offset], png.data[offset + 1], png.data[offset + 2]];
      if (r < 235 || g < 235 || b < 235) inked++;
    }
  }
  return inked;
}

interface PlotView {
  readonly kind: string | null;
  readonly box: { x: number; y: number; width: number; height: number } | null;
  readonly marks: number;
  /** Non-white pixels in the plot's box, and how many of them its data marks draw. */
  readonly inked: number;
  readonly inkedByMarks: number;
}

/** Opens the page in headless Chromium, screenshots it with and without the data marks, and measures each plot. */
async function viewReport(htmlPath: string, folder: string): Promise<{ requests: string[]; title: string; plots: PlotView[]; height: number }> {
  const context = await chromium.launchPersistentContext(join(folder, 'profile'), {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    const title = await page.title();
    const found = await page.$$eval('figure.plot', (figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        // Page coordinates (the full-page screenshot's), not viewport ones. No DOM lib in tsconfig.
        const scroll = globalThis as unknown as { scrollX: number; scrollY: number };
        const marks = svg?.querySelectorAll('g[class*="role-mark"] > path, g[class*="role-mark"] > text').length ?? 0;
        return {
          kind: figure.getAttribute('data-plot'),
          box: box ? { x: box.x + scroll.scrollX, y: box.y + scroll.scrollY, width: box.width, height: box.height } : null,
          marks,
        };
      }),
    );
    const screenshotPath = join(folder, 'report.png');
    const png = PNG.sync.read(await page.screenshot({ path: screenshotPath, fullPage: true }));
    console.log(`report-browser: screenshot ${screenshotPath} (${png.width}x${png.height})`);
    // The same page with the data marks hidden: what axes, legends and titles alone draw.
    await page.addStyleTag({ content: 'g[class*="role-mark"] { visibility: hidden; }' });
    const bare = PNG.sync.read(await page.screenshot({ fullPage: true }));
    expect([bare.width, bare.height]).toEqual([png.width, png.height]);
    const plots = found.map((plot) => {
      const inked = plot.box ? inkedPixels(png, plot.box) : 0;
      const inkedByMarks = plot.box ? inked - inkedPixels(bare, plot.box) : 0;
      console.log(`report-browser: ${plot.kind} ${Math.round(plot.box?.width ?? 0)}x${Math.round(plot.box?.height ?? 0)} px, ${inked} inked, ${inkedByMarks} by the marks`);
      return { ...plot, inked, inkedByMarks };
    });
    return { requests, title, plots, height: png.height };
  } finally {
    await context.close();
  }
}

function expectVisible(plot: PlotView, height: number, minimumInkFromMarks: number): void {
  expect(plot.box, `${plot.kind} has an <svg>`).not.toBeNull();
  if (plot.box === null) return;
  expect(plot.box.width, `${plot.kind} width`).toBeGreaterThan(200);
  expect(plot.box.height, `${plot.kind} height`).toBeGreaterThan(100);
  expect(plot.box.y + plot.box.height, `${plot.kind} lies inside the screenshot`).toBeLessThanOrEqual(height);
  // Pixels of each plot drawn by its data marks, not by the frame around them.
  expect(plot.inkedByMarks, `${plot.kind} pixels drawn by marks`).toBeGreaterThan(minimumInkFromMarks);
}

describe('HTML report in headless Chromium', () => {
  it.runIf(!available && inCi)('finds Chromium in CI', () => {
    expect.fail(`${executablePath} is missing: .ci/run must install the chromium package`);
  });

  it.runIf(available)('draws every plot of the fixture report, visibly, with no network request', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ngt-report-browser-'));
    const htmlPath = join(folder, 'report.html');
    writeFileSync(htmlPath, await renderHtml(validateReport(fixtureJson())));
    const view = await viewReport(htmlPath, folder);
    expect(view.requests).toEqual([pathToFileURL(htmlPath).href]);
    expect(view.title).toBe('ngt report: jet-tagger');
    expect(view.plots.map((plot) => plot.kind)).toEqual(['timeline', 'resources', 'fifo-occupancy', 'error-vs-resources']);
    expect(view.plots.map((plot) => plot.marks)).toEqual([64, 32, 8, 6]);
    for (const plot of view.plots) expectVisible(plot, view.height, 500);
  });

  it.runIf(available)('draws every plot of the report `ngt synth` writes (jet tagger, io_stream, --fifo-opt)', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ngt-report-browser-synth-'));
    const result = runCli(['synth', '--io-type', 'io_stream', '--fifo-opt', '--out', folder]);
    expect(result.status, result.stderr).toBe(0);
    const htmlPath = join(folder, 'report.html');
    const view = await viewReport(htmlPath, folder);
    expect(view.requests).toEqual([pathToFileURL(htmlPath).href]);
    expect(view.title).toBe('ngt report: jet_tagger');
    expect(view.plots.map((plot) => plot.kind)).toEqual(['timeline', 'resources', 'fifo-occupancy', 'error-vs-resources']);
    // 8 layers x 8 samples of timeline bars; 8 layers x 4 resources; one line per FIFO; one config.
    expect(view.plots[0]?.marks).toBeGreaterThanOrEqual(64);
    expect(view.plots[1]?.marks).toBeGreaterThanOrEqual(32);
    expect(view.plots[2]?.marks).toBeGreaterThanOrEqual(2);
    expect(view.plots[3]?.marks).toBeGreaterThanOrEqual(1);
    for (const plot of view.plots.slice(0, 3)) expectVisible(plot, view.height, 500);
    // One configuration is one point and its label.
    expectVisible(view.plots[3] as PlotView, view.height, 20);
  });
});
