// The public models in ../shared/models: import, parameters and layers, stored onnxruntime outputs,
// fresh onnxruntime-node runs on random inputs, and the QONNX models against an independent reference.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOnnxModel, readNpy, runFloat, summarizeGraph } from '../../models/index.js';
import type { Graph } from '../../models/index.js';
import { hasShared, maxAbsDifference, runOnnxRuntime, sharedModels, skipReason, uniform } from './helpers.js';
import { referenceRun } from './qonnx-reference.js';

skipReason('shared-models tests');

const at = (name: string) => path.join(sharedModels, name);

function randomBatch(graph: Graph, count: number, seed: number) {
  const sample = graph.tensors.get(graph.inputs[0] ?? '')?.shape.slice(1) ?? [];
  const shape = [count, ...sample];
  return { shape, data: uniform(shape.reduce((a, b) => a * b, 1), seed) };
}

// Expected structure: parameters (weights + biases), layer kinds in order, IR input shape.
const EXPECTED: Record<string, { parameters: number; layers: string; input: number[] }> = {
  two_layer_keras: { parameters: 385, layers: 'matmul binary activation matmul binary activation', input: [1, 10] },
  three_layer_keras: { parameters: 4389, layers: 'matmul binary activation matmul binary activation matmul binary activation matmul binary softmax', input: [1, 16] },
  three_layer_pytorch: { parameters: 4389, layers: 'gemm activation gemm activation gemm activation gemm softmax', input: [1, 16] },
  // The Keras NHWC<->NCHW transposes cancel against the channels-last conversion.
  conv1d_small_keras: { parameters: 171, layers: 'conv activation conv activation conv activation reshape gemm activation gemm softmax', input: [1, 10, 4] },
  conv2d_small_keras: { parameters: 1310, layers: 'conv activation reshape gemm softmax', input: [1, 8, 8, 1] },
  bnn_model_fc_1layer: { parameters: 16, layers: 'bipolar_quant bipolar_quant quant gemm bipolar_quant', input: [1, 3] },
  qkeras_jettagging: { parameters: 4389, layers: `${'quant '.repeat(8)}matmul binary activation quant matmul binary activation quant matmul binary activation quant matmul binary softmax`, input: [1, 16] },
  // The Shape/Gather/Unsqueeze/Concat subgraph folds into the reshape's static shape; Pow folds too.
  TFC_2W2A: { parameters: 59782, layers: `reshape binary binary ${'quant quant transpose matmul batch_normalization '.repeat(3)}quant quant transpose matmul binary binary binary binary`, input: [1, 1, 28, 28] },
};

const ORT_RUNNABLE = ['two_layer_keras', 'three_layer_keras', 'three_layer_pytorch', 'conv1d_small_keras', 'conv2d_small_keras'];
const QONNX = ['bnn_model_fc_1layer', 'qkeras_jettagging', 'TFC_2W2A'];

describe.skipIf(!hasShared)('shared models', () => {
  it.each(Object.entries(EXPECTED))('%s imports with the expected layers and parameters', (name, expected) => {
    const graph = loadOnnxModel(at(`${name}.onnx`));
    const summary = summarizeGraph(graph);
    expect(summary.parameters).toBe(expected.parameters);
    expect(graph.layers.map((layer) => layer.kind).join(' ')).toBe(expected.layers.trim());
    expect(summary.inputs[0]?.shape).toEqual(expected.input);
  });

  const withSamples = Object.keys(EXPECTED).filter((name) => existsSync(at(`${name}_input.npy`)));

  it('has sample inputs for the four Keras models', () => {
    expect(withSamples.sort()).toEqual(['conv1d_small_keras', 'conv2d_small_keras', 'three_layer_keras', 'two_layer_keras']);
  });

  it.each(withSamples)('%s reproduces the stored onnxruntime outputs within 1e-5', (name) => {
    const graph = loadOnnxModel(at(`${name}.onnx`));
    const x = readNpy(at(`${name}_input.npy`));
    const y = readNpy(at(`${name}_output_ort.npy`));
    const [out] = runFloat(graph, [{ shape: x.shape, data: Float64Array.from(x.data as Float32Array) }]);
    expect(out?.shape).toEqual(y.shape);
    const error = maxAbsDifference(out?.data ?? [], Float64Array.from(y.data as Float32Array));
    console.log(`${name}: max |ngt - stored onnxruntime| = ${error.toExponential(2)}`);
    expect(error).toBeLessThan(1e-5);
  });

  it.each(ORT_RUNNABLE)('%s matches onnxruntime-node on 32 random samples within 1e-5', async (name) => {
    const graph = loadOnnxModel(at(`${name}.onnx`));
    const x = randomBatch(graph, 32, 11);
    const [ours] = runFloat(graph, [{ shape: x.shape, data: Float64Array.from(x.data) }]);
    const [theirs] = await runOnnxRuntime(at(`${name}.onnx`), [x]);
    const error = maxAbsDifference(ours?.data ?? [], theirs ?? []);
    console.log(`${name}: max |ngt - onnxruntime-node| on random inputs = ${error.toExponential(2)}`);
    expect(error).toBeLessThan(1e-5);
  });

  it.each(QONNX)('%s matches the independent QONNX reference on 16 random samples within 1e-5', (name) => {
    const graph = loadOnnxModel(at(`${name}.onnx`));
    const x = randomBatch(graph, 16, 5);
    const [ours] = runFloat(graph, [{ shape: x.shape, data: Float64Array.from(x.data) }]);
    const size = x.data.length / 16;
    const reference = Array.from({ length: 16 }, (_, i) => referenceRun(at(`${name}.onnx`), Array.from(x.data.subarray(i * size, (i + 1) * size)))).flat();
    const error = maxAbsDifference(ours?.data ?? [], reference);
    console.log(`${name}: max |ngt - QONNX reference| = ${error.toExponential(2)}`);
    expect(error).toBeLessThan(1e-5);
  });

  it('qkeras_jettagging agrees with the shared JavaScript reference (jsref) on the jet tagger samples', () => {
    const graph = loadOnnxModel(at('qkeras_jettagging.onnx'));
    const x = readNpy(at('three_layer_keras_input.npy'));
    const [out] = runFloat(graph, [{ shape: x.shape, data: Float64Array.from(x.data as Float32Array) }]);
    const jsref = JSON.parse(readFileSync(at('qkeras_jettagging_output_jsref.json'), 'utf8')) as { shape: number[]; data: number[] };
    expect(out?.shape).toEqual(jsref.shape);
    const error = maxAbsDifference(out?.data ?? [], jsref.data);
    console.log(`qkeras_jettagging: max |ngt - jsref| = ${error.toExponential(2)}`);
    expect(error).toBeLessThan(1e-5);
  });

  it('records QONNX quantizers as typed tensors: qkeras weights int6 x 2^-5, activations uint6 x 2^-6', () => {
    const summary = summarizeGraph(loadOnnxModel(at('qkeras_jettagging.onnx')));
    const weights = summary.quantizers.filter((q) => q.target === 'weight');
    const activations = summary.quantizers.filter((q) => q.target === 'activation');
    expect(weights).toHaveLength(8);
    expect(activations).toHaveLength(3);
    expect(weights[0]?.type).toMatchObject({ kind: 'quantized', bitWidth: 6, signed: true, narrow: false, rounding: 'ROUND', scale: { values: [0.03125], axis: null }, zeroPoint: { values: [0] } });
    expect(activations[0]?.type).toMatchObject({ kind: 'quantized', bitWidth: 6, signed: false, scale: { values: [0.015625] } });
  });

  it('treats the fixed first dimension 789444 of three_layer_pytorch as the batch', () => {
    const graph = loadOnnxModel(at('three_layer_pytorch.onnx'));
    const x = randomBatch(graph, 3, 1);
    const [out] = runFloat(graph, [{ shape: x.shape, data: Float64Array.from(x.data) }]);
    expect(out?.shape).toEqual([3, 5]);
    for (let i = 0; i < 3; i++) expect(Array.from(out?.data.subarray(i * 5, i * 5 + 5) ?? []).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
