// What a layer's schedule declares: the one micro-architecture the cycle simulator (sim/) runs and the
// Verilog will implement cycle for cycle (DESIGN.md contract 2), read from the layer's datapath
// (hls/datapath) by the delay-driven register placement, and its token program (hls/tokens).
//
// The common execution model every schedule is written in (sim/engine.ts runs exactly this;
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
//  - Layers with no process ('wire'): wiring (Reshape and Transpose in io_parallel, a Reshape that keeps
//    the token layout in io_stream), and combinational layers folded into their producer's output stage
//    (a ReLU after a Dense when the clock allows): their output stream is their input stream.
import type { IoType } from '../config/types.js';
import type { Datapath } from '../datapath/ir.js';
import type { HwLayerKind } from '../ir/hardware.js';
import type { TokenProgram } from '../tokens/tokens.js';

/** A pipeline stage of one iteration: a named piece of logic ending in a register. */
export interface Stage {
  readonly name: string;
  readonly cycles: number;
  /** Combinational delay of each of its cycles, ns (the estimate's stage delay). */
  readonly delayNs: number;
}

export interface LayerSchedule {
  readonly kind: HwLayerKind;
  readonly ioType: IoType;
  /** No process: the output stream is the input stream (latency 0, ii 0, empty program). */
  readonly wire: boolean;
  /** A wire because its logic went into its producer's output stage (the name of that producer), else null. */
  readonly foldedInto: string | null;
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
  /** How the latency comes about, with this layer's numbers, for reports. */
  readonly formula: string;
  /** The datapath the schedule was placed on. */
  readonly datapath: Datapath;
  /** Flip-flops of the pipeline registers (output register included; 0 for a wire). */
  readonly registerBits: number;
  /** Slowest register-to-register path, register overhead included, ns (0 for wiring). */
  readonly stageDelayNs: number;
}
