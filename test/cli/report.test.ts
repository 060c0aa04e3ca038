// `ngt report` on the built CLI: a saved report.json printed again exactly as synth printed it, and two
// reports (the jet tagger at RF 1 io_parallel and at RF 4 io_stream) compared, every figure checked
// against the two JSON files; bad input refused with exit 2.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairReadings, type ReportDiff } from '../../cli/report/diff-reports.js';
import { validateReport, type CycleReading, type Report } from '../../reports/index.js';
import { runCli } from './run-cli.js';

const folder = mkdtempSync(join(tmpdir(), 'ngt-report-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const fileA = join(folder, 'a', 'report.json');
const fileB = join(folder, 'b', 'report.json');
let synthStdoutA = '';
let reportA: Report;
let reportB: Report;

/** As the reports print counts: 12345 -> "12,345". */
const count = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const signed = (value: number): string => (value > 0 ? `+${count(value)}` : count(value));

beforeAll(() => {
  const a = runCli(['synth', '--out', join(folder, 'a')]);
  const b = runCli(['synth', '--out', join(folder, 'b'), '--reuse-factor', '4', '--io-type', 'io_stream']);
  expect([a.status, a.stderr, b.status, b.stderr]).toEqual([0, '', 0, '']);
  synthStdoutA = a.stdout;
  reportA = validateReport(JSON.parse(readFileSync(fileA, 'utf8')));
  reportB = validateReport(JSON.parse(readFileSync(fileB, 'utf8')));
}, 60_000);

describe('ngt report FILE', () => {
  it('prints the terminal report exactly as synth printed it (before its list of written files)', () => {
    const result = runCli(['report', fileA]);
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain('% of part');
    expect(synthStdoutA.startsWith(`${result.stdout.trimEnd()}\n\nReports:\n`)).toBe(true);
    // A folder stands for the report.json in it.
    expect(runCli(['report', join(folder, 'a')]).stdout).toBe(result.stdout);
  });

  it('--format md is report.md, --format json the report itself', () => {
    expect(runCli(['report', fileA, '--format', 'md']).stdout).toBe(readFileSync(join(folder, 'a', 'report.md'), 'utf8'));
    expect(JSON.parse(runCli(['report', fileA, '--format', 'json']).stdout)).toEqual(reportA);
  });
});

describe('ngt report A B', () => {
  it('text: both runs, each headline figure with B - A and B/A, the layers that differ', () => {
    const { status, stdout, stderr } = runCli(['report', fileA, fileB]);
    expect([status, stderr]).toEqual([0, '']);
    expect(stdout).toContain(`  A  ${fileA}: jet_tagger, ${reportA.config.label}`);
    expect(stdout).toMatch(/^IO type\s+io_parallel\s+io_stream\s+differs$/m);
    expect(stdout).toMatch(/^Part\s+xcvu13p-flga2577-2-e\s+xcvu13p-flga2577-2-e\s+same$/m);
    const row = (label: string, a: number, b: number): RegExp =>
      new RegExp(`^${escape(label)}\\s+${escape(count(a))}\\s+${escape(count(b))}\\s+${escape(signed(b - a))}\\s+${(b / a).toFixed(2)}$`, 'm');
    const [latencyA, latencyB] = [reportA.latency[0], reportB.latency[0]];
    const [totalA, totalB] = [reportA.resources.totals[0], reportB.resources.totals[0]];
    if (!latencyA || !latencyB || !totalA || !totalB) throw new Error('synth wrote no latency or totals');
    expect(latencyB.cycles).not.toBe(latencyA.cycles);
    expect(stdout).toMatch(row('Latency (cycles) [e]', latencyA.cycles, latencyB.cycles));
    expect(stdout).toMatch(row('Latency (ns) [e]', latencyA.ns, latencyB.ns));
    expect(stdout).toMatch(row('LUT [e]', totalA.lut, totalB.lut));
    expect(stdout).toMatch(row('DSP [e]', totalA.dsp, totalB.dsp));
    // RF 4 changes the Dense layers, not the ReLUs or the softmax.
    const dense = reportA.layers.find((layer) => layer.name === 'dense_2');
    const denseB = reportB.layers.find((layer) => layer.name === 'dense_2');
    const lut = (layer: typeof dense): number => layer?.resources[0]?.lut ?? -1;
    expect(stdout).toMatch(new RegExp(`^dense_2\\s+Dense\\s+fixed<16,6>\\s+1 -> 4\\s.*${escape(`${count(lut(dense))} -> ${count(lut(denseB))}`)}.*\\s+RF, latency, II, DSP, LUT, FF$`, 'm'));
    expect(stdout).toMatch(/^relu_2\s+ReLU\s+fixed<16,6>\s+1\s+0\s+1\s+0\s+512\s+0\s+0$/m);
    expect(stdout).toContain('Layers in both (8, 4 differ)');
    expect(stdout).not.toContain('Only in');
  });

  it('json: the machine-readable diff, its differences computed from the two files', () => {
    const result = runCli(['report', fileA, fileB, '--format', 'json']);
    expect(result.status).toBe(0);
    const diff = JSON.parse(result.stdout) as ReportDiff;
    expect(diff.a).toEqual({ file: fileA, model: 'jet_tagger', label: reportA.config.label, date: reportA.date, warnings: [] });
    const figure = (name: string) => diff.summary.find((row) => row.figure === name);
    const [latencyA, latencyB] = [reportA.latency[0]?.cycles ?? 0, reportB.latency[0]?.cycles ?? 0];
    expect(figure('Latency (cycles)')).toEqual({
      figure: 'Latency (cycles)',
      unit: 'count',
      a: latencyA,
      b: latencyB,
      sources: { a: 'estimate', b: 'estimate' },
      difference: latencyB - latencyA,
      ratio: latencyB / latencyA,
      differs: true,
    });
    expect(figure('II (cycles)')).toMatchObject({ a: reportA.ii[0]?.cycles, b: reportB.ii[0]?.cycles });
    expect(figure('FF (% of part)')).toMatchObject({ a: reportA.resources.utilization[0]?.ff, b: reportB.resources.utilization[0]?.ff });
    expect(figure('Accuracy (%)')).toMatchObject({ a: reportA.comparisons[0]?.accuracy, b: reportB.comparisons[0]?.accuracy });
    expect(figure('IO type')).toMatchObject({ a: 'io_parallel', b: 'io_stream', differs: true, difference: null });
    expect(diff.layers.map((layer) => layer.name)).toEqual(reportA.layers.map((layer) => layer.name));
    expect(diff.layers.find((layer) => layer.name === 'dense_1')?.changed).toEqual(['reuseFactor', 'latency', 'ii', 'dsp', 'lut', 'ff']);
    expect(diff.layers.find((layer) => layer.name === 'softmax')?.changed).toEqual([]);
  });

  it('shows each report\'s warnings first and lists the layers only one has', () => {
    // B' is A with a warning and its softmax renamed (in the timeline too, which names layers).
    const renamed = JSON.parse(readFileSync(fileA, 'utf8')) as { warnings: string[]; layers: { name: string }[]; timeline: { spans: { layer: string }[] } };
    renamed.warnings = ['LUT: 163,810 of 100 (163810%): does not fit'];
    for (const layer of renamed.layers) if (layer.name === 'softmax') layer.name = 'softmax_b';
    for (const span of renamed.timeline.spans) if (span.layer === 'softmax') span.layer = 'softmax_b';
    const fileC = join(folder, 'renamed.json');
    writeFileSync(fileC, JSON.stringify(renamed));
    const { status, stdout } = runCli(['report', fileA, fileC]);
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'ngt report: A against B',
      expect.stringContaining(`  A  ${fileA}`),
      expect.stringContaining(`  B  ${fileC}`),
      '  WARNING (B): LUT: 163,810 of 100 (163810%): does not fit',
    ]);
    expect(stdout).toMatch(/^Warnings\s+0\s+1\s+\+1\s+-$/m);
    expect(stdout).toContain('Only in A: softmax\nOnly in B: softmax_b\n');
    expect(stdout).toContain('Layers in both (7, 0 differ)');
    const markdown = runCli(['report', fileA, fileC, '--format', 'md']).stdout;
    expect(markdown).toContain('> **Warning (B):** LUT: 163,810 of 100 (163810%): does not fit');
    const cycles = count(reportA.latency[0]?.cycles ?? -1);
    expect(markdown).toContain(`| Latency (cycles) \\[e\\] | ${cycles} | ${cycles} | 0 | 1.00 |`);
  });
});

describe('ngt report: bad input is exit 2 with a message naming the file', () => {
  it('a missing file, a file that is not JSON, JSON that is not a report, three files', () => {
    const notJson = join(folder, 'notes.txt');
    writeFileSync(notJson, 'latency: 13\n');
    const notReport = join(folder, 'other.json');
    writeFileSync(notReport, JSON.stringify({ schema: 'ngt-report', schemaVersion: 2, layers: [] }));
    const missing = join(folder, 'none.json');
    const cases = [
      [[missing], `ngt: ReportError: ${missing}: cannot read the report file: ENOENT`],
      [[fileA, notJson], `ngt: ReportError: ${notJson} must be JSON (a report.json as \`ngt synth --out DIR\` writes it), not unparsable text`],
      [[notReport, fileA], `ngt: ReportError: ${notReport}: tool must be an object, not missing (expected a report.json as \`ngt synth --out DIR\` writes it)`],
      [[fileA, fileB, fileA], 'error: ngt report takes one report (to print) or two (to compare), not 3'],
      [[fileA, '--format', 'html'], "argument 'html' is invalid. Allowed choices are text, md, json."],
    ] as const;
    for (const [args, message] of cases) {
      const result = runCli(['report', ...args]);
      expect([args, result.status, result.stdout, result.stderr.split('\n')[0]]).toEqual([args, 2, '', expect.stringContaining(message)]);
    }
  });
});

describe('pairReadings', () => {
  it('compares like with like: the most direct source both sides have, else each side\'s best', () => {
    const estimate: CycleReading = { cycles: 10, source: 'estimate' };
    const yosys: CycleReading = { cycles: 12, source: 'yosys' };
    const cosim: CycleReading = { cycles: 11, source: 'cosim' };
    expect(pairReadings([estimate, cosim], [estimate, yosys])).toEqual({ a: estimate, b: estimate });
    expect(pairReadings([estimate, yosys], [yosys])).toEqual({ a: yosys, b: yosys });
    expect(pairReadings([cosim], [estimate, yosys])).toEqual({ a: cosim, b: yosys });
    expect(pairReadings([], [estimate])).toBeNull();
  });
});
