// `ngt profile` as users run it: the built CLI in a child process.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultModelPath, defaultTestInputsPath, readNpy, runFloat, loadOnnxModel, writeNpy } from '../../models/index.js';
import { runCli } from './run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'ngt-profile-'));

interface ProfileJson {
  samples: number;
  layers: { name: string; tensors: { role: string; min: number; max: number; type: string; status: string }[] }[];
}

describe('ngt profile', () => {
  it('profiles the jet tagger on its test split against fixed<16,6> by default', () => {
    const json = path.join(work, 'profile.json');
    const { status, stdout } = runCli(['profile', '--json', json]);
    expect(status).toBe(0);
    expect(stdout).toContain(`ngt profile: ${defaultModelPath()} on 10000 samples, types from <built-in default>`);
    expect(stdout).toMatch(/dense_3\s+Dense\s+output\s+-33\.05\s+31\.35\s+0\.0%\s+fixed<16,6>\s+-32\s+31\.99902\s+\S+\s+OVERFLOW/);
    expect(stdout).toContain('values outside their type: dense_3/output');
    const profile = JSON.parse(readFileSync(json, 'utf8')) as ProfileJson;
    expect(profile.samples).toBe(10000);
    const graph = loadOnnxModel(defaultModelPath());
    const x = readNpy(defaultTestInputsPath());
    const y = runFloat(graph, [{ shape: x.shape, data: Float64Array.from(x.data as Float32Array) }])[0]?.data ?? new Float64Array();
    const softmax = profile.layers.at(-1)?.tensors[0];
    expect([softmax?.min, softmax?.max]).toEqual([Math.min(...y), Math.max(...y)]);
  });

  it('checks a given model, inputs and configuration', () => {
    const inputs = path.join(work, 'x.npy');
    const x = readNpy(defaultTestInputsPath());
    writeNpy(inputs, { dtype: 'float32', shape: [100, 16], data: (x.data as Float32Array).slice(0, 1600) });
    const config = path.join(work, 'wide.yaml');
    writeFileSync(config, "Model:\n  Precision: 'fixed<24,10>'\n");
    const { status, stdout } = runCli(['profile', defaultModelPath(), '--input', inputs, '--config', config]);
    expect(status).toBe(0);
    expect(stdout).toContain(`on 100 samples, types from ${config}`);
    expect(stdout).toContain('every profiled value fits its type');
    expect(stdout).toMatch(/dense_1\s+Dense\s+weight\s+-1\.344\s+1\.891\s+0\.0%\s+fixed<24,10>\s+-512\s+511\.9999\s/);
  });

  it('exits 2 when a MODEL is given without --input, and on a bad configuration', () => {
    const missing = runCli(['profile', defaultModelPath()]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--input must be given with a MODEL');
    const config = path.join(work, 'bad.yaml');
    writeFileSync(config, 'LayerName:\n  nosuch: {ReuseFactor: 2}\n');
    const bad = runCli(['profile', '--config', config]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`ngt: ConfigError: ${config}: LayerName.nosuch: no layer 'nosuch' in the model`);
  });

  it('prints --help', () => {
    const { status, stdout } = runCli(['profile', '--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: ngt profile \[options\] \[model\]/);
    for (const option of ['--input <file>', '--config <file>', '--json <file>']) expect(stdout).toContain(option);
  });
});
