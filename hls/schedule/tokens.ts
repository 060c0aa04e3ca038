// Token counts and the building blocks every kind's schedule uses (see types.ts for the execution model).
import type { IoType } from '../config/types.js';
import type { LayerSchedule, Stage, TokenProgram } from './types.js';
import type { HwLayerKind } from '../ir/hardware.js';

/**
 * Tokens per sample of a tensor of `shape` (one sample, channels last). io_parallel: one wide token.
 * io_stream: one token per pixel, the last axis packed (hls4ml's nnet::array<T, n_chan> stream element),
 * so a 1-D tensor of n values is one token of n.
 */
export function tokenCount(shape: readonly number[], ioType: IoType): number {
  if (ioType === 'io_parallel') return 1;
  let pixels = 1;
  for (let axis = 0; axis < shape.length - 1; axis++) pixels *= shape[axis] ?? 1;
  return pixels;
}

/** Values per token. */
export function tokenSize(shape: readonly number[], ioType: IoType): number {
  const size = shape.reduce((a, b) => a * b, 1);
  return size / tokenCount(shape, ioType);
}

/** ceil(log2(n)) for n >= 1 (0 for n = 1): the levels of a binary reduction tree over n values. */
export function treeLevels(n: number): number {
  let levels = 0;
  while (2 ** levels < n) levels += 1;
  return levels;
}

/** Register stages of a reduction tree over n values with a register every k levels: ceil(ceil(log2 n) / k). */
export function treeStages(n: number, levelsPerStage: number): number {
  return Math.ceil(treeLevels(n) / levelsPerStage);
}

/**
 * Tree levels per register stage for a clock period: our choice, not hls4ml's (Vivado HLS schedules
 * by its own delay model): one adder or comparator level of a 16-32 bit datapath plus routing takes
 * about 2.5 ns on UltraScale+, so the default 5 ns clock registers every 2 levels; at least 1.
 */
export function treeLevelsFor(clockPeriodNs: number): number {
  return Math.max(1, Math.floor(clockPeriodNs / 2.5));
}

/** One iteration per sample reading one token of every input and emitting one: io_parallel, and io_stream's token-wise layers. */
export function tokenwiseProgram(iterations: number, inputs: number): TokenProgram {
  const all = inputs >= 32 ? 0xffffffff : 2 ** inputs - 1;
  return { reads: new Uint32Array(iterations).fill(all), emits: new Uint8Array(iterations).fill(1) };
}

export function sumCycles(stages: readonly Stage[]): number {
  return stages.reduce((total, stage) => total + stage.cycles, 0);
}

export interface ScheduleParts {
  readonly kind: HwLayerKind;
  readonly ioType: IoType;
  readonly iterationIi: number;
  readonly stages: readonly Stage[];
  readonly tokensIn: readonly number[];
  readonly tokensOut: number;
  readonly program: TokenProgram;
  /** The iteration latency's formula with the numbers; the layer latency's is derived. */
  readonly formula: string;
}

/** A process schedule from its iteration program and stages: latency and ii derived as types.ts defines them. */
export function processSchedule(parts: ScheduleParts): LayerSchedule {
  const iterationLatency = sumCycles(parts.stages);
  const { reads, emits } = parts.program;
  let lastEmit = -1;
  for (let i = 0; i < emits.length; i++) if (emits[i]) lastEmit = i;
  const iterations = emits.length;
  const latency = lastEmit * parts.iterationIi + iterationLatency;
  const formula =
    iterations === 1 ? parts.formula : `${lastEmit} * ${parts.iterationIi} + (${parts.formula}) (last output after iteration ${lastEmit} of ${iterations})`;
  return {
    kind: parts.kind,
    ioType: parts.ioType,
    wire: false,
    latency,
    ii: iterations * parts.iterationIi,
    iteration: { latency: iterationLatency, ii: parts.iterationIi },
    stages: parts.stages,
    tokensIn: parts.tokensIn,
    tokensOut: parts.tokensOut,
    program: { reads, emits },
    formula: `${formula} = ${latency}`,
  };
}

/** No hardware: the output stream is the input stream. */
export function wireSchedule(kind: HwLayerKind, ioType: IoType, tokens: number): LayerSchedule {
  return {
    kind,
    ioType,
    wire: true,
    latency: 0,
    ii: 0,
    iteration: { latency: 0, ii: 0 },
    stages: [],
    tokensIn: [tokens],
    tokensOut: tokens,
    program: { reads: new Uint32Array(0), emits: new Uint8Array(0) },
    formula: 'wire = 0',
  };
}
