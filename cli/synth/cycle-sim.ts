// The cycle simulation step of `ngt synth`: the synth samples through sim/'s dataflow simulator (with
// FIFO depth optimisation when asked), its bits checked against the functional simulator's, and what
// the rest of the flow takes from it: FIFO depths per tensor for the cost estimate, and report notes.
import { invariant } from '@ngt/fxp';
import type { HwModel, IoType, LayerSchedule } from '../../hls/index.js';
import { optimizeFifoDepths, simulateCycles, type CycleResult, type FifoOptimization } from '../../sim/index.js';

export interface CycleStepOptions {
  readonly ioType: IoType;
  readonly clockPeriod: number;
  /** The schedules the estimate uses (the same micro-architecture). */
  readonly schedules: readonly LayerSchedule[];
  /** Cycles between sample arrivals; 0: each sample as soon as the first layer accepts it. */
  readonly interval: number;
  readonly fifoOpt: boolean;
  readonly vcdPath?: string;
}

export interface CycleStep {
  /** The run the report shows: with the optimised depths under --fifo-opt. */
  readonly cycles: CycleResult;
  readonly optimization: FifoOptimization | null;
}

export function simulateSamples(model: HwModel, batch: Float64Array, samples: number, options: CycleStepOptions): CycleStep {
  const simOptions = { ioType: options.ioType, clockPeriod: options.clockPeriod, schedules: options.schedules, interval: options.interval, vcdPath: options.vcdPath };
  // A DeadlockError (sim/errors.ts) exits 1, failure of the work, naming the full FIFOs.
  if (!options.fifoOpt) return { cycles: simulateCycles(model, [batch], samples, simOptions), optimization: null };
  const optimization = optimizeFifoDepths(model, [batch], samples, simOptions);
  return { cycles: optimization.optimized, optimization };
}

/** The cycle simulator's outputs must be the functional simulator's bits (by construction; sim/simulate.ts). */
export function checkSameBits(cycles: CycleResult, functional: ReadonlyMap<string, Float64Array>): void {
  for (const [tensor, raws] of cycles.outputs) {
    const expected = functional.get(tensor);
    invariant(expected !== undefined && expected.length === raws.length, `cycle simulation output '${tensor}' has ${raws.length} values, the functional simulator's ${expected?.length ?? 'none'}`);
    const index = raws.findIndex((raw, k) => raw !== expected[k]);
    invariant(index < 0, `cycle simulation output '${tensor}'[${index}] = ${raws[index]}, the functional simulator's ${expected[index]}`);
  }
}

/**
 * Depth per tensor for hls/cost (one FIFO per tensor there). A tensor read by several layers has one
 * FIFO per reader here; it is costed as one FIFO of their total depth.
 */
export function fifoDepthsByTensor(cycles: CycleResult): Map<string, number> {
  const depths = new Map<string, number>();
  for (const fifo of cycles.fifos) depths.set(fifo.tensor, (depths.get(fifo.tensor) ?? 0) + fifo.depth);
  return depths;
}

export interface Predicted {
  readonly latencyCycles: number;
  readonly ii: number;
}

/** What the run measured, how it compares with the schedule's prediction, and the FIFO optimisation. */
const cyclesText = (n: number): string => `${n} cycle${n === 1 ? '' : 's'}`;

export function cycleNotes(step: CycleStep, predicted: Predicted, interval: number): string[] {
  const { cycles, optimization } = step;
  const arrival = interval > 0 ? `an input every ${cyclesText(interval)}` : 'each input as soon as the first layer takes it';
  const ii = cycles.latency.steadyStateII;
  const notes = [
    `Cycle simulation of ${cycles.samples} sample${cycles.samples === 1 ? '' : 's'} (${cycles.ioType}, ${arrival}): first-sample latency ${cyclesText(cycles.latency.first)}, ` +
      `${ii === null ? 'steady-state II not measured (one sample)' : `steady-state II ${cyclesText(ii)}`}, ${cyclesText(cycles.totalCycles)} in all. ` +
      'The latency, II, timeline and FIFO occupancy in this report are its measurements; the per-layer cycles are the schedule.',
  ];
  if (cycles.latency.first !== predicted.latencyCycles) {
    notes.push(`The cycle simulation measured a latency of ${cyclesText(cycles.latency.first)}; the schedule, assuming no stalls, predicts ${predicted.latencyCycles}.`);
  }
  if (ii !== null && interval === 0 && ii !== predicted.ii) {
    notes.push(`The cycle simulation measured an II of ${cyclesText(ii)}; the schedule predicts ${predicted.ii} (its slowest layer).`);
  }
  if (interval > 0) notes.push(`The II shown is the schedule's: with an input every ${cyclesText(interval)} the measured output interval reflects the arrivals.`);
  if (optimization) {
    const changes = Object.entries(optimization.depths).map(([name, depth]) => `${name}: ${optimization.previous[name] ?? '?'} -> ${depth}`);
    const same = optimization.optimized.outputValidCycle.every((cycle, sample) => cycle === optimization.unbounded.outputValidCycle[sample]);
    notes.push(
      `FIFO optimisation (each FIFO between two layers set to its maximum occupancy + 1${optimization.capped ? ', capped at its previous depth' : ''}): ${changes.join(', ')}. ` +
        `The re-run with these depths finished with no deadlock${same ? ', every output at the same cycle as with unbounded FIFOs' : ''}.`,
    );
  }
  return notes;
}
