// ngt build and ngt synth --yosys as users run them (the built CLI) on tiny-dense.onnx, the example
// made to fit an iCE40UP5K: a bitstream, nextpnr's Fmax and utilisation tagged 'pnr', Yosys's cells
// per layer tagged 'yosys'; a bad part, a non-iCE40 part and a design that does not fit refused.
// Figures are pinned for Debian's yosys 0.23 and nextpnr-ice40 0.4 (seed 1); other versions differ.
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateReport } from '../../reports/index.js';
import { runCli } from '../cli/run-cli.js';

const available = existsSync('/usr/bin/yosys') && existsSync('/usr/bin/nextpnr-ice40') && existsSync('/usr/bin/icepack');
const folder = mkdtempSync(join(tmpdir(), 'ngt-synth-build-'));
const model = 'models/examples/tiny-dense.onnx';
const config = 'models/examples/tiny-dense-ice40.yaml';

describe.runIf(available)('ngt build (iCE40) and ngt synth --yosys', () => {
  it('ngt build writes a bitstream and a report with nextpnr\'s Fmax and utilisation (pnr)', () => {
    const out = join(folder, 'build');
    const result = runCli(['build', model, '-c', config, '-o', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(statSync(join(out, 'top.bin')).size).toBe(104090);
    const report = validateReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    const clock = report.maxClock.find((reading) => reading.source === 'pnr');
    expect(clock?.mhz).toBeCloseTo(18.65, 1);
    expect(report.resources.totals.find((reading) => reading.source === 'pnr')).toEqual({ dsp: 0, lut: 4041, ff: 300, bram18: 0, source: 'pnr' });
    expect(result.stdout).toContain('4041/5280 logic cells');
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('| `in_byte[7:0]` | in |');
  });

  it('ngt synth --yosys puts Yosys\'s cells per layer and in total beside the estimates', () => {
    const out = join(folder, 'synth');
    const result = runCli(['synth', model, '-c', config, '--yosys', '-o', out]);
    expect(result.status, result.stderr).toBe(0);
    const report = validateReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(report.resources.totals.find((reading) => reading.source === 'yosys')).toEqual({ dsp: 0, lut: 3781, ff: 183, bram18: 0, source: 'yosys' });
    const dense1 = report.layers.find((layer) => layer.name === 'dense_1');
    expect(dense1?.resources.find((reading) => reading.source === 'yosys')).toEqual({ dsp: 0, lut: 2549, ff: 0, bram18: 0, source: 'yosys' });
    // The folded ReLU has no module of its own: no yosys reading.
    expect(report.layers.find((layer) => layer.name === 'relu_1')?.resources.map((reading) => reading.source)).toEqual(['estimate']);
    expect(result.stdout).toMatch(/Total LUT +2,349 +3,781 +yosys +-37\.9%/);
  });

  it('refuses an unknown part (exit 2) and a part that is not an iCE40 (exit 2)', () => {
    const bad = runCli(['build', model, '-c', config, '--part', 'iCE99', '-o', join(folder, 'bad')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("part must be one of xcvu13p-flga2577-2-e, xc7z020clg400-1, LFE5U-85F, iCE40UP5K (or the same device with another package or speed grade), not 'iCE99'");
    const xilinx = runCli(['build', model, '-c', config, '--part', 'xc7z020clg400-1', '-o', join(folder, 'xilinx')]);
    expect(xilinx.status).toBe(2);
    expect(xilinx.stderr).toContain('ngt build makes iCE40 bitstreams: --part (or Part in the config) must be an iCE40 part (iCE40UP5K), not xc7z020clg400-1');
  });

  it('refuses a design that does not fit, saying how far over it is (exit 1)', () => {
    const wide = join(folder, 'wide.yaml');
    writeFileSync(wide, 'Part: iCE40UP5K\nClockPeriod: 60\nHLSConfig:\n  Model:\n    Precision: ap_fixed<16,6>\n');
    const result = runCli(['build', model, '-c', wide, '-o', join(folder, 'wide')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/ngt: DesignDoesNotFitError: the design must fit the iCE40UP5K, not need [\d,]+ SB_LUT4 logic cells against the 5,280 it has \(\d+\.\d% over\)/);
    expect(existsSync(join(folder, 'wide', 'top.bin'))).toBe(false);
  });
});
