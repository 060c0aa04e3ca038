// `ngt compare` as users run it: the built CLI in a child process.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultModelPath } from '../../models/index.js';
import { runCli } from './run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'ngt-compare-'));
const wide = path.join(work, 'wide.yaml');
const narrow = path.join(work, 'narrow.yaml');
// hls4ml's softmax addresses its exp table by the top 10 bits of its input's range, so a wide softmax
// input makes it coarse: the wide configuration keeps the logits at fixed<16,6>.
writeFileSync(wide, "Model:\n  Precision: 'fixed<32,12>'\nLayerName:\n  dense_4: {Precision: {result: 'fixed<16,6>'}}\n");
writeFileSync(narrow, "Model:\n  Precision: 'fixed<8,4>'\nLayerName:\n  dense_4: {Precision: {result: 'fixed<12,6>'}}\n");

interface CompareJson {
  samples: number;
  labels: string | null;
  float: { accuracy: number };
  sweep: { grid: string; variables: string[]; perLayer: boolean } | null;
  configs: {
    name: string;
    error: string | null;
    metrics: { maxAbsError: number; meanAbsError: number; argmaxAgreement: number; accuracy: number | null; multipliers: number; estimate: { latencyCycles: number; latencyNs: number; dsp: number; lut: number; source: string } | null } | null;
  }[];
}

describe('ngt compare', () => {
  it('compares configurations on the jet tagger test split: table and JSON', () => {
    const json = path.join(work, 'compare.json');
    const { status, stdout } = runCli(['compare', '--config', wide, '--config', narrow, '--json', json]);
    expect(status).toBe(0);
    expect(stdout).toContain(`float reference: ${defaultModelPath()} on 10000 samples, accuracy 76.51%`);
    expect(stdout).toMatch(/config\s+max \|err\|\s+mean \|err\|\s+agreement\s+accuracy\s+multipliers\s+latency \(cycles\)\s+latency \(ns\)\s+DSP\s+LUT/);
    expect(stdout).toMatch(new RegExp(`${wide.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+\\S+\\s+\\S+\\s+99\\.\\d\\d%\\s+76\\.\\d\\d%`));
    const report = JSON.parse(readFileSync(json, 'utf8')) as CompareJson;
    expect(report.samples).toBe(10000);
    expect(report.labels).toMatch(/jet-tagger-test-y\.npy$/);
    expect(report.float.accuracy).toBe(0.7651);
    expect(report.sweep).toBeNull();
    expect(report.configs.map((config) => config.name)).toEqual([wide, narrow]);
    const [a, b] = report.configs.map((config) => config.metrics);
    expect(a?.argmaxAgreement).toBeGreaterThan(0.99);
    expect(Math.abs((a?.accuracy ?? 0) - 0.7651)).toBeLessThan(0.005);
    expect(b?.argmaxAgreement).toBeLessThan(1);
    expect(b?.multipliers).toBeLessThan(a?.multipliers ?? 0);
    expect(a?.estimate?.source).toBe('estimate');
    expect(b?.estimate?.dsp).toBeLessThan(a?.estimate?.dsp ?? 0);
    expect(b?.estimate?.lut).toBeGreaterThan(0);
    expect(b?.estimate?.latencyNs).toBeGreaterThan(0);
  });

  it('sweeps weight precisions per layer with --sweep and --per-layer', () => {
    const json = path.join(work, 'sweep.json');
    const { status, stdout } = runCli(['compare', '--sweep', 'W=6,I=2', '--per-layer', '--no-estimate', '--json', json]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/dense_3 weight=fixed<6,2>\s+\S+\s+\S+\s+\d+\.\d+%/);
    const report = JSON.parse(readFileSync(json, 'utf8')) as CompareJson;
    expect(report.sweep).toEqual({ grid: 'W=6,I=2', variables: ['weight'], perLayer: true, base: '<built-in default>' });
    expect(report.configs.map((config) => config.name)).toEqual([
      '<built-in default>',
      ...['dense_1', 'dense_2', 'dense_3', 'dense_4'].map((layer) => `${layer} weight=fixed<6,2>`),
    ]);
    expect(report.configs.every((config) => config.metrics?.estimate === null)).toBe(true);
  });

  it('exits 2 on a bad grid or a missing config file', () => {
    const grid = runCli(['compare', '--sweep', 'W=4..16']);
    expect(grid.status).toBe(2);
    expect(grid.stderr).toContain('ngt: ConfigError: --sweep: the grid must give both W (widths) and I (integer bits)');
    const missing = runCli(['compare', '--config', path.join(work, 'none.yaml')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(path.join(work, 'none.yaml'));
  });

  it('prints --help', () => {
    const { status, stdout } = runCli(['compare', '--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: ngt compare \[options\] \[model\]/);
    for (const option of ['--config <file>', '--input <file>', '--labels <file>', '--sweep [grid]', '--sweep-variables <list>', '--per-layer', '--no-estimate', '--json <file>']) expect(stdout).toContain(option);
  });
});
