// `ngt predict --config` as users run it: the built CLI, fixed-point outputs written as exact float64.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTestInputsPath, loadOnnxModel, readNpy } from '../../models/index.js';
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

  it('writes an output type wider than 53 bits rounded to float64, with a warning', () => {
    const config = path.join(work, 'wide.yaml');
    writeFileSync(config, 'Model:\n  Precision: fixed<16,6>\nLayerType:\n  Softmax:\n    Precision:\n      result: fixed<60,10>\n');
    const { status, stderr } = runCli(['predict', '--config', config, '--output', path.join(work, 'wide.npy')]);
    expect(status).toBe(0);
    expect(stderr).toContain('is 60 bits wide (computed exactly); its values are written rounded to the nearest float64');
    // The softmax's probabilities, in [0, 1), from the 60-bit result type.
    const wide = readNpy(path.join(work, 'wide.npy')).data as Float64Array;
    expect(wide.length % 5).toBe(0);
    expect(wide.every((value) => value >= 0 && value <= 1)).toBe(true);
    expect(wide.some((value) => value > 0.5)).toBe(true);
  });
});
