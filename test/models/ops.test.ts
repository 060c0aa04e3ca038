// Op coverage: small models built with models/onnx-writer, run by ngt and by onnxruntime-node on
// random inputs; channels-last conversion, folding and initializer encodings included.
import { describe, expect, it } from 'vitest';
import { importOnnx, runFloat } from '../../models/index.js';
import type { NpyArray } from '../../models/index.js';
import { attribute, float32Tensor, GraphBuilder, int64Tensor } from '../../models/onnx-writer/index.js';
import { maxAbsDifference, runOnnxRuntime, uniform } from './helpers.js';

function weights(shape: number[], seed: number): NpyArray {
  return float32Tensor(shape, uniform(shape.reduce((a, b) => a * b, 1), seed));
}

async function compare(builder: GraphBuilder, inputShape: number[], count = 4): Promise<{ error: number; kinds: string }> {
  const bytes = builder.toBytes();
  const graph = importOnnx(bytes, `${builder.name}.onnx`);
  const shape = [count, ...inputShape];
  const x = uniform(shape.reduce((a, b) => a * b, 1), 3, 2);
  const [ours] = runFloat(graph, [{ shape, data: Float64Array.from(x) }]);
  const [theirs] = await runOnnxRuntime(bytes, [{ shape, data: x }]);
  return { error: maxAbsDifference(ours?.data ?? [], theirs ?? []), kinds: graph.layers.map((layer) => layer.kind).join(' ') };
}

describe('ops against onnxruntime-node', () => {
  it('Conv 2D with pads, strides, dilations and bias, channels-first in, channels-last inside', async () => {
    const b = new GraphBuilder('conv2d', { opset: 13 });
    const x = b.input('x', [null, 3, 9, 8]);
    const y = b.node('Conv', [x, b.initializer('w', weights([4, 3, 3, 2], 1)), b.initializer('b', weights([4], 2))], { pads: [1, 0, 2, 1], strides: [2, 1], dilations: [1, 2] });
    b.output(b.node('Relu', [y]), undefined);
    const { error, kinds } = await compare(b, [3, 9, 8]);
    expect(kinds).toBe('transpose conv activation transpose');
    expect(error).toBeLessThan(1e-5);
  });

  it('depthwise Conv 1D (group = channels) with SAME_UPPER padding, then MaxPool and AveragePool', async () => {
    const b = new GraphBuilder('depthwise', { opset: 13 });
    const x = b.input('x', [null, 4, 11]);
    const c = b.node('Conv', [x, b.initializer('w', weights([4, 1, 3], 4))], { group: 4, auto_pad: 'SAME_UPPER', strides: [2] });
    const m = b.node('MaxPool', [c], { kernel_shape: [2], pads: [1, 0] });
    const a = b.node('AveragePool', [m], { kernel_shape: [2], pads: [0, 1], count_include_pad: 0 });
    b.output(a, undefined);
    const { error, kinds } = await compare(b, [4, 11]);
    expect(kinds).toBe('transpose conv pool pool transpose');
    expect(error).toBeLessThan(1e-5);
  });

  it('BatchNormalization on images, GlobalAveragePool, Flatten, Gemm with transB, LeakyRelu, Softmax', async () => {
    const b = new GraphBuilder('bn', { opset: 13 });
    const x = b.input('x', [null, 3, 5, 5]);
    const bn = b.node('BatchNormalization', [x, b.initializer('s', weights([3], 5)), b.initializer('o', weights([3], 6)), b.initializer('mu', weights([3], 7)), b.initializer('var', float32Tensor([3], [0.5, 1, 2]))], { epsilon: attribute.float(1e-3) });
    const g = b.node('GlobalAveragePool', [b.node('LeakyRelu', [bn], { alpha: attribute.float(0.2) })]);
    const f = b.node('Flatten', [g], { axis: 1 });
    const d = b.node('Gemm', [f, b.initializer('w', weights([6, 3], 8)), b.initializer('c', weights([6], 9))], { transB: 1, alpha: attribute.float(0.5), beta: attribute.float(2) });
    b.output(b.node('Softmax', [d]), undefined);
    const { error, kinds } = await compare(b, [3, 5, 5]);
    expect(kinds).toBe('transpose batch_normalization activation global_pool transpose reshape gemm softmax');
    expect(error).toBeLessThan(1e-5);
  });

  it('folds a Shape/Gather/Unsqueeze/Concat/Reshape subgraph over a symbolic batch', async () => {
    const b = new GraphBuilder('shape-subgraph', { opset: 13 });
    const x = b.input('x', ['batch', 2, 3, 4]);
    const n = b.node('Unsqueeze', [b.node('Gather', [b.node('Shape', [x]), b.initializer('zero', int64Tensor([], [0]))], { axis: 0 }), b.initializer('axes', int64Tensor([1], [0]))]);
    const target = b.node('Concat', [n, b.initializer('rest', int64Tensor([1], [-1]))], { axis: 0 });
    const r = b.node('Reshape', [x, target]);
    const y = b.node('Div', [b.node('Sub', [b.node('Mul', [r, b.initializer('k', float32Tensor([], [3]))]), b.initializer('k2', float32Tensor([24], uniform(24, 4)))]), b.initializer('k3', float32Tensor([], [4]))]);
    b.output(b.node('Tanh', [b.node('Sigmoid', [y])]), undefined);
    const { error, kinds } = await compare(b, [2, 3, 4]);
    expect(kinds).toBe('reshape binary binary binary activation activation');
    expect(error).toBeLessThan(1e-5);
  });

  it('Transpose, Concat, Clip (opset 13 inputs), Identity, Dropout, MatMul with broadcasting', async () => {
    const b = new GraphBuilder('misc', { opset: 13 });
    const x = b.input('x', [null, 3, 4]);
    const t = b.node('Transpose', [x], { perm: [0, 2, 1] });
    const c = b.node('Concat', [t, b.node('Identity', [t])], { axis: 2 });
    const clipped = b.node('Clip', [c, b.initializer('lo', float32Tensor([], [-0.5])), b.initializer('hi', float32Tensor([], [0.7]))]);
    const m = b.node('MatMul', [b.node('Dropout', [clipped]), b.initializer('w', weights([6, 2], 3))]);
    b.output(m, undefined);
    const { error, kinds } = await compare(b, [3, 4]);
    expect(kinds).toBe('transpose concat activation matmul');
    expect(error).toBeLessThan(1e-5);
  });

  it('QuantizeLinear / DequantizeLinear (uint8 and per-axis int8)', async () => {
    const b = new GraphBuilder('qdq', { opset: 13 });
    const x = b.input('x', [null, 3]);
    const zero: NpyArray = { dtype: 'uint8', shape: [], data: Uint8Array.of(128) };
    const q = b.node('QuantizeLinear', [x, b.initializer('s', float32Tensor([], [0.01])), b.initializer('z', zero)]);
    const dq = b.node('DequantizeLinear', [q, b.initializer('s2', float32Tensor([], [0.01])), b.initializer('z2', zero)]);
    const w8: NpyArray = { dtype: 'int8', shape: [3, 2], data: Int8Array.of(-128, 5, 127, -3, 0, 77) };
    const w = b.node('DequantizeLinear', [b.initializer('w8', w8), b.initializer('ws', float32Tensor([2], [0.05, 0.02])), b.initializer('wz', { dtype: 'int8', shape: [2], data: Int8Array.of(0, 1) })], { axis: 1 });
    b.output(b.node('MatMul', [dq, w]), undefined);
    const { error, kinds } = await compare(b, [3], 8);
    expect(kinds).toBe('quantize_linear dequantize_linear dequantize_linear matmul');
    expect(error).toBeLessThan(1e-5);
  });

  it('opset 11 Softmax on rank 3 flattens to 2D at axis 1, like onnxruntime', async () => {
    const b = new GraphBuilder('softmax11', { opset: 11 });
    const x = b.input('x', [null, 3, 4]);
    b.output(b.node('Softmax', [x], { axis: 1 }), undefined);
    const { error, kinds } = await compare(b, [3, 4]);
    expect(kinds).toBe('reshape softmax reshape');
    expect(error).toBeLessThan(1e-6);
  });

  it('reads initializers from typed fields (float32, float64 via Cast, int32, int64) and old-IR initializer inputs', async () => {
    const b = new GraphBuilder('fields', { opset: 13, storage: 'fields', irVersion: 3 });
    const x = b.input('x', [null, 4]);
    b.input('w', [4, 2]);
    const w = b.initializer('w', weights([4, 2], 12));
    const d = b.initializer('d', { dtype: 'float64', shape: [2], data: Float64Array.of(0.25, -1.5) });
    const i32 = b.initializer('i32', { dtype: 'int32', shape: [2], data: Int32Array.of(3, -2) });
    const y = b.node('Add', [b.node('MatMul', [x, w]), b.node('Cast', [d], { to: 1 })]);
    const z = b.node('Mul', [y, b.node('Cast', [i32], { to: 1 })]);
    const r = b.node('Reshape', [z, b.initializer('shape', int64Tensor([2], [0, -1]))]);
    b.output(r, undefined);
    const graph = importOnnx(b.toBytes(), 'fields.onnx');
    expect(graph.inputs).toEqual(['x']);
    expect(Array.from(graph.tensors.get('w')?.value ?? []).length).toBe(8);
    const { error } = await compare(b, [4]);
    expect(error).toBeLessThan(1e-5);
  });
});
