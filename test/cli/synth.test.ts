// `ngt synth` end to end on the built CLI: the default model's three reports, a valid report.json, the
// printed table, and bad input refused with exit 2.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateReport } from '../../reports/index.js';
import { runCli } from './run-cli.js';

const folder = mkdtempSync(join(tmpdir(), 'ngt-synth-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('ngt synth', () => {
  it('writes the three reports for the jet tagger and prints the layer table', () => {
    const out = join(folder, 'jet');
    const result = runCli(['synth', '--out', out, '--vcd']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const file of ['report.json', 'report.md', 'report.html', 'timeline.vcd']) {
      expect(existsSync(join(out, file))).toBe(true);
      expect(result.stdout).toContain(join(out, file));
    }
    const report = validateReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(report.layers.map((layer) => layer.name)).toEqual(['dense_1', 'relu_1', 'dense_2', 'relu_2', 'dense_3', 'relu_3', 'dense_4', 'softmax']);
    expect(report.config.part).toBe('xcvu13p-flga2577-2-e');
    // Every figure is our estimate (contract 3), and the totals are the layers' sums.
    expect(report.resources.totals.map((reading) => reading.source)).toEqual(['estimate']);
    const lutSum = report.layers.reduce((sum, layer) => sum + (layer.resources[0]?.lut ?? 0), 0);
    expect(report.resources.totals[0]?.lut).toBe(lutSum);
    expect(report.latency[0]?.cycles).toBe(report.layers.reduce((sum, layer) => sum + (layer.latency[0]?.cycles ?? 0), 0));
    expect(report.comparisons[0]?.samples).toBe(8);
    for (const row of ['dense_1', 'relu_3', 'softmax']) expect(result.stdout).toMatch(new RegExp(`^${row}\\s+\\S+\\s+`, 'm'));
    expect(result.stdout).toContain('% of part');
    expect(readFileSync(join(out, 'timeline.vcd'), 'utf8')).toContain('$var wire 1 " dense_1_busy $end');
  });

  it('reads another part from --part and costs it on that family', () => {
    const out = join(folder, 'ecp5');
    const result = runCli(['synth', '--out', out, '--part', 'LFE5U-85F', '--samples', '2']);
    expect(result.status).toBe(0);
    const report = validateReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(report.resources.capacity).toEqual({ dsp: 156, lut: 83_640, ff: 83_640, bram18: 208 });
    expect(report.comparisons[0]?.samples).toBe(2);
  });

  it('refuses an unknown part with exit 2 and lists the known ones', () => {
    const result = runCli(['synth', '--out', join(folder, 'bad'), '--part', 'xc9999']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("UnknownPartError: part must be one of xcvu13p-flga2577-2-e, xc7z020clg400-1, LFE5U-85F, iCE40UP5K");
    expect(existsSync(join(folder, 'bad'))).toBe(false);
  });

  it('refuses a bad --samples with exit 2', () => {
    const result = runCli(['synth', '--samples', '0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--samples must be an integer >= 1, not '0'");
  });
});
