// Configuration checks every command applies: layer names must exist in the model, and a ReuseFactor
// must pass hls4ml's rule (an error listing the valid values, or with --adjust the closest valid one).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const folder = mkdtempSync(path.join(tmpdir(), 'ngt-config-checks-'));
const write = (name: string, text: string): string => {
  const file = path.join(folder, name);
  writeFileSync(file, text);
  return file;
};
const reuse3 = write('rf3.yaml', 'HLSConfig:\n  LayerName:\n    dense_1:\n      ReuseFactor: 3\n');
const unknownLayer = write('fc9.yaml', 'HLSConfig:\n  LayerName:\n    fc9:\n      ReuseFactor: 2\n');

describe('configuration checks in predict, synth and compare', () => {
  // dense_1 is 16 x 64. hls4ml's rule (fpga_backend.py _validate_reuse_factor) keeps RF < n_in that
  // divide n_in (1, 2, 4, 8) and n_in times the divisors of n_out (16, 32, ..., 1024).
  const validList = '1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024';

  it('an invalid ReuseFactor is an error listing the valid values (exit 2) in each command', () => {
    for (const args of [['predict', '--output', path.join(folder, 'y.npy')], ['synth', '--out', path.join(folder, 'synth')], ['compare']]) {
      const result = runCli([...args, '--config', reuse3]);
      expect([args[0], result.status]).toEqual([args[0], 2]);
      expect(result.stderr).toContain(`ReuseFactor of layer 'dense_1' must be one of ${validList} (hls4ml's rule for n_in=16, n_out=64), not 3`);
    }
  });

  it('--adjust takes the closest valid value (2; the smaller on a tie with 4) and says so in the report', () => {
    const out = path.join(folder, 'adjusted');
    const result = runCli(['synth', '--config', reuse3, '--adjust', '--out', out]);
    expect(result.status).toBe(0);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as { layers: { name: string; reuseFactor: number }[]; notes: string[] };
    expect(report.layers.find((layer) => layer.name === 'dense_1')?.reuseFactor).toBe(2);
    expect(report.notes.some((note) => note.includes("ReuseFactor of layer 'dense_1': 3 is not valid") && note.includes('using 2'))).toBe(true);
  });

  it('a LayerName that is not in the model is an error naming it and the layers (exit 2)', () => {
    for (const args of [['predict', '--output', path.join(folder, 'y2.npy')], ['synth', '--out', path.join(folder, 'synth2')]]) {
      const result = runCli([...args, '--config', unknownLayer]);
      expect([args[0], result.status]).toEqual([args[0], 2]);
      expect(result.stderr).toContain("HLSConfig.LayerName.fc9: no layer 'fc9' in the model (layers: dense_1, relu_1, dense_2, relu_2, dense_3, relu_3, dense_4, softmax)");
    }
  });
});
