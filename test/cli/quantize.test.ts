// `ngt quantize` as users run it: the built CLI in a child process.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEvaluator, defaultHlsConfig, floatReference, layerTypesOf, loadHlsConfig } from '../../hls/index.js';
import { defaultModelPath, defaultTestInputsPath, loadOnnxModel, readNpy, writeNpy } from '../../models/index.js';
import { runCli } from './run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'ngt-quantize-'));

describe('ngt quantize', () => {
  it('searches on the first part of the inputs and measures the written configuration on the held-out rest', () => {
    const inputs = path.join(work, 'x.npy');
    const x = readNpy(defaultTestInputsPath());
    writeNpy(inputs, { dtype: 'float32', shape: [800, 16], data: (x.data as Float32Array).slice(0, 800 * 16) });
    const output = path.join(work, 'hls.yaml');
    const json = path.join(work, 'quantize.json');
    const { status, stdout } = runCli(['quantize', defaultModelPath(), '--input', inputs, '--holdout', '0.25', '--tolerance', '0.03', '-o', output, '--json', json]);
    expect(status).toBe(0);
    expect(stdout).toContain('searched on samples 0-599 (600), target argmax agreement >= 0.97');
    expect(stdout).toContain('held out: samples 600-799 (200), never seen by the search:');
    expect(stdout).toMatch(/dense_1\s+Dense\s+weight\s+fixed<\d+,2>/);
    expect(stdout).toMatch(/^ {2}hls4ml default fixed<16,6>\s+\S+\s+\d+\.\d\d%\s+-\s+1\s+latency\s+io_parallel\s+13\s+65\s+1\s/m);
    const graph = loadOnnxModel(defaultModelPath());
    const config = loadHlsConfig(output, { layerTypes: layerTypesOf(graph) });
    const data = readNpy(inputs);
    const all = Float64Array.from(data.data as Float32Array);
    const search = createEvaluator(floatReference(graph, { shape: [600, 16], data: all.slice(0, 600 * 16) }, null))(config);
    const held = createEvaluator(floatReference(graph, { shape: [200, 16], data: all.slice(600 * 16) }, null), { estimate: true });
    const heldOut = held(config);
    expect(search.argmaxAgreement).toBeGreaterThanOrEqual(0.97);
    type Metrics = { argmaxAgreement: number; samples: number; estimate: { lut: number; dsp: number; latencyCycles: number } | null };
    const report = JSON.parse(readFileSync(json, 'utf8')) as {
      target: number;
      searchSamples: number;
      metrics: Metrics;
      holdout: { samples: number; baseline: Metrics; quantized: Metrics };
      variables: { layer: string; variable: string; type: string }[];
    };
    expect(report.target).toBe(0.97);
    expect(report.searchSamples).toBe(600);
    expect(report.metrics.argmaxAgreement).toBe(search.argmaxAgreement);
    // The held-out figures are those of the last 200 samples, with the estimate, beside the default's.
    expect(report.holdout.samples).toBe(200);
    expect(report.holdout.quantized.argmaxAgreement).toBe(heldOut.argmaxAgreement);
    expect(report.holdout.quantized.estimate?.lut).toBe(heldOut.estimate?.lut);
    expect(report.holdout.baseline.estimate?.dsp).toBe(held(defaultHlsConfig()).estimate?.dsp);
    expect(report.holdout.quantized.estimate?.dsp).toBeLessThan(report.holdout.baseline.estimate?.dsp ?? 0);
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
    const holdout = runCli(['quantize', '--holdout', '1', '-o', output]);
    expect(holdout.status).toBe(2);
    expect(holdout.stderr).toContain("error: --holdout must be a fraction from 0 to below 1, not '1'");
    expect(existsSync(output)).toBe(false);
  });

  it('prints --help', () => {
    const { status, stdout } = runCli(['quantize', '--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: ngt quantize \[options\] \[model\]/);
    for (const option of ['--input <file>', '--tolerance <fraction>', '--int-margin <bits>', '--labels <file>', '--holdout <fraction>', '-o, --output <file>', '--json <file>']) expect(stdout).toContain(option);
  });
});
