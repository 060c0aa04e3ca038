// `ngt predict --float --trace`: the float model's per-layer trace under the fixed-point trace's file
// names, so that the two diff layer by layer.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTestInputsPath, readNpy, writeNpy } from '../../models/index.js';
import { float32Tensor, GraphBuilder } from '../../models/onnx-writer/index.js';
import { examplesDir, maxAbsDifference } from '../models/helpers.js';
import { runCli } from './run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'ngt-predict-trace-'));
const values = (file: string) => readNpy(file).data as Float64Array;

function predict(...args: string[]): string {
  const { status, stderr } = runCli(['predict', ...args]);
  expect(status, stderr).toBe(0);
  return stderr;
}

describe('ngt predict --float --trace', () => {
  it('traces the jet tagger under the fixed trace’s layer names, close to the fixed values, ending in the --float output', () => {
    const samples = 32;
    const all = readNpy(defaultTestInputsPath());
    const input = path.join(work, 'jets.npy');
    writeNpy(input, { dtype: 'float32', shape: [samples, 16], data: (all.data as Float32Array).slice(0, samples * 16) });
    const model = path.join(examplesDir, 'jet-tagger.onnx');
    // fixed<16,6> with rounding (AP_TRN's truncation bias grows to ~0.2 by the third Dense) and the
    // softmax's exp sum addressing 1/x in steps of 1/64 (hls4ml's default inv_inp_t ap_fixed<18,8>
    // steps by 1/4, which moves probabilities by up to 0.2): every layer then tracks float to ~0.03.
    const config = path.join(work, 'close.yaml');
    writeFileSync(config, 'Model:\n  Precision: fixed<16,6,RND,SAT>\nLayerType:\n  Softmax:\n    inv_inp_t: fixed<18,4,RND,SAT>\n');
    const floatTrace = path.join(work, 'float-trace');
    const fixedTrace = path.join(work, 'fixed-trace');
    predict(model, '--input', input, '--float', '--trace', floatTrace, '--output', path.join(work, 'float-traced.npy'));
    predict(model, '--input', input, '--config', config, '--trace', fixedTrace, '--output', path.join(work, 'fixed.npy'));
    predict(model, '--input', input, '--float', '--output', path.join(work, 'float.npy'));

    const layers = ['dense_1', 'relu_1', 'dense_2', 'relu_2', 'dense_3', 'relu_3', 'dense_4', 'softmax'];
    expect(readdirSync(floatTrace).sort()).toEqual(layers.map((layer) => `${layer}.npy`).sort());
    expect(readdirSync(fixedTrace).sort()).toEqual(readdirSync(floatTrace).sort());
    const differences = layers.map((layer) => {
      const float = readNpy(path.join(floatTrace, `${layer}.npy`));
      const fixed = readNpy(path.join(fixedTrace, `${layer}.npy`));
      expect(float.shape, layer).toEqual(fixed.shape);
      expect(float.shape[0], layer).toBe(samples);
      return maxAbsDifference(float.data as Float64Array, fixed.data as Float64Array);
    });
    for (const [index, difference] of differences.entries()) expect(difference, layers[index]).toBeLessThan(0.1);
    // The traces are of two different runs: fixed point moves every layer a little.
    for (const [index, difference] of differences.entries()) expect(difference, layers[index]).toBeGreaterThan(1e-4);
    // A relu layer holds the clamped dense values: mixing files up would show.
    const dense = values(path.join(floatTrace, 'dense_1.npy'));
    expect(Array.from(values(path.join(floatTrace, 'relu_1.npy')))).toEqual(Array.from(dense, (value) => Math.max(0, value)));
    expect(dense.some((value) => value < -0.5)).toBe(true);
    // The last layer is the model output, bit for bit what --float writes.
    expect(Array.from(values(path.join(floatTrace, 'softmax.npy')))).toEqual(Array.from(values(path.join(work, 'float.npy'))));
    expect(Array.from(values(path.join(work, 'float-traced.npy')))).toEqual(Array.from(values(path.join(work, 'float.npy'))));
  });

  it('names a fused Dense by its hardware layer and puts ONNX nodes no hardware layer outputs under onnx/', () => {
    // MatMul 'fc' + Add 'bias' become one Dense named 'fc' that outputs the Add's tensor.
    const weights = [0.5, -1, 0.25, 2, -0.75, 1.5];
    const biases = [0.125, -0.5];
    const b = new GraphBuilder('fused');
    const product = b.node('MatMul', [b.input('x', [null, 3]), b.initializer('w', float32Tensor([3, 2], weights))], {}, { name: 'fc' });
    const sum = b.node('Add', [product, b.initializer('b', float32Tensor([2], biases))], {}, { name: 'bias' });
    b.output(b.node('Relu', [sum], {}, { name: 'relu' }), [null, 2]);
    const model = path.join(work, 'fused.onnx');
    writeFileSync(model, b.toBytes());
    const x = [1, 2, 3, -1, 0.5, 0.25];
    const input = path.join(work, 'fused-x.npy');
    writeNpy(input, { dtype: 'float64', shape: [2, 3], data: Float64Array.from(x) });
    const floatTrace = path.join(work, 'fused-float');
    const fixedTrace = path.join(work, 'fused-fixed');
    predict(model, '--input', input, '--float', '--trace', floatTrace, '--output', path.join(work, 'fused-float.npy'));
    predict(model, '--input', input, '--trace', fixedTrace, '--output', path.join(work, 'fused-fixed.npy'));

    expect(readdirSync(fixedTrace).sort()).toEqual(['fc.npy', 'relu.npy']);
    expect(readdirSync(floatTrace).sort()).toEqual(['fc.npy', 'onnx', 'relu.npy']);
    expect(readdirSync(path.join(floatTrace, 'onnx'))).toEqual(['fc.npy']);
    const matmul = Array.from({ length: 4 }, (_, index) => {
      const [sample, j] = [Math.floor(index / 2), index % 2];
      return [0, 1, 2].reduce((total, i) => total + (x[sample * 3 + i] ?? 0) * (weights[i * 2 + j] ?? 0), 0);
    });
    // onnx/fc.npy: the MatMul alone; fc.npy: the Dense's output, the Add's tensor (these values are exact
    // in fixed<16,6>, so the fixed trace agrees to the bit).
    expect(Array.from(values(path.join(floatTrace, 'onnx', 'fc.npy')))).toEqual(matmul);
    const dense = matmul.map((value, index) => value + (biases[index % 2] ?? 0));
    expect(Array.from(values(path.join(floatTrace, 'fc.npy')))).toEqual(dense);
    expect(Array.from(values(path.join(fixedTrace, 'fc.npy')))).toEqual(dense);
    expect(Array.from(values(path.join(floatTrace, 'relu.npy')))).toEqual(dense.map((value) => Math.max(0, value)));
  });

  it('names every tensor by its ONNX node, with a note, for a model with no hardware form', () => {
    const b = new GraphBuilder('float-only');
    b.output(b.node('Abs', [b.node('Neg', [b.input('x', [null, 3])], {}, { name: 'flip' })], {}, { name: 'magnitude' }), [null, 3]);
    const model = path.join(work, 'float-only.onnx');
    writeFileSync(model, b.toBytes());
    const input = path.join(work, 'float-only-x.npy');
    writeNpy(input, { dtype: 'float64', shape: [2, 3], data: Float64Array.from([1, -2, 3, -4, 5, -6]) });
    const trace = path.join(work, 'float-only');
    const stderr = predict(model, '--input', input, '--float', '--trace', trace, '--output', path.join(work, 'float-only.npy'));
    expect(stderr).toContain("ngt predict: note: the model has no hardware form to take layer names from (");
    expect(stderr).toContain("node 'flip': activation 'neg' has no hardware layer");
    expect(readdirSync(trace)).toEqual(['onnx']);
    expect(readdirSync(path.join(trace, 'onnx')).sort()).toEqual(['flip.npy', 'magnitude.npy']);
    expect(Array.from(values(path.join(trace, 'onnx', 'flip.npy')))).toEqual([-1, 2, -3, 4, -5, 6]);
    expect(Array.from(values(path.join(trace, 'onnx', 'magnitude.npy')))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('documents the trace names in --help', () => {
    const { status, stdout } = runCli(['predict', '--help']);
    expect(status).toBe(0);
    const help = stdout.replace(/\s+/g, ' ');
    expect(help).toContain("With --float: the float values of the ONNX tensor each hardware layer outputs, under that layer's name");
    expect(help).toContain('DIR/onnx/NODE.npy');
  });
});
