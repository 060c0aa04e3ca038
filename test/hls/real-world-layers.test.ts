// The layer forms real QONNX, Brevitas, FINN and hls4ml test models bring (issue: real-world models), as
// small models made with the project's ONNX writer, through conversion, the compiled simulator, the
// bigint interpreter and the cycle simulator, in io_parallel and io_stream. Where every value lies on a
// binary grid (power-of-two Quant scales, 'auto' accumulators) the fixed-point outputs must equal the
// float executor's exactly: two engines that share no arithmetic.
import { describe, expect, it } from 'vitest';
import { importOnnx, runFloat, type Graph } from '../../models/index.js';
import { attribute, float32Tensor, GraphBuilder } from '../../models/onnx-writer/index.js';
import { compileModel, convertModel, interpret, parseHlsConfig, rawsToValues, UnsupportedLayerError, type HwModel, type IoType } from '../../hls/index.js';
import { simulateCycles } from '../../sim/index.js';
import { random } from '../models/helpers.js';

const QONNX = 'qonnx.custom_op.general';
const CHANNELS_LAST = 'qonnx.custom_op.channels_last';

/** Values on a 2^-bits grid in [-range, range). */
function grid(count: number, seed: number, bits: number, range = 2): Float32Array {
  const next = random(seed);
  return Float32Array.from({ length: count }, () => Math.round((2 * next() - 1) * range * 2 ** bits) / 2 ** bits);
}

/** A Quant node (scale 2^-fraction, zero point 0) on `x`: ap_fixed<bits, bits - fraction>. */
function quant(b: GraphBuilder, x: string, bits: number, fraction: number, name: string): string {
  const scale = b.initializer(`${name}_scale`, float32Tensor([], [2 ** -fraction]));
  const zero = b.initializer(`${name}_zero`, float32Tensor([], [0]));
  const width = b.initializer(`${name}_bits`, float32Tensor([], [bits]));
  return b.node('Quant', [x, scale, zero, width], { signed: 1, narrow: 0, rounding_mode: 'ROUND' }, { domain: QONNX, name });
}

function weight(b: GraphBuilder, name: string, shape: number[], seed: number, bits = 3): string {
  return b.initializer(name, float32Tensor(shape, grid(shape.reduce((x, y) => x * y, 1), seed, bits, 1)));
}

/** 'auto' accumulators and results, fixed<32,16> elsewhere (activations): no layer loses a bit. */
function exactConfig(ioType: IoType): string {
  const auto = '      Precision:\n        accum: auto\n        result: auto\n';
  return `IOType: ${ioType}\nHLSConfig:\n  Model:\n    Precision: fixed<32,16>\n  LayerType:\n${['Dense', 'Conv1D', 'Conv2D', 'DepthwiseConv2D', 'Concatenate', 'MaxPooling2D', 'ApplyAlpha'].map((type) => `    ${type}:\n${auto}`).join('')}`;
}

interface Run {
  readonly model: HwModel;
  readonly fixed: Float64Array;
  readonly float: Float64Array;
}

/** Converts, checks compiled == interpreter bit for bit and the cycle simulator's outputs, returns values. */
function run(graph: Graph, ioType: IoType, count: number, seed: number, config = exactConfig(ioType)): Run {
  const { model } = convertModel(graph, parseHlsConfig(config, 'exact.yaml'));
  const input = graph.tensors.get(graph.inputs[0] ?? '')?.shape ?? [];
  const size = input.slice(1).reduce((a, b) => a * b, 1);
  const data = Float64Array.from(grid(count * size, seed, 6));
  const output = model.outputs[0]?.tensor ?? '';
  const raws = compileModel(model).run([data], count, [output]).get(output) ?? new Float64Array();
  expect(Array.from(raws), 'compiled = interpreter').toEqual((interpret(model, [data], count, [output]).get(output) ?? []).map(Number));
  const cycles = simulateCycles(model, [data], count, { ioType, engine: 'reference' });
  expect(Array.from(cycles.outputs.get(output) ?? []), 'cycle simulator (reference engine) outputs').toEqual(Array.from(raws));
  expect(cycles.latency.first).toBeGreaterThan(0);
  const type = model.tensors.get(output)?.type;
  if (!type) throw new Error(`no type for ${output}`);
  const float = runFloat(graph, [{ shape: [count, ...input.slice(1)], data }])[0]?.data ?? new Float64Array();
  return { model, fixed: rawsToValues(raws, type), float };
}

/** A U-Net-like channels-last QONNX block: depthwise + pointwise conv, two branches concatenated, max pool, Resize back up, skip Concat. */
function unetBlock(): Graph {
  const b = new GraphBuilder('unet-block', { opset: 13, domains: { [QONNX]: 1, [CHANNELS_LAST]: 1 } });
  const x = quant(b, b.input('x', [null, 8, 8, 4]), 8, 6, 'q_in');
  const dw = b.node('Conv', [x, weight(b, 'w_dw', [4, 3, 3, 1], 1)], { group: 4, kernel_shape: [3, 3], pads: [1, 1, 1, 1] }, { domain: CHANNELS_LAST, name: 'depthwise' });
  const pw = b.node('Conv', [quant(b, dw, 10, 6, 'q_dw'), weight(b, 'w_pw', [6, 1, 1, 4], 2), weight(b, 'b_pw', [6], 3)], { kernel_shape: [1, 1] }, { domain: CHANNELS_LAST, name: 'pointwise' });
  const left = quant(b, b.node('Relu', [pw]), 8, 5, 'q_left');
  const right = b.node('Conv', [left, weight(b, 'w_r', [2, 3, 3, 3], 4)], { group: 2, kernel_shape: [3, 3], pads: [1, 1, 1, 1] }, { domain: CHANNELS_LAST, name: 'grouped' });
  const branches = b.node('Concat', [left, quant(b, right, 10, 5, 'q_right')], { axis: -1 });
  const pooled = b.node('MaxPool', [branches], { kernel_shape: [2, 2], strides: [2, 2] }, { domain: CHANNELS_LAST, name: 'pool' });
  const roi = b.initializer('roi', float32Tensor([0], []));
  const up = b.node('Resize', [pooled, roi, b.initializer('scales', float32Tensor([4], [1, 2, 2, 1]))], { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' });
  b.output(b.node('Concat', [up, x], { axis: -1 }), undefined);
  return importOnnx(b.toBytes(), 'unet-block.onnx');
}

describe('real-world layer forms through conversion and every simulator', () => {
  for (const ioType of ['io_parallel', 'io_stream'] as const) {
    it(`a channels-last U-Net block (depthwise, grouped, Concat of branches, Resize, skip Concat), ${ioType}: equal to float`, () => {
      const graph = unetBlock();
      const { model, fixed, float } = run(graph, ioType, 3, 7);
      // The Quants after 'auto'-result convolutions fold into them (merge_linear_activation); the input's
      // and the ReLU's (results set by the model default) stay.
      expect(model.layers.map((layer) => layer.hlsClass)).toEqual(['Quant', 'DepthwiseConv2D', 'Conv2D', 'ReLU', 'Quant', 'Conv2D', 'Concatenate', 'MaxPooling2D', 'Resize', 'Concatenate']);
      expect(model.tensors.get(model.outputs[0]?.tensor ?? '')?.shape).toEqual([8, 8, 12]);
      expect(Array.from(fixed)).toEqual(Array.from(float));
    });
  }

  it('a channels-first Upsample (PyTorch: Resize scales [1, 1, 2, 2]) between convolutions: no transposes around it, equal to float', () => {
    const b = new GraphBuilder('upsample', { opset: 13, domains: { [QONNX]: 1 } });
    const x = quant(b, b.input('x', [null, 2, 5, 3]), 8, 6, 'q_in');
    const c = quant(b, b.node('Conv', [x, weight(b, 'w1', [3, 2, 3, 3], 5)], { pads: [1, 1, 1, 1] }), 12, 6, 'q_c');
    const up = b.node('Resize', [c, '', b.initializer('scales', float32Tensor([4], [1, 1, 2, 2]))], { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' });
    b.output(b.node('Conv', [up, weight(b, 'w2', [2, 3, 1, 1], 6)]), undefined);
    const graph = importOnnx(b.toBytes(), 'upsample.onnx');
    for (const ioType of ['io_parallel', 'io_stream'] as const) {
      const { model, fixed, float } = run(graph, ioType, 2, 9);
      // The model's own layout changes at its input and output only.
      expect(model.layers.map((layer) => layer.kind)).toEqual(['activation', 'transpose', 'conv', 'resize', 'conv', 'transpose']);
      expect(Array.from(fixed)).toEqual(Array.from(float));
    }
  });

  it("Resize refuses a mapping hls4ml's resize_nearest would compute differently, and io_stream a fractional ratio", () => {
    const build = (scales: number[], mode: string, nearest: string) => {
      const b = new GraphBuilder('resize-odd', { opset: 13 });
      const x = b.input('x', [null, 4, 4, 2]);
      b.output(b.node('Resize', [x, '', b.initializer('scales', float32Tensor([4], scales))], { mode: 'nearest', coordinate_transformation_mode: mode, nearest_mode: nearest }), undefined);
      return importOnnx(b.toBytes(), 'resize-odd.onnx');
    };
    const convert = (graph: Graph, ioType: IoType) => convertModel(graph, parseHlsConfig(exactConfig(ioType), 'x.yaml')).model.layers.map((layer) => layer.kind);
    // Without a convolution nothing moves the layout: the hardware sees [4, 4, 2] as height, width, channels.
    // align_corners 4 -> 6 reads row round(1 * 3 / 5) = 1 for output row 1; the template reads (1 * 43691) >> 16 = 0.
    const corners = build([1, 1.5, 1, 1], 'align_corners', 'round_prefer_floor');
    expect(() => convert(corners, 'io_parallel')).toThrow(UnsupportedLayerError);
    expect(() => convert(corners, 'io_parallel')).toThrow(/must be hls4ml's resize_nearest .* not differ at output element 8 \(input 8, the template reads 0\)/);
    // half_pixel with whole ratios is the template's mapping: accepted in both io types.
    expect(convert(build([1, 2, 3, 1], 'half_pixel', 'round_prefer_floor'), 'io_stream')).toEqual(['resize']);
    // 1.5 x asymmetric floor: floor(j / 1.5) is the template's (j * 43691) >> 16 here, but io_stream needs whole ratios.
    const fractional = build([1, 1.5, 1, 1], 'asymmetric', 'floor');
    expect(convert(fractional, 'io_parallel')).toEqual(['resize']);
    expect(() => convert(fractional, 'io_stream')).toThrow(/io_stream Resize must scale by whole numbers/);
  });

  it('a CNTK-style per-channel bias [C, 1, 1] and a Brevitas scale [1, C, 1, 1] after channels-first convolutions become ApplyAlpha layers', () => {
    const b = new GraphBuilder('cntk', { opset: 8, domains: { [QONNX]: 1 } });
    const x = quant(b, b.input('x', [null, 1, 6, 6]), 8, 6, 'q_in');
    const c1 = b.node('Conv', [x, weight(b, 'w1', [4, 1, 3, 3], 11)], { pads: [1, 1, 1, 1] });
    const biased = b.node('Add', [c1, weight(b, 'bias', [4, 1, 1], 12, 2)]);
    const scaled = b.node('Mul', [biased, b.initializer('alpha', float32Tensor([1, 4, 1, 1], [0.5, 0.25, 2, 1]))]);
    const pooled = b.node('MaxPool', [b.node('Relu', [scaled])], { kernel_shape: [2, 2], strides: [2, 2] });
    const flat = b.node('Reshape', [pooled, b.initializer('shape', { dtype: 'int64', shape: [2], data: BigInt64Array.from([1n, 36n]) })]);
    b.output(b.node('Add', [b.node('MatMul', [flat, weight(b, 'w2', [36, 3], 13)]), weight(b, 'b2', [1, 3], 14)]), undefined);
    const graph = importOnnx(b.toBytes(), 'cntk.onnx');
    const { model, fixed, float } = run(graph, 'io_parallel', 4, 15);
    expect(model.layers.map((layer) => `${layer.kind}:${layer.hlsClass}`)).toEqual([
      'activation:Quant', 'transpose:Transpose', 'conv:Conv2D', 'batch_norm:ApplyAlpha', 'batch_norm:ApplyAlpha', 'activation:ReLU', 'pool:MaxPooling2D', 'transpose:Transpose', 'reshape:Reshape', 'dense:Dense',
    ]);
    expect(Array.from(fixed)).toEqual(Array.from(float));
  });

  it('a FINN-style MLP with MultiThreshold activations: thresholds on the input grid, equal to float', () => {
    const b = new GraphBuilder('finn-mlp', { opset: 13, domains: { [QONNX]: 1 } });
    const x = quant(b, b.input('x', [null, 6]), 8, 6, 'q_in');
    const h = b.node('MatMul', [x, weight(b, 'w1', [6, 5], 21, 0)]);
    // 3 thresholds per channel, one exactly on the accumulator grid (a tie), one above the range.
    const t1 = float32Tensor([5, 3], [-1, 0, 1, -0.5, 0.5, 40, 0, 0, 0.25, -2, 1.5, 2, 0.125, 0.75, 3]);
    const a = b.node('MultiThreshold', [h, b.initializer('t1', t1)], { out_dtype: 'UINT2', out_scale: attribute.float(1), out_bias: attribute.float(0) }, { domain: QONNX });
    const y = b.node('MatMul', [a, weight(b, 'w2', [5, 4], 22, 1)]);
    const t2 = float32Tensor([1, 3], [-0.5, 0.5, 1.5]);
    b.output(b.node('MultiThreshold', [y, b.initializer('t2', t2)], { out_dtype: 'INT2', out_scale: attribute.float(2), out_bias: attribute.float(-3) }, { domain: QONNX }), undefined);
    const graph = importOnnx(b.toBytes(), 'finn-mlp.onnx');
    for (const ioType of ['io_parallel', 'io_stream'] as const) {
      const { model, fixed, float } = run(graph, ioType, 64, 23);
      expect(model.layers.map((layer) => layer.kind)).toEqual(['activation', 'dense', 'threshold', 'dense', 'threshold']);
      // Levels -3, -1, 1, 3: the output type holds exactly those.
      expect(new Set(fixed)).toEqual(new Set([-3, -1, 1, 3].filter((level) => fixed.includes(level))));
      expect(Array.from(fixed)).toEqual(Array.from(float));
    }
  });

  it('FloatQuant (FP8 E4M3) on activations and weights with power-of-two scales: a minifloat quantizer, equal to float', () => {
    const b = new GraphBuilder('fp8', { opset: 13, domains: { [QONNX]: 1 } });
    const scalar = (name: string, value: number) => b.initializer(name, float32Tensor([], [value]));
    const fp8 = (input: string, name: string, scale: number) =>
      b.node('FloatQuant', [input, scalar(`${name}_s`, scale), scalar(`${name}_e`, 4), scalar(`${name}_m`, 3), scalar(`${name}_b`, 7), scalar(`${name}_max`, 448)], { rounding_mode: 'ROUND', saturation: 1 }, { domain: QONNX, name });
    const x = fp8(quant(b, b.input('x', [null, 5]), 16, 10, 'q_in'), 'act', 0.5);
    const w = fp8(b.initializer('w', float32Tensor([4, 5], grid(20, 31, 8, 3))), 'weight', 1);
    b.output(b.node('Gemm', [x, w], { transB: 1 }), undefined);
    const graph = importOnnx(b.toBytes(), 'fp8.onnx');
    const { model, fixed, float } = run(graph, 'io_parallel', 64, 33);
    expect(model.layers.map((layer) => layer.kind)).toEqual(['activation', 'minifloat', 'dense']);
    // E4M3 at scale 1/2: steps of 2^-10 up to 224: 19 bits with the sign.
    expect(model.tensors.get(model.layers[1]?.output ?? '')?.type).toMatchObject({ width: 19, intBits: 9 });
    expect(Array.from(fixed)).toEqual(Array.from(float));
  });

  it('BipolarQuant with a per-channel scale: binary_tanh, then ApplyAlpha by the scale', () => {
    const b = new GraphBuilder('bipolar', { opset: 13, domains: { [QONNX]: 1 } });
    const x = quant(b, b.input('x', [null, 4]), 8, 6, 'q_in');
    const h = b.node('MatMul', [x, weight(b, 'w', [4, 3], 41)]);
    b.output(b.node('BipolarQuant', [h, b.initializer('s', float32Tensor([3], [0.5, 1, 4]))], {}, { domain: QONNX }), undefined);
    const graph = importOnnx(b.toBytes(), 'bipolar.onnx');
    const { model, fixed, float } = run(graph, 'io_stream', 32, 43);
    expect(model.layers.map((layer) => `${layer.kind}:${layer.hlsClass}`)).toEqual(['activation:Quant', 'dense:Dense', 'activation:Activation', 'batch_norm:ApplyAlpha']);
    expect(Array.from(fixed)).toEqual(Array.from(float));
    expect(new Set(fixed.filter((_, i) => i % 3 === 2))).toEqual(new Set([-4, 4]));
  });

  it('a convolution over an image too large for a flat plan (one pixel repeated over the padded input) equals float', () => {
    // 34 x 34 x 8 -> 34 x 34 x 16 with a 3 x 3 kernel: 34 * 34 * 16 * 72 = 1.3M terms, above the flat limit.
    const b = new GraphBuilder('big-conv', { opset: 13, domains: { [QONNX]: 1 } });
    const x = quant(b, b.input('x', [null, 8, 34, 34]), 8, 6, 'q_in');
    b.output(b.node('Conv', [x, weight(b, 'w', [16, 8, 3, 3], 51), weight(b, 'b', [16], 52)], { pads: [1, 2, 1, 0], strides: [1, 1], dilations: [1, 2] }), undefined);
    const graph = importOnnx(b.toBytes(), 'big-conv.onnx');
    const { model } = convertModel(graph, parseHlsConfig(exactConfig('io_parallel'), 'x.yaml'));
    const size = 8 * 34 * 34;
    const data = Float64Array.from(grid(size, 53, 6));
    const output = model.outputs[0]?.tensor ?? '';
    const simulator = compileModel(model);
    expect(simulator.source).toContain('base + ');
    const raws = simulator.run([data], 1, [output]).get(output) ?? new Float64Array();
    const type = model.tensors.get(output)?.type;
    if (!type) throw new Error('no output type');
    const float = runFloat(graph, [{ shape: [1, 8, 34, 34], data }])[0]?.data ?? new Float64Array();
    expect(Array.from(rawsToValues(raws, type))).toEqual(Array.from(float));
    expect(Array.from(raws)).toEqual((interpret(model, [data], 1, [output]).get(output) ?? []).map(Number));
  });

  it("keras2onnx's BatchNormalization between perm-less Transposes converts, its note in the model's notes", () => {
    const b = new GraphBuilder('keras-bn', { opset: 7 });
    const x = b.input('x', [null, 6]);
    const h = b.node('Gemm', [x, weight(b, 'w', [6, 4], 61), weight(b, 'c', [4], 62)]);
    const parameters = ['scale', 'bias', 'mean', 'var'].map((name, i) => b.initializer(name, float32Tensor([4], i === 3 ? [0.5, 1, 2, 4] : grid(4, 63 + i, 3, 1))));
    const bn = b.node('BatchNormalization', [b.node('Transpose', [h]), ...parameters], { epsilon: attribute.float(1e-3) }, { name: 'bn' });
    b.output(b.node('Relu', [b.node('Transpose', [bn])]), undefined);
    const graph = importOnnx(b.toBytes(), 'keras-bn.onnx');
    const { model } = convertModel(graph, parseHlsConfig(exactConfig('io_parallel'), 'x.yaml'));
    expect(model.layers.map((layer) => layer.kind)).toEqual(['dense', 'activation']);
    expect(model.notes.filter((note) => note.includes('keras2onnx'))).toHaveLength(1);
    expect(model.notes[0]).toContain("node 'bn'");
  });

  it("'auto' precision through a chain of ApplyAlpha layers (Brevitas's output Sub/Div/Mul/Add) is simulated wide, not refused", () => {
    const b = new GraphBuilder('alpha-chain', { opset: 13, domains: { [QONNX]: 1 } });
    let y = b.node('MatMul', [quant(b, b.input('x', [null, 8]), 8, 6, 'q_in'), weight(b, 'w', [8, 3], 71)]);
    const constants = [0.37, 1.9, 0.81, -0.23];
    ['Sub', 'Div', 'Mul', 'Add'].forEach((op, i) => {
      y = b.node(op, [y, b.initializer(`c${i}`, float32Tensor([], [constants[i] ?? 1]))]);
    });
    b.output(y, undefined);
    const graph = importOnnx(b.toBytes(), 'alpha-chain.onnx');
    const { model } = convertModel(graph, parseHlsConfig(exactConfig('io_parallel'), 'x.yaml'));
    const output = model.outputs[0]?.tensor ?? '';
    const type = model.tensors.get(output)?.type;
    if (!type) throw new Error('no output type');
    expect(type.width).toBeGreaterThan(53);
    const simulator = compileModel(model);
    expect(simulator.path).toBe('wide');
    const data = Float64Array.from(grid(16 * 8, 73, 6));
    const values = rawsToValues(simulator.run([data], 16, [output]).get(output) ?? new Float64Array(), type);
    const float = runFloat(graph, [{ shape: [16, 8], data }])[0]?.data ?? new Float64Array();
    // The constants are quantized to fixed<16,6> scales and biases: within their rounding, not exact.
    values.forEach((value, i) => expect(Math.abs(value - (float[i] ?? 0))).toBeLessThan(0.05));
  });
});
