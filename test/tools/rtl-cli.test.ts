// `ngt rtl` and `ngt cosim` as users run them (the built CLI): the files, the report with the latency
// measured in the RTL, and a design the RTL cannot express refused naming the layer.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateReport } from '../../reports/index.js';
import { runCli } from '../cli/run-cli.js';

const available = existsSync('/usr/bin/iverilog');
const folder = mkdtempSync(join(tmpdir(), 'ngt-rtl-cli-'));

describe('ngt rtl and ngt cosim', () => {
  if (!available) console.log('rtl-cli: cosim skipped, /usr/bin/iverilog is missing (apt-get install iverilog; CI installs it)');

  it('ngt rtl writes the Verilog, a README of the ports, the testbench and vectors', () => {
    const out = join(folder, 'rtl');
    const result = runCli(['rtl', '-o', out, '--samples', '4']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('ngt rtl: jet_tagger_top (7 Verilog files, 5 processes, 6 streams)');
    for (const file of ['jet_tagger_top.v', 'ngt_fifo.v', 'p0_dense_1.v', 'p4_softmax.v', 'ngt_tb.v', 'README.md', 'in0.hex', 'out0_expected.hex']) expect(existsSync(join(out, file)), file).toBe(true);
    // One word per sample: 16 inputs of 16 bits, 5 outputs of 16 bits.
    expect(readFileSync(join(out, 'in0.hex'), 'utf8').trim().split('\n')).toHaveLength(4);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('| `in0_data[255:0]` | x | 16 values per word');
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('| `out0_data[79:0]` |');
  });

  it.runIf(available)('ngt cosim -o writes the report with the latency measured in the RTL beside the estimate (13 cycles)', () => {
    const out = join(folder, 'cosim');
    const result = runCli(['cosim', '--samples', '20', '--simulator', 'icarus', '-o', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('0 bit and 0 cycle differences');
    const report = validateReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(report.latency).toEqual([
      { cycles: 13, ns: 65, source: 'estimate' },
      { cycles: 13, ns: 65, source: 'cosim' },
    ]);
    expect(report.ii).toContainEqual({ cycles: 1, source: 'cosim' });
    expect(existsSync(join(out, 'rtl', 'jet_tagger_top.v'))).toBe(true);
  });

  it.runIf(available)('ngt cosim --sink-stalls holds the output back in random cycles: the same cycles in both simulators, later than without', () => {
    const out = join(folder, 'stalls');
    const result = runCli(['cosim', '--samples', '40', '--simulator', 'icarus', '--sink-stalls', '40', '--seed', '9', '-o', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('0 bit and 0 cycle differences');
    // 40 back-to-back samples read from cycle 13 on, one per cycle: the last in 52 without stalls.
    const last = /last output read in cycle (\d+) \(RTL\)/.exec(result.stdout);
    expect(Number(last?.[1])).toBeGreaterThan(52);
    const report = validateReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(report.notes.some((note) => note.includes('not ready in 40% of the cycles (seed 9)'))).toBe(true);
    const bad = runCli(['cosim', '--sink-stalls', '100']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--sink-stalls must be an integer 0..99');
  });

  it("refuses a layer the RTL cannot express yet, naming it (exit 2), and writes nothing", () => {
    const config = join(folder, 'legacy.yaml');
    writeFileSync(config, 'LayerName:\n  softmax:\n    Implementation: legacy\n');
    const out = join(folder, 'never');
    const result = runCli(['rtl', '-c', config, '-o', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("ngt: RtlUnsupportedError: layer 'softmax' (Softmax) has no RTL yet: softmax 'legacy' (use stable, latency or argmax)");
    expect(existsSync(out)).toBe(false);
  });

  it('ngt synth --rtl writes the RTL of the design it simulated beside the reports (--fifo-opt depths)', () => {
    const out = join(folder, 'synth');
    const result = runCli(['synth', '--io-type', 'io_stream', '--fifo-opt', '--rtl', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${join(out, 'rtl')}/ (Verilog, testbench, vectors, README.md)`);
    const top = readFileSync(join(out, 'rtl', 'jet_tagger_top.v'), 'utf8');
    // --fifo-opt sized every stream of the 1-D jet tagger to one word.
    expect(top.match(/ngt_fifo #\(\.WIDTH\(\d+\), \.DEPTH\((\d+)\)/g)?.every((line) => line.includes('.DEPTH(1)'))).toBe(true);
  });

  it('prints --help for both', () => {
    for (const verb of ['rtl', 'cosim']) {
      const result = runCli([verb, '--help']);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: ngt ${verb} \\[options\\] \\[model\\]`));
    }
  });
});
