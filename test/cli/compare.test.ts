// `ngt compare` as users run it: the built CLI in a child process.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultModelPath, defaultTestInputsPath, readNpy, writeNpy } from '../../models/index.js';
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
    expect(stdout).toMatch(/config\s+max \|err\|\s+agreement\s+accuracy\s+RF\s+strategy\s+io\s+latency \(cycles\)\s+latency \(ns\)\s+II\s+max clock \(MHz\)\s+DSP\s+LUT\s+FF\s+BRAM18\s+fits/);
    expect(stdout).toMatch(new RegExp(`${wide.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+\\S+\\s+99\\.\\d\\d%\\s+76\\.\\d\\d%\\s+1\\s+latency\\s+io_parallel\\s+17\\s+85\\s+1\\s+\\S+\\s+16,842\\s+\\S+\\s+\\S+\\s+\\d+\\s+NO$`, 'm'));
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

  it('sweeps several variables, prints the Pareto front and the pick first, writes JSON, CSV and HTML', () => {
    const out = path.join(work, 'sweep-out');
    const { status, stdout, stderr } = runCli(['compare', '--sweep', 'weight:W=8|12,I=4; result:W=16,I=6|7; rf=1|4', '--clock', '200MHz', '--out', out]);
    expect(status, stderr).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[1]).toMatch(/^Pareto front: \d+ of 9 points \(accuracy against the part's scarcest resource, latency and II; of the \d+ that fit the part and clock\)$/);
    expect(lines[2]).toMatch(/^recommended: weight=fixed<\d+,4> result=fixed<16,[67]> RF=[14] — accuracy \d+\.\d\d% \(best on the front \d+\.\d\d%\)/);
    const report = JSON.parse(readFileSync(path.join(out, 'compare.json'), 'utf8')) as CompareJson & { pareto: { quality: string; front: string[]; recommended: string } };
    expect(report.configs).toHaveLength(9);
    expect(report.configs.map((config) => config.name).slice(1, 3)).toEqual(['weight=fixed<8,4> result=fixed<16,6> RF=1', 'weight=fixed<8,4> result=fixed<16,6> RF=4']);
    // The front, recomputed from the rows: no other fitting point is at least as accurate and no costlier.
    type Metrics = NonNullable<CompareJson['configs'][number]['metrics']> & { estimate: { utilization: number; latencyNs: number; ii: number; warnings: string[] } };
    const metrics = new Map(report.configs.map((config) => [config.name, config.metrics as Metrics]));
    const beats = (a: Metrics, b: Metrics): boolean => {
      const [ca, cb] = [[a.estimate.utilization, a.estimate.latencyNs, a.estimate.ii], [b.estimate.utilization, b.estimate.latencyNs, b.estimate.ii]];
      const noWorse = (a.accuracy ?? 0) >= (b.accuracy ?? 0) && ca.every((cost, i) => cost <= (cb[i] ?? 0));
      return noWorse && ((a.accuracy ?? 0) > (b.accuracy ?? 0) || ca.some((cost, i) => cost < (cb[i] ?? 0)));
    };
    const dominated = [...metrics].filter(([, m]) => [...metrics.values()].some((other) => beats(other, m))).map(([name]) => name);
    expect(report.pareto.front.length).toBeGreaterThan(0);
    for (const name of report.pareto.front) expect(dominated).not.toContain(name);
    // Every undominated point is on the front, or its identical twin is (identical points appear once).
    const same = (a: Metrics | undefined, b: Metrics | undefined): boolean => a?.accuracy === b?.accuracy && JSON.stringify(a?.estimate) === JSON.stringify(b?.estimate);
    for (const name of [...metrics.keys()].filter((key) => !dominated.includes(key))) {
      expect(report.pareto.front.some((onFront) => onFront === name || same(metrics.get(onFront), metrics.get(name))), name).toBe(true);
    }
    expect(report.pareto.front).toContain(report.pareto.recommended);
    const best = Math.max(...report.pareto.front.map((name) => metrics.get(name)?.accuracy ?? 0));
    const pick = metrics.get(report.pareto.recommended);
    expect(pick?.accuracy ?? 0).toBeGreaterThanOrEqual(best - 0.01);
    for (const name of report.pareto.front) {
      const other = metrics.get(name);
      if ((other?.accuracy ?? 0) >= best - 0.01) expect(pick?.estimate.utilization ?? Infinity).toBeLessThanOrEqual(other?.estimate.utilization ?? 0);
    }
    // RF 4 shows its II; --clock reached every point.
    expect(metrics.get('weight=fixed<8,4> result=fixed<16,6> RF=4')?.estimate.ii).toBe(4);
    const csv = readFileSync(path.join(out, 'compare.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('config,max |err|,agreement,accuracy,RF,strategy,io,latency (cycles),latency (ns),II,max clock (MHz),DSP,LUT,FF,BRAM18,fits,mean |err|,multipliers,label,refused');
    expect(csv).toHaveLength(10);
    expect(csv[2]?.startsWith('"weight=fixed<8,4> result=fixed<16,6> RF=1",')).toBe(true);
    const html = readFileSync(path.join(out, 'compare.html'), 'utf8');
    expect(html).toContain('data-plot="pareto-lut"');
    expect(html).toContain('data-plot="pareto-latencyNs"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(stdout).toContain(`wrote ${path.join(out, 'compare.json')}, ${path.join(out, 'compare.csv')}, ${path.join(out, 'compare.html')}`);
  });

  it('--trace: every layer\'s max |error| against float, as predict\'s fixed and float traces give it', () => {
    const x = readNpy(defaultTestInputsPath());
    const inputs = path.join(work, 'trace-x.npy');
    writeNpy(inputs, { dtype: 'float32', shape: [64, 16], data: (x.data as Float32Array).slice(0, 64 * 16) });
    const json = path.join(work, 'trace.json');
    const html = path.join(work, 'trace.html');
    const { status, stdout, stderr } = runCli(['compare', defaultModelPath(), '--input', inputs, '--config', narrow, '--trace', '--json', json, '--html', html]);
    expect(status, stderr).toBe(0);
    expect(stdout).toContain(`  [1] ${narrow}`);
    const layers = (JSON.parse(readFileSync(json, 'utf8')) as { configs: { metrics: { layers: { layer: string; maxAbsError: number }[] } }[] }).configs[0]?.metrics.layers ?? [];
    expect(layers.map((layer) => layer.layer)).toEqual(['dense_1', 'relu_1', 'dense_2', 'relu_2', 'dense_3', 'relu_3', 'dense_4', 'softmax']);
    // The same errors from the two traces predict writes.
    const [fixedDir, floatDir] = [path.join(work, 'fixed-trace'), path.join(work, 'float-trace')];
    expect(runCli(['predict', '--input', inputs, '--config', narrow, '--output', path.join(work, 'y.npy'), '--trace', fixedDir]).status).toBe(0);
    expect(runCli(['predict', '--input', inputs, '--float', '--output', path.join(work, 'yf.npy'), '--trace', floatDir]).status).toBe(0);
    for (const { layer, maxAbsError } of layers) {
      const fixed = readNpy(path.join(fixedDir, `${layer}.npy`)).data as Float64Array;
      const float = readNpy(path.join(floatDir, `${layer}.npy`)).data as Float64Array;
      let max = 0;
      for (let index = 0; index < float.length; index++) max = Math.max(max, Math.abs((fixed[index] ?? NaN) - (float[index] ?? NaN)));
      expect(maxAbsError, layer).toBe(max);
      expect(stdout).toMatch(new RegExp(`^ {2}${layer}\\s+\\S+$`, 'm'));
    }
    expect(readFileSync(html, 'utf8')).toContain('data-plot="layer-errors"');
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
    for (const option of ['--config <file>', '--input <file>', '--labels <file>', '--sweep [axes]', '--sweep-variables <list>', '--per-layer', '--no-estimate', '--clock <period>', '--trace', '--json <file>', '--csv <file>', '--html <file>', '--out <dir>']) expect(stdout).toContain(option);
  });
});
