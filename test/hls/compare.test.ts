// Comparison metrics on hand-checkable cases, the one evaluation function on small and real models,
// multipliers after pruning, precision overrides and sweep grids.
import { fixedType, parseFixedType } from '@ngt/fxp';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  createEvaluator,
  defaultHlsConfig,
  floatReference,
  gridTypes,
  outputMetrics,
  parseGrid,
  parseHlsConfig,
  pruneOnnxBytes,
  parseSweep,
  runSweep,
  sweepPointName,
  sweepPoints,
  withPrecisions,
} from '../../hls/index.js';
import { defaultModelPath, defaultTestInputsPath, importOnnx, readNpy, type Graph } from '../../models/index.js';
import { float32Tensor, GraphBuilder } from '../../models/onnx-writer/index.js';
import { uniform } from '../models/helpers.js';

function config(text: string) {
  return parseHlsConfig(text, 'c.yaml');
}

describe('outputMetrics', () => {
  it('measures a hand-checked case', () => {
    const reference = Float64Array.from([0.1, 0.9, 0.6, 0.4, 0.3, 0.7]);
    const actual = Float64Array.from([0.2, 0.8, 0.3, 0.7, 0.3, 0.7]);
    const metrics = outputMetrics(reference, actual, 3, Int32Array.from([1, 0, 1]), Int32Array.from([1, 0, 0]));
    expect(metrics.samples).toBe(3);
    expect(metrics.maxAbsError).toBeCloseTo(0.3, 15);
    expect(metrics.meanAbsError).toBeCloseTo(0.8 / 6, 15);
    expect(metrics.argmaxAgreement).toBe(2 / 3);
    expect(metrics.accuracy).toBe(1 / 3);
    expect(outputMetrics(reference, reference, 3, Int32Array.from([1, 0, 1]), null)).toEqual({ samples: 3, maxAbsError: 0, meanAbsError: 0, argmaxAgreement: 1, accuracy: null });
  });
});

/** Gemm 4->3, ReLU, Gemm 3->2: no softmax tables, so wide types follow float closely. */
function smallModel(): Graph {
  const b = new GraphBuilder('small');
  const x = b.input('x', [null, 4]);
  const h = b.node('Gemm', [x, b.initializer('w1', float32Tensor([4, 3], uniform(12, 7, 0.9))), b.initializer('b1', float32Tensor([3], uniform(3, 8, 0.2)))], {}, { name: 'fc1' });
  const r = b.node('Relu', [h], {}, { name: 'relu' });
  b.output(b.node('Gemm', [r, b.initializer('w2', float32Tensor([3, 2], uniform(6, 9, 0.9))), b.initializer('b2', float32Tensor([2], uniform(2, 10, 0.2)))], {}, { name: 'fc2' }), [null, 2]);
  return importOnnx(b.toBytes(), 'small.onnx');
}

describe('createEvaluator', () => {
  const graph = smallModel();
  const samples = 3000;
  const input = { shape: [samples, 4], data: Float64Array.from(uniform(samples * 4, 11, 2)) };
  const labels = Int32Array.from({ length: samples }, (_, index) => index % 2);
  const reference = floatReference(graph, input, labels);
  const evaluate = createEvaluator(reference, { estimate: true });

  it('a wide configuration agrees with float on every sample with a tiny error; a narrow one does not', () => {
    const wide = evaluate(config("Model: {Precision: 'fixed<32,12>'}"));
    expect(wide.argmaxAgreement).toBe(1);
    expect(wide.maxAbsError).toBeLessThan(1e-4);
    expect(wide.maxAbsError).toBeGreaterThan(0);
    expect(wide.accuracy).toBe(reference.accuracy);
    expect(wide.multipliers).toBe(4 * 3 + 3 * 2);
    expect(wide.weights).toBe(18);
    const narrow = evaluate(config("Model: {Precision: 'fixed<4,2>'}"));
    expect(narrow.argmaxAgreement).toBeLessThan(0.95);
    expect(narrow.maxAbsError).toBeGreaterThan(0.1);
    expect(narrow.samples).toBe(samples);
  });

  it('carries the latency and resource estimate, labelled as one', () => {
    const metrics = evaluate(defaultHlsConfig());
    expect(metrics.estimate?.source).toBe('estimate');
    expect(metrics.estimate?.latencyCycles).toBeGreaterThan(0);
    expect(metrics.estimate?.latencyNs).toBeGreaterThanOrEqual((metrics.estimate?.latencyCycles ?? 0) * 5);
    expect(createEvaluator(reference)(defaultHlsConfig()).estimate).toBeNull();
  });
});

describe('multipliers after pruning', () => {
  it('drop by exactly the number of pruned weights (zeros skipped, Latency strategy, reuse factor 1)', () => {
    const original = new Uint8Array(readFileSync(defaultModelPath()));
    const { bytes, report } = pruneOnnxBytes(original, 'jet-tagger.onnx', { sparsity: 0.7 });
    const x = readNpy(defaultTestInputsPath());
    const input = { shape: [200, 16], data: Float64Array.from((x.data as Float32Array).subarray(0, 200 * 16)) };
    const wide = config("Model: {Precision: 'fixed<24,8>'}");
    const before = createEvaluator(floatReference(importOnnx(original, 'o.onnx'), input, null))(wide);
    const after = createEvaluator(floatReference(importOnnx(bytes, 'p.onnx'), input, null))(wide);
    expect(before.zeroWeights).toBe(0);
    expect(after.zeroWeights).toBe(report.zeros);
    expect(report.zeros).toBe(2979);
    expect(before.multipliers - after.multipliers).toBe(2979);
    // The pruned model against its own float reference is as exact as the original against its own
    // (both 97.5% here: at fixed<24,8> hls4ml's softmax addresses its exp table in steps of 1/8).
    expect(before.argmaxAgreement).toBeGreaterThan(0.95);
    expect(after.argmaxAgreement).toBeGreaterThanOrEqual(before.argmaxAgreement - 0.01);
  });
});

describe('precision overrides and sweeps', () => {
  it('withPrecisions replaces only the named variables, by layer name case-insensitively or for all layers', () => {
    const base = config("Model: {Precision: 'fixed<16,6>', ReuseFactor: 2}");
    const t = fixedType(8, 3, { spelling: 'hls4ml' });
    const derived = withPrecisions(base, { all: new Map([['weight', t]]), layers: new Map([['FC1', new Map([['result', parseFixedType('fixed<10,4>')]])]]) }, 'point');
    expect(derived.source).toBe('point');
    const fc1 = derived.layer({ name: 'fc1', type: 'Dense' });
    expect([fc1.precision('weight'), fc1.precision('weight_t'), fc1.precision('result'), fc1.precision('bias'), fc1.reuseFactor]).toEqual([
      t,
      t,
      parseFixedType('fixed<10,4>'),
      parseFixedType('fixed<16,6>'),
      2,
    ]);
    expect(derived.layer({ name: 'fc2', type: 'Dense' }).precision('result')).toEqual(parseFixedType('fixed<16,6>'));
  });

  it('parses grids and skips integer bits above the width', () => {
    expect(parseGrid('W=4..8/2,I=1|3')).toEqual({ widths: [4, 6, 8], intBits: [1, 3] });
    expect(parseGrid('i=2, w=3..5')).toEqual({ widths: [3, 4, 5], intBits: [2] });
    expect(gridTypes(parseGrid('W=2..4,I=3')).map((type) => `${type.width},${type.intBits}`)).toEqual(['3,3', '4,3']);
    expect(() => parseGrid('W=4..16')).toThrow(new ConfigError("--sweep: the grid must give both W (widths) and I (integer bits), as in 'W=4..16,I=1..8'"));
    expect(() => parseGrid('W=16..4,I=1')).toThrow(new ConfigError("--sweep: W range must go up with a positive step, not '16..4'"));
    expect(() => parseGrid('W=4,I=1,Q=2')).toThrow(ConfigError);
  });

  it('reads sweep axes and sweeps their product: precisions, reuse factor and strategy', () => {
    const axes = parseSweep('weight+bias:W=6|8,I=2; result:W=12,I=5; rf=1|4; strategy=latency|resource', ['weight']);
    expect(axes.map((axis) => axis.kind)).toEqual(['precision', 'precision', 'reuse', 'strategy']);
    const points = sweepPoints(defaultHlsConfig(), axes, null);
    // 2 x 1 x 2 x 2 points, the last axis fastest.
    expect(points.map(sweepPointName).slice(0, 3)).toEqual([
      'weight+bias=fixed<6,2> result=fixed<12,5> RF=1 strategy=latency',
      'weight+bias=fixed<6,2> result=fixed<12,5> RF=1 strategy=resource',
      'weight+bias=fixed<6,2> result=fixed<12,5> RF=4 strategy=latency',
    ]);
    expect(points).toHaveLength(8);
    const last = points[7]?.config.layer({ name: 'fc1', type: 'Dense' });
    expect([last?.reuseFactor, last?.strategy]).toEqual([4, 'resource']);
    expect(last?.precision('weight')).toEqual(parseFixedType('fixed<8,2>'));
    expect(last?.precision('bias')).toEqual(parseFixedType('fixed<8,2>'));
    expect(last?.precision('result')).toEqual(parseFixedType('fixed<12,5>'));
    expect(last?.precision('accum')).toEqual(parseFixedType('fixed<16,6>'));
    expect(() => parseSweep('rf=1|2; rf=4', ['weight'])).toThrow(new ConfigError('--sweep: rf is swept twice'));
    expect(() => parseSweep('strategy=fast', ['weight'])).toThrow(new ConfigError("--sweep: strategy must be latency|resource|distributed_arithmetic, not 'fast'"));
    expect(() => parseSweep('gain:W=4,I=2', ['weight'])).toThrow(new ConfigError("--sweep: precision variables are weight, bias, result, accum, not 'gain' (in 'gain:W=4,I=2')"));
  });

  it('runs model-wide and per-layer points, keeping the flow refusals as rows', () => {
    const graph = smallModel();
    const input = { shape: [500, 4], data: Float64Array.from(uniform(2000, 3, 2)) };
    const evaluate = createEvaluator(floatReference(graph, input, null));
    const perLayer = sweepPoints(defaultHlsConfig(), parseSweep('W=6|12,I=3', ['weight']), ['fc1', 'fc2']);
    expect(perLayer.map(sweepPointName)).toEqual(['fc1 weight=fixed<6,3>', 'fc1 weight=fixed<12,3>', 'fc2 weight=fixed<6,3>', 'fc2 weight=fixed<12,3>']);
    const rows = runSweep(evaluate, perLayer);
    expect(rows.map((row) => row.settings[0]?.[1])).toEqual(['fixed<6,3>', 'fixed<12,3>', 'fixed<6,3>', 'fixed<12,3>']);
    // Narrower weights on one layer never beat wider ones on the same layer here, and the error changes.
    expect(rows[0]?.metrics?.maxAbsError).toBeGreaterThan(rows[1]?.metrics?.maxAbsError ?? Infinity);
    const jet = floatReference(importOnnx(new Uint8Array(readFileSync(defaultModelPath())), 'jet.onnx'), { shape: [50, 16], data: new Float64Array(800) }, null);
    const refused = runSweep(createEvaluator(jet), sweepPoints(defaultHlsConfig(), [{ kind: 'precision', variables: ['result'], types: [fixedType(1, 1, { spelling: 'hls4ml' })] }], null));
    expect(refused[0]?.metrics).toBeNull();
    expect(refused[0]?.error).toMatch(/^HlsConfigValueError: .*softmax/);
  });
});
