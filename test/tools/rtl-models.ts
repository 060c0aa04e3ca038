// Every example and shared model through the RTL (the rtl-models-*.test.ts files, one per model set so
// vitest runs them side by side): for each io type, Latency RF 1, 2 and 4, Resource RF 1, 2 and 4 and
// distributed_arithmetic (hls4ml takes it at RF 1 only: DistributedArithmeticCodegen raises otherwise,
// so RF 2 and 4 adjust to the same design) at fixed<16,6>, each co-simulated against the cycle
// simulator on 200 samples, half of them driving the types into overflow, with spaced inputs, a slow
// sink in some runs and the sink not ready in a seeded random 25% of the cycles in all: 0 bit and 0
// cycle differences, and the RTL lint-clean under verilator --lint-only -Wall. Latency RF 1 runs in
// Verilator (ngt cosim's default), the others in Icarus, which starts in seconds where a Verilator
// build of a model takes half a minute, except where a model says otherwise (MatrixModel).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertModel, lintVerilog, parseHlsConfig, type IoType, type SimulatorKind } from '../../hls/index.js';
import { loadOnnxModel } from '../../models/index.js';
import { cosimulate } from '../../sim/index.js';
import { random } from '../models/helpers.js';

const tools = existsSync('/usr/bin/iverilog') && existsSync('/usr/bin/verilator');
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';

interface MatrixRun {
  readonly strategy: 'Latency' | 'Resource' | 'distributed_arithmetic';
  readonly rf: number;
  /** Cycles between sample arrivals, and the sink's minimum spacing of reads. */
  readonly interval: number;
  readonly sinkInterval: number;
  readonly simulator: SimulatorKind;
}

const MATRIX: readonly MatrixRun[] = [
  { strategy: 'Latency', rf: 1, interval: 0, sinkInterval: 1, simulator: 'verilator' },
  { strategy: 'Latency', rf: 2, interval: 0, sinkInterval: 3, simulator: 'icarus' },
  { strategy: 'Latency', rf: 4, interval: 5, sinkInterval: 1, simulator: 'icarus' },
  { strategy: 'Resource', rf: 1, interval: 2, sinkInterval: 2, simulator: 'icarus' },
  { strategy: 'Resource', rf: 2, interval: 0, sinkInterval: 1, simulator: 'icarus' },
  { strategy: 'Resource', rf: 4, interval: 0, sinkInterval: 5, simulator: 'icarus' },
  { strategy: 'distributed_arithmetic', rf: 1, interval: 0, sinkInterval: 2, simulator: 'icarus' },
];
const STALL_PERCENT = 25;

/** samples x size values: the first half around the models' input range, the second twelve times larger. */
function inputs(size: number, samples: number, seed: number): Float64Array {
  const next = random(seed);
  return Float64Array.from({ length: samples * size }, (_, i) => (4 * next() - 2) * (i < (samples / 2) * size ? 1 : 12));
}

export interface RtlModelOptions {
  /** The io types to run (both by default). */
  readonly ioTypes?: readonly IoType[];
  /** Each test's limit (vitest's 600 s by default): TFC_2W2A's 7 MB of Verilog takes longer. */
  readonly timeoutMs?: number;
}

/**
 * [path, samples to co-simulate, and optionally the simulator of every run: Verilator where Icarus takes
 * minutes (the conv models' im2col logic, cycle by cycle), Icarus where a Verilator build does (TFC_2W2A)].
 */
export type MatrixModel = readonly [string, number] | readonly [string, number, SimulatorKind];

export function rtlModels(title: string, models: readonly MatrixModel[], present: boolean, options: RtlModelOptions = {}): void {
  describe(`RTL of ${title}`, () => {
    const made: string[] = [];
    afterAll(() => {
      for (const dir of made) rmSync(dir, { recursive: true, force: true });
    });
    it.runIf(!tools && inCi)('finds Verilator and Icarus in CI', () => {
      expect.fail('verilator or iverilog is missing: .ci/run must install them');
    });
    if (!tools && !inCi) console.log('rtl-models: skipped, verilator or iverilog is missing (apt-get install verilator iverilog; CI installs them)');
    const test = it.runIf(tools && present);
    for (const [file, samples, only] of models) {
      const name = file.split('/').pop() ?? file;
      for (const ioType of options.ioTypes ?? (['io_parallel', 'io_stream'] as const)) {
        MATRIX.forEach((planned, index) => {
          const run = { ...planned, simulator: only ?? planned.simulator };
          const conditions = `inputs every ${run.interval} cycles, sink every ${run.sinkInterval} and not ready in ${STALL_PERCENT}% of the cycles`;
          test(`${name} ${ioType} ${run.strategy} RF ${run.rf} (${run.simulator}; ${conditions}): lint-clean, 0 bit and 0 cycle differences on ${samples} samples`, async () => {
            const graph = loadOnnxModel(file);
            const config = parseHlsConfig(`IOType: ${ioType}\nHLSConfig:\n  Model:\n    Precision: fixed<16,6>\n    ReuseFactor: ${run.rf}\n    Strategy: ${run.strategy}\n`, 'matrix.yaml');
            const { model } = convertModel(graph, config, { reuseFactors: 'adjust' });
            const workDir = mkdtempSync(join(tmpdir(), 'ngt-rtl-model-'));
            made.push(workDir);
            const result = await cosimulate(model, [inputs(inputSize(graph), samples, index + 3)], samples, {
              ioType,
              workDir,
              simulator: run.simulator,
              interval: run.interval,
              sinkInterval: run.sinkInterval,
              sinkStalls: { percent: STALL_PERCENT, seed: index + 1 },
            });
            expect(result.simulator).toBe(run.simulator);
            expect(result.tokens).toBeGreaterThanOrEqual(samples);
            expect(result.mismatches.slice(0, 5)).toEqual([]);
            expect(result.lastReadCycle.rtl).toBe(result.lastReadCycle.sim);
            // Verilator's run lints first; an Icarus run is linted here, on the files it simulated.
            if (run.simulator !== 'verilator') await lintVerilog([...result.design.files.keys()].map((source) => join(workDir, source)), result.design.top, { workDir });
          }, options.timeoutMs);
        });
      }
    }
  });
}

function inputSize(graph: ReturnType<typeof loadOnnxModel>): number {
  return (graph.tensors.get(graph.inputs[0] ?? '')?.shape ?? []).slice(1).reduce((a, b) => a * b, 1);
}
