// The co-simulation matrix of the jet tagger (shared by the rtl-cosim-*.test.ts files, one per io
// type, so vitest runs them side by side): Latency and Resource, RF 1, 2 and 4, 200 samples each, half
// of them driving the fixed-point types into overflow, with spaced inputs and a slow sink in some
// runs. Every run must give 0 bit and 0 cycle differences against the cycle simulator.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertModel, parseHlsConfig, type IoType } from '../../hls/index.js';
import { defaultModelPath, loadOnnxModel } from '../../models/index.js';
import { cosimulate } from '../../sim/index.js';
import { random } from '../models/helpers.js';

const available = existsSync('/usr/bin/iverilog');
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';
const SAMPLES = 200;

/** 100 samples around the jet tagger's range, then 100 sixteen times larger (overflowing fixed<16,6>). */
function inputs(seed: number): Float64Array {
  const next = random(seed);
  return Float64Array.from({ length: SAMPLES * 16 }, (_, i) => (4 * next() - 2) * (i < (SAMPLES / 2) * 16 ? 1 : 16));
}

export function cosimMatrix(ioType: IoType): void {
  describe(`jet tagger RTL against the cycle simulator, ${ioType}`, () => {
    it.runIf(!available && inCi)('finds Icarus Verilog in CI', () => {
      expect.fail('/usr/bin/iverilog is missing: .ci/run must install the iverilog package');
    });
    if (!available && !inCi) console.log('rtl-cosim: skipped, /usr/bin/iverilog is missing (apt-get install iverilog; CI installs it)');
    const graph = loadOnnxModel(defaultModelPath());
    const runs = [
      { strategy: 'Latency', rf: 1, interval: 0, sinkInterval: 1 },
      { strategy: 'Latency', rf: 2, interval: 0, sinkInterval: 3 },
      { strategy: 'Latency', rf: 4, interval: 5, sinkInterval: 1 },
      { strategy: 'Resource', rf: 1, interval: 2, sinkInterval: 2 },
      { strategy: 'Resource', rf: 2, interval: 0, sinkInterval: 1 },
      { strategy: 'Resource', rf: 4, interval: 0, sinkInterval: 5 },
    ];
    runs.forEach((run, index) => {
      it.runIf(available)(`${run.strategy}, RF ${run.rf}, inputs every ${run.interval} cycles, sink every ${run.sinkInterval}: 0 bit and 0 cycle differences on ${SAMPLES} samples`, async () => {
        const config = parseHlsConfig(`IOType: ${ioType}\nHLSConfig:\n  Model:\n    Precision: fixed<16,6>\n    ReuseFactor: ${run.rf}\n    Strategy: ${run.strategy}\n`, 'matrix.yaml');
        const { model } = convertModel(graph, config);
        const workDir = mkdtempSync(join(tmpdir(), `ngt-cosim-${ioType}-`));
        const result = await cosimulate(model, [inputs(index + 1)], SAMPLES, { ioType, workDir, simulator: 'icarus', interval: run.interval, sinkInterval: run.sinkInterval });
        expect(result.tokens).toBe(SAMPLES);
        expect(result.mismatches.slice(0, 5)).toEqual([]);
        expect(result.lastReadCycle.rtl).toBe(result.lastReadCycle.sim);
      });
    });
  });
}
