// `ngt inspect` and `ngt predict --float` as users run them: the built CLI in a child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTestInputsPath, readNpy, writeNpy } from '../../models/index.js';
import { GraphBuilder } from '../../models/onnx-writer/index.js';
import { hasShared, maxAbsDifference, repoRoot, sharedModels, skipReason } from '../models/helpers.js';

const main = path.join(repoRoot, 'dist', 'cli', 'main.js');

function ngt(...args: string[]) {
  const result = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', cwd: repoRoot });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const work = mkdtempSync(path.join(tmpdir(), 'ngt-cli-'));

describe('ngt inspect', () => {
  it('describes the built-in jet tagger by default', () => {
    const { status, stdout } = ngt('inspect');
    expect(status).toBe(0);
    expect(stdout).toContain('input:  x [N, 16] float32');
    expect(stdout).toContain('output: y [N, 5] float32');
    expect(stdout).toContain('layers: 8, parameters: 4,389');
    expect(stdout).toContain('ops: Gemm x4, Relu x3, Softmax x1');
    expect(stdout).toContain('quantizers: none (float model)');
  });

  it('prints --help', () => {
    const { status, stdout } = ngt('inspect', '--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: ngt inspect \[options\] \[model\]/);
    expect(stdout).toContain('--json');
  });

  it('rejects a non-ONNX file with exit 2, a typed error naming the file and no stack', () => {
    const file = path.join(work, 'notes.onnx');
    writeFileSync(file, 'these are not protobuf bytes\n');
    const { status, stderr } = ngt('inspect', file);
    expect(status).toBe(2);
    expect(stderr).toMatch(new RegExp(`^ngt: OnnxDecodeError: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} must be an ONNX model`));
    expect(stderr).not.toContain('    at ');
  });

  it('names an unsupported op with exit 2', () => {
    const b = new GraphBuilder('lrn', { opset: 13 });
    b.output(b.node('LRN', [b.input('x', [null, 3, 4, 4])], { size: 3 }, { name: 'norm' }), undefined);
    const file = path.join(work, 'lrn.onnx');
    writeFileSync(file, b.toBytes());
    const { status, stderr } = ngt('inspect', file);
    expect(status).toBe(2);
    expect(stderr).toContain(`ngt: UnsupportedOpError: ${file}: node 'norm': op type must be one of the supported ops`);
    expect(stderr).toContain("not 'LRN'");
  });

  skipReason('ngt inspect on shared QONNX models');
  it.skipIf(!hasShared)('--json lists the quantizers of the QONNX jet tagger', () => {
    const { status, stdout } = ngt('inspect', path.join(sharedModels, 'qkeras_jettagging.onnx'), '--json');
    expect(status).toBe(0);
    const summary = JSON.parse(stdout) as { parameters: number; quantizers: { target: string; type: { bitWidth: number } }[]; ops: Record<string, number> };
    expect(summary.parameters).toBe(4389);
    expect(summary.quantizers.map((q) => `${q.target}:${q.type.bitWidth}`)).toEqual([...new Array<string>(8).fill('weight:6'), ...new Array<string>(3).fill('activation:6')]);
    expect(summary.ops).toEqual({ Quant: 11, MatMul: 4, Add: 4, Relu: 3, Softmax: 1 });
  });
});

describe('ngt predict --float', () => {
  it('runs the built-in jet tagger on its test split by default and writes float64 probabilities', () => {
    const output = path.join(work, 'default.npy');
    const { status } = ngt('predict', '--float', '--output', output);
    expect(status).toBe(0);
    const inputs = readNpy(defaultTestInputsPath());
    const y = readNpy(output);
    expect(y.dtype).toBe('float64');
    expect(y.shape).toEqual([inputs.shape[0], 5]);
    for (let row = 0; row < 50; row++) {
      const sum = Array.from((y.data as Float64Array).subarray(row * 5, row * 5 + 5)).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
    }
    expect(readdirSync(work).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it('prints --help', () => {
    const { status, stdout } = ngt('predict', '--help');
    expect(status).toBe(0);
    expect(stdout).toContain('--input <file>');
    expect(stdout).toContain('--output <file>');
  });

  it('rejects an int64 input file with exit 2 and a typed error', () => {
    const input = path.join(work, 'ints.npy');
    writeNpy(input, { dtype: 'int64', shape: [2, 16], data: new BigInt64Array(32) });
    const { status, stderr } = ngt('predict', '--float', '--input', input, '--output', path.join(work, 'never.npy'));
    expect(status).toBe(2);
    expect(stderr.trim()).toBe(`ngt: ModelInputError: ${input}: dtype must be float32 or float64, not int64`);
  });

  it('rejects inputs of the wrong shape with exit 2', () => {
    const input = path.join(work, 'wide.npy');
    writeNpy(input, { dtype: 'float32', shape: [3, 17], data: new Float32Array(51) });
    const { status, stderr } = ngt('predict', '--float', '--input', input, '--output', path.join(work, 'never.npy'));
    expect(status).toBe(2);
    expect(stderr).toMatch(/ModelInputError: .*jet-tagger\.onnx: input 'x' must have shape \[N, 16\], not \[3, 17\]/);
  });

  it('rejects --float together with --config (exit 2)', () => {
    const { status, stderr } = ngt('predict', '--float', '--config', path.join(work, 'none.yaml'), '--output', path.join(work, 'never.npy'));
    expect(status).toBe(2);
    expect(stderr).toContain('--float and --config exclude each other');
  });

  skipReason('ngt predict on shared models');
  it.skipIf(!hasShared)('reproduces the stored onnxruntime outputs of a shared model within 1e-5', () => {
    const output = path.join(work, 'conv2d.npy');
    const { status } = ngt('predict', path.join(sharedModels, 'conv2d_small_keras.onnx'), '--float', '--input', path.join(sharedModels, 'conv2d_small_keras_input.npy'), '--output', output);
    expect(status).toBe(0);
    const ours = readNpy(output);
    const stored = readNpy(path.join(sharedModels, 'conv2d_small_keras_output_ort.npy'));
    expect(ours.shape).toEqual([8, 10]);
    expect(maxAbsDifference(ours.data as Float64Array, Float64Array.from(stored.data as Float32Array))).toBeLessThan(1e-5);
  });
});
