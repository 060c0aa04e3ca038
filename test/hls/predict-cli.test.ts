// `ngt predict --config` as users run it: the built CLI, fixed-point outputs written as exact float64.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTestInputsPath, loadOnnxModel, readNpy, writeNpy } from '../../models/index.js';
import { float32Tensor, GraphBuilder } from '../../models/onnx-writer/index.js';
import { compileModel, convertModel, defaultHlsConfig, parseHlsConfig, rawsToValues } from '../../hls/index.js';
import { runCli } from '../cli/run-cli.js';
import { examplesDir } from '../models/helpers.js';

const work = mkdtempSync(path.join(tmpdir(), 'ngt-hls-predict-'));

describe('ngt predict (fixed point)', () => {
  it('runs the jet tagger at the default config by default and writes the simulator’s exact values', () => {
    const output = path.join(work, 'default.npy');
    const { status, stderr } = runCli(['predict', '--output', output]);
    expect(status, stderr).toBe(0);
    const written = readNpy(output);
    const inputs = readNpy(defaultTestInputsPath());
    const count = inputs.shape[0] ?? 0;
    expect(written.shape).toEqual([count, 5]);
    const { model } = convertModel(loadOnnxModel(path.join(examplesDir, 'jet-tagger.onnx')), defaultHlsConfig());
    const out = model.outputs[0]?.tensor ?? '';
    const raws = compileModel(model).run([Float64Array.from(inputs.data as Float32Array)], count).get(out) ?? new Float64Array();
    const expected = rawsToValues(raws, model.tensors.get(out)?.type ?? { width: 16, intBits: 6, signed: true, quantization: 'AP_TRN', overflow: 'AP_WRAP', saturationBits: 0, integer: false, spelling: 'ap' });
    expect(Array.from(written.data as Float64Array)).toEqual(Array.from(expected));
    // Every value lies on the fixed<16,6> grid (10 fraction bits).
    expect((written.data as Float64Array).every((value) => Number.isInteger(value * 1024))).toBe(true);
  });

  it('takes --config and writes one .npy per layer with --trace', () => {
    const config = path.join(work, 'hls.yaml');
    const text = 'Model:\n  Precision: fixed<12,4,RND,SAT>\n  ReuseFactor: 2\n';
    writeFileSync(config, text);
    const output = path.join(work, 'config.npy');
    const trace = path.join(work, 'trace');
    const { status, stderr } = runCli(['predict', '--config', config, '--output', output, '--trace', trace]);
    expect(status, stderr).toBe(0);
    expect(readdirSync(trace).sort()).toEqual(['dense_1.npy', 'dense_2.npy', 'dense_3.npy', 'dense_4.npy', 'relu_1.npy', 'relu_2.npy', 'relu_3.npy', 'softmax.npy']);
    const softmax = readNpy(path.join(trace, 'softmax.npy'));
    expect(Array.from(softmax.data as Float64Array)).toEqual(Array.from(readNpy(output).data as Float64Array));
    const relu = readNpy(path.join(trace, 'relu_1.npy'));
    expect(relu.shape[1]).toBe(64);
    expect((relu.data as Float64Array).every((value) => value >= 0 && Number.isInteger(value * 256))).toBe(true);
    // The same values as the library computes for that config.
    const { model } = convertModel(loadOnnxModel(path.join(examplesDir, 'jet-tagger.onnx')), parseHlsConfig(text, 'hls.yaml'));
    expect(model.tensors.get('relu_1_out0')?.type.width).toBe(12);
  });

  it('writes an output type wider than 53 bits rounded to the nearest float64, with a warning', () => {
    // One Gemm 3->2 with x and w at fixed<40,10> (30 fraction bits each) and accum and result at
    // fixed<90,30>: every product is kept whole (60 fraction bits), so the exact outputs carry more
    // significant bits than a float64 holds, and a few samples show the rounding.
    const weights = [0.70710677, -0.31830987, 0.57721567, 1.41421354, -0.27182818, 0.12345679].map(Math.fround);
    const biases = [0.1, -0.3].map(Math.fround);
    const b = new GraphBuilder('wide');
    const gemm = b.node('Gemm', [b.input('x', [null, 3]), b.initializer('w', float32Tensor([3, 2], weights)), b.initializer('b', float32Tensor([2], biases))], {}, { name: 'fc', outputs: ['y'] });
    b.output(gemm, [null, 2]);
    const model = path.join(work, 'wide.onnx');
    writeFileSync(model, b.toBytes());
    const x = Float64Array.from([0.123456789, -0.987654321, 0.555555555, 1.2345, 0.3333333333, -0.7777777777, -0.0001234, 2.718281828, 3.14159265]);
    const input = path.join(work, 'wide-x.npy');
    writeNpy(input, { dtype: 'float64', shape: [3, 3], data: x });
    const config = path.join(work, 'wide.yaml');
    writeFileSync(config, 'Model:\n  Precision: fixed<40,10>\nLayerName:\n  fc:\n    Precision:\n      accum: fixed<90,30>\n      result: fixed<90,30>\n');
    const output = path.join(work, 'wide.npy');
    const { status, stderr } = runCli(['predict', model, '--input', input, '--config', config, '--output', output]);
    expect(status, stderr).toBe(0);
    expect(stderr).toContain("tensor 'y' is 90 bits wide (computed exactly); its values are written rounded to the nearest float64");
    // nnet_dense_latency.h: the accumulator starts at (accum_t)bias and adds the full-precision products;
    // every quantization (input, weights, bias) is AP_TRN, a floor at 30 fraction bits.
    const raw30 = (value: number) => BigInt(Math.floor(value * 2 ** 30));
    const exact = Array.from({ length: 6 }, (_, index) => {
      const [sample, j] = [Math.floor(index / 2), index % 2];
      let raw = raw30(biases[j] ?? 0) << 30n;
      for (let i = 0; i < 3; i++) raw += raw30(x[sample * 3 + i] ?? 0) * raw30(weights[i * 2 + j] ?? 0);
      return raw;
    });
    // Number(bigint) rounds to the nearest float64 (ties to even); the scale 2^-60 is exact.
    expect(Array.from(readNpy(output).data as Float64Array)).toEqual(exact.map((raw) => Number(raw) * 2 ** -60));
    expect(exact.filter((raw) => BigInt(Number(raw)) !== raw).length).toBeGreaterThan(0);
  });
});
