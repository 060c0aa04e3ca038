// `ngt synth` end to end on the built CLI: the default model's three reports, a valid report.json, the
// printed table; the cycle simulation behind the timeline, FIFO occupancy and latency (conv1d-small in
// io_stream with --fifo-opt, checked against sim/ run here on the same inputs); the VCD; and bad input
// refused with exit 2.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertModel, parseHlsConfig } from '../../hls/index.js';
import { loadOnnxModel, writeNpy } from '../../models/index.js';
import { validateReport } from '../../reports/index.js';
import { optimizeFifoDepths } from '../../sim/index.js';
import { examplesDir, random } from '../models/helpers.js';
import { runCli } from './run-cli.js';

/** The VCD names of sim/vcd.ts. */
const vcdName = (name: string): string => name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');

const folder = mkdtempSync(join(tmpdir(), 'ngt-synth-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('ngt synth', () => {
  it('writes the three reports for the jet tagger and prints the layer table', () => {
    const out = join(folder, 'jet');
    const result = runCli(['synth', '--out', out, '--vcd']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const file of ['report.json', 'report.md', 'report.html', 'waves.vcd']) {
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
    // Accuracy on the whole test split beside float's; overflows counted on its first 500 samples.
    expect(report.comparisons[0]).toMatchObject({ name: 'fixed<16,6>, RF 1, latency', samples: 10_000, floatAccuracy: 0.7651 });
    expect(report.config).toMatchObject({ label: 'fixed<16,6>, RF 1, latency', file: null });
    expect(report.overflows).toMatchObject({ samples: 500, of: 10_000 });
    expect(report.warnings).toEqual([]);
    for (const row of ['dense_1', 'relu_3', 'softmax']) expect(result.stdout).toMatch(new RegExp(`^${row}\\s+\\S+\\s+`, 'm'));
    expect(result.stdout).toContain('% of part');
    // The cycle simulation (io_parallel: one register slice between layers) agrees with the schedule:
    // 13 cycles, II 1, sample s entering dense_1 in cycle s and each layer starting as the previous ends;
    // the ReLUs are folded into the Dense layers' output stages, so they take no cycle and no stream:
    // a 0-cycle span where their Dense ends.
    expect(report.ii[0]?.cycles).toBe(1);
    expect(report.latency[0]?.cycles).toBe(13);
    expect(report.timeline?.spans.filter((span) => span.sample === 3).map((span) => [span.layer, span.startCycle, span.endCycle])).toEqual([
      ['dense_1', 3, 5],
      ['relu_1', 5, 5],
      ['dense_2', 5, 8],
      ['relu_2', 8, 8],
      ['dense_3', 8, 10],
      ['relu_3', 10, 10],
      ['dense_4', 10, 12],
      ['softmax', 12, 16],
    ]);
    expect(report.fifoOccupancy?.fifos.map((fifo) => [fifo.name, fifo.depth])[1]).toEqual(['dense_1_out0 -> dense_2', 1]);
    expect(report.fifoOccupancy?.fifos).toHaveLength(6);
    expect(report.notes).not.toContainEqual(expect.stringContaining('the schedule, assuming no stalls, predicts'));
    const vcd = readFileSync(join(out, 'waves.vcd'), 'utf8');
    for (const signal of ['x_dense_1_valid', 'x_dense_1_ready', 'dense_1_out0_dense_2_valid', 'y_output_y_ready', 'softmax_busy']) expect(vcd).toMatch(new RegExp(`^\\$var wire \\d+ \\S+ ${signal} \\$end$`, 'm'));
  });

  it('conv1d-small in io_stream with --fifo-opt: the simulator\'s timeline and measured latency, lower FIFO depths, a VCD', () => {
    const input = join(folder, 'conv1d-x.npy');
    const next = random(5);
    const data = Float64Array.from({ length: 6 * 3 * 32 }, () => 4 * next() - 2);
    writeNpy(input, { dtype: 'float64', shape: [6, 3, 32], data });
    const out = join(folder, 'conv1d');
    const vcdPath = join(folder, 'waves', 'conv1d.vcd');
    const model = join(examplesDir, 'conv1d-small.onnx');
    const result = runCli(['synth', model, '--input', input, '--io-type', 'io_stream', '--fifo-opt', '--out', out, '--vcd', vcdPath]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(vcdPath);
    const report = validateReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    // The same run in process: synth's defaults (hls4ml's) with io_stream, the same 6 samples.
    const hw = convertModel(loadOnnxModel(model), parseHlsConfig('IOType: io_stream\n', 'test.yaml')).model;
    const expected = optimizeFifoDepths(hw, [data], 6, { ioType: 'io_stream' });
    const sim = expected.optimized;
    expect(report.latency[0]?.cycles).toBe(sim.latency.first);
    expect(report.ii[0]?.cycles).toBe(sim.latency.steadyStateII);
    const firstLayer = sim.layers.find((layer) => layer.firings.length > 0);
    const firstSpan = report.timeline?.spans.find((span) => span.sample === 0 && span.layer === firstLayer?.name);
    expect(firstSpan?.startCycle).toBe(firstLayer?.firings[0]?.start);
    const spansOf = (name: string) => (sim.layers.find((layer) => layer.name === name)?.firings ?? []).map((firing) => ({ layer: name, sample: firing.sample, startCycle: firing.start, endCycle: firing.end }));
    const folded = { relu1: 'conv1', relu2: 'conv2' };
    expect(report.timeline?.spans.filter((span) => !(span.layer in folded))).toEqual(sim.layers.flatMap((layer) => spansOf(layer.name)));
    // relu1 and relu2, folded into conv1 and conv2, end each sample with them in 0 cycles.
    for (const [relu, conv] of Object.entries(folded)) {
      expect(report.timeline?.spans.filter((span) => span.layer === relu)).toEqual(spansOf(conv).map((span) => ({ ...span, layer: relu, startCycle: span.endCycle })));
    }
    // Every FIFO between two conv-side layers drops from a whole sample's tokens to at most 3 words.
    const fifos = report.fifoOccupancy?.fifos ?? [];
    expect(fifos.map((fifo) => [fifo.name, fifo.depth])).toEqual(sim.fifos.map((fifo) => [fifo.name, fifo.depth]));
    let before = 0;
    let after = 0;
    for (const fifo of sim.fifos) {
      before += fifo.defaultDepth;
      after += fifo.depth;
      expect(fifo.depth, fifo.name).toBeLessThanOrEqual(fifo.defaultDepth);
    }
    expect(after).toBeLessThan(before / 2);
    // relu1 is folded into conv1's output stage, so pool1 reads conv1's stream.
    expect(fifos.find((fifo) => fifo.name === 'conv1_out0:channels_last -> pool1')?.depth).toBeLessThanOrEqual(3);
    expect(sim.fifos.find((fifo) => fifo.name === 'conv1_out0:channels_last -> pool1')?.defaultDepth).toBe(32);
    const note = report.notes.find((text) => text.startsWith('FIFO optimisation'));
    expect(note).toContain(`conv1_out0:channels_last -> pool1: 32 -> ${expected.depths['conv1_out0:channels_last -> pool1']}`);
    expect(note).toContain('finished with no deadlock');
    const vcd = readFileSync(vcdPath, 'utf8');
    for (const fifo of sim.fifos) {
      for (const signal of ['valid', 'ready']) expect(vcd).toMatch(new RegExp(`^\\$var wire 1 \\S+ ${vcdName(fifo.name)}_${signal} \\$end$`, 'm'));
    }
  });

  it('with a MODEL and no --input, simulates seeded N(0, 1) samples and says so', () => {
    const out = join(folder, 'conv2d-random');
    const result = runCli(['synth', join(examplesDir, 'conv2d-small.onnx'), '--samples', '3', '--out', out]);
    expect(result.status).toBe(0);
    const report = validateReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(report.notes).toContain('Inputs: 3 random N(0, 1) samples (seed 1; no --input).');
    expect(report.comparisons?.[0]?.samples).toBe(3);
  });

  it('refuses --fifo-opt with io_parallel with exit 2', () => {
    const result = runCli(['synth', '--out', join(folder, 'parallel-opt'), '--fifo-opt']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--fifo-opt needs io_stream FIFOs');
    expect(existsSync(join(folder, 'parallel-opt'))).toBe(false);
  });

  it('reads another part from --part and costs it on that family; --interval spaces the inputs', () => {
    const out = join(folder, 'ecp5');
    const result = runCli(['synth', '--out', out, '--part', 'LFE5U-85F', '--samples', '2', '--interval', '5']);
    expect(result.status).toBe(0);
    const report = validateReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(report.resources.capacity).toEqual({ dsp: 156, lut: 83_640, ff: 83_640, bram18: 208 });
    expect(report.comparisons[0]?.samples).toBe(10_000);
    // The jet tagger does not fit an ECP5: said first, in words, with by how much.
    expect(report.warnings[0]).toMatch(/^does not fit LFE5U-85F: DSP 1,758 of 156 \(1127%\), LUT [\d,]+ of 83,640 \(\d+%\)/);
    expect(result.stdout.split('\n')[1]).toBe(`  WARNING: ${report.warnings[0] ?? ''}`);
    // --interval 5: the second sample enters 5 cycles after the first; the II shown stays the schedule's.
    expect(report.timeline?.spans.filter((span) => span.layer === 'dense_1').map((span) => span.startCycle)).toEqual([0, 5]);
    expect(report.ii[0]?.cycles).toBe(1);
    expect(report.notes).toContainEqual(expect.stringContaining('with an input every 5 cycles the measured output interval reflects the arrivals'));
  });

  it('refuses an unknown part with exit 2 and lists the known ones', () => {
    const result = runCli(['synth', '--out', join(folder, 'bad'), '--part', 'xc9999']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("UnknownPartError: part must be one of xcvu13p-flga2577-2-e, xc7z020clg400-1, LFE5U-85F, iCE40UP5K");
    expect(existsSync(join(folder, 'bad'))).toBe(false);
  });

  it('--strict exits 1 on a design that does not fit, after writing the reports', () => {
    const out = join(folder, 'strict');
    const result = runCli(['synth', '--out', out, '--part', 'xc7z020clg400-1', '--strict']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('ngt synth: --strict: 1 warning(s), exit 1 (the reports are written)\n');
    expect(result.stdout).toContain('  WARNING: does not fit xc7z020clg400-1: DSP 1,758 of 220 (799%), LUT 163,810 of 53,200 (308%)');
    expect(existsSync(join(out, 'report.json'))).toBe(true);
  });

  it('counts the values that overflow, per layer and variable, and says so first with the fix', () => {
    const out = join(folder, 'narrow');
    const config = join(folder, 'narrow.yaml');
    writeFileSync(config, 'Model:\n  Precision: fixed<8,3>\n');
    const result = runCli(['synth', '--out', out, '--config', config, '--samples', '2']);
    expect(result.status).toBe(0);
    const report = validateReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(report.config).toMatchObject({ label: 'fixed<8,3>, RF 1, latency', file: { path: config, text: 'Model:\n  Precision: fixed<8,3>\n' } });
    const rows = report.overflows?.rows ?? [];
    // fixed<8,3> holds [-4, 4): the jet tagger's inputs and first layer's sums often leave it.
    expect(rows.map((row) => `${row.layer}:${row.variable}`)).toContain('dense_1:accum');
    for (const row of rows) expect(row.overflows).toBeGreaterThan(0);
    expect(rows.find((row) => row.layer === 'x')?.variable).toBe('input');
    expect(report.warnings[0]).toMatch(/^values overflow \(first 500 of 10,000 samples\): .*`ngt profile` shows each layer's range against its type; `ngt quantize` picks types that hold them$/);
    expect(result.stdout).toContain('Overflows (bit-accurate simulation of 500 of 10,000 samples)');
  });

  it('refuses a bad --samples with exit 2', () => {
    const result = runCli(['synth', '--samples', '0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--samples must be an integer >= 1, not '0'");
  });
});
