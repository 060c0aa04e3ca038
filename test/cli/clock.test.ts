// --clock and ClockUncertainty as users give them: a period or a frequency, and the uncertainty hls4ml
// passes to set_clock_uncertainty (a percentage or ns, default 12.5%) taken off every stage's budget.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNpy } from '../../models/index.js';
import { validateReport, type Report } from '../../reports/index.js';
import { random } from '../models/helpers.js';
import { runCli } from './run-cli.js';

const folder = mkdtempSync(join(tmpdir(), 'ngt-clock-'));
const input = join(folder, 'x.npy');
const next = random(11);
writeNpy(input, { dtype: 'float64', shape: [4, 16], data: Float64Array.from({ length: 64 }, () => 2 * next() - 1) });

/** synth at `clock` with the given ClockUncertainty line (none: hls4ml's default). */
function synth(name: string, clock: string, uncertainty: string | null): { stdout: string; report: Report } {
  const config = join(folder, `${name}.yaml`);
  writeFileSync(config, uncertainty === null ? 'IOType: io_parallel\n' : `ClockUncertainty: ${uncertainty}\n`);
  const out = join(folder, name);
  const result = runCli(['synth', '--config', config, '--input', input, '--clock', clock, '--out', out]);
  expect(result.status, result.stderr).toBe(0);
  return { stdout: result.stdout, report: validateReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))) };
}

describe('--clock and ClockUncertainty', () => {
  it('reads a frequency as its period and takes the uncertainty off every stage', () => {
    const byDefault = synth('default', '320MHz', null);
    expect(byDefault.report.config.clockPeriodNs).toBe(3.125);
    expect(byDefault.stdout).toMatch(/^ {2}Clock\s+3\.125 ns \(320 MHz\)$/m);
    expect(byDefault.report.notes).toContain("Clock uncertainty 0.391 ns (12.5% of 3.125 ns) is kept free in every stage, as hls4ml's set_clock_uncertainty: 2.734 ns per stage, the register's own delay included.");
    const latency = (run: { report: Report }): number => run.report.latency[0]?.cycles ?? NaN;
    const none = synth('none', '3.125ns', '0%');
    const explicit = synth('explicit', '3.125', '12.5%');
    const large = synth('large', '3.125', '40%');
    // 1 ns of a 3.125 ns period is 32%.
    const inNs = synth('ns', '3.125', '1.0');
    const percent = synth('percent', '3.125', '32%');
    expect(latency(explicit)).toBe(latency(byDefault));
    expect(latency(none)).toBeLessThan(latency(byDefault));
    expect(latency(large)).toBeGreaterThan(latency(percent));
    expect(latency(percent)).toBeGreaterThan(latency(byDefault));
    expect(latency(inNs)).toBe(latency(percent));
    expect(inNs.report.notes).toContainEqual(expect.stringContaining('Clock uncertainty 1.000 ns (32.0% of 3.125 ns)'));
  });

  it('refuses a --clock that is neither a period nor a frequency (exit 2), in synth and compare', () => {
    for (const verb of ['synth', 'compare']) {
      const result = runCli([verb, '--clock', '5 parsecs']);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("--clock must be a period in ns (5, 3.125ns) or a frequency (200MHz), not '5 parsecs'");
    }
  });
});
