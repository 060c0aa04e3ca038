// Public models from the QONNX repository and model zoo (test/fixtures/SOURCES.md: commits, licences),
// each through import, float against onnxruntime-node where it runs the model (it has no QONNX ops),
// conversion in io_parallel and io_stream, the bit-accurate simulators and the cycle simulator.
// Separate vitest project: images of 128 x 128 x 64 take seconds, not milliseconds.
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { runFloat } from '../../models/index.js';
import { convertModel, defaultHlsConfig, interpret, UnsupportedLayerError } from '../../hls/index.js';
import { maxAbsDifference, runOnnxRuntime } from '../models/helpers.js';
import { inputs, load, simulate, wide, withIoType } from './fixture-helpers.js';

describe('public QONNX models (test/fixtures)', () => {
  it('mnist-conv (the CNTK MNIST CNN): float = onnxruntime; its [C, 1, 1] bias Adds as ApplyAlpha; compiled = interpreter; cycle simulators agree', async () => {
    const { graph, bytes } = load('qonnx/mnist-conv.onnx');
    const input = inputs(graph, 4);
    const float = runFloat(graph, [input])[0]?.data ?? new Float64Array();
    const [ort] = await runOnnxRuntime(bytes, [{ shape: input.shape, data: Float32Array.from(input.data) }]);
    expect(maxAbsDifference(float, ort ?? [])).toBeLessThan(1e-5);
    for (const ioType of ['io_parallel', 'io_stream'] as const) {
      const { model, values, raws } = simulate(graph, withIoType(wide('fixed<32,16>'), ioType), input, 'reference');
      expect(model.layers.map((layer) => layer.hlsClass)).toEqual([
        'Transpose', 'Conv2D', 'ApplyAlpha', 'ReLU', 'MaxPooling2D', 'Conv2D', 'ApplyAlpha', 'ReLU', 'MaxPooling2D', 'Transpose', 'Reshape', 'Dense',
      ]);
      const output = model.outputs[0]?.tensor ?? '';
      expect(Array.from(raws)).toEqual((interpret(model, [input.data], 4, [output]).get(output) ?? []).map(Number));
      expect(maxAbsDifference(values, float)).toBeLessThan(0.01);
    }
  });

  it('residual_block_clean (Conv, MaxPool, residual Add, opset 19): float = onnxruntime, both io types simulate', async () => {
    const { graph, bytes } = load('qonnx/residual_block_clean.onnx');
    const input = inputs(graph, 1);
    const float = runFloat(graph, [input])[0]?.data ?? new Float64Array();
    const [ort] = await runOnnxRuntime(bytes, [{ shape: input.shape, data: Float32Array.from(input.data) }]);
    expect(maxAbsDifference(float, ort ?? [])).toBeLessThan(1e-4);
    for (const ioType of ['io_parallel', 'io_stream'] as const) {
      const { model, values } = simulate(graph, withIoType(wide('fixed<32,16>'), ioType), input);
      expect(model.layers.filter((layer) => layer.kind === 'add')).toHaveLength(1);
      expect(maxAbsDifference(values, float)).toBeLessThan(0.2);
    }
  });

  it('eltwise_chanlast_testcase (QONNX, power-of-two scales): the default configuration equals float exactly', () => {
    const { graph } = load('qonnx/eltwise_chanlast_testcase.onnx');
    const input = inputs(graph, 1);
    const float = runFloat(graph, [input])[0]?.data ?? new Float64Array();
    for (const ioType of ['io_parallel', 'io_stream'] as const) {
      const { values } = simulate(graph, withIoType(defaultHlsConfig(), ioType), input);
      expect(Array.from(values)).toEqual(Array.from(float));
    }
  });

  it('qonnx_act_weight_fp8 (Brevitas FP8): FloatQuant activations in hardware between ApplyAlpha layers, weights folded', () => {
    const { graph } = load('qonnx/qonnx_act_weight_fp8.onnx');
    const input = inputs(graph, 64);
    const float = runFloat(graph, [input])[0]?.data ?? new Float64Array();
    const { model, values, raws } = simulate(graph, wide('fixed<32,16>'), input, 'reference');
    expect(model.layers.map((layer) => layer.kind)).toEqual(['batch_norm', 'minifloat', 'batch_norm', 'dense']);
    const output = model.outputs[0]?.tensor ?? '';
    expect(Array.from(raws)).toEqual((interpret(model, [input.data], 64, [output]).get(output) ?? []).map(Number));
    expect(maxAbsDifference(values, float)).toBeLessThan(0.005);
  });

  it('TFC_1W1A (binary MLP): BipolarQuant activations as binary_tanh, compiled = interpreter, argmax near float', () => {
    const { graph } = load('qonnx-model-zoo/TFC_1W1A.onnx');
    const input = inputs(graph, 32);
    const float = runFloat(graph, [input])[0]?.data ?? new Float64Array();
    for (const ioType of ['io_parallel', 'io_stream'] as const) {
      const { model, values, raws } = simulate(graph, withIoType(wide('fixed<32,16>'), ioType), input, 'reference');
      expect(model.layers.filter((layer) => layer.kind === 'activation' && layer.activation.kind === 'binary_tanh')).toHaveLength(4);
      const output = model.outputs[0]?.tensor ?? '';
      expect(Array.from(raws)).toEqual((interpret(model, [input.data], 32, [output]).get(output) ?? []).map(Number));
      const argmax = (data: Float64Array, s: number) => {
        const row = Array.from(data.subarray(s * 10, (s + 1) * 10));
        return row.indexOf(Math.max(...row));
      };
      const agree = Array.from({ length: 32 }, (_, s) => argmax(values, s) === argmax(float, s)).filter(Boolean).length;
      // These inputs are not digits: many BatchNormalization outputs sit near 0, where a binary sign flips
      // on the fixed<32,16> rounding. Measured: 26 of 32.
      expect(agree).toBeGreaterThanOrEqual(24);
    }
  });

  it('sdp (attention over a first axis that is not a batch): float = onnxruntime; conversion says why it cannot be a dataflow', async () => {
    const { graph, bytes } = load('qonnx/sdp.onnx');
    expect(graph.fixedFirst).toBe(true);
    const shapes = graph.inputs.map((name) => graph.tensors.get(name)?.shape ?? []);
    expect(shapes).toEqual([[64, 1, 128], [64, 1, 128], [64, 1, 128]]);
    const batch = shapes.map((shape, k) => ({ shape: [1, ...shape], data: Float64Array.from({ length: 8192 }, (_, i) => Math.sin(i * 0.37 + k)) }));
    const float = runFloat(graph, batch)[0]?.data ?? new Float64Array();
    // The declared shapes as they are (runOnnxRuntime would make the first axis a batch).
    const session = await ort.InferenceSession.create(bytes, { logSeverityLevel: 3 });
    const feeds = Object.fromEntries(session.inputNames.map((name, k) => [name, new ort.Tensor('float32', Float32Array.from(batch[k]?.data ?? []), [64, 1, 128])]));
    const results = await session.run(feeds);
    await session.release();
    expect(maxAbsDifference(float, results[session.outputNames[0] ?? '']?.data as Float32Array)).toBeLessThan(1e-5);
    expect(() => convertModel(graph, defaultHlsConfig())).toThrow(UnsupportedLayerError);
    expect(() => convertModel(graph, defaultHlsConfig())).toThrow(/first dimension must be a batch/);
  });
});
