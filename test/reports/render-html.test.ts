/* eslint-disable @typescript-eslint/no-explicit-any -- these tests corrupt parsed report JSON field by field */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReportError, renderHtml, validateReport, writeReports, type Report } from '../../reports/index.js';
import { countMarks, fixtureJson, plotsOf } from './report-fixture.js';

let html = '';

beforeAll(async () => {
  html = await renderHtml(validateReport(fixtureJson()));
});

describe('renderHtml', () => {
  it('has one inline SVG per plot, each with drawn marks', () => {
    const plots = plotsOf(html);
    expect([...plots.keys()]).toEqual(['timeline', 'resources', 'fifo-occupancy', 'error-vs-resources']);
    // timeline: 8 layers x 8 samples bars; resources: 8 layers x 4 panels; FIFO: 8 rows of area, line and
    // depth rule; error: 3 points + 3 labels.
    expect(countMarks(plots.get('timeline') ?? '')).toBe(64);
    expect(countMarks(plots.get('resources') ?? '')).toBe(32);
    expect(countMarks(plots.get('fifo-occupancy') ?? '')).toBe(24);
    expect(countMarks(plots.get('error-vs-resources') ?? '')).toBe(6);
    expect(html.match(/<svg\b/g)).toHaveLength(4);
    for (const svg of plots.values()) expect(svg).toMatch(/^<svg [^>]*width="\d+" height="\d+"/);
  });

  it('is self-contained: no script, no external URL outside xmlns', () => {
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    const urls = [...html.matchAll(/https?:\/\/[^"'\s)]+/g)].map((match) => match[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
    for (const match of html.matchAll(/https?:\/\//g)) {
      expect(html.slice(Math.max(0, (match.index ?? 0) - 14), match.index)).toMatch(/ xmlns(:xlink)?="$/);
    }
    expect(html).toContain("default-src 'none'");
  });

  it('shows the fixture figures in its tables', () => {
    expect(html).toContain('<td class="right">3,634</td><td class="right">28,486</td><td class="right">16,050</td><td class="right">2</td>');
    expect(html).toContain('<dt>Latency</dt><dd>36 cycles = 180 ns [e]</dd>');
    expect(html).toContain('<td>ap_fixed&lt;8,3&gt; pruned 50%</td>');
  });

  it('renders a layer named <script> as text, in tables and plots', async () => {
    const json = fixtureJson() as Record<string, any>;
    const name = '<script>alert("x")</script>';
    json['layers'][1].name = name;
    json['timeline'].spans.forEach((span: { layer: string }) => {
      if (span.layer === 'relu1') span.layer = name;
    });
    const page = await renderHtml(validateReport(json));
    expect(page).not.toMatch(/<script\b/i);
    expect(page).toContain('<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>');
    expect(plotsOf(page).get('timeline')).toContain('&lt;script&gt;');
  });

  it('draws only the plots the run has data for', async () => {
    const json = fixtureJson() as Record<string, any>;
    json['timeline'] = null;
    json['fifoOccupancy'] = null;
    json['comparisons'] = [];
    const plots = plotsOf(await renderHtml(validateReport(json)));
    expect([...plots.keys()]).toEqual(['resources']);
    expect(countMarks(plots.get('resources') ?? '')).toBe(32);
  });
});

describe('writeReports', () => {
  it('writes report.json, report.md and report.html and leaves no temporary file', async () => {
    const folder = join(await mkdtemp(join(tmpdir(), 'ngt-reports-')), 'out');
    const report = validateReport(fixtureJson());
    const paths = await writeReports(report, folder);
    expect(readdirSync(folder).sort()).toEqual(['report.html', 'report.json', 'report.md']);
    expect(JSON.parse(readFileSync(paths.json, 'utf8'))).toEqual(report);
    expect(readFileSync(paths.markdown, 'utf8')).toMatch(/^# ngt report: jet-tagger\n/);
    expect(plotsOf(readFileSync(paths.html, 'utf8')).size).toBe(4);
  });

  it('validates first and writes nothing for a malformed report', async () => {
    const folder = join(await mkdtemp(join(tmpdir(), 'ngt-reports-')), 'out');
    const json = fixtureJson() as Record<string, any>;
    json['latency'][0].source = 'guess';
    await expect(writeReports(json as Report, folder)).rejects.toBeInstanceOf(ReportError);
    expect(existsSync(folder)).toBe(false);
  });
});
