// The golden designs (test/rtl/golden) are right, not only unchanged: each co-simulated against the
// cycle simulator on 300 samples (a third overflowing), and linted with verilator --lint-only -Wall.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertModel, parseHlsConfig } from '../../hls/index.js';
import { cosimulate } from '../../sim/index.js';
import { random } from '../models/helpers.js';
import { TINY_MLP_CASES, tinyMlp } from '../rtl/tiny-mlp.js';

const icarus = existsSync('/usr/bin/iverilog');
const verilator = existsSync('/usr/bin/verilator');

describe('golden RTL in simulation', () => {
  if (!icarus || !verilator) console.log('rtl-golden-cosim: skipped, Icarus or Verilator is missing (apt-get install iverilog verilator; CI installs them)');
  for (const { name, config } of TINY_MLP_CASES) {
    it.runIf(icarus && verilator)(`${name}: 0 bit and 0 cycle differences on 300 samples in Icarus and in Verilator (lint-clean)`, async () => {
      const parsed = parseHlsConfig(config, `${name}.yaml`);
      const { model } = convertModel(tinyMlp(), parsed);
      const next = random(7);
      const input = Float64Array.from({ length: 300 * 3 }, (_, i) => (4 * next() - 2) * (i < 600 ? 1 : 8));
      for (const simulator of ['icarus', 'verilator'] as const) {
        const workDir = mkdtempSync(join(tmpdir(), `ngt-golden-${simulator}-`));
        const result = await cosimulate(model, [input], 300, { ioType: parsed.ioType, workDir, simulator, sinkInterval: 2 });
        expect(result.tokens, simulator).toBe(parsed.ioType === 'io_parallel' ? 300 : 300);
        expect(result.mismatches.slice(0, 5), simulator).toEqual([]);
      }
    });
  }
});
