// `ngt prune` as users run it: the built CLI in a child process.
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEvaluator, defaultHlsConfig, floatReference, labelsFromNpy } from '../../hls/index.js';
import { defaultModelPath, defaultTestInputsPath, defaultTestLabelsPath, loadOnnxModel, readNpy } from '../../models/index.js';
import { runCli } from './run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'ngt-prune-'));

function zerosOf(file: string, tensor: string): [number, number] {
  const values = loadOnnxModel(file).tensors.get(tensor)?.value ?? new Float64Array();
  return [values.filter((value) => value === 0).length, values.length];
}

describe('ngt prune', () => {
  it('prunes the built-in jet tagger per layer, prints the table, writes the model and the JSON report', () => {
    const output = path.join(work, 'pruned.onnx');
    const json = path.join(work, 'prune.json');
    const { status, stdout, stderr } = runCli(['prune', '--sparsity', '0.7', '--per-layer', '-o', output, '--json', json]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain(`ngt prune: ${defaultModelPath()} -> ${output}, sparsity 0.7 (per layer)`);
    expect(stdout).toMatch(/dense_2\s+Gemm\s+dense_2_weight\s+2048\s+0\s+1434\s+70\.0%/);
    expect(stdout).toContain('total: 2980 of 4256 weights are zero (70.02%)');
    expect(zerosOf(output, 'dense_1_weight')).toEqual([717, 1024]);
    expect(zerosOf(output, 'dense_4_weight')).toEqual([112, 160]);
    expect(zerosOf(output, 'dense_1_bias')).toEqual([0, 64]);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { perLayer: boolean; zeros: number; tensors: { tensor: string; zerosAfter: number }[] };
    expect(report.perLayer).toBe(true);
    expect(report.zeros).toBe(2980);
    expect(report.tensors.map((tensor) => tensor.zerosAfter)).toEqual([717, 1434, 717, 112]);
    expect(readdirSync(work).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('prunes globally by default', () => {
    const output = path.join(work, 'global.onnx');
    const { status, stdout } = runCli(['prune', defaultModelPath(), '--sparsity', '0.5', '-o', output]);
    expect(status).toBe(0);
    expect(stdout).toContain('(global)');
    expect(stdout).toContain('total: 2128 of 4256 weights are zero (50.00%)');
    // Accuracy before and after, on the same test split, recomputed here from the written model.
    const inputs = readNpy(defaultTestInputsPath());
    const batch = { shape: inputs.shape, data: Float64Array.from(inputs.data as Float32Array) };
    const labels = labelsFromNpy(readNpy(defaultTestLabelsPath()), inputs.shape[0] ?? 0, 'y');
    const before = floatReference(loadOnnxModel(defaultModelPath()), batch, labels);
    const after = floatReference(loadOnnxModel(output), batch, labels);
    const fixedAfter = createEvaluator(after)(defaultHlsConfig());
    expect(before.accuracy).toBe(0.7651);
    expect(after.accuracy).toBeLessThan(0.75);
    const pct = (value: number | null): string => `${(100 * (value ?? NaN)).toFixed(2)}%`;
    expect(stdout).toMatch(new RegExp(`^ {2}before\\s+76\\.51%\\s+\\d+\\.\\d\\d%\\s+\\d+\\.\\d\\d%\\s+4253$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^ {2}after\\s+${pct(after.accuracy)}\\s+${pct(fixedAfter.accuracy)}\\s+${pct(fixedAfter.argmaxAgreement)}\\s+${fixedAfter.multipliers}$`, 'm'));
  });

  it('exits 2 on a bad sparsity, without writing anything', () => {
    const output = path.join(work, 'never.onnx');
    const { status, stderr } = runCli(['prune', '--sparsity', '1.2', '-o', output]);
    expect(status).toBe(2);
    expect(stderr).toContain("error: --sparsity must be a number from 0 to 1, not '1.2'");
    expect(existsSync(output)).toBe(false);
  });

  it('exits 2 naming a file that is not a model', () => {
    const { status, stderr } = runCli(['prune', path.join(work, 'missing.onnx'), '--sparsity', '0.5', '-o', path.join(work, 'x.onnx')]);
    expect(status).toBe(2);
    expect(stderr).toContain(`${path.join(work, 'missing.onnx')}`);
    expect(stderr).not.toContain('    at ');
  });

  it('prints --help with its options', () => {
    const { status, stdout } = runCli(['prune', '--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: ngt prune \[options\] \[model\]/);
    for (const option of ['--sparsity <fraction>', '--per-layer', '-o, --output <file>', '--json <file>']) expect(stdout).toContain(option);
  });
});
