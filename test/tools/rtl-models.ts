// Every example and shared model through the RTL (the rtl-models-*.test.ts files, one per model set so
// vitest runs them side by side): for each io type, the RTL of Latency RF 1, 2 and 4, Resource RF 1, 2
// and 4 and distributed_arithmetic lints clean under verilator --lint-only -Wall, and the default
// configuration co-simulates in Verilator against the cycle simulator on 200 samples, half of them
// driving the types into overflow, the output read every second cycle: 0 bit and 0 cycle differences.
// distributed_arithmetic co-simulates too, in io_parallel, in Verilator on as many samples (a cold
// build of its adder graphs takes about a minute per small model); its io_stream forms are
// co-simulated on small models in rtl-da.test.ts.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertModel, lintVerilog, parseHlsConfig, type IoType } from '../../hls/index.js';
import { loadOnnxModel } from '../../models/index.js';
import { buildRtl, cosimulate } from '../../sim/index.js';
import { random } from '../models/helpers.js';

const tools = existsSync('/usr/bin/iverilog') && existsSync('/usr/bin/verilator');
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';
/** Linted besides the default (Latency, RF 1), which is co-simulated (and linted there). */
const CONFIGS = [
  ['Latency', 2],
  ['Latency', 4],
  ['Resource', 1],
  ['Resource', 2],
  ['Resource', 4],
  ['distributed_arithmetic', 1],
] as const;

function inputs(size: number, samples: number, seed: number): Float64Array {
  const next = random(seed);
  return Float64Array.from({ length: samples * size }, (_, i) => (4 * next() - 2) * (i < (samples / 2) * size ? 1 : 12));
}

export interface RtlModelOptions {
  /** The io types to run (both by default). */
  readonly ioTypes?: readonly IoType[];
  /** Each test's limit (vitest's 600 s by default): TFC_2W2A's 7 MB of Verilog takes longer. */
  readonly timeoutMs?: number;
  /** Lint and co-simulate distributed_arithmetic too (false for the shared models: open bugs, see the note in their test files). */
  readonly da?: boolean;
}

/** `models`: [path, samples to co-simulate in Verilator]. */
export function rtlModels(title: string, models: readonly (readonly [string, number])[], present: boolean, options: RtlModelOptions = {}): void {
  describe(`RTL of ${title}`, () => {
    it.runIf(!tools && inCi)('finds Verilator and Icarus in CI', () => {
      expect.fail('verilator or iverilog is missing: .ci/run must install them');
    });
    if (!tools && !inCi) console.log('rtl-models: skipped, verilator or iverilog is missing (apt-get install verilator iverilog; CI installs them)');
    const run = it.runIf(tools && present);
    for (const [file, samples] of models) {
      const name = file.split('/').pop() ?? file;
      for (const ioType of options.ioTypes ?? (['io_parallel', 'io_stream'] as const)) {
        run(`${name} ${ioType}: lint-clean under verilator -Wall in ${CONFIGS.length} more configurations`, async () => {
          const graph = loadOnnxModel(file);
          for (const [strategy, rf] of CONFIGS.filter(([strategy]) => options.da !== false || strategy !== 'distributed_arithmetic')) {
            const config = parseHlsConfig(`IOType: ${ioType}\nHLSConfig:\n  Model:\n    Precision: fixed<16,6>\n    ReuseFactor: ${rf}\n    Strategy: ${strategy}\n`, 'lint.yaml');
            const design = buildRtl(convertModel(graph, config, { reuseFactors: 'adjust' }).model, { ioType });
            const dir = mkdtempSync(join(tmpdir(), 'ngt-rtl-lint-'));
            const sources = [...design.files].map(([file, text]) => {
              writeFileSync(join(dir, file), text);
              return join(dir, file);
            });
            await lintVerilog(sources, design.top, { workDir: dir });
          }
        }, options.timeoutMs);
        run(`${name} ${ioType}: 0 bit and 0 cycle differences on ${samples} samples (Verilator, default configuration)`, async () => {
          const graph = loadOnnxModel(file);
          const { model } = convertModel(graph, parseHlsConfig(`IOType: ${ioType}\n`, 'default.yaml'));
          const size = inputSize(graph);
          const result = await cosimulate(model, [inputs(size, samples, 3)], samples, { ioType, workDir: mkdtempSync(join(tmpdir(), 'ngt-rtl-model-')), simulator: 'verilator', sinkInterval: 2 });
          expect(result.tokens).toBeGreaterThanOrEqual(samples);
          expect(result.mismatches.slice(0, 5)).toEqual([]);
        }, options.timeoutMs);
        if (ioType !== 'io_parallel' || options.da === false) continue;
        run(`${name} ${ioType}: 0 bit and 0 cycle differences under distributed_arithmetic on ${samples} samples (Verilator)`, async () => {
          const graph = loadOnnxModel(file);
          const da = convertModel(graph, parseHlsConfig(`IOType: ${ioType}\nHLSConfig:\n  Model:\n    Precision: fixed<16,6>\n    Strategy: distributed_arithmetic\n`, 'da.yaml')).model;
          const daResult = await cosimulate(da, [inputs(inputSize(graph), samples, 5)], samples, { ioType, workDir: mkdtempSync(join(tmpdir(), 'ngt-rtl-model-da-')), simulator: 'verilator', sinkInterval: 2, lint: false });
          expect(daResult.tokens).toBeGreaterThanOrEqual(samples);
          expect(daResult.mismatches.slice(0, 5)).toEqual([]);
          expect(daResult.lastReadCycle.rtl).toBe(daResult.lastReadCycle.sim);
        }, options.timeoutMs);
      }
    }
  });
}

function inputSize(graph: ReturnType<typeof loadOnnxModel>): number {
  return (graph.tensors.get(graph.inputs[0] ?? '')?.shape ?? []).slice(1).reduce((a, b) => a * b, 1);
}
