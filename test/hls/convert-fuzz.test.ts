// Random hls4ml-style configurations (precision strings valid and malformed at the Model, LayerType and
// LayerName levels for result/weight/bias/accum/table/exp_table/inv_table, reuse factors valid and not,
// strategies, IO types, softmax implementations, table sizes) applied to the example models: conversion
// either succeeds, and then the compiled simulator and the reference interpreter give the same bits on
// random inputs, or it fails with a typed error (an NgtError: ConfigError, FixedTypeError,
// HlsConfigValueError, ...), never a TypeError, RangeError or InternalError.
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { NgtError } from '@ngt/fxp';
import { compileModel, convertModel, defaultHlsConfig, HlsConfigValueError, interpret, parseHlsConfig } from '../../hls/index.js';
import { loadOnnxModel, type Graph } from '../../models/index.js';
import { float32Tensor, GraphBuilder } from '../../models/onnx-writer/index.js';
import { examplesDir, random } from '../models/helpers.js';
import { convert, expectRaws } from './nnet-vectors-harness.js';

const MODELS = ['jet-tagger.onnx', 'jet-tagger-qonnx.onnx', 'conv1d-small.onnx', 'conv2d-small.onnx'].map((file) => {
  const graph = loadOnnxModel(path.join(examplesDir, file));
  const { model } = convertModel(graph, defaultHlsConfig());
  return { file, graph, names: [...new Set(model.layers.map((layer) => layer.name))] };
});

const VARIABLES = ['default', 'result', 'weight', 'bias', 'accum', 'table', 'exp_table', 'inv_table', 'scale'];
const LAYER_TYPES = ['Dense', 'Conv1D', 'Conv2D', 'DepthwiseConv2D', 'Activation', 'ReLU', 'MaxPooling1D', 'AveragePooling2D'];
const QUANTIZATION = ['AP_TRN', 'AP_TRN_ZERO', 'AP_RND', 'AP_RND_ZERO', 'AP_RND_MIN_INF', 'AP_RND_INF', 'AP_RND_CONV', 'RND', 'TRN', 'RND_CONV'];
const OVERFLOW = ['AP_WRAP', 'AP_SAT', 'AP_SAT_ZERO', 'AP_SAT_SYM', 'AP_WRAP_SM', 'SAT', 'WRAP', 'SAT_SYM'];

const validPrecision = fc
  .record({
    base: fc.constantFrom('ap_fixed', 'fixed', 'ap_ufixed', 'ufixed'),
    width: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 10, max: 24 })),
    integer: fc.oneof(fc.integer({ min: -6, max: 20 }), fc.integer({ min: 2, max: 8 })),
    quantization: fc.option(fc.constantFrom(...QUANTIZATION), { nil: undefined }),
    overflow: fc.option(fc.constantFrom(...OVERFLOW), { nil: undefined }),
    saturationBits: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  })
  .map(({ base, width, integer, quantization, overflow, saturationBits }) => {
    const parts = [String(width), String(integer)];
    if (quantization) parts.push(quantization);
    if (quantization && overflow) parts.push(overflow);
    if (quantization && overflow && saturationBits !== undefined) parts.push(String(saturationBits));
    return `${base}<${parts.join(',')}>`;
  });

const integerPrecision = fc.record({ base: fc.constantFrom('ap_int', 'int', 'ap_uint', 'uint'), width: fc.integer({ min: 1, max: 40 }) }).map(({ base, width }) => `${base}<${width}>`);

const malformedPrecision = fc.oneof(
  fc.constantFrom('fixed<0,3>', 'fixed<16>', 'ap_fixed<16,6,RND,NOPE>', 'float32', '', 'fixed<a,b>', 'ac_fixed<16,6,true>', 'fixed<2000000,3>', 'fixed<16,6,RND,SAT,-1>', 'ap_fixed<8,3,AP_RND,AP_SAT,99>', 'fixed<-4,2>', 'fixed<16,6>>', 'AUTO', 'auto '),
  fc.string({ maxLength: 12 }),
);

const precision = fc.oneof({ weight: 60, arbitrary: validPrecision }, { weight: 6, arbitrary: integerPrecision }, { weight: 8, arbitrary: fc.constant('auto') }, { weight: 1, arbitrary: malformedPrecision });

const precisionSection = (where: 'model' | 'softmax' | 'layer') => {
  // 'auto' belongs to LayerType and LayerName sections (hls4ml); at Model level it is a (rare) mistake.
  const spec = where === 'model' ? fc.oneof({ weight: 30, arbitrary: precision.filter((text) => text !== 'auto') }, { weight: 1, arbitrary: fc.constant('auto') }) : precision;
  return fc.oneof({ weight: 1, arbitrary: spec }, { weight: 3, arbitrary: fc.dictionary(fc.constantFrom(...VARIABLES), spec, { maxKeys: 4 }) });
};

const reuseFactor = fc.oneof({ weight: 50, arbitrary: fc.integer({ min: 1, max: 64 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, 2.5, 1e9, '4', null) });

/** Mostly valid choices, with the occasional invalid one. */
const mostly = <T, U>(valid: readonly T[], invalid: readonly U[]) => fc.oneof({ weight: 50, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });

/** A Model section, or a LayerType / LayerName entry for a Softmax layer or another layer. */
const section = (where: 'model' | 'softmax' | 'layer') => {
  const keys = {
    Precision: precisionSection(where),
    ReuseFactor: reuseFactor,
    Strategy: mostly(['Latency', 'Resource', 'latency', 'resource'], ['Bogus', 3]),
    // Implementation only means something on a Softmax layer, TableSize only on layers (not Model):
    // elsewhere they are (rare) mistakes that must come back as ConfigErrors.
    Implementation: where === 'softmax' ? mostly(['stable', 'latency', 'legacy', 'argmax'], ['fast', '']) : fc.constantFrom('stable', 'legacy'),
    TableSize: where === 'model' ? fc.constant(1024) : mostly([1, 2, 3, 8, 64, 100, 1024, 4096], [0, -8, 2.5, '64']),
  };
  return fc
    .tuple(fc.record(keys, { requiredKeys: [] }), fc.integer({ min: 0, max: 39 }))
    .map(([entry, roll]) => {
      // Keep the misplaced keys to about one section in forty.
      if (where !== 'softmax' && roll > 0) delete (entry as Record<string, unknown>).Implementation;
      if (where === 'model' && roll > 0) delete (entry as Record<string, unknown>).TableSize;
      return entry;
    });
};

const configFor = (names: readonly string[]) =>
  fc.record(
    {
      Model: section('model'),
      LayerType: fc.dictionary(fc.constantFrom(...LAYER_TYPES), section('layer'), { maxKeys: 3 }),
      Softmax: fc.option(section('softmax'), { nil: undefined }),
      LayerName: fc.dictionary(fc.constantFrom(...names.filter((name) => name !== 'softmax')), section('layer'), { maxKeys: 4 }),
      softmax: fc.option(section('softmax'), { nil: undefined }),
      IOType: mostly(['io_parallel', 'io_stream', undefined], ['io_serial']),
    },
    { requiredKeys: ['Model'] },
  );

const sample = fc.integer({ min: 0, max: MODELS.length - 1 }).chain((index) => fc.tuple(fc.constant(index), configFor(MODELS[index]?.names ?? []), fc.integer({ min: 1, max: 2 ** 31 - 1 })));

function configText(config: Record<string, unknown>): string {
  const { IOType, Softmax, softmax, ...hls } = config;
  if (Softmax) hls.LayerType = { ...(hls.LayerType as object), Softmax };
  if (softmax) hls.LayerName = { ...(hls.LayerName as object), softmax };
  return stringify(IOType === undefined ? hls : { IOType, HLSConfig: hls });
}

/** Conversion and both simulators; returns what happened, throwing only what escaped unexpectedly. */
function attempt(graph: Graph, text: string, seed: number): 'converted' | 'rejected' {
  let model;
  try {
    model = convertModel(graph, parseHlsConfig(text, 'fuzz.yaml')).model;
  } catch (error) {
    if (error instanceof NgtError) {
      if (process.env.FUZZ_VERBOSE) console.log(error.message);
      return 'rejected';
    }
    throw error;
  }
  const name = model.inputs[0] ?? '';
  const size = (model.tensors.get(name)?.shape ?? []).reduce((a, b) => a * b, 1);
  const next = random(seed);
  const count = 2;
  const data = Float64Array.from({ length: count * size }, () => (next() * 2 - 1) * 2 ** Math.floor(next() * 8 - 2));
  // Tensors wider than 53 bits come back rounded (and take the wide path: nothing to compare).
  const traced = model.layers.map((layer) => layer.output).filter((tensor) => (model.tensors.get(tensor)?.type.width ?? 0) <= 53);
  const exact = interpret(model, [data], count, traced);
  const fast = compileModel(model).run([data], count, traced);
  for (const tensor of traced) expect(Array.from(fast.get(tensor) ?? []), `${tensor}`).toEqual((exact.get(tensor) ?? []).map(Number));
  return 'converted';
}

describe('conversion fuzz: random configs on the example models', () => {
  it('only typed errors escape, and the compiled simulator equals the interpreter whenever conversion succeeds', () => {
    const outcomes = { converted: 0, rejected: 0 };
    fc.assert(
      fc.property(sample, ([index, config, seed]) => {
        const entry = MODELS[index];
        if (!entry) return;
        outcomes[attempt(entry.graph, configText(config), seed)] += 1;
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300), seed: Number(process.env.FUZZ_SEED ?? 20240611) },
    );
    console.log(`convert fuzz: ${outcomes.converted} converted, ${outcomes.rejected} rejected with typed errors`);
    // Both paths must really be exercised.
    expect(outcomes.converted).toBeGreaterThan(25);
    expect(outcomes.rejected).toBeGreaterThan(25);
  }, 60_000);
});

describe('pinned regressions found by this fuzz', () => {
  it('input quantization to ap_fixed<2,0,AP_TRN,AP_WRAP,1> (the compiled path called its exact fallback with the wrong arguments)', () => {
    const b = new GraphBuilder('wrap-n1');
    b.output(b.node('Flatten', [b.input('x', [null, 2, 2])], { axis: 1 }, { name: 'flat' }), [null, 4]);
    const model = convert(b, 'Model:\n  Precision: ap_fixed<2,0,AP_TRN,AP_WRAP,1>\n');
    // F=2, raws [-2, 1]. AP_WRAP keeps the low 2 bits; with N=1 on a signed type the MSB is then set to the
    // source's sign (ap_fixed_base.h overflow_adjust): -0.75 -> -3 -> 0b01 -> MSB 1 -> 0b11 = -1;
    // 0.75 -> 3 -> 0b11 -> MSB 0 -> 0b01 = 1; 1.5 -> 6 -> 0b10 -> 0b00 = 0; -1.25 -> -5 -> 0b11 -> -1.
    // expectRaws feeds raw * 2^-2, so raws [-3, 3, 6, -5] are the doubles above.
    expectRaws(model, [[-3, 3, 6, -5]], [-1, 1, 0, -1]);
  });

  it('a wrapping unsigned accumulator (the compiled MAC sign-extended it)', () => {
    const b = new GraphBuilder('unsigned-accum');
    const x = b.input('x', [null, 2]);
    b.output(b.node('Gemm', [x, b.initializer('w', float32Tensor([2, 2], [1.0, -1.0, 1.0, 0.25])), b.initializer('c', float32Tensor([2], [0, 0]))], {}, { name: 'fc' }), [null, 2]);
    const model = convert(b, 'Model:\n  Precision: fixed<16,6>\nLayerName:\n  x:\n    Precision:\n      result: fixed<8,4>\n  fc:\n    Precision:\n      weight: fixed<8,2>\n      bias: fixed<8,4>\n      accum: ufixed<4,2>\n      result: fixed<8,4>\n');
    // nnet_dense_latency.h; x = [1.0, -0.5] -> [16, -8] at F=4; accum ufixed<4,2> (F=2, AP_WRAP modulo 16).
    // out 0, w = [1.0, 1.0] -> [64, 64]: 16*64 = 1024 at F=10 -> 4; -8*64 = -512 -> -2 -> wraps to 14; 4 + 14 = 18 -> 2 (0.5) -> res 8.
    // out 1, w = [-1.0, 0.25] -> [-64, 16]: -1024 -> -4 -> 12; -128 -> floor(-0.5) = -1 -> 15; 12 + 15 = 27 -> 11 (2.75) -> res 44.
    expectRaws(model, [[16, -8]], [8, 44]);
  });

  it('a cast to a wide unsigned wrapping type gives 0, not -0 (the float64 bits of the raw)', () => {
    const b = new GraphBuilder('wide-wrap');
    b.output(b.node('Add', [b.input('a', [null, 2]), b.input('b', [null, 2])], {}, { name: 'add' }), [null, 2]);
    const model = convert(b, 'Model:\n  Precision: fixed<8,4>\nLayerName:\n  add:\n    Precision:\n      result: ufixed<33,1>\n');
    // nnet_merge.h add; res ufixed<33,1> (F=32, AP_WRAP modulo 2^33). -1.0 + -1.0 = -2.0 -> raw -2^33 -> 0;
    // 1.5 + -2.0 = -0.5 -> raw -2^31 -> 2^33 - 2^31 = 6442450944 (1.5).
    expectRaws(model, [[-16, 24], [-16, -32]], [0, 6442450944]);
  });

  it('rejects a stable/latency softmax table size that is not a power of two (hls4ml would read past the table)', () => {
    const graph = MODELS[0]?.graph as Graph;
    const config = parseHlsConfig('LayerName:\n  softmax:\n    TableSize: 100\n', 'table.yaml');
    expect(() => convertModel(graph, config)).toThrow(HlsConfigValueError);
    expect(() => convertModel(graph, config)).toThrow(
      "layer 'softmax': the softmax exp table size must be a power of two from 2 up (its index is the top ceillog2(size) bits), not 100",
    );
    // legacy clamps its index to the table, so any size works there.
    const legacy = convertModel(graph, parseHlsConfig('LayerName:\n  softmax:\n    TableSize: 100\n    Implementation: legacy\n', 'legacy.yaml')).model;
    expect(legacy.layers.find((layer) => layer.kind === 'softmax')?.implementation).toBe('legacy');
  });
});
