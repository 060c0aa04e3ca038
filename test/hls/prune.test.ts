// Magnitude pruning: exact zero counts, the smallest magnitudes, everything else in the file kept,
// and the pruned model computing what the original does with those weights zeroed (reference built here).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findWeightTensors, PruneError, pruneOnnxBytes } from '../../hls/prune/index.js';
import { foldConstants } from '../../models/index.js';
import { defaultModelPath, defaultTestInputsPath, importOnnx, readNpy, runFloat } from '../../models/index.js';
import { decodeModel, encodeModel, float32Tensor, GraphBuilder, onnx } from '../../models/onnx-writer/index.js';
import { examplesDir } from '../models/helpers.js';

const original = new Uint8Array(readFileSync(defaultModelPath()));
const weightNames = ['dense_1_weight', 'dense_2_weight', 'dense_3_weight', 'dense_4_weight'];

function floats(tensor: onnx.ITensorProto): Float32Array {
  // Copy: a Node Buffer's slice is a view into a shared pool.
  return new Float32Array(Uint8Array.from(tensor.rawData as Uint8Array).buffer);
}

function initializers(bytes: Uint8Array): Map<string, onnx.ITensorProto> {
  return new Map((decodeModel(bytes).graph?.initializer ?? []).map((tensor) => [tensor.name ?? '', tensor]));
}

/** Independent reference: zero the k smallest |w| (ties by position) of the given weights, in the test's own code. */
function zeroSmallest(values: { name: string; data: Float32Array }[], k: number): Map<string, Set<number>> {
  const all = values.flatMap(({ name, data }, tensor) => Array.from(data, (value, index) => ({ name, tensor, index, magnitude: Math.abs(value) })));
  all.sort((a, b) => a.magnitude - b.magnitude || a.tensor - b.tensor || a.index - b.index);
  const zeroed = new Map(values.map(({ name }) => [name, new Set<number>()]));
  for (const entry of all.slice(0, k)) zeroed.get(entry.name)?.add(entry.index);
  return zeroed;
}

function withZeros(bytes: Uint8Array, zeroed: Map<string, Set<number>>): Uint8Array {
  const model = decodeModel(bytes);
  for (const tensor of model.graph?.initializer ?? []) {
    const indices = zeroed.get(tensor.name ?? '');
    if (!indices) continue;
    const data = floats(tensor);
    for (const index of indices) data[index] = 0;
    tensor.rawData = new Uint8Array(data.buffer);
  }
  return encodeModel(model);
}

const inputs = readNpy(defaultTestInputsPath());
const batch = { shape: [500, 16], data: Float64Array.from((inputs.data as Float32Array).subarray(0, 500 * 16)) };

describe('magnitude pruning of the jet tagger', () => {
  const before = initializers(original);
  const weights = weightNames.map((name) => ({ name, data: floats(before.get(name) as onnx.ITensorProto) }));

  it('per layer: round(0.7 n) zeros in each weight tensor, the smallest magnitudes, the float outputs of the same zeroing', () => {
    const { bytes, report } = pruneOnnxBytes(original, 'jet-tagger.onnx', { sparsity: 0.7, perLayer: true });
    const after = initializers(bytes);
    const expectedZeros = [717, 1434, 717, 112];
    expect(weights.map(({ data }) => Math.round(0.7 * data.length))).toEqual(expectedZeros);
    expect(report.tensors.map((tensor) => tensor.zerosAfter)).toEqual(expectedZeros);
    const reference = new Map<string, Set<number>>();
    weights.forEach(({ name, data }) => {
      const pruned = floats(after.get(name) as onnx.ITensorProto);
      const zeros = [...pruned.keys()].filter((index) => pruned[index] === 0);
      expect(zeros.length).toBe(Math.round(0.7 * data.length));
      const zeroedMax = Math.max(...zeros.map((index) => Math.abs(data[index] ?? 0)));
      const keptMin = Math.min(...[...pruned.keys()].filter((index) => pruned[index] !== 0).map((index) => Math.abs(data[index] ?? 0)));
      expect(zeroedMax).toBeLessThanOrEqual(keptMin);
      // Kept weights are bit-identical.
      pruned.forEach((value, index) => {
        if (value !== 0) expect(value).toBe(data[index]);
      });
      for (const [key, set] of zeroSmallest([{ name, data }], Math.round(0.7 * data.length))) reference.set(key, set);
    });
    const ours = runFloat(importOnnx(bytes, 'pruned.onnx'), [batch])[0]?.data;
    const theirs = runFloat(importOnnx(withZeros(original, reference), 'reference.onnx'), [batch])[0]?.data;
    expect(ours).toEqual(theirs);
    const unpruned = runFloat(importOnnx(original, 'jet-tagger.onnx'), [batch])[0]?.data;
    expect(ours).not.toEqual(unpruned);
  });

  it('global: round(0.7 N) zeros over all weights under one threshold; biases and the rest of the file unchanged', () => {
    const { bytes, report } = pruneOnnxBytes(original, 'jet-tagger.onnx', { sparsity: 0.7 });
    const total = weights.reduce((sum, { data }) => sum + data.length, 0);
    expect(total).toBe(4256);
    expect(report.zeros).toBe(Math.round(0.7 * 4256));
    const after = initializers(bytes);
    const reference = zeroSmallest(weights, Math.round(0.7 * total));
    for (const { name } of weights) {
      const pruned = floats(after.get(name) as onnx.ITensorProto);
      const zeros = new Set([...pruned.keys()].filter((index) => pruned[index] === 0));
      expect(zeros).toEqual(reference.get(name));
    }
    // Layers differ in sparsity under one global threshold.
    expect(new Set(report.tensors.map((tensor) => tensor.zerosAfter / tensor.count)).size).toBe(4);
    for (const [name, tensor] of before) {
      if (weightNames.includes(name)) continue;
      expect(onnx.TensorProto.create(after.get(name)).toJSON()).toEqual(onnx.TensorProto.create(tensor).toJSON());
    }
    const a = decodeModel(original);
    const b = decodeModel(bytes);
    expect(b.graph?.node).toEqual(a.graph?.node);
    expect(b.opsetImport).toEqual(a.opsetImport);
    expect(b.graph?.input).toEqual(a.graph?.input);
    const ours = runFloat(importOnnx(bytes, 'pruned.onnx'), [batch])[0]?.data;
    const theirs = runFloat(importOnnx(withZeros(original, reference), 'reference.onnx'), [batch])[0]?.data;
    expect(ours).toEqual(theirs);
  });

  it('sparsity 0 changes nothing, and pruning a pruned model again at the same sparsity changes nothing', () => {
    expect(decodeModel(pruneOnnxBytes(original, 'm', { sparsity: 0 }).bytes).toJSON()).toEqual(decodeModel(original).toJSON());
    const once = pruneOnnxBytes(original, 'm', { sparsity: 0.5, perLayer: true }).bytes;
    const twice = pruneOnnxBytes(once, 'm', { sparsity: 0.5, perLayer: true });
    expect(twice.bytes).toEqual(once);
    expect(twice.report.tensors.map((tensor) => tensor.zerosBefore)).toEqual(twice.report.tensors.map((tensor) => tensor.zerosAfter));
  });

  it('rejects a sparsity outside [0, 1] and a model without weights, naming the file', () => {
    expect(() => pruneOnnxBytes(original, 'm.onnx', { sparsity: 1.5 })).toThrow(new PruneError('m.onnx: sparsity must be a number from 0 to 1, not 1.5'));
    const b = new GraphBuilder('plain');
    b.output(b.node('Relu', [b.input('x', [null, 4])]), [null, 4]);
    expect(() => pruneOnnxBytes(b.toBytes(), 'relu.onnx', { sparsity: 0.5 })).toThrow(
      new PruneError('relu.onnx: the model must have Gemm, MatMul or Conv weights stored as initializers to prune, not none'),
    );
    expect(() => pruneOnnxBytes(new Uint8Array([1, 2, 3, 255]), 'junk.onnx', { sparsity: 0.5 })).toThrow(PruneError);
  });
});

describe('weights found through QONNX quantizers and stored in typed fields', () => {
  it('prunes the float weights under the QONNX jet tagger Quant nodes; zeros stay zero after quantization', () => {
    const bytes = new Uint8Array(readFileSync(`${examplesDir}/jet-tagger-qonnx.onnx`));
    const found = findWeightTensors(decodeModel(bytes), 'q');
    expect(found.length).toBe(4);
    const { bytes: pruned, report } = pruneOnnxBytes(bytes, 'q', { sparsity: 0.6, perLayer: true });
    expect(report.tensors.map((tensor) => tensor.zerosAfter)).toEqual(found.map((weight) => Math.round(0.6 * weight.values.length)));
    // The quantized weights each Gemm reads are computed from the pruned floats: count their zeros after the quantizers run.
    const graph = importOnnx(pruned, 'q');
    const { constants } = foldConstants(graph);
    const gemms = graph.layers.filter((layer) => layer.kind === 'gemm');
    expect(gemms.length).toBe(4);
    gemms.forEach((layer, index) => {
      const quantized = constants.get(layer.inputs[1] ?? '')?.data ?? new Float64Array();
      const zeros = quantized.filter((value) => value === 0).length;
      expect(quantized.length).toBe(found[index]?.values.length);
      expect(zeros).toBeGreaterThanOrEqual(Math.round(0.6 * quantized.length));
    });
  });

  it('writes float_data-stored weights back as float_data', () => {
    const b = new GraphBuilder('fields', { storage: 'fields' });
    const w = b.initializer('w', float32Tensor([2, 3], [0.5, -0.1, 0.2, -0.7, 0.05, 1]));
    const bias = b.initializer('b', float32Tensor([3], [0.1, 0.2, 0.3]));
    b.output(b.node('Gemm', [b.input('x', [null, 2]), w, bias]), [null, 3]);
    const { bytes } = pruneOnnxBytes(b.toBytes(), 'fields.onnx', { sparsity: 0.5 });
    const after = initializers(bytes);
    expect(after.get('w')?.floatData).toEqual([0.5, 0, 0, Math.fround(-0.7), 0, 1]);
    expect(after.get('w')?.rawData?.length ?? 0).toBe(0);
    expect(after.get('b')?.floatData).toEqual(Array.from(Float32Array.from([0.1, 0.2, 0.3])));
  });
});
