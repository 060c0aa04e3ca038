// What a cycle simulation returns (simulate.ts): outputs, per-sample cycles, per-layer timelines and
// per-FIFO occupancy, the last two built on first read (lazy-records.ts).
import type { HwLayerKind, IoType, LayerSchedule } from '../hls/index.js';

export interface Firing {
  readonly sample: number;
  /** The cycle of the sample's first iteration (its first input token accepted, unless it starts with padding). */
  readonly start: number;
  /** The first cycle the sample's last output token is valid. */
  readonly end: number;
}

export interface LayerTimeline {
  readonly name: string;
  readonly kind: HwLayerKind;
  readonly schedule: LayerSchedule;
  /** Cycles with work in flight and not stalled / frozen by a full output / with nothing to do (wiring: all 0). */
  readonly busy: number;
  readonly stall: number;
  readonly idle: number;
  readonly firings: readonly Firing[];
}

export interface FifoTimeline {
  readonly name: string;
  readonly tensor: string;
  /** The producing layer's name, or 'input <tensor>'. */
  readonly producer: string;
  /** The consuming layer's name, or 'output <name>'. */
  readonly consumer: string;
  readonly depth: number;
  readonly defaultDepth: number;
  readonly tokensPerSample: number;
  readonly maxOccupancy: number;
  /** Change points [cycle, occupancy from that cycle on], starting [0, 0]. */
  readonly series: readonly (readonly [number, number])[];
}

export interface CycleResult {
  readonly ioType: IoType;
  readonly samples: number;
  /** Raws per output tensor (as the functional simulator's run() keys them), [samples * size]. */
  readonly outputs: Map<string, Float64Array>;
  /** Per sample: the first cycle all its output tokens are valid. */
  readonly outputValidCycle: readonly number[];
  /** Per sample: the cycle its first input token was accepted. */
  readonly inputAcceptCycle: readonly number[];
  readonly latency: {
    /** Sample 0: output valid cycle minus input accept cycle. */
    readonly first: number;
    /** The last two samples' output valid cycles apart (null for fewer than 2 samples). */
    readonly steadyStateII: number | null;
  };
  readonly layers: readonly LayerTimeline[];
  readonly fifos: readonly FifoTimeline[];
  /** Cycles until the last output token was read. */
  readonly totalCycles: number;
  /** Cycles the simulation loop stepped through one by one (the rest were skipped as idle). */
  readonly steppedCycles: number;
  /** Wall-clock ms: the functional simulation that supplies the bits, and the cycle loop (VCD included). */
  readonly timings: { readonly functionalMs: number; readonly cycleLoopMs: number };
}

