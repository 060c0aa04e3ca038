// Public models from the QONNX repository and model zoo (test/fixtures/SOURCES.md: commits, licences),
// each through import, float against onnxruntime-node where it runs the model (it has no QONNX ops),
// conversion in io_parallel and io_stream, the bit-accurate simulators and the cycle simulator.
// Separate vitest project: images of 128 x 128 x 64 take seconds, not milliseconds.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { importOnnx, runFloat, type Graph } from '../../models/index.js';
import { compileModel, convertModel, defaultHlsConfig, interpret, parseHlsConfig, rawsToValues, UnsupportedLayerError, type HlsConfig, type HwModel, type IoType } from '../../hls/index.js';
import { simulateCycles } from '../../sim/index.js';
import { maxAbsDifference, repoRoot, runOnnxRuntime } from '../models/helpers.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures');

function load(file: string): { graph: Graph; bytes: Uint8Array } {
  const bytes = new Uint8Array(readFileSync(path.join(fixtures, file)));
  return { graph: importOnnx(bytes, file), bytes };
}

/** Inputs on a 2^-8 grid in (-0.9, 0.9), deterministic. */
function inputs(graph: Graph, count: number): { shape: number[]; data: Float64Array } {
  const shape = [count, ...(graph.tensors.get(graph.inputs[0] ?? '')?.shape ?? []).slice(1)];
  const size = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float64Array.from({ length: size }, (_, i) => Math.round(Math.sin(i * 1.3 + 0.2) * 0.9 * 256) / 256) };
}

function withIoType(config: HlsConfig, ioType: IoType): HlsConfig {
  return { ...config, ioType };
}

interface Simulated {
  readonly model: HwModel;
  readonly values: Float64Array;
  readonly raws: Float64Array;
}

/** Converts and runs the compiled simulator; the cycle simulator must deliver the same output raws. */
function simulate(graph: Graph, config: HlsConfig, input: { shape: number[]; data: Float64Array }, engine: 'compiled' | 'reference' = 'compiled'): Simulated {
  const { model } = convertModel(graph, config);
  const count = input.shape[0] ?? 1;
  const output = model.outputs[0]?.tensor ?? '';
  const raws = compileModel(model).run([input.data], count, [output]).get(output) ?? new Float64Array();
  const cycles = simulateCycles(model, [input.data], count, { ioType: config.ioType, engine });
  expect(cycles.latency.first, `${config.ioType} latency`).toBeGreaterThan(0);
  expect(Array.from(cycles.outputs.get(output) ?? []), `${config.ioType} cycle simulator outputs`).toEqual(Array.from(raws));
  const type = model.tensors.get(output)?.type;
  if (!type) throw new Error(`no type for ${output}`);
  return { model, values: rawsToValues(raws, type), raws };
}

const wide = (precision: string): HlsConfig => parseHlsConfig(`Model:\n  Precision: ${precision}\n`, `${precision}.yaml`);

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

  for (const [file, last] of [
    ['qonnx/espcn_subpixel_quant.onnx', 'DepthToSpace'],
    ['qonnx/espcn_nn_resize_quant.onnx', 'Resize'],
  ] as const) {
    it(`${path.basename(file)} (Brevitas super-resolution, 128 x 128, ${last}): converts and simulates in both io types, near float at fixed<24,12>`, () => {
      const { graph } = load(file);
      const input = inputs(graph, 1);
      const float = runFloat(graph, [input])[0]?.data ?? new Float64Array();
      for (const ioType of ['io_parallel', 'io_stream'] as const) {
        const { model, values } = simulate(graph, withIoType(wide('fixed<24,12>'), ioType), input);
        expect(model.tensors.get(model.outputs[0]?.tensor ?? '')?.shape).toEqual([3, 256, 256]);
        if (last === 'Resize') expect(model.layers.filter((layer) => layer.kind === 'resize').map((layer) => layer.hlsClass)).toEqual(['Resize']);
        else expect(model.layers.filter((layer) => layer.kind === 'transpose').length).toBeGreaterThanOrEqual(2);
        // Brevitas's scales are not powers of two: ApplyAlpha holds them in fixed<24,12>, a relative error of
        // up to 2^-12 / scale each. Measured: 88% (subpixel) and 41% (nn_resize) of the pixels within 0.02.
        expect(maxAbsDifference(values, float)).toBeLessThan(0.2);
        const close = values.filter((value, i) => Math.abs(value - (float[i] ?? 0)) < 0.02).length;
        expect(close / values.length).toBeGreaterThan(last === 'Resize' ? 0.35 : 0.8);
      }
    });
  }

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
