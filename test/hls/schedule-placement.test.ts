// The delay-driven schedule (hls/datapath/schedule.ts) on the jet tagger, derived by hand from the
// operator delays (hls/datapath/delays.ts, UltraScale+ = 7-series x 0.6, parts/families.ts): a DSP
// multiply 2.31 ns, a 16-bit adder 0.27 + 0.3048 + 0.0171 * 16 = 0.8484 ns, a 2:1 select (one LUT
// level) 0.27 + 0.3852 = 0.6552 ns, register overhead 0.2418 ns; the stage budget at 5 ns is
// 5 * 0.875 - 0.2418 = 4.133 ns, at 3 ns 2.383 ns. And the contract that schedule, estimate and cycle
// simulator read one datapath: a register added to it moves all three.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertModel, defaultHlsConfig, estimateModel, LAYER_KINDS, layerContext, scheduleModel, type Datapath, type HwModel } from '../../hls/index.js';
import { loadOnnxModel } from '../../models/index.js';
import { simulateCycles } from '../../sim/index.js';
import { examplesDir } from '../models/helpers.js';
import { inputsFor } from '../sim/helpers.js';

function jetTagger(): HwModel {
  return convertModel(loadOnnxModel(path.join(examplesDir, 'jet-tagger.onnx')), defaultHlsConfig()).model;
}

describe('delay-driven register placement (jet tagger, fixed<16,6>, RF 1, xcvu13p)', () => {
  const model = jetTagger();

  it('at 5 ns: 13 cycles, the ReLUs folded into the Dense output stages', () => {
    const schedules = scheduleModel(model, { ioType: 'io_parallel', clockPeriod: 5 });
    // dense_1 (16 inputs + a bias: 5 tree levels): multiply, 2 levels = 2.31 + 2 * 0.8484 = 4.01 | 3 levels
    // = 2.545, + relu_1's select 0.655 = 3.20: 2 cycles. dense_2 (65 terms, 7 levels): 4.01 | 4 levels 3.39
    // | 1 level + select 1.50: 3. dense_3 and dense_4 (33 terms, 6 levels): 4.01 | 4 levels (+ select:
    // 4.05 <= 4.133 for dense_3): 2 each. softmax: max tree, subtract, exp ROM, sum tree, 1/x ROM,
    // multiply: 4 stages (its two block RAM reads begin new stages).
    expect(schedules.map((s) => s.latency)).toEqual([2, 0, 3, 0, 2, 0, 2, 4]);
    expect(schedules.map((s) => s.foldedInto)).toEqual([null, 'dense_1', null, 'dense_2', null, 'dense_3', null, null]);
    expect(schedules[0]?.stages.map((stage) => Number(stage.delayNs.toFixed(3)))).toEqual([Number((2.31 + 2 * 0.8484).toFixed(3)), Number((3 * 0.8484 + 0.6552).toFixed(3))]);
    const estimate = estimateModel(model, { ioType: 'io_parallel', clockPeriod: 5, schedules });
    const simulated = simulateCycles(model, inputsFor(model, 3, 2), 3, { ioType: 'io_parallel', clockPeriod: 5 });
    expect([estimate.latencyCycles, simulated.latency.first]).toEqual([13, 13]);
    expect(estimate.latencyCycles).toBeLessThanOrEqual(15);
    expect(simulated.latency.steadyStateII).toBe(1);
  });

  it('at 3 ns: deeper pipelines, every stage within the budget', () => {
    const fast = scheduleModel(model, { ioType: 'io_parallel', clockPeriod: 3 });
    const slow = scheduleModel(model, { ioType: 'io_parallel', clockPeriod: 5 });
    // dense_1 at 3 ns: multiply 2.31 | 2 levels 1.70 | 2 levels | 1 level: 4 cycles.
    expect(fast[0]?.latency).toBe(4);
    const total = (schedules: typeof fast) => schedules.reduce((sum, s) => sum + s.latency, 0);
    expect(total(fast)).toBeGreaterThan(total(slow));
    for (const schedule of fast) for (const stage of schedule.stages) expect(stage.delayNs).toBeLessThanOrEqual(3 * 0.875 - 0.2418 + 1e-9);
    const estimate = estimateModel(model, { ioType: 'io_parallel', clockPeriod: 3 });
    expect(estimate.achievedPeriodNs).toBeLessThanOrEqual(3);
    expect(estimate.latencyCycles).toBe(total(fast));
  });

  it('one more register in a datapath moves the schedule, the FF estimate and the simulated cycles together', () => {
    const index = model.layers.findIndex((layer) => layer.name === 'dense_4');
    const layer = model.layers[index];
    if (layer?.kind !== 'dense') throw new Error('dense_4 is a Dense');
    const path = LAYER_KINDS.dense.datapath(layer, layerContext(model, layer, { ioType: 'io_parallel' }));
    const names = path.steps.map((step) => step.name);
    // dense_4: 5 outputs x 32 products of 16 bits. As placed: multiply, cast, levels 1, 2 (4.01 ns) |
    // levels 3..6, cast (3.39): registers after level 2 (720 bits) and the output (80).
    const at = names.indexOf('adder tree level 1') + 1;
    const levelBits = (name: string) => path.steps[names.indexOf(name)]?.bits ?? 0;
    expect([levelBits('adder tree level 1'), levelBits('adder tree level 2'), levelBits('adder tree level 5'), path.outputBits]).toEqual([1360, 720, 160, 80]);
    const forced: Datapath = { ...path, steps: [...path.steps.slice(0, at), { kind: 'register', name: 'extra register', bits: 1360 }, ...path.steps.slice(at)] };
    // With a register after level 1 (3.16 ns): levels 2..5 (3.39) | level 6 and the cast: 3 stages,
    // registers 1360 + 160 + 80 bits.
    const before = scheduleModel(model, { ioType: 'io_parallel' });
    const after = scheduleModel(model, { ioType: 'io_parallel', datapaths: new Map([['dense_4', forced]]) });
    expect([before[index]?.latency, after[index]?.latency]).toEqual([2, 3]);
    expect([before[index]?.registerBits, after[index]?.registerBits]).toEqual([720 + 80, 1360 + 160 + 80]);
    const estimates = [before, after].map((schedules) => estimateModel(model, { ioType: 'io_parallel', schedules }));
    expect(estimates.map((e) => e.layers[index]?.latency)).toEqual([2, 3]);
    expect((estimates[1]?.layers[index]?.ff ?? 0) - (estimates[0]?.layers[index]?.ff ?? 0)).toBe(800);
    expect((estimates[1]?.totals.ff ?? 0) - (estimates[0]?.totals.ff ?? 0)).toBe(800);
    expect(estimates.map((e) => e.latencyCycles)).toEqual([13, 14]);
    const inputs = inputsFor(model, 3, 4);
    const runs = [before, after].map((schedules) => simulateCycles(model, inputs, 3, { ioType: 'io_parallel', schedules }));
    expect(runs.map((run) => run.latency.first)).toEqual([13, 14]);
    const span = (run: (typeof runs)[number]) => {
      const firing = run.layers.find((timeline) => timeline.name === 'dense_4')?.firings[0];
      return (firing?.end ?? 0) - (firing?.start ?? 0);
    };
    expect(runs.map(span)).toEqual([2, 3]);
  });
});
