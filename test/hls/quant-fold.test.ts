// QONNX Quant nodes on activations fold into the types of the layers before them as hls4ml's QONNX flow
// does (optimizer passes/linear.py: MergeLinearActivation when the producer's result precision is 'auto',
// EliminateLinearActivation when the Quant changes no type); the rest stay layers, with a note saying why.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromModel, formatHlsConfigYaml } from '../../hls/config/from-model.js';
import { compileModel, convertModel, defaultHlsConfig, parseHlsConfig, rawsToValues } from '../../hls/index.js';
import { loadOnnxModel, runFloat } from '../../models/index.js';
import { simulateCycles } from '../../sim/index.js';
import { examplesDir, random } from '../models/helpers.js';

const graph = loadOnnxModel(path.join(examplesDir, 'jet-tagger-qonnx.onnx'));

describe('QONNX Quant folding', () => {
  it("with the default configuration (results set): every Quant stays a layer, each with a note saying how to fold it", () => {
    const { model } = convertModel(graph, defaultHlsConfig());
    expect(model.layers.filter((layer) => layer.hlsClass === 'Quant').map((layer) => layer.name)).toEqual(['quant_input', 'quant_relu_1', 'quant_relu_2', 'quant_relu_3']);
    expect(model.notes.filter((note) => note.includes('kept as a layer of its own'))).toHaveLength(4);
    expect(model.notes).toContainEqual(expect.stringMatching(/^quant_relu_1: QONNX Quant kept as a layer of its own \(ap_ufixed<8,5,AP_RND_CONV,AP_SAT>\): the result precision before it is set \(fixed<16,6>\); 'result: auto' there folds it/));
  });

  it("with ngt config's 'auto' results: the Quants after the ReLUs fold, and the layers before softmax equal float exactly", () => {
    const text = formatHlsConfigYaml(configFromModel(graph, { granularity: 'name' }));
    const { model } = convertModel(graph, parseHlsConfig(text, 'auto.yaml'));
    // The input's Quant follows the input layer, which hls4ml does not fold into.
    expect(model.layers.map((layer) => layer.name)).toEqual(['quant_input', 'dense_1', 'relu_1', 'dense_2', 'relu_2', 'dense_3', 'relu_3', 'dense_4', 'softmax']);
    const relu = model.layers.find((layer) => layer.name === 'relu_1');
    expect(relu?.output).toBe('quant_relu_1_out0');
    expect(model.tensors.get('quant_relu_1_out0')?.type).toMatchObject({ width: 8, intBits: 5, signed: false, quantization: 'AP_RND_CONV', overflow: 'AP_SAT' });
    // 'auto' Dense results hold their sums exactly and each ReLU rounds straight to its Quant's type, so
    // dense_4's outputs are the float model's.
    const next = random(3);
    const count = 256;
    // On fixed<16,6>'s grid, so the input layer keeps them exactly and only the Quant rounds (as in float).
    const data = Float64Array.from({ length: count * 16 }, () => Math.round(3 * (2 * next() - 1) * 1024) / 1024);
    const raws = compileModel(model).run([data], count, ['dense_4_out0']).get('dense_4_out0') ?? new Float64Array();
    const type = model.tensors.get('dense_4_out0')?.type;
    if (!type) throw new Error('no dense_4 type');
    const floats = new Float64Array(count * 5);
    runFloat(graph, [{ shape: [count, 16], data }], {
      onValue: (tensor, values, sample) => {
        if (tensor === 'dense_4_out0') floats.set(values, sample * 5);
      },
    });
    expect(Array.from(rawsToValues(raws, type))).toEqual(Array.from(floats));
    // Three layers fewer than with the Quants kept. At 5 ns each ReLU's rounding, saturating cast to its
    // Quant's 8 bits (2.9 ns) still takes a stage of its own, as the separate Quant did: 16 cycles either way.
    expect(simulateCycles(model, [data.subarray(0, 16)], 1, { ioType: 'io_parallel' }).latency.first).toBe(16);
    expect(convertModel(graph, defaultHlsConfig()).model.layers).toHaveLength(model.layers.length + 3);
  });
});
