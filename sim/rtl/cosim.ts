// Co-simulation: the model's RTL run in Verilator (or Icarus) on the same inputs, with the same input
// spacing and output back-pressure as the cycle simulator, every output token compared with the
// cycle simulator's: its bits (the functional simulator's raws) and the cycle the sink reads it
// (sim/engine.ts). DESIGN.md contract 2: zero bits and zero cycles of difference.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { invariant } from '@ngt/fxp';
import { compileModel, findSimulator, lintVerilog, runTestbench, type HwModel, type IoType, type SimulatorKind, type TestbenchPhase } from '../../hls/index.js';
import { Engine } from '../engine.js';
import { checkSinkStalls, type SinkStalls } from '../sink-stalls.js';
import { buildRtl, RtlUnsupportedError, type RtlDesign, type RtlOptions, type RtlPort } from './top.js';
import { portsReadme } from './ports-readme.js';
import { TESTBENCH_MODULE, testbenchVerilog, type TestbenchOptions } from './testbench.js';

export interface CosimOptions extends RtlOptions {
  readonly ioType: IoType;
  readonly interval?: number;
  readonly sinkInterval?: number;
  /** Random ready stalls of the outputs besides sinkInterval (sim/sink-stalls.ts), the same in both simulators. */
  readonly sinkStalls?: SinkStalls;
  readonly simulator?: SimulatorKind;
  /** Where the RTL, vectors and logs go. */
  readonly workDir: string;
  readonly maxCycles?: number;
  /** Lint the RTL with verilator --lint-only -Wall first (when Verilator is there). */
  readonly lint?: boolean;
  readonly onProgress?: (phase: TestbenchPhase | 'lint' | 'simulate') => void;
}

export interface TokenMismatch {
  readonly output: string;
  readonly sample: number;
  readonly token: number;
  /** The cycle the sink read it, in the cycle simulator and in the RTL (null: never read). */
  readonly expectedCycle: number;
  readonly rtlCycle: number | null;
  /** Bit positions of the token that differ (empty when only the cycle does). */
  readonly bits: readonly number[];
}

export interface CosimResult {
  readonly design: RtlDesign;
  readonly simulator: SimulatorKind;
  readonly tokens: number;
  readonly mismatches: readonly TokenMismatch[];
  /** The cycle the last output token is read: cycle simulator, RTL. */
  readonly lastReadCycle: { readonly sim: number; readonly rtl: number };
  /** Measured in the RTL: cycles from sample 0's arrival to its last output token read, and between the last two samples' last tokens. */
  readonly measured: { readonly latency: number; readonly ii: number | null };
  readonly buildMs: number;
  readonly runMs: number;
  readonly cached: boolean;
}

/** A token's bits as hex: values[0] in the low bits, each as its W-bit two's complement pattern. */
function tokenHex(raws: ArrayLike<number>, offset: number, values: number, width: number): string {
  let word = 0n;
  for (let e = values - 1; e >= 0; e--) word = (word << BigInt(width)) | BigInt.asUintN(width, BigInt(raws[offset + e] ?? 0));
  return word.toString(16);
}

function portTokens(raws: ArrayLike<number>, port: RtlPort, samples: number): string[] {
  const tokens: string[] = [];
  for (let t = 0; t < samples * port.tokensPerSample; t++) tokens.push(tokenHex(raws, t * port.tokenValues, port.tokenValues, port.type.width));
  return tokens;
}

function differingBits(a: string, b: string): number[] {
  const x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  const bits: number[] = [];
  for (let bit = 0; x >> BigInt(bit) > 0n; bit++) if ((x >> BigInt(bit)) & 1n) bits.push(bit);
  return bits;
}

/**
 * Writes the design's Verilog, the input vectors (the raws of `samples` samples, one token per line) and
 * the testbench into `dir`; returns the RTL sources and the testbench file.
 */
/** The functional simulator's raws of every port's tensor (test vectors hold values of at most 53 bits). */
function portRaws(model: HwModel, design: RtlDesign, inputs: readonly Float64Array[], samples: number): Map<string, Float64Array> {
  const ports = [...design.inputs, ...design.outputs];
  for (const port of ports) {
    if (port.type.width > 53) throw new RtlUnsupportedError(`test vectors of '${model.name}': the ${port.tensor} port is ${port.type.width} bits wide per value; vectors hold values of at most 53 bits (choose a narrower result type)`);
  }
  return compileModel(model).run(inputs, samples, ports.map((port) => port.tensor));
}

export function writeDesign(design: RtlDesign, dir: string, raws: ReadonlyMap<string, ArrayLike<number>>, samples: number, bench: Omit<TestbenchOptions, 'inputFiles'>): { sources: string[]; testbench: string } {
  mkdirSync(dir, { recursive: true });
  const sources: string[] = [];
  for (const [name, text] of design.files) {
    const path = join(dir, name);
    writeFileSync(path, text);
    sources.push(path);
  }
  const inputFiles = design.inputs.map((port, k) => {
    const name = `in${k}.hex`;
    writeFileSync(join(dir, name), `${portTokens(raws.get(port.tensor) ?? [], port, samples).join('\n')}\n`);
    return name;
  });
  design.outputs.forEach((port, k) => writeFileSync(join(dir, `out${k}_expected.hex`), `${portTokens(raws.get(port.tensor) ?? [], port, samples).join('\n')}\n`));
  const testbench = join(dir, `${TESTBENCH_MODULE}.v`);
  writeFileSync(testbench, testbenchVerilog(design, { ...bench, inputFiles }));
  return { sources, testbench };
}

export async function cosimulate(model: HwModel, inputs: readonly Float64Array[], samples: number, options: CosimOptions): Promise<CosimResult> {
  const design = buildRtl(model, options);
  const interval = options.interval ?? 0;
  const sinkInterval = options.sinkInterval ?? 1;
  const maxCycles = options.maxCycles ?? 10_000_000;
  // The bits: the functional simulator's raws of every input and output tensor.
  const raws = portRaws(model, design, inputs, samples);
  // The cycles: the reference engine, recording the cycle of every sink read.
  const simReads = design.outputs.map(() => [] as number[]);
  const sinkStalls = options.sinkStalls;
  if (sinkStalls) checkSinkStalls(sinkStalls, 'co-simulation');
  const engine = new Engine(design.network, { samples, interval, sinkInterval, sinkStalls, depths: design.depths, maxCycles }, (sink, token, cycle) => {
    (simReads[sink] as number[])[token] = cycle;
  }, null);
  const outcome = engine.outcome();
  invariant(outcome.stop === null, `the cycle simulator stopped (${outcome.stop?.kind}) before co-simulation`);
  const { sources, testbench } = writeDesign(design, options.workDir, raws, samples, { samples, interval, sinkInterval, sinkStalls, maxCycles });
  const tool = findSimulator(options.simulator);
  if (options.lint !== false && tool.kind === 'verilator') {
    options.onProgress?.('lint');
    await lintVerilog(sources, design.top);
  }
  const run = await runTestbench(tool, { top: TESTBENCH_MODULE, sources: [...sources, testbench], workDir: options.workDir, onProgress: options.onProgress });
  const rtl = design.outputs.map(() => new Map<number, { cycle: number; hex: string }>());
  for (const line of run.stdout.split('\n')) {
    const match = /^OUT (\d+) (-?\d+) (\d+) ([0-9a-fA-FxXzZ]+)$/.exec(line.trim());
    if (match) rtl[Number(match[1])]?.set(Number(match[3]), { cycle: Number(match[2]), hex: (match[4] ?? '').toLowerCase().replace(/^0+(?=.)/, '') });
  }
  const mismatches: TokenMismatch[] = [];
  let tokens = 0;
  let lastSim = 0;
  let lastRtl = 0;
  design.outputs.forEach((port, k) => {
    const expected = portTokens(raws.get(port.tensor) ?? [], port, samples);
    expected.forEach((hex, token) => {
      tokens += 1;
      const simCycle = simReads[k]?.[token] ?? -1;
      const got = rtl[k]?.get(token);
      lastSim = Math.max(lastSim, simCycle);
      lastRtl = Math.max(lastRtl, got?.cycle ?? -1);
      const bits = got && /^[0-9a-f]+$/.test(got.hex) ? differingBits(hex, got.hex) : [-1];
      if (!got || got.cycle !== simCycle || bits.length > 0) {
        mismatches.push({ output: port.tensor, sample: Math.floor(token / port.tokensPerSample), token, expectedCycle: simCycle, rtlCycle: got?.cycle ?? null, bits });
      }
    });
  });
  // Sample s's last token, on the slowest output: its read cycle in the RTL.
  const sampleDone = (sample: number): number =>
    Math.max(...design.outputs.map((port, k) => rtl[k]?.get((sample + 1) * port.tokensPerSample - 1)?.cycle ?? Number.NaN));
  const measured = { latency: sampleDone(0), ii: samples >= 2 ? sampleDone(samples - 1) - sampleDone(samples - 2) : null };
  return { design, simulator: tool.kind, tokens, mismatches, lastReadCycle: { sim: lastSim, rtl: lastRtl }, measured, buildMs: run.buildMs, runMs: run.runMs, cached: run.cached };
}

/** `ngt rtl`: the design, vectors of `samples` samples, testbench and README written into `dir`. */
export function exportRtl(model: HwModel, inputs: readonly Float64Array[], samples: number, dir: string, options: RtlOptions & { readonly interval?: number; readonly sinkInterval?: number }): RtlDesign {
  const design = buildRtl(model, options);
  const raws = portRaws(model, design, inputs, samples);
  writeDesign(design, dir, raws, samples, { samples, interval: options.interval ?? 0, sinkInterval: options.sinkInterval ?? 1, maxCycles: 10_000_000 });
  writeFileSync(join(dir, 'README.md'), portsReadme(design, samples));
  return design;
}
