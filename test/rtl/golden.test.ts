// The emitted Verilog of two small models, pinned as golden files so a change in the RTL shows in
// review (UPDATE_GOLDEN=1 rewrites them): a Dense-ReLU-Dense-Softmax MLP at fixed<8,3> (ReLU folded
// into the first Dense; casts that round and saturate), and the same MLP in io_stream with RF 2.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertModel, parseHlsConfig } from '../../hls/index.js';
import { buildRtl } from '../../sim/index.js';
import { repoRoot } from '../models/helpers.js';
import { TINY_MLP_CASES as cases, tinyMlp } from './tiny-mlp.js';

const golden = join(repoRoot, 'test', 'rtl', 'golden');


describe('golden RTL', () => {
  for (const { name, config } of cases) {
    it(`${name}: the Verilog of every module is the reviewed one`, () => {
      const parsed = parseHlsConfig(config, `${name}.yaml`);
      const { model } = convertModel(tinyMlp(), parsed);
      const design = buildRtl(model, { ioType: parsed.ioType, clockPeriod: parsed.clockPeriod });
      const text = [...design.files].map(([file, verilog]) => `// ===== ${file}\n${verilog}`).join('\n');
      const path = join(golden, `${name}.v`);
      if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, text);
      expect(text).toBe(readFileSync(path, 'utf8'));
    });
  }
});
