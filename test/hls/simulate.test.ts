// The compiled simulator against the reference interpreter, bit for bit, for every example and shared
// model under several configurations (rounding/saturating types, narrow accumulators that wrap,
// Resource strategy, 'auto' precisions, every softmax implementation); and the jet tagger at
// fixed<16,6> against the float executor on argmax.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOnnxModel, runFloat } from '../../models/index.js';
import { compileModel, convertModel, defaultHlsConfig, interpret, parseHlsConfig, rawsToValues, type HlsConfig } from '../../hls/index.js';
import { examplesDir, hasShared, random, sharedModels, skipReason } from '../models/helpers.js';

const CONFIGS: Record<string, string> = {
  'rounding, saturating types, Resource RF 4': `Model:\n  Precision: ap_fixed<16,6,AP_RND,AP_SAT>\n  ReuseFactor: 4\n  Strategy: Resource\n`,
  'narrow accumulators that wrap': `Model:\n  Precision:\n    default: fixed<16,6>\n    accum: fixed<10,3>\n`,
  'narrow saturating accumulators, convergent rounding, Resource RF 2': `Model:\n  Precision:\n    default: fixed<14,5,RND_CONV,SAT>\n    accum: fixed<12,4,RND_CONV,SAT>\n  ReuseFactor: 2\n  Strategy: Resource\n`,
  'auto accumulators and results, softmax latency': `Model:\n  Precision: fixed<10,4,RND,SAT>\nLayerType:\n  Dense:\n    Precision:\n      accum: auto\n      result: auto\n  Conv1D:\n    Precision:\n      accum: auto\n  Conv2D:\n    Precision:\n      result: auto\n  Softmax:\n    Precision:\n      result: fixed<16,2>\n    Implementation: latency\n`,
  'softmax legacy, symmetric saturation': `Model:\n  Precision: fixed<18,8,RND,SAT_SYM>\nLayerType:\n  Softmax:\n    Implementation: legacy\n`,
  'softmax argmax, unsigned-friendly wide types': `Model:\n  Precision: ap_fixed<24,10,AP_RND_ZERO,AP_WRAP>\nLayerType:\n  Softmax:\n    Implementation: argmax\n`,
};

function configs(): [string, HlsConfig][] {
  return [['default (fixed<16,6>, RF 1, Latency)', defaultHlsConfig()], ...Object.entries(CONFIGS).map(([name, text]): [string, HlsConfig] => [name, parseHlsConfig(text, `${name}.yaml`)])];
}

function gaussian(count: number, seed: number, scale = 1): Float64Array {
  const next = random(seed);
  return Float64Array.from({ length: count }, () => scale * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()));
}

const EXAMPLES = ['jet-tagger.onnx', 'jet-tagger-qonnx.onnx', 'conv1d-small.onnx', 'conv2d-small.onnx'].map((file) => path.join(examplesDir, file));
const SHARED = ['three_layer_keras.onnx', 'three_layer_pytorch.onnx', 'two_layer_keras.onnx', 'conv1d_small_keras.onnx', 'conv2d_small_keras.onnx', 'qkeras_jettagging.onnx', 'TFC_2W2A.onnx'].map((file) =>
  path.join(sharedModels, file),
);

describe('compiled simulator equals the reference interpreter bit for bit', () => {
  skipReason('compiled vs interpreter on the shared models');
  const models = [...EXAMPLES, ...(hasShared ? SHARED : [])].filter((file) => existsSync(file));
  for (const file of models) {
    it(path.basename(file), () => {
      const graph = loadOnnxModel(file);
      const inputShape = graph.tensors.get(graph.inputs[0] ?? '')?.shape ?? [];
      const size = inputShape.slice(1).reduce((a, b) => a * b, 1);
      const count = size > 100 ? 6 : 24;
      const data = gaussian(count * size, 7, 2);
      for (const [name, config] of configs()) {
        const { model } = convertModel(graph, config);
        const simulator = compileModel(model);
        expect(simulator.path, name).toBe('compiled');
        const traced = model.layers.map((layer) => layer.output);
        const fast = simulator.run([data], count, traced);
        const exact = interpret(model, [data], count, traced);
        for (const tensor of traced) {
          expect(Array.from(fast.get(tensor) ?? []), `${name}: ${tensor}`).toEqual((exact.get(tensor) ?? []).map(Number));
        }
      }
    });
  }

  it.skipIf(!hasShared)('a binary net (bnn_model_fc_1layer.onnx): BipolarQuant activations as binary_tanh, equal to the float model', () => {
    const graph = loadOnnxModel(path.join(sharedModels, 'bnn_model_fc_1layer.onnx'));
    const { model } = convertModel(graph, defaultHlsConfig());
    const binary = model.layers.filter((layer) => layer.kind === 'activation' && layer.activation.kind === 'binary_tanh');
    expect(binary.map((layer) => layer.name)).toEqual(['/linear/input_quant/export_handler/BipolarQuant', '/linear/output_quant/export_handler/BipolarQuant']);
    const count = 64;
    const data = gaussian(count * 3, 5);
    const output = model.outputs[0]?.tensor ?? '';
    const raws = compileModel(model).run([data], count, [output]).get(output) ?? new Float64Array();
    expect(Array.from(raws)).toEqual((interpret(model, [data], count, [output]).get(output) ?? []).map(Number));
    // +-1 inputs and weights, a 4-bit bias: every value is exact, so the fixed-point outputs are the float ones.
    const float = runFloat(graph, [{ shape: [count, 3], data }])[0]?.data ?? new Float64Array();
    const type = model.tensors.get(output)?.type;
    if (!type) throw new Error(`no type for ${output}`);
    expect(Array.from(rawsToValues(raws, type))).toEqual(Array.from(float));
    expect(new Set(float)).toEqual(new Set([-1, 1]));
  });
});

describe('straight-line MACs (compileModel unroll: always) equal the reference interpreter', () => {
  // The unrolled form is what large batches run (compile.ts, UNROLL_MIN_SAMPLES); wrapping accumulators only.
  const cases: [string, HlsConfig][] = [
    ['default (fixed<16,6>, RF 1, Latency)', defaultHlsConfig()],
    ['narrow accumulators that wrap', parseHlsConfig(CONFIGS['narrow accumulators that wrap'] ?? '', 'narrow.yaml')],
  ];
  for (const file of EXAMPLES) {
    it(path.basename(file), () => {
      const graph = loadOnnxModel(file);
      const size = (graph.tensors.get(graph.inputs[0] ?? '')?.shape ?? []).slice(1).reduce((a, b) => a * b, 1);
      const count = 8;
      const data = gaussian(count * size, 13, 2);
      for (const [name, config] of cases) {
        const { model } = convertModel(graph, config);
        const simulator = compileModel(model, { unroll: 'always' });
        expect(simulator.source, name).toContain('Math.imul(x');
        const traced = model.layers.map((layer) => layer.output);
        const fast = simulator.run([data], count, traced);
        const exact = interpret(model, [data], count, traced);
        for (const tensor of traced) expect(Array.from(fast.get(tensor) ?? []), `${name}: ${tensor}`).toEqual((exact.get(tensor) ?? []).map(Number));
      }
    });
  }
});

describe('jet tagger at fixed<16,6>', () => {
  // hls4ml's softmax addresses its exp table by the top 10 bits of x_max - x_i (ufixed<15,5>: steps of
  // 1/32) and quantizes its outputs, so close logits can come out equal; argmax then takes the first.
  // Those ties are hls4ml's behaviour (its own C++ gives the same bits); the rest must agree.
  it('agrees with the float executor on argmax for 99% of 10,000 N(0,1) inputs whose fixed-point maximum is unique', () => {
    const graph = loadOnnxModel(path.join(examplesDir, 'jet-tagger.onnx'));
    const count = 10_000;
    const data = gaussian(count * 16, 2024);
    const { model } = convertModel(graph, defaultHlsConfig());
    const output = model.outputs[0]?.tensor ?? '';
    const raws = compileModel(model).run([data], count).get(output) ?? new Float64Array();
    const fixed = rawsToValues(raws, model.tensors.get(output)?.type ?? defaultType());
    const float = runFloat(graph, [{ shape: [count, 16], data }])[0]?.data ?? new Float64Array();
    let agree = 0;
    let unique = 0;
    let uniqueAgree = 0;
    for (let s = 0; s < count; s++) {
      let a = 0;
      let b = 0;
      for (let j = 1; j < 5; j++) {
        if ((fixed[s * 5 + j] ?? 0) > (fixed[s * 5 + a] ?? 0)) a = j;
        if ((float[s * 5 + j] ?? 0) > (float[s * 5 + b] ?? 0)) b = j;
      }
      const tied = [0, 1, 2, 3, 4].filter((j) => fixed[s * 5 + j] === fixed[s * 5 + a]).length > 1;
      if (a === b) agree += 1;
      if (!tied) {
        unique += 1;
        if (a === b) uniqueAgree += 1;
      }
    }
    console.log(`jet tagger fixed<16,6> vs float argmax agreement: ${agree} / ${count}; with a unique maximum ${uniqueAgree} / ${unique}`);
    expect(uniqueAgree / unique).toBeGreaterThanOrEqual(0.99);
    expect(unique / count).toBeGreaterThan(0.97);
    expect(agree / count).toBeGreaterThanOrEqual(0.98);
  });
});

function defaultType() {
  return defaultHlsConfig().layer({ name: '', type: '' }).precision('default') as Exclude<ReturnType<HlsConfig['layer']>['precision'] extends (v: string) => infer R ? R : never, 'auto'>;
}
