// The HTML report as a person sees it: rendered by headless Chromium (Debian's chromium package, which
// .ci/run installs), screenshotted, and checked for plots that are really drawn. Fails in CI without
// Chromium; skips elsewhere with the reason printed.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderHtml, validateReport, type Report } from '../../reports/index.js';
import { clumsyTick, fixtureJson } from '../reports/report-fixture.js';
import { repoRoot } from '../cli/run-cli.js';

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
  /** Axis tick labels as drawn (vega hides overlapping ones with opacity 0), with their vertical centres. */
  readonly ticks: readonly { readonly text: string; readonly y: number; readonly shown: boolean }[];
  /** Titles: each row's of a concatenated plot, then the plot's own. */
  readonly titles: readonly string[];
  /** Bars of bar marks: their aria label (vega's "field: value; ..." text) and vertical extent. */
  readonly bars: readonly { readonly label: string; readonly top: number; readonly bottom: number }[];
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
        const ticks = [...(svg?.querySelectorAll('g[class*="role-axis-label"] > text') ?? [])].map((text) => {
          const rect = text.getBoundingClientRect();
          return { text: text.textContent ?? '', y: rect.y + rect.height / 2, shown: text.getAttribute('opacity') !== '0' };
        });
        const titles = [...(svg?.querySelectorAll('g[class*="role-title-text"] > text') ?? [])].map((text) => text.textContent ?? '');
        const bars = [...(svg?.querySelectorAll('g[class*="role-mark"] > path[aria-roledescription="bar"]') ?? [])].map((path) => {
          const rect = path.getBoundingClientRect();
          return { label: path.getAttribute('aria-label') ?? '', top: rect.y, bottom: rect.y + rect.height };
        });
        return {
          kind: figure.getAttribute('data-plot'),
          box: box ? { x: box.x + scroll.scrollX, y: box.y + scroll.scrollY, width: box.width, height: box.height } : null,
          marks,
          ticks,
          titles,
          bars,
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
  // Tick labels a person can read: some shown, none like "0.000010" or "163,818.000000".
  expect(plot.ticks.filter((tick) => tick.shown).length, `${plot.kind} shown tick labels`).toBeGreaterThan(2);
  expect(plot.ticks.map((tick) => tick.text).filter((text) => clumsyTick.test(text)), `${plot.kind} tick labels`).toEqual([]);
}

interface SynthRun {
  readonly folder: string;
  readonly status: number;
  readonly stderr: string;
}

/** Runs the built `ngt synth` into a fresh folder without blocking, so the two runs below overlap. */
async function synth(args: readonly string[], name: string): Promise<SynthRun> {
  const folder = await mkdtemp(join(tmpdir(), `ngt-report-browser-${name}-`));
  return new Promise((resolve) => {
    execFile(process.execPath, [`${repoRoot}dist/cli/main.js`, 'synth', ...args, '--out', folder], { cwd: repoRoot }, (error, _stdout, stderr) => {
      resolve({ folder, status: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stderr });
    });
  });
}

/** The report.json `ngt synth` wrote next to report.html. */
function synthReport(folder: string): Report {
  return validateReport(JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8')));
}

describe('HTML report in headless Chromium', () => {
  let stream: Promise<SynthRun>;
  let parallel: Promise<SynthRun>;
  beforeAll(() => {
    if (!available) return;
    stream = synth(['--io-type', 'io_stream', '--fifo-opt'], 'stream');
    parallel = synth([], 'parallel');
  });

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
    // 8 x 8 timeline bars; 8 x 4 resource bars; 8 FIFO rows of area and line (the depth rules are
    // <line>s); 3 points and their labels.
    expect(view.plots.map((plot) => plot.marks)).toEqual([64, 32, 16, 6]);
    for (const plot of view.plots) expectVisible(plot, view.height, 500);
    const fifo = view.plots[2] as PlotView;
    expect(fifo.titles.slice(0, -1)).toEqual((validateReport(fixtureJson()).fifoOccupancy?.fifos ?? []).map((f) => `${f.name}: depth ${f.depth}, peak ${Math.max(...f.points.map(([, level]) => level))}`));
    expect(view.plots[3]?.ticks.filter((tick) => tick.shown).map((tick) => tick.text).slice(-7)).toEqual(['0.01', '0.02', '0.05', '0.1', '0.2', '0.5', '1']);
  });

  it.runIf(available)('draws every plot of the report `ngt synth` writes (jet tagger, io_stream, --fifo-opt)', async () => {
    const { folder, status, stderr } = await stream;
    expect(status, stderr).toBe(0);
    const htmlPath = join(folder, 'report.html');
    const report = synthReport(folder);
    const view = await viewReport(htmlPath, folder);
    expect(view.requests).toEqual([pathToFileURL(htmlPath).href]);
    expect(view.title).toBe('ngt report: jet_tagger');
    // One configuration: its errors are in the table, with no one-point scatter.
    expect(report.comparisons).toHaveLength(1);
    expect(view.plots.map((plot) => plot.kind)).toEqual(['timeline', 'resources', 'fifo-occupancy']);
    // 8 layers x 8 samples of timeline bars; 8 layers x 4 resources; an area and a line per FIFO.
    const fifos = report.fifoOccupancy?.fifos ?? [];
    expect(fifos.length).toBeGreaterThanOrEqual(2);
    expect(view.plots[0]?.marks).toBeGreaterThanOrEqual(64);
    expect(view.plots[1]?.marks).toBeGreaterThanOrEqual(32);
    expect(view.plots[2]?.marks).toBe(2 * fifos.length);
    // One row per FIFO, titled with its name and depth, in the report's order.
    expect(view.plots[2]?.titles.slice(0, -1).map((title) => title.replace(/: depth \d+, peak \d+$/, ''))).toEqual(fifos.map((fifo) => fifo.name));
    expect(view.plots[2]?.titles[0]).toBe(`${fifos[0]?.name}: depth ${fifos[0]?.depth}, peak 1`);
    for (const plot of view.plots) expectVisible(plot, view.height, 500);
  });

  it.runIf(available)('draws one row per slice for the io_parallel report `ngt synth` writes by default', async () => {
    const { folder, status, stderr } = await parallel;
    expect(status, stderr).toBe(0);
    const report = synthReport(folder);
    expect(report.config.ioType).toBe('io_parallel');
    const view = await viewReport(join(folder, 'report.html'), folder);
    expect(view.plots.map((plot) => plot.kind)).toEqual(['timeline', 'resources', 'slice-occupancy']);
    const slices = view.plots[2] as PlotView;
    expectVisible(slices, view.height, 500);
    // The band axis: one label per slice, in the report's order; every bar sits on its own slice's row.
    const names = (report.fifoOccupancy?.fifos ?? []).map((fifo) => fifo.name);
    expect(names.length).toBeGreaterThanOrEqual(2);
    const rows = slices.ticks.filter((tick) => names.includes(tick.text));
    expect(rows.map((row) => row.text)).toEqual(names);
    expect(slices.bars.length).toBeGreaterThanOrEqual(names.length);
    for (const row of rows) {
      const onRow = slices.bars.filter((bar) => bar.top < row.y && row.y < bar.bottom);
      expect(onRow.length, row.text).toBeGreaterThanOrEqual(1);
      for (const bar of onRow) expect(bar.label, row.text).toContain(`slice: ${row.text};`);
    }
  });
});
