// Strategy distributed_arithmetic (hls/datapath/csd.ts, adder-graph.ts, hls/layers/shared/da.ts):
// canonical signed digits, the adder graph against BigInt dot products, what CSE saves, Dense and Conv
// layers against an independent @ngt/fxp computation of hls4ml's DA semantics (the exact sum plus the
// exact bias, one cast to result_t, accum_t ignored), the configuration spellings and the estimate.
import { describe, expect, it } from 'vitest';
import { add, Fixed, mul, parseFixedType, type FixedType } from '@ngt/fxp';
import { compileModel, ConfigError, convertModel, estimateModel, interpret, LAYER_KINDS, layerContext, parseHlsConfig, parseSweep, type HwLayer, type HwModel } from '../../hls/index.js';
import { buildAdderGraph, evaluateAdderGraph, rangeWidth } from '../../hls/datapath/adder-graph.js';
import { csdDigits } from '../../hls/datapath/csd.js';
import { daGraph, daPlan } from '../../hls/layers/shared/da.js';
import { MacPlanBuilder } from '../../hls/layers/shared/mac.js';
import { loadOnnxModel } from '../../models/index.js';
import { random } from '../models/helpers.js';

const randomBig = (next: () => number, bits: number): bigint => BigInt(Math.floor((next() * 2 - 1) * 2 ** bits));

describe('canonical signed digits', () => {
  it('reconstruct every integer in -4096..4096 with no two adjacent digits, never more than binary', () => {
    for (let n = -4096; n <= 4096; n++) {
      const digits = csdDigits(BigInt(n));
      expect(digits.reduce((sum, d) => sum + BigInt(d.sign) * (1n << BigInt(d.shift)), 0n)).toBe(BigInt(n));
      for (let k = 1; k < digits.length; k++) expect((digits[k]?.shift ?? 0) - (digits[k - 1]?.shift ?? 0)).toBeGreaterThanOrEqual(2);
      expect(digits.length).toBeLessThanOrEqual([...Math.abs(n).toString(2)].filter((c) => c === '1').length);
    }
    // 7 = 8 - 1: two digits where binary has three.
    expect(csdDigits(7n)).toEqual([{ shift: 0, sign: -1 }, { shift: 3, sign: 1 }]);
  });
});

describe('adder graph', () => {
  it('equals the exact dot products on random inputs, with and without CSE, every node within its range', () => {
    const next = random(11);
    const [nIn, nOut] = [9, 7];
    const weights = Array.from({ length: nIn * nOut }, (_, k) => (k % 5 === 0 ? 0n : randomBig(next, 11)));
    const columns = Array.from({ length: nOut }, (_, j) => Array.from({ length: nIn }, (_, i) => ({ input: i, weight: weights[i * nOut + j] ?? 0n })).filter((t) => t.weight !== 0n));
    const constants = Array.from({ length: nOut }, (_, j) => (j === 2 ? 0n : randomBig(next, 20)));
    const ranges = Array.from({ length: nIn }, (_, i) => (i % 3 === 0 ? { min: 0n, max: 255n } : { min: -512n, max: 511n }));
    for (const cse of [true, false]) {
      const graph = buildAdderGraph({ inputs: ranges, columns, constants, cse });
      for (let trial = 0; trial < 200; trial++) {
        const x = ranges.map((r, i) => (trial === 0 ? r.min : trial === 1 ? r.max : i % 3 === 0 ? BigInt(Math.floor(next() * 256)) : randomBig(next, 9)));
        const expected = Array.from({ length: nOut }, (_, j) => x.reduce((sum, xi, i) => sum + xi * (weights[i * nOut + j] ?? 0n), constants[j] ?? 0n));
        const got = evaluateAdderGraph(graph, x);
        expect(got).toEqual(expected);
        got.forEach((value, j) => {
          const output = graph.outputs[j];
          expect(value >= (output?.min ?? 0n) && value <= (output?.max ?? 0n)).toBe(true);
        });
      }
    }
  });

  it('CSE shares repeated patterns: 4 x 4 weights of 7 (= 8 - 1) need 28 adders alone, at most 8 with CSE', () => {
    const columns = Array.from({ length: 4 }, () => Array.from({ length: 4 }, (_, i) => ({ input: i, weight: 7n })));
    const inputs = Array.from({ length: 4 }, () => ({ min: -128n, max: 127n }));
    const plain = buildAdderGraph({ inputs, columns, cse: false });
    const shared = buildAdderGraph({ inputs, columns });
    // Without CSE: each output sums its 8 digits in 7 adders of its own.
    expect(plain.adders).toBe(28);
    expect(plain.outputs.every((output) => !output.negate)).toBe(true);
    expect(shared.adders).toBeLessThanOrEqual(8);
    expect(shared.adders).toBeLessThan(plain.adders);
    expect(evaluateAdderGraph(shared, [3n, -5n, 7n, 100n])).toEqual(new Array(4).fill(7n * (3n - 5n + 7n + 100n)));
    expect(rangeWidth(-128n, 127n)).toBe(8);
    expect(rangeWidth(0n, 256n)).toBe(9);
  });
});

function denseModel(types: { input: FixedType; weight: FixedType; bias: FixedType; accum: FixedType; result: FixedType }, weights: bigint[], bias: bigint[], nIn: number, nOut: number): HwModel {
  const layer: HwLayer = { kind: 'dense', name: 'fc', hlsClass: 'Dense', inputs: ['x'], output: 'y', nIn, nOut, weightType: types.weight, biasType: types.bias, accumType: types.accum, weights, bias, strategy: 'distributed_arithmetic', reuseFactor: 1 };
  const tensors = new Map([
    ['x', { name: 'x', shape: [nIn], type: types.input }],
    ['y', { name: 'y', shape: [nOut], type: types.result }],
  ]);
  return { name: 'da', source: 'da (test)', inputs: ['x'], outputs: [{ name: 'y', tensor: 'y' }], tensors, layers: [layer], notes: [] };
}

describe('Dense with Strategy distributed_arithmetic', () => {
  // An accumulator of 8 bits would wrap these sums: DA never uses it (da4ml's codegen writes no accum_t).
  const configs = [
    { input: 'ap_fixed<16,6>', weight: 'ap_fixed<8,2>', bias: 'ap_fixed<12,4>', result: 'ap_fixed<10,4,AP_RND,AP_SAT>' },
    { input: 'ap_ufixed<8,2>', weight: 'ap_fixed<6,1>', bias: 'ap_fixed<16,2>', result: 'ap_fixed<12,5>' },
    { input: 'ap_fixed<10,3>', weight: 'ap_fixed<12,4>', bias: 'ap_fixed<8,4>', result: 'ap_fixed<9,2,AP_RND_CONV,AP_SAT_SYM>' },
  ];
  for (const config of configs) {
    it(`${config.input} x ${config.weight} -> ${config.result}: interpreter and compiled simulator equal fxp's exact sum, cast once`, () => {
      const next = random(5);
      const [nIn, nOut, count] = [8, 6, 60];
      const types = { input: parseFixedType(config.input), weight: parseFixedType(config.weight), bias: parseFixedType(config.bias), accum: parseFixedType('ap_fixed<8,3>'), result: parseFixedType(config.result) };
      const inputs = Array.from({ length: count * nIn }, () => Fixed.fromNumber((next() - 0.3) * 12, types.input));
      const weights = Array.from({ length: nIn * nOut }, (_, k) => Fixed.fromNumber(k % 7 === 0 ? 0 : (next() - 0.5) * 3, types.weight));
      const bias = Array.from({ length: nOut }, () => Fixed.fromNumber((next() - 0.5) * 4, types.bias));
      const expected: bigint[] = [];
      for (let s = 0; s < count; s++) {
        for (let j = 0; j < nOut; j++) {
          let sum: Fixed = bias[j] as Fixed;
          for (let i = 0; i < nIn; i++) sum = add(sum, mul(inputs[s * nIn + i] as Fixed, weights[i * nOut + j] as Fixed));
          expected.push(sum.cast(types.result).raw);
        }
      }
      expect(new Set(expected).size).toBeGreaterThan(40);
      const model = denseModel(types, weights.map((w) => w.raw), bias.map((b) => b.raw), nIn, nOut);
      const data = Float64Array.from(inputs, (v) => v.toNumber());
      expect(interpret(model, [data], count).get('y')).toEqual(expected);
      const simulator = compileModel(model);
      expect(simulator.path).toBe('compiled');
      expect(Array.from(simulator.run([data], count).get('y') ?? [], BigInt)).toEqual(expected);
    });
  }
});

describe('DA datapath, schedule and cost', () => {
  it('one logic step per adder level, the adders and their exact widths as the LUTs, deeper pipelines at faster clocks', () => {
    const next = random(21);
    const types = { input: parseFixedType('ap_fixed<12,4>'), weight: parseFixedType('ap_fixed<10,3>'), bias: parseFixedType('ap_fixed<10,3>'), accum: parseFixedType('ap_fixed<8,3>'), result: parseFixedType('ap_fixed<14,6>') };
    const [nIn, nOut] = [12, 8];
    const weights = Array.from({ length: nIn * nOut }, (_, k) => (k % 9 === 0 ? 0n : randomBig(next, 9)));
    const bias = Array.from({ length: nOut }, (_, j) => (j === 0 ? 0n : randomBig(next, 9)));
    const model = denseModel(types, weights, bias, nIn, nOut);
    const layer = model.layers[0] as HwLayer;
    const terms = new MacPlanBuilder();
    for (let j = 0; j < nOut; j++) {
      terms.output(0n);
      for (let i = 0; i < nIn; i++) terms.term(i, weights[i * nOut + j] ?? 0n);
    }
    const graph = daGraph(daPlan(terms.build(), bias, { input: types.input, weight: types.weight, bias: types.bias, result: types.result }));
    const path = LAYER_KINDS.dense.datapath(layer as never, layerContext(model, layer, { ioType: 'io_parallel' }));
    expect(path.steps.map((step) => step.name)).toEqual([...Array.from({ length: graph.depth }, (_, k) => `adder graph level ${k + 1}`), 'cast to result_t']);
    const adds = path.steps.flatMap((step) => (step.kind === 'logic' ? step.ops : [])).filter((op) => op.op === 'add');
    expect(adds.reduce((sum, op) => sum + op.count, 0)).toBe(graph.adders);
    // AP_TRN / AP_WRAP result: the casts are wiring, so the LUTs are one per adder result bit.
    const widths = graph.nodes.reduce((sum, node) => sum + (node.kind === 'add' ? rangeWidth(node.min, node.max) : 0), 0) + graph.outputs.reduce((sum, o) => sum + (o.adder ? rangeWidth(o.min, o.max) : 0), 0);
    const slow = estimateModel(model, { clockPeriod: 20 }).layers[0];
    const fast = estimateModel(model, { clockPeriod: 1.5 }).layers[0];
    expect([slow?.dsp, slow?.lut]).toEqual([0, widths]);
    expect(slow?.latency).toBe(1);
    expect(fast?.latency ?? 0).toBeGreaterThan(2);
    expect(fast?.latency ?? 0).toBeLessThanOrEqual(graph.depth + 1);
  });
});

describe('Conv with Strategy distributed_arithmetic', () => {
  it('a padded, strided Conv1D equals fxp over the im2col windows, bias exact, one cast', () => {
    const types = { input: parseFixedType('ap_fixed<10,4>'), weight: parseFixedType('ap_fixed<7,2>'), bias: parseFixedType('ap_fixed<10,3>'), result: parseFixedType('ap_fixed<9,3,AP_RND,AP_SAT>') };
    const [width, channels, filters, kernel, stride] = [7, 2, 3, 3, 2];
    const outWidth = Math.floor((width + 2 - kernel) / stride) + 1;
    const next = random(9);
    const weights = Array.from({ length: kernel * channels * filters }, (_, k) => Fixed.fromNumber(k % 4 === 1 ? 0 : (next() - 0.5) * 3, types.weight));
    const bias = Array.from({ length: filters }, () => Fixed.fromNumber((next() - 0.5) * 2, types.bias));
    const layer: HwLayer = {
      kind: 'conv', name: 'conv', hlsClass: 'Conv1D', inputs: ['x'], output: 'y', inShape: [width, channels], outShape: [outWidth, filters], kernel: [kernel], strides: [stride], dilations: [1], pads: [1, 1], group: 1,
      weightType: types.weight, biasType: types.bias, accumType: parseFixedType('ap_fixed<6,2>'), weights: weights.map((w) => w.raw), bias: bias.map((b) => b.raw), strategy: 'distributed_arithmetic', reuseFactor: 1,
    };
    const tensors = new Map([
      ['x', { name: 'x', shape: [width, channels], type: types.input }],
      ['y', { name: 'y', shape: [outWidth, filters], type: types.result }],
    ]);
    const model: HwModel = { name: 'da-conv', source: 'da (test)', inputs: ['x'], outputs: [{ name: 'y', tensor: 'y' }], tensors, layers: [layer], notes: [] };
    const count = 30;
    const inputs = Array.from({ length: count * width * channels }, () => Fixed.fromNumber((next() - 0.5) * 14, types.input));
    const expected: bigint[] = [];
    for (let s = 0; s < count; s++) {
      for (let p = 0; p < outWidth; p++) {
        for (let m = 0; m < filters; m++) {
          let sum: Fixed = bias[m] as Fixed;
          for (let k = 0; k < kernel; k++) {
            const at = p * stride + k - 1;
            if (at < 0 || at >= width) continue;
            for (let c = 0; c < channels; c++) sum = add(sum, mul(inputs[(s * width + at) * channels + c] as Fixed, weights[(k * channels + c) * filters + m] as Fixed));
          }
          expected.push(sum.cast(types.result).raw);
        }
      }
    }
    const data = Float64Array.from(inputs, (v) => v.toNumber());
    expect(interpret(model, [data], count).get('y')).toEqual(expected);
    expect(Array.from(compileModel(model).run([data], count).get('y') ?? [], BigInt)).toEqual(expected);
  });
});

describe('configuration', () => {
  it('accepts distributed_arithmetic and DistributedArithmetic in any case, in Model and layer entries', () => {
    for (const spelling of ['distributed_arithmetic', 'DistributedArithmetic', 'DISTRIBUTED_ARITHMETIC']) {
      const config = parseHlsConfig(`HLSConfig:\n  Model:\n    Precision: fixed<16,6>\n    Strategy: ${spelling}\n  LayerName:\n    fc1:\n      Strategy: ${spelling}\n`, 'da.yaml');
      expect(config.layer({ name: 'x', type: 'Dense' }).strategy).toBe('distributed_arithmetic');
      expect(config.layer({ name: 'fc1', type: 'Dense' }).strategy).toBe('distributed_arithmetic');
    }
  });

  it('rejects misspellings with a ConfigError naming the key and the choices', () => {
    for (const spelling of ['distributed_arithmetc', 'distributed-arithmetic', 'da']) {
      expect(() => parseHlsConfig(`HLSConfig:\n  Model:\n    Strategy: ${spelling}\n`, 'bad.yaml')).toThrow(ConfigError);
      expect(() => parseHlsConfig(`HLSConfig:\n  Model:\n    Strategy: ${spelling}\n`, 'bad.yaml')).toThrow(`must be one of Latency, Resource, distributed_arithmetic, not '${spelling}'`);
    }
  });

  it('the compare sweep takes strategy=...|distributed_arithmetic in both spellings', () => {
    expect(parseSweep('strategy=latency|DistributedArithmetic', ['result'])).toEqual([{ kind: 'strategy', values: ['latency', 'distributed_arithmetic'] }]);
    expect(parseSweep('strategy=distributed_arithmetic', ['result'])).toEqual([{ kind: 'strategy', values: ['distributed_arithmetic'] }]);
    expect(() => parseSweep('strategy=distributed', ['result'])).toThrow("strategy must be latency|resource|distributed_arithmetic, not 'distributed'");
  });

  it('ReuseFactor must be 1 (hls4ml raises); reuseFactors adjust uses 1 with a note', () => {
    const graph = loadOnnxModel('models/examples/jet-tagger.onnx');
    const config = parseHlsConfig('HLSConfig:\n  Model:\n    Precision: fixed<16,6>\n    ReuseFactor: 2\n    Strategy: distributed_arithmetic\n', 'rf.yaml');
    expect(() => convertModel(graph, config, { reuseFactors: 'error' })).toThrow(ConfigError);
    expect(() => convertModel(graph, config, { reuseFactors: 'error' })).toThrow('must be 1 with Strategy distributed_arithmetic, not 2');
    const adjusted = convertModel(graph, config, { reuseFactors: 'adjust' }).model;
    expect(adjusted.layers.flatMap((layer) => (layer.kind === 'dense' ? [layer.reuseFactor] : []))).toEqual([1, 1, 1, 1]);
  });
});

describe('estimate of the jet tagger under distributed arithmetic', () => {
  const graph = loadOnnxModel('models/examples/jet-tagger.onnx');
  const convert = (strategy: string) => convertModel(graph, parseHlsConfig(`HLSConfig:\n  Model:\n    Precision: fixed<16,6>\n    Strategy: ${strategy}\n`, 'jet.yaml')).model;

  it('has no DSPs in its Dense layers (Latency has)', () => {
    const da = estimateModel(convert('distributed_arithmetic'));
    const latency = estimateModel(convert('Latency'));
    const dense = (estimate: typeof da) => estimate.layers.filter((layer) => layer.kind === 'dense');
    expect(dense(latency).reduce((sum, layer) => sum + layer.dsp, 0)).toBeGreaterThan(0);
    expect(dense(da).map((layer) => layer.dsp)).toEqual([0, 0, 0, 0]);
    // The first Dense: one adder-graph level per logic step, then the cast (the schedule chains them).
    const first = convert('distributed_arithmetic').layers[0];
    expect(first?.kind).toBe('dense');
    expect(dense(da)[0]?.lut ?? 0).toBeGreaterThan(1000);
  });

  it('CSE saves adders on the first Dense (16 x 64 at ap_fixed<16,6>)', () => {
    const layer = convert('distributed_arithmetic').layers.find((l) => l.kind === 'dense');
    if (layer?.kind !== 'dense') throw new Error('the jet tagger starts with a Dense');
    const terms = new MacPlanBuilder();
    for (let j = 0; j < layer.nOut; j++) {
      terms.output(0n);
      for (let i = 0; i < layer.nIn; i++) terms.term(i, layer.weights[i * layer.nOut + j] ?? 0n);
    }
    const fixed = parseFixedType('fixed<16,6>');
    const plan = daPlan(terms.build(), layer.bias, { input: fixed, weight: layer.weightType, bias: layer.biasType, result: fixed });
    const shared = daGraph(plan);
    const plain = daGraph(plan, false);
    const digits = layer.weights.reduce((sum, w) => sum + csdDigits(w).length, 0);
    const biased = layer.bias.filter((b) => b !== 0n).length;
    // Without CSE: an output of t digits takes t - 1 adders, and one more for a nonzero bias.
    expect(plain.adders).toBe(digits - layer.nOut + biased);
    expect(shared.adders).toBeLessThan(plain.adders * 0.8);
    console.log(`jet tagger dense 16x64: ${digits} CSD digits, ${plain.adders} adders without CSE, ${shared.adders} with (depth ${plain.depth} -> ${shared.depth})`);
  });
});
