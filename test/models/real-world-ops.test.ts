// Ops from real-world exports (PyTorch Upsample, DepthToSpace, QONNX channels-last, keras2onnx, CNTK,
// Brevitas, FINN MultiThreshold, QONNX FloatQuant, a sequence-first attention block): built with
// models/onnx-writer and checked against onnxruntime-node, or against hand-derived values where
// onnxruntime cannot run the op.
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { importOnnx, runFloat, UnsupportedAttributeError } from '../../models/index.js';
import type { Graph, NpyArray } from '../../models/index.js';
import { attribute, float32Tensor, GraphBuilder, int64Tensor } from '../../models/onnx-writer/index.js';
import { maxAbsDifference, runOnnxRuntime, uniform } from './helpers.js';

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function weights(shape: number[], seed: number): NpyArray {
  return float32Tensor(shape, uniform(size(shape), seed));
}

/** Positive variances for BatchNormalization. */
function variances(count: number, seed: number): NpyArray {
  return float32Tensor([count], uniform(count, seed).map((v) => 1.25 + v));
}

const kindsOf = (graph: Graph): string => graph.layers.map((layer) => layer.kind).join(' ');

/** runFloat of `ours` against onnxruntime on `theirs` (the same model unless given), random inputs. */
async function compare(ours: GraphBuilder, inputShape: number[], theirs: GraphBuilder = ours, count = 3): Promise<{ error: number; graph: Graph }> {
  const graph = importOnnx(ours.toBytes(), `${ours.name}.onnx`);
  const shape = [count, ...inputShape];
  const x = uniform(size(shape), 3, 2);
  const [result] = runFloat(graph, [{ shape, data: Float64Array.from(x) }]);
  const [reference] = await runOnnxRuntime(theirs.toBytes(), [{ shape, data: x }]);
  return { error: maxAbsDifference(result?.data ?? [], reference ?? []), graph };
}

/** One-input model: x [N, ...shape] -> body -> output. */
function model(name: string, shape: number[], body: (b: GraphBuilder, x: string) => string, options: ConstructorParameters<typeof GraphBuilder>[1] = {}): GraphBuilder {
  const b = new GraphBuilder(name, { opset: 13, ...options });
  b.output(body(b, b.input('x', [null, ...shape])), undefined);
  return b;
}

describe('Resize and Upsample (nearest) against onnxruntime', () => {
  it('opset 13 scales [1,1,2,2], asymmetric + floor (PyTorch Upsample), between two Convs: the transpose moves below the Resize and cancels', async () => {
    const b = model('upsample-conv', [3, 4, 5], (b, x) => {
      const c = b.node('Conv', [x, b.initializer('w1', weights([4, 3, 3, 3], 1)), b.initializer('b1', weights([4], 2))], { pads: [1, 1, 1, 1] });
      const r = b.node('Resize', [c, '', b.initializer('scales', float32Tensor([4], [1, 1, 2, 2]))], { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' });
      return b.node('Conv', [r, b.initializer('w2', weights([2, 4, 3, 3], 3))]);
    });
    const { error, graph } = await compare(b, [3, 4, 5]);
    expect(kindsOf(graph)).toBe('transpose conv resize conv transpose');
    const resize = graph.layers.find((layer) => layer.kind === 'resize');
    // Channels-last inside: [1, H, W, C] scaled on H and W.
    expect(resize?.kind === 'resize' && { sizes: resize.sizes, scales: resize.scales }).toEqual({ sizes: [1, 8, 10, 4], scales: [1, 2, 2, 1] });
    expect(error).toBeLessThan(1e-5);
  });

  it('opset 13 Resize straight after the input, then a Conv', async () => {
    const b = model('resize-input', [3, 4, 5], (b, x) => {
      const r = b.node('Resize', [x, '', b.initializer('scales', float32Tensor([4], [1, 1, 2, 2]))], { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' });
      return b.node('Conv', [r, b.initializer('w', weights([2, 3, 3, 3], 4))], { pads: [1, 1, 1, 1] });
    });
    const { error, graph } = await compare(b, [3, 4, 5]);
    // Transposes only move down, so the input's Resize runs channels-first and the Conv's transpose stays after it.
    expect(kindsOf(graph)).toBe('resize transpose conv transpose');
    expect(error).toBeLessThan(1e-5);
  });

  // Ties and non-integer scales make most cases tell their modes from the others (checked on onnxruntime's outputs for other modes).
  const scales = (values: number[]) => (b: GraphBuilder) => ['', b.initializer('scales', float32Tensor([4], values))];
  const legacyScales = (values: number[]) => (b: GraphBuilder) => [b.initializer('scales', float32Tensor([4], values))];
  const cases: { name: string; shape: number[]; inputs: (b: GraphBuilder) => string[]; attributes: Record<string, string>; opset?: number; op?: string; out: number[] }[] = [
    { name: 'half_pixel + round_prefer_floor, scales [1,1,3,2]', shape: [3, 4, 5], inputs: scales([1, 1, 3, 2]), attributes: { coordinate_transformation_mode: 'half_pixel', nearest_mode: 'round_prefer_floor' }, out: [3, 12, 10] },
    // Scale 2.5 puts outputs 2 and 7 exactly halfway between two inputs: round_prefer_floor takes the lower.
    { name: 'half_pixel + round_prefer_floor at ties, scales [1,1,2.5,1.5]', shape: [3, 4, 4], inputs: scales([1, 1, 2.5, 1.5]), attributes: { coordinate_transformation_mode: 'half_pixel', nearest_mode: 'round_prefer_floor' }, out: [3, 10, 6] },
    {
      name: 'align_corners + round_prefer_ceil with sizes (roi and scales omitted)',
      shape: [3, 4, 5],
      inputs: (b) => ['', '', b.initializer('sizes', int64Tensor([4], [1, 3, 7, 9]))],
      attributes: { coordinate_transformation_mode: 'align_corners', nearest_mode: 'round_prefer_ceil' },
      out: [3, 7, 9],
    },
    { name: 'downscale [1,1,0.5,0.5], default modes', shape: [3, 4, 5], inputs: scales([1, 1, 0.5, 0.5]), attributes: {}, out: [3, 2, 2] },
    { name: 'downscale [1,1,0.75,0.6], default modes', shape: [3, 8, 10], inputs: scales([1, 1, 0.75, 0.6]), attributes: {}, out: [3, 6, 6] },
    // ONNX shape inference and onnxruntime take floor of the float32 product: 5 * 2.6f rounds to 13.
    { name: 'output size floor(float32(5 * 2.6f)) = 13, scales [1,1,1,2.6]', shape: [2, 3, 5], inputs: scales([1, 1, 1, 2.6]), attributes: {}, out: [2, 3, 13] },
    // Opset 10 and Upsample: asymmetric, truncating when upsampling and ceiling when downsampling (onnxruntime).
    { name: 'opset 10 Resize (X, scales) [1,1,1.75,2.5]', shape: [2, 4, 5], inputs: legacyScales([1, 1, 1.75, 2.5]), attributes: { mode: 'nearest' }, opset: 10, out: [2, 7, 12] },
    { name: 'opset 10 Resize downscale [1,1,0.5,0.75]', shape: [2, 4, 4], inputs: legacyScales([1, 1, 0.5, 0.75]), attributes: { mode: 'nearest' }, opset: 10, out: [2, 2, 3] },
    { name: 'opset 9 Upsample (X, scales) [1,1,1.75,2.5]', shape: [2, 4, 5], inputs: legacyScales([1, 1, 1.75, 2.5]), attributes: { mode: 'nearest' }, opset: 9, op: 'Upsample', out: [2, 7, 12] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const b = model('resize', c.shape, (b, x) => b.node(c.op ?? 'Resize', [x, ...c.inputs(b)], { mode: 'nearest', ...c.attributes }), { opset: c.opset ?? 13 });
      const { error, graph } = await compare(b, c.shape);
      expect(kindsOf(graph)).toBe('resize');
      expect(graph.tensors.get(graph.outputs[0]?.tensor ?? '')?.shape).toEqual([1, ...c.out]);
      // A copy of input values: exact.
      expect(error).toBe(0);
    });
  }

  it("mode 'linear' is an UnsupportedAttributeError naming the node", () => {
    const b = model('linear', [3, 4, 5], (b, x) => b.node('Resize', [x, '', b.initializer('scales', float32Tensor([4], [1, 1, 2, 2]))], { mode: 'linear' }, { name: 'up1' }));
    const bytes = b.toBytes();
    expect(() => importOnnx(bytes, 'linear.onnx')).toThrow(UnsupportedAttributeError);
    expect(() => importOnnx(bytes, 'linear.onnx')).toThrow("linear.onnx: node 'up1' (Resize): attribute mode must be 'nearest' (the mode hls4ml implements), not 'linear'");
  });
});

describe('DepthToSpace / SpaceToDepth against onnxruntime', () => {
  for (const mode of ['DCR', 'CRD']) {
    it(`DepthToSpace ${mode}, blocksize 2, [N,8,3,4] -> [N,2,6,8]`, async () => {
      const b = model(`d2s-${mode}`, [8, 3, 4], (b, x) => b.node('DepthToSpace', [x], { blocksize: 2, mode }));
      const { error, graph } = await compare(b, [8, 3, 4]);
      expect(kindsOf(graph)).toBe('reshape transpose reshape');
      expect(graph.tensors.get(graph.outputs[0]?.tensor ?? '')?.shape).toEqual([1, 2, 6, 8]);
      expect(error).toBe(0);
    });
  }

  it('SpaceToDepth, blocksize 2, [N,2,4,6] -> [N,8,2,3]', async () => {
    const b = model('s2d', [2, 4, 6], (b, x) => b.node('SpaceToDepth', [x], { blocksize: 2 }));
    const { error, graph } = await compare(b, [2, 4, 6]);
    expect(kindsOf(graph)).toBe('reshape transpose reshape');
    expect(graph.tensors.get(graph.outputs[0]?.tensor ?? '')?.shape).toEqual([1, 8, 2, 3]);
    expect(error).toBe(0);
  });
});

/** [M, kh, kw, C/group] -> [M, C/group, kh, kw]: a channels-last weight as standard Conv wants it. */
function weightsChannelsFirst(w: NpyArray): NpyArray {
  const [m = 1, kh = 1, kw = 1, c = 1] = w.shape;
  const out = new Float32Array(size(w.shape));
  for (let o = 0; o < m; o++)
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++) for (let k = 0; k < c; k++) out[((o * c + k) * kh + i) * kw + j] = Number(w.data[((o * kh + i) * kw + j) * c + k]);
  return float32Tensor([m, c, kh, kw], out);
}

describe('QONNX channels-last domain', () => {
  it('Conv (plain, depthwise, group 2), MaxPool, BatchNormalization in qonnx.custom_op.channels_last equal the standard ops between Transposes', async () => {
    const domain = 'qonnx.custom_op.channels_last';
    const w1 = weights([8, 3, 3, 4], 1);
    const w2 = weights([8, 3, 3, 1], 2);
    const w3 = weights([6, 2, 2, 4], 3);
    const bn = (b: GraphBuilder): string[] => [b.initializer('s', weights([6], 4)), b.initializer('o', weights([6], 5)), b.initializer('mu', weights([6], 6)), b.initializer('var', variances(6, 7))];
    // NHWC [N, 6, 6, 4] -> conv 3x3 pad 1 [.., 8] -> depthwise 3x3 pad 1 [.., 8] -> group-2 2x2 [5, 5, 6] -> pool 2x2 [2, 2, 6] -> BN.
    const body = (b: GraphBuilder, x: string, last: boolean): string => {
      const options = last ? { domain } : {};
      const w = (name: string, array: NpyArray): string => b.initializer(name, last ? array : weightsChannelsFirst(array));
      let y = last ? x : b.node('Transpose', [x], { perm: [0, 3, 1, 2] });
      y = b.node('Conv', [y, w('w1', w1), b.initializer('b1', weights([8], 8))], { pads: [1, 1, 1, 1] }, options);
      y = b.node('Conv', [y, w('w2', w2)], { pads: [1, 1, 1, 1], group: 8, kernel_shape: [3, 3] }, options);
      y = b.node('Conv', [y, w('w3', w3), b.initializer('b3', weights([6], 9))], { group: 2 }, options);
      y = b.node('MaxPool', [y], { kernel_shape: [2, 2], strides: [2, 2] }, options);
      y = b.node('BatchNormalization', [y, ...bn(b)], { epsilon: attribute.float(1e-3) }, options);
      return last ? y : b.node('Transpose', [y], { perm: [0, 2, 3, 1] });
    };
    const channelsLast = model('channels-last', [6, 6, 4], (b, x) => body(b, x, true), { domains: { [domain]: 1 } });
    const standard = model('standard', [6, 6, 4], (b, x) => body(b, x, false));
    const { error, graph } = await compare(channelsLast, [6, 6, 4], standard);
    // The weight transposes fold into constants; X needs none.
    expect(kindsOf(graph)).toBe('conv conv conv pool batch_normalization');
    expect(graph.tensors.get(graph.outputs[0]?.tensor ?? '')?.shape).toEqual([1, 2, 2, 6]);
    expect(error).toBeLessThan(1e-5);
  });
});

describe("keras2onnx's BatchNormalization between perm-less Transposes", () => {
  it('reads [C, 1] per feature with one note, no transposes left, equal to BatchNormalization on the Gemm output', async () => {
    const body = (b: GraphBuilder, x: string, keras: boolean): string => {
      const d = b.node('Gemm', [x, b.initializer('w', weights([16, 8], 1)), b.initializer('c', weights([8], 2))]);
      const parameters = [b.initializer('s', weights([8], 3)), b.initializer('o', weights([8], 4)), b.initializer('mu', weights([8], 5)), b.initializer('var', variances(8, 6))];
      const bn = keras ? b.node('Transpose', [b.node('BatchNormalization', [b.node('Transpose', [d]), ...parameters], {}, { name: 'bn_dense' })]) : b.node('BatchNormalization', [d, ...parameters]);
      return b.node('Relu', [bn]);
    };
    const keras = model('keras', [16], (b, x) => body(b, x, true));
    const valid = model('valid', [16], (b, x) => body(b, x, false));
    const { error, graph } = await compare(keras, [16], valid);
    expect(kindsOf(graph)).toBe('gemm batch_normalization activation');
    expect(graph.notes).toHaveLength(1);
    expect(graph.notes?.[0]).toContain("node 'bn_dense' (BatchNormalization)");
    expect(graph.notes?.[0]).toContain('keras2onnx');
    expect(error).toBeLessThan(1e-5);
  });
});

describe('channels-first constants after Conv (CNTK, Brevitas)', () => {
  /** The constant input of each binary layer, by shape. */
  const binaryConstantShapes = (graph: Graph): number[][] =>
    graph.layers.filter((layer) => layer.kind === 'binary').map((layer) => [...(layer.inputs.map((name) => graph.tensors.get(name)).find((tensor) => tensor?.value)?.shape ?? [])]);

  it('CNTK MNIST: Conv -> Add [C,1,1] -> Relu -> MaxPool twice, Reshape [1, C*h*w], MatMul, Add [1,10]', async () => {
    const b = model('cntk', [1, 8, 8], (b, x) => {
      let y = b.node('Conv', [x, b.initializer('w1', weights([4, 1, 3, 3], 1))], { pads: [1, 1, 1, 1] });
      y = b.node('MaxPool', [b.node('Relu', [b.node('Add', [y, b.initializer('b1', weights([4, 1, 1], 2))])])], { kernel_shape: [2, 2], strides: [2, 2] });
      y = b.node('Conv', [y, b.initializer('w2', weights([6, 4, 3, 3], 3))], { pads: [1, 1, 1, 1] });
      y = b.node('MaxPool', [b.node('Relu', [b.node('Add', [y, b.initializer('b2', weights([6, 1, 1], 4))])])], { kernel_shape: [2, 2], strides: [2, 2] });
      y = b.node('Reshape', [y, b.initializer('shape', int64Tensor([2], [1, 24]))]);
      return b.node('Add', [b.node('MatMul', [y, b.initializer('w3', weights([24, 10], 5))]), b.initializer('b3', weights([1, 10], 6))]);
    });
    const { error, graph } = await compare(b, [1, 8, 8]);
    expect(kindsOf(graph)).toBe('transpose conv binary activation pool conv binary activation pool transpose reshape matmul binary');
    expect(binaryConstantShapes(graph)).toEqual([
      [1, 1, 1, 4],
      [1, 1, 1, 6],
      [1, 10],
    ]);
    expect(error).toBeLessThan(1e-5);
  });

  it('Brevitas: Conv -> Mul [1,C,1,1] -> Relu', async () => {
    const b = model('brevitas', [3, 5, 5], (b, x) => {
      const c = b.node('Conv', [x, b.initializer('w', weights([4, 3, 3, 3], 1)), b.initializer('b', weights([4], 2))]);
      return b.node('Relu', [b.node('Mul', [c, b.initializer('k', weights([1, 4, 1, 1], 3))])]);
    });
    const { error, graph } = await compare(b, [3, 5, 5]);
    expect(kindsOf(graph)).toBe('transpose conv binary activation transpose');
    expect(binaryConstantShapes(graph)).toEqual([[1, 1, 1, 4]]);
    expect(error).toBeLessThan(1e-5);
  });
});

describe('MultiThreshold (hand-derived)', () => {
  const general = 'qonnx.custom_op.general';
  function threshold(shape: number[], thresholds: NpyArray, attributes: Record<string, string | number | ReturnType<typeof attribute.float>>): Graph {
    const b = model('mt', shape, (b, x) => b.node('MultiThreshold', [x, b.initializer('t', thresholds)], { out_dtype: 'UINT2', ...attributes }, { domain: general }), { domains: { [general]: 1 } });
    return importOnnx(b.toBytes(), 'mt.onnx');
  }
  const run = (graph: Graph, shape: number[], data: number[]): number[] => Array.from(runFloat(graph, [{ shape, data: Float64Array.from(data) }])[0]?.data ?? []);

  it('per-channel thresholds on [N, 3]: x >= t counts, equal thresholds count twice', () => {
    const graph = threshold([3], float32Tensor([3, 3], [0, 1, 2, -1, 0, 1, 0.5, 0.5, 3]), { out_scale: attribute.float(1), out_bias: attribute.float(0) });
    expect(kindsOf(graph)).toBe('multithreshold');
    // Channel thresholds: [0, 1, 2], [-1, 0, 1], [0.5, 0.5, 3].
    const x = [0, 0, 0.5, -0.5, 1, 0.49, 2, -1, 3, 1.5, -1.5, 10];
    // Sample 0: 0 >= 0 -> 1; 0 >= -1, 0 -> 2; 0.5 >= 0.5 twice -> 2. Sample 1: 0; 3; 0.49 < 0.5 -> 0.
    // Sample 2: 3 (ties at 2); -1 >= -1 -> 1; 3 >= 3 -> 3. Sample 3: 2; 0; 3.
    expect(run(graph, [4, 3], x)).toEqual([1, 2, 2, 0, 3, 0, 3, 1, 3, 2, 0, 3]);
  });

  it('one shared threshold row [1, T] with out_scale 2 and out_bias -3', () => {
    const graph = threshold([3], float32Tensor([1, 3], [-1, 0, 1]), { out_scale: attribute.float(2), out_bias: attribute.float(-3) });
    // Counts against [-1, 0, 1]: -2 -> 0, -1 -> 1, 0.5 -> 2, 1 -> 3, 7 -> 3, 0 -> 2; then 2 * count - 3.
    expect(run(graph, [2, 3], [-2, -1, 0.5, 1, 7, 0])).toEqual([-3, -1, 1, 3, 3, 1]);
  });

  // Thresholds channel 0: [0, 1], channel 1: [-1, 2]; one sample of 8 values, in memory order.
  const thresholds = float32Tensor([2, 2], [0, 1, -1, 2]);
  const sample = [-1, 0, 0.5, 1, -1, 0, 2, 3];

  it('NCHW [N, 2, 2, 2]: channels on axis 1', () => {
    const graph = threshold([2, 2, 2], thresholds, {});
    expect(kindsOf(graph)).toBe('transpose multithreshold transpose');
    // Channel 0 is [-1, 0, 0.5, 1] -> [0, 1, 1, 2]; channel 1 is [-1, 0, 2, 3] -> [1, 1, 2, 2].
    expect(run(graph, [1, 2, 2, 2], sample)).toEqual([0, 1, 1, 2, 1, 1, 2, 2]);
  });

  it("data_layout 'NHWC' [N, 2, 2, 2]: channels on the last axis", () => {
    const graph = threshold([2, 2, 2], thresholds, { data_layout: 'NHWC' });
    expect(kindsOf(graph)).toBe('multithreshold');
    // Even positions are channel 0 (-1, 0.5, -1, 2 -> 0, 1, 0, 2), odd ones channel 1 (0, 1, 0, 3 -> 1, 1, 1, 2).
    expect(run(graph, [1, 2, 2, 2], sample)).toEqual([0, 1, 1, 1, 0, 1, 2, 2]);
  });
});

describe('FloatQuant (hand-derived, FP8 E4M3: 4 exponent bits, 3 mantissa bits, bias 7, max_val 448)', () => {
  const general = 'qonnx.custom_op.general';
  function quantize(scale: number, x: number[]): number[] {
    const b = model(
      'fq',
      [x.length],
      (b, input) => {
        const scalar = (name: string, value: number): string => b.initializer(name, float32Tensor([], [value]));
        const inputs = [input, scalar('scale', scale), scalar('e', 4), scalar('m', 3), scalar('bias', 7), scalar('max', 448)];
        return b.node('FloatQuant', inputs, { rounding_mode: 'ROUND', saturation: 1 }, { domain: general });
      },
      { domains: { [general]: 1 } },
    );
    const graph = importOnnx(b.toBytes(), 'fq.onnx');
    expect(kindsOf(graph)).toBe('float_quant');
    return Array.from(runFloat(graph, [{ shape: [1, x.length], data: Float64Array.from(x) }])[0]?.data ?? []);
  }

  it('scale 1: normals, clamping, zero, subnormals, ties to even', () => {
    // Each value v: e = max(floor(log2 |v|), 1 - 7) and v rounded to a multiple of 2^(e - 3), clamped to +-448.
    // 0.3: e = -2, 0.3 * 32 = 9.6 -> 10 -> 0.3125.          -0.3 -> -0.3125.
    // 1000: e = 9, 1000 / 64 = 15.625 -> 16 -> 1024 -> 448.  -1000 -> -448.   0 -> 0.
    // 460: e = 8, 460 / 32 = 14.375 -> 14 -> 448.           470: 14.6875 -> 15 -> 480 -> 448.
    // 300: e = 8, 300 / 32 = 9.375 -> 9 -> 288.
    // 0.001 (subnormal grid 2^-9): 0.512 -> 1 -> 0.001953125.   3 * 2^-10: 1.5 -> 2 (even) -> 2^-8.
    // 1.0625: e = 0, 8.5 -> 8 (even) -> 1.                    1.1875: 9.5 -> 10 (even) -> 1.25.
    const x = [0.3, -0.3, 1000, -1000, 0, 460, 470, 300, 0.001, 3 * 2 ** -10, 1.0625, 1.1875];
    expect(quantize(1, x)).toEqual([0.3125, -0.3125, 448, -448, 0, 448, 448, 288, 0.001953125, 0.00390625, 1, 1.25]);
  });

  it('scale 0.5: quantized and clamped in x / scale, then times 0.5', () => {
    // 300 / 0.5 = 600 -> 448 -> 224 (288 at scale 1).  0.001 / 0.5 = 0.002: 0.002 * 512 = 1.024 -> 1 -> 2^-9 * 0.5 = 2^-10.
    // 0.3 / 0.5 = 0.6: e = -1, 0.6 * 16 = 9.6 -> 10 -> 0.625 -> 0.3125.  1.1875 / 0.5 = 2.375: e = 1, 2.375 * 4 = 9.5 -> 10 -> 2.5 -> 1.25.
    expect(quantize(0.5, [300, 0.001, 0.3, 1.1875])).toEqual([224, 2 ** -10, 0.3125, 1.25]);
  });
});

describe('models whose first axis is not a batch', () => {
  /** x [4, 1, 8] -> Reshape [4, 1, 2, 4] -> Transpose [1, 2, 0, 3] -> Softmax -> Transpose back -> Reshape [4, 1, 8]. */
  function sequenceFirst(): GraphBuilder {
    const b = new GraphBuilder('sequence-first', { opset: 13 });
    const x = b.input('x', [4, 1, 8]);
    const heads = b.node('Transpose', [b.node('Reshape', [x, b.initializer('split', int64Tensor([4], [4, 1, 2, 4]))])], { perm: [1, 2, 0, 3] });
    const back = b.node('Transpose', [b.node('Softmax', [heads])], { perm: [2, 0, 1, 3] });
    b.output(b.node('Reshape', [back, b.initializer('merge', int64Tensor([3], [4, 1, 8]))]), [4, 1, 8]);
    return b;
  }

  it('is imported with its declared shapes (fixedFirst, with a note) and runs as one sample [1, 4, 1, 8] like onnxruntime on [4, 1, 8]', async () => {
    const b = sequenceFirst();
    const graph = importOnnx(b.toBytes(), 'seq.onnx');
    expect(graph.fixedFirst).toBe(true);
    expect(graph.notes).toEqual(['seq.onnx: the first dimension of the inputs is not a batch (the batch-1 import fails); kept as declared, one sample is the whole tensor']);
    expect(graph.tensors.get('x')?.shape).toEqual([4, 1, 8]);
    const x = uniform(32, 5, 3);
    const [ours] = runFloat(graph, [{ shape: [1, 4, 1, 8], data: Float64Array.from(x) }]);
    expect(ours?.shape).toEqual([1, 4, 1, 8]);
    // helpers' runOnnxRuntime makes the first axis symbolic; this model needs it as declared.
    const session = await ort.InferenceSession.create(b.toBytes(), { logSeverityLevel: 3 });
    try {
      const results = await session.run({ x: new ort.Tensor('float32', x, [4, 1, 8]) });
      const theirs = results[session.outputNames[0] ?? '']?.data as Float32Array;
      expect(maxAbsDifference(ours?.data ?? [], theirs)).toBeLessThan(1e-5);
    } finally {
      await session.release();
    }
  });

  it('a model with fixed but batch-like first dimensions imports as batch 1 (fixedFirst undefined, no note)', () => {
    const b = new GraphBuilder('batch-like', { opset: 13 });
    const x = b.input('x', [4, 8]);
    const y = b.node('Reshape', [b.node('Relu', [x]), b.initializer('shape', int64Tensor([3], [-1, 2, 4]))]);
    b.output(b.node('Softmax', [y]), [4, 2, 4]);
    const graph = importOnnx(b.toBytes(), 'batch.onnx');
    expect(graph.fixedFirst).toBeUndefined();
    expect(graph.notes).toEqual([]);
    expect(graph.tensors.get('x')?.shape).toEqual([1, 8]);
    expect(kindsOf(graph)).toBe('activation reshape softmax');
  });
});
