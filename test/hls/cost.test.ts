// The cost model on hand-made layers: every expected figure is derived by hand from the formulas
// documented in hls/datapath/*.ts (operators, delays, register placement) and hls/cost/estimate.ts
// (the arithmetic is in the comments). UltraScale+ delays (parts/families.ts: 7-series x 0.6): DSP
// multiply 2.04 + route 0.27 = 2.31 ns; a w-bit carry chain 0.27 + 0.3048 + 0.0171 w ns; register
// 0.2418 ns; stage budget at 5 ns = 5 * 0.875 - 0.2418 = 4.133 ns, at 3 ns 2.383 ns.
import { describe, expect, it } from 'vitest';
import { parseFixedType, type FixedType } from '@ngt/fxp';
import { estimateModel, FAMILIES, findPart, UnknownPartError, type HwLayer, type HwModel, type HwTensor } from '../../hls/index.js';
import { csdDigits, constantMultiplier, dspTiles, multiplierCost } from '../../hls/datapath/multiplier.js';
import { blockRamCount, fifoCost } from '../../hls/datapath/memory.js';

const t = (text: string): FixedType => parseFixedType(text);

function modelOf(layers: HwLayer[], tensors: [string, readonly number[], string][]): HwModel {
  const map = new Map<string, HwTensor>(tensors.map(([name, shape, type]) => [name, { name, shape, type: t(type) }]));
  return { name: 'hand', source: 'test', inputs: [tensors[0]?.[0] ?? 'x'], outputs: [{ name: 'y', tensor: layers[layers.length - 1]?.output ?? 'y' }], tensors: map, layers, notes: [] };
}

function dense(weights: bigint[], bias: bigint[], nIn: number, nOut: number, options: { strategy?: 'latency' | 'resource'; reuseFactor?: number; weight?: string } = {}): HwLayer {
  return {
    kind: 'dense',
    name: 'fc',
    hlsClass: 'Dense',
    inputs: ['x'],
    output: 'y',
    nIn,
    nOut,
    weightType: t(options.weight ?? 'fixed<8,3>'),
    biasType: t('fixed<8,3>'),
    accumType: t('fixed<16,6>'),
    weights,
    bias,
    strategy: options.strategy ?? 'latency',
    reuseFactor: options.reuseFactor ?? 1,
  };
}

describe('multiplier rules', () => {
  it('counts canonical signed digits', () => {
    // 7 = 8 - 1; 11 = 16 - 4 - 1; 43 = 64 - 16 - 4 - 1; -8 = -(8).
    expect([0n, 1n, 7n, 11n, 43n, -8n, 21n].map(csdDigits)).toEqual([0, 1, 2, 3, 4, 1, 3]);
  });

  it('a 16x16 product is one DSP on every family', () => {
    for (const family of Object.values(FAMILIES)) expect(dspTiles(16, true, 16, true, family.dsp)).toBe(1);
  });

  it('27x18 fits one DSP48E2, 28x18 takes two; unsigned needs a bit more on Xilinx only', () => {
    const dsp48e2 = FAMILIES.ultrascale_plus.dsp;
    expect(dspTiles(27, true, 18, true, dsp48e2)).toBe(1);
    // 28 on a 27-bit port: 1 + ceil((28 - 27) / 26) = 2 slices, times 1 for 18 on 18.
    expect(dspTiles(28, true, 18, true, dsp48e2)).toBe(2);
    // DSP48E1 is 25x18: 27x18 is 2 (1 + ceil(2 / 24)).
    expect(dspTiles(27, true, 18, true, FAMILIES.series7.dsp)).toBe(2);
    // Unsigned 19 needs 20 bits on a signed port: still within port A (27) beside 18 on port B => 1.
    expect(dspTiles(19, false, 18, true, dsp48e2)).toBe(1);
    // Unsigned 18 x unsigned 18 is 19 x 19: 19 > 18 on port B both ways => 2.
    expect(dspTiles(18, false, 18, false, dsp48e2)).toBe(2);
    expect(dspTiles(18, false, 18, false, FAMILIES.ecp5.dsp)).toBe(1);
    // 32x32 on SB_MAC16: ceil(32/16)^2 = 4.
    expect(dspTiles(32, true, 32, true, FAMILIES.ice40.dsp)).toBe(4);
  });

  it('constant weights: zero none, power of two a shift, <= 3 CSD digits shift-add, else DSP', () => {
    const family = FAMILIES.ultrascale_plus;
    const input = { width: 8, signed: true };
    const weightType = { width: 8, signed: true };
    expect(constantMultiplier(input, 0n, weightType, family).kind).toBe('none');
    expect(multiplierCost(constantMultiplier(input, -16n, weightType, family))).toEqual({ dsp: 0, lut: 0 });
    // 7: 2 digits, 1 adder of 8 + 3 = 11 bits.
    expect(multiplierCost(constantMultiplier(input, 7n, weightType, family))).toEqual({ dsp: 0, lut: 11 });
    // 21 = 16 + 4 + 1: 2 adders of 8 + 5 = 13 bits.
    expect(multiplierCost(constantMultiplier(input, 21n, weightType, family))).toEqual({ dsp: 0, lut: 26 });
    expect(multiplierCost(constantMultiplier(input, 43n, weightType, family))).toEqual({ dsp: 1, lut: 0 });
  });
});

describe('dense and conv estimates', () => {
  // 2 x 2 dense, weights w[i * 2 + j]: w00 = 4 (shift), w01 = 0 (skipped), w10 = 7 (shift-add), w11 = 43 (DSP);
  // bias [0, 5]. Product <16,6> to accum <16,6> and accum to result <16,6>: no cast logic.
  // LUTs: shift-add 8 + 3 = 11; out0 tree: 2 terms -> 1 adder x 16 = 16; out1: 1 term + bias -> 1 adder x 16 = 16.
  // Total 11 + 16 + 16 = 43 LUTs, 1 DSP.
  const layer = dense([4n, 0n, 7n, 43n], [0n, 5n], 2, 2);
  const model = modelOf([layer], [['x', [2], 'fixed<8,3>'], ['y', [2], 'fixed<16,6>']]);

  it('costs each product by its rule and the adder trees by accum width', () => {
    const estimate = estimateModel(model);
    const fc = estimate.layers[0];
    expect(fc?.dsp).toBe(1);
    expect(fc?.lut).toBe(43);
    // The chain: multiply (the DSP, 2.31 ns; the shift-add 0.27 + 0.3048 + 0.0171 * 11 = 0.763),
    // casts (wiring), one tree level of 16-bit adders (0.8484), cast: 3.16 ns fits 4.133: latency 1,
    // only the output register, 2 x 16 bits.
    expect([fc?.latency, fc?.ff]).toEqual([1, 32]);
    expect(fc?.stageDelayNs).toBeCloseTo(2.31 + 0.8484 + 0.2418, 3);
    expect(fc?.bram).toBe(0);
  });

  it('puts a register where the clock budget runs out', () => {
    // At 3 ns the budget is 2.383 ns: the DSP product (2.31) fits alone, the tree level after it does
    // not. The rank goes after the product casts, which hold 3 products x 16 bits = 48: FF 48 + 32.
    const estimate = estimateModel(model, { clockPeriod: 3 });
    expect([estimate.layers[0]?.latency, estimate.layers[0]?.ff]).toEqual([2, 80]);
    expect(estimate.layers[0]?.stageDelayNs).toBeCloseTo(2.31 + 0.2418, 3);
  });

  it('totals and percentages of the part', () => {
    // 7-series delays are slower: the DSP 3.4 + 0.45 = 3.85 ns and a 16-bit adder 0.45 + 0.508 + 0.0285 * 16
    // = 1.414 ns exceed the budget 5 * 0.875 - 0.403 = 3.972: two stages, FF 48 + 32.
    const estimate = estimateModel(model, { part: 'xc7z020clg400-1' });
    expect(estimate.totals).toEqual({ dsp: 1, lut: 43, ff: 80, bram: 0 });
    expect(estimate.utilization.dsp).toBeCloseTo(100 / 220, 12);
    expect(estimate.utilization.lut).toBeCloseTo((100 * 43) / 53_200, 12);
    expect(estimate.latencyCycles).toBe(2);
    // Latency in ns is cycles x max(target, achievable) period.
    expect(estimate.latencyNs).toBeCloseTo(2 * Math.max(5, estimate.achievedPeriodNs), 12);
    expect(estimate.clockMhz).toBeCloseTo(1000 / estimate.achievedPeriodNs, 12);
  });

  it('zero weights and a zero bias cost nothing', () => {
    const empty = modelOf([dense([0n, 0n, 0n, 0n], [0n, 0n], 2, 2)], [['x', [2], 'fixed<8,3>'], ['y', [2], 'fixed<16,6>']]);
    const fc = estimateModel(empty).layers[0];
    expect([fc?.dsp, fc?.lut]).toEqual([0, 0]);
  });

  it('RF 4 Resource keeps the weights in block RAM; Latency in LUT ROMs', () => {
    // 4 x 4 dense, weights 1..16 as <16,6> raws, RF 4: block_factor = 16 / 4 = 4 multipliers, 16 x 16 -> 1 DSP each.
    // ROM: 4 deep x 4 * 16 = 64 bits wide: 512x36 shape -> ceil(4/512) * ceil(64/36) = 2 RAMB18.
    const weights = Array.from({ length: 16 }, (_, k) => BigInt(k + 1));
    const tensors: [string, readonly number[], string][] = [['x', [4], 'fixed<16,6>'], ['y', [4], 'fixed<16,6>']];
    const resource = estimateModel(modelOf([dense(weights, [0n, 0n, 0n, 0n], 4, 4, { strategy: 'resource', reuseFactor: 4, weight: 'fixed<16,6>' })], tensors));
    expect(resource.layers[0]?.bram).toBe(2);
    expect(resource.layers[0]?.dsp).toBe(4);
    expect(resource.layers[0]?.ii).toBe(4);
    // iCE40: 256x16 shape -> 1 * ceil(64/16) = 4 SB_RAM40_4K.
    expect(estimateModel(modelOf([dense(weights, [0n, 0n, 0n, 0n], 4, 4, { strategy: 'resource', reuseFactor: 4, weight: 'fixed<16,6>' })], tensors), { part: 'iCE40UP5K' }).layers[0]?.bram).toBe(4);
    const latency = estimateModel(modelOf([dense(weights, [0n, 0n, 0n, 0n], 4, 4, { reuseFactor: 4, weight: 'fixed<16,6>' })], tensors));
    expect(latency.layers[0]?.bram).toBe(0);
    expect(blockRamCount(4, 64, FAMILIES.ultrascale_plus)).toBe(2);
  });

  it('io_parallel conv shares one MAC array between the output positions (as its schedule)', () => {
    // Conv1D, input [3, 1], kernel 2, 1 filter, output [2, 1]; weights [8 (shift), 7 (shift-add 8 + 3 = 11 LUTs)].
    // The MAC: 11 + one adder of 16 = 27 LUTs, once. In front of its K = 2 inputs of 8 bits, a 2:1 mux
    // per bit (LUT6 holds a 4:1 mux: 1 LUT per bit): 16 LUTs. 27 + 16 = 43.
    const conv: HwLayer = {
      kind: 'conv',
      name: 'conv',
      hlsClass: 'Conv1D',
      inputs: ['x'],
      output: 'y',
      inShape: [3, 1],
      outShape: [2, 1],
      kernel: [2],
      strides: [1],
      dilations: [1],
      pads: [0, 0],
      group: 1,
      weightType: t('fixed<8,3>'),
      biasType: t('fixed<8,3>'),
      accumType: t('fixed<16,6>'),
      weights: [8n, 7n],
      bias: [0n],
      strategy: 'latency',
      reuseFactor: 1,
    };
    const estimate = estimateModel(modelOf([conv], [['x', [3, 1], 'fixed<8,3>'], ['y', [2, 1], 'fixed<16,6>']]));
    expect(estimate.layers[0]?.lut).toBe(43);
    expect(estimate.layers[0]?.dsp).toBe(0);
  });
});

describe('FIFOs', () => {
  it('shallow FIFOs stay in logic however wide; deep wide ones take block RAM', () => {
    const family = FAMILIES.ultrascale_plus;
    // Depth 1 x 1024 bits (a 64-channel token of 16 bits): a register slice, no BRAM.
    expect(fifoCost(1, 1024, family).bram).toBe(0);
    // Depth 32 is still one SRL32 per bit: 1024 bits wide -> 1024 LUTs of storage, no BRAM.
    expect(fifoCost(32, 1024, family).bram).toBe(0);
    // Depth 64 x 64 bits = 4096 bits, deeper than an SRL32: block RAM. A RAMB18 is at most 36 bits
    // wide (512 x 36), so 64 bits take two side by side.
    expect(fifoCost(64, 64, family).bram).toBe(blockRamCount(64, 64, family));
    expect(blockRamCount(64, 64, family)).toBe(2);
  });
});

describe('parts', () => {
  it('finds a device by any package and speed grade, keeping the spelling', () => {
    const part = findPart('xc7z020clg484-1');
    expect([part.name, part.family.id, part.dsp, part.bram]).toEqual(['xc7z020clg484-1', 'series7', 220, 280]);
    expect(findPart('XCVU13P-FLGA2577-2-E').name).toBe('xcvu13p-flga2577-2-e');
  });

  it('names the known parts when a part is unknown', () => {
    expect(() => findPart('xc9999')).toThrow(UnknownPartError);
    expect(() => findPart('xc9999')).toThrow("part must be one of xcvu13p-flga2577-2-e, xc7z020clg400-1, LFE5U-85F, iCE40UP5K (or the same device with another package or speed grade), not 'xc9999'");
  });
});
