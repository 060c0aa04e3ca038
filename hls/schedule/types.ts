// What a layer's schedule declares: the one micro-architecture the cycle simulator (sim/) runs and the
// Verilog will implement cycle for cycle (DESIGN.md contract 2).
//
// The common execution model every kind's schedule is written in (sim/engine.ts runs exactly this;
// model-timing.ts runs it analytically over a whole model with unbounded FIFOs):
//  - A layer is a process that runs a fixed program of *iterations* per sample. An iteration may read
//    one token from some of its input streams (all of them in the same cycle) and may emit one output
//    token. io_parallel: one iteration per sample that reads one wide token per input and emits one.
//    io_stream: a token is one pixel (the last axis, all channels), hls4ml's nnet::array stream element.
//  - Iterations issue at least `iteration.ii` cycles apart. An iteration issued in cycle a (its reads
//    happen in cycle a) has its output token valid in the output stream from cycle a + iteration.latency
//    (it is written at the end of cycle a + iteration.latency - 1). So latency >= 1: every process ends in
//    an output register.
//  - The pipeline flushes: a missing input token only delays the next issue (a bubble); in-flight
//    iterations go on. A full output stream freezes the whole process (stall): no issue, no in-flight
//    progress, until the write can happen.
//  - Layers that are only wiring ('wire': Reshape and Transpose in io_parallel, a Reshape that keeps the
//    token layout in io_stream) have no process: their output stream is their input stream.
import type { IoType } from '../config/types.js';
import type { HwLayerKind } from '../ir/hardware.js';

/** A pipeline stage of one iteration: a named piece of logic ending in a register. */
export interface Stage {
  readonly name: string;
  readonly cycles: number;
}

/** One sample's iterations: which inputs each reads, which emit an output token. */
export interface TokenProgram {
  /** Per iteration: bit p set when it reads one token from input p. */
  readonly reads: Uint32Array;
  /** Per iteration: 1 when it emits one output token. */
  readonly emits: Uint8Array;
}

export interface LayerSchedule {
  readonly kind: HwLayerKind;
  readonly ioType: IoType;
  /** No hardware: the output stream is the input stream (latency 0, ii 0, empty program). */
  readonly wire: boolean;
  /**
   * Cycles from the sample's first iteration issue (its first input token accepted, unless the first
   * iterations are padding) to its last output token valid, when inputs are always there and the
   * output never blocks: (index of the last emitting iteration) * iteration.ii + iteration.latency.
   */
  readonly latency: number;
  /** Cycles between samples in steady state: iterations per sample * iteration.ii. */
  readonly ii: number;
  readonly iteration: { readonly latency: number; readonly ii: number };
  /** The stages of one iteration; their cycles sum to iteration.latency. */
  readonly stages: readonly Stage[];
  /** Tokens per sample read from each input, and written. */
  readonly tokensIn: readonly number[];
  readonly tokensOut: number;
  readonly program: TokenProgram;
  /** The latency formula with this layer's numbers, for reports ('RF + ceil(ceil(log2 nIn) / k) + 1 = 4 + 3 + 1'). */
  readonly formula: string;
}

export interface ScheduleContext {
  readonly ioType: IoType;
  /** One sample's shapes (channels last), as the hardware IR's tensors. */
  readonly inputShapes: readonly (readonly number[])[];
  readonly outputShape: readonly number[];
  /** Adder or comparator levels of a reduction tree between two pipeline registers (the k). */
  readonly treeLevelsPerStage: number;
}
