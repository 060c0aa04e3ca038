// `ngt quantize` as users run it: the built CLI in a child process.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEvaluator, floatReference, layerTypesOf, loadHlsConfig } from '../../hls/index.js';
import { defaultModelPath, defaultTestInputsPath, loadOnnxModel, readNpy, writeNpy } from '../../models/index.js';
import { runCli } from './run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'ngt-quantize-'));

describe('ngt quantize', () => {
  it('writes a configuration meeting the tolerance on the given inputs', () => {
    const inputs = path.join(work, 'x.npy');
    const x = readNpy(defaultTestInputsPath());
    writeNpy(inputs, { dtype: 'float32', shape: [800, 16], data: (x.data as Float32Array).slice(0, 800 * 16) });
    const output = path.join(work, 'hls.yaml');
    const json = path.join(work, 'quantize.json');
    const { status, stdout } = runCli(['quantize', defaultModelPath(), '--input', inputs, '--tolerance', '0.03', '-o', output, '--json', json]);
    expect(status).toBe(0);
    expect(stdout).toContain('on 800 samples, target argmax agreement >= 0.97');
    expect(stdout).toMatch(/dense_1\s+Dense\s+weight\s+fixed<\d+,2>/);
    const graph = loadOnnxModel(defaultModelPath());
    const config = loadHlsConfig(output, { layerTypes: layerTypesOf(graph) });
    const data = readNpy(inputs);
    const metrics = createEvaluator(floatReference(graph, { shape: data.shape, data: Float64Array.from(data.data as Float32Array) }, null))(config);
    expect(metrics.argmaxAgreement).toBeGreaterThanOrEqual(0.97);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { target: number; metrics: { argmaxAgreement: number }; variables: { layer: string; variable: string; type: string }[] };
    expect(report.target).toBe(0.97);
    expect(report.metrics.argmaxAgreement).toBe(metrics.argmaxAgreement);
    const types = report.variables.map((variable) => /^fixed<(\d+),(\d+)>$/.exec(variable.type));
    expect(types.every((match) => match !== null && Number(match[1]) < 16)).toBe(true);
    expect(report.variables.length).toBe(17);
    expect(readFileSync(output, 'utf8')).toMatch(/^# Post-training quantization of /);
  });

  it('exits 2 on a bad tolerance without writing', () => {
    const output = path.join(work, 'never.yaml');
    const { status, stderr } = runCli(['quantize', '--tolerance', 'lots', '-o', output]);
    expect(status).toBe(2);
    expect(stderr).toContain("error: --tolerance must be a number from 0 to 1, not 'lots'");
    expect(existsSync(output)).toBe(false);
  });

  it('prints --help', () => {
    const { status, stdout } = runCli(['quantize', '--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: ngt quantize \[options\] \[model\]/);
    for (const option of ['--input <file>', '--tolerance <fraction>', '--int-margin <bits>', '-o, --output <file>', '--json <file>']) expect(stdout).toContain(option);
  });
});
