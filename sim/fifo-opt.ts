// FIFO depth optimisation from simulation (hls4ml's FifoDepthOptimization, same recipe): simulate with
// every FIFO between two layers deep enough never to fill (all of its tokens for the whole run; the
// model's input and output port streams keep their depths, they belong to the testbench), take each FIFO's maximum
// occupancy, set its depth to that + 1, and simulate again to show there is no deadlock.
//
// Why the re-run is cycle-identical to the unbounded run: a write is refused only when a FIFO holds
// `depth` tokens and is not read in that cycle; with depth = max + 1 no FIFO ever holds more than the
// unbounded run's max, so no write is ever refused and every cycle repeats. (With our ready = !full ||
// read FIFOs, depth = max alone would do as well; the + 1 is hls4ml's margin and keeps Verilog FIFOs
// with a registered full flag safe.)
//
// One departure from hls4ml: a producer faster than its consumer (the input repack in front of a conv)
// runs ahead into an unbounded FIFO and its max + 1 would exceed the depth it had, buying no
// throughput. So the new depth is min(max + 1, previous depth), and the re-run checks it: if those
// capped depths deadlock, the uncapped max + 1 depths are used (whose re-run repeats the unbounded run
// cycle for cycle, so it cannot deadlock). With capping the cycles may differ from the unbounded run's;
// both results are returned.
import { scheduleModel, type HwModel } from '../hls/index.js';
import { DeadlockError, SimulationOptionsError } from './errors.js';
import { buildNetwork } from './network.js';
import { resolveDepths, simulateCycles, type CycleOptions, type CycleResult } from './simulate.js';

export interface FifoOptimization {
  /** The new depth of every FIFO between two layers, by name (the model's input and output port streams keep theirs: they are the testbench's). */
  readonly depths: Readonly<Record<string, number>>;
  /** The depths before (the defaults, or options.fifoDepths where given). */
  readonly previous: Readonly<Record<string, number>>;
  /** The run with unbounded FIFOs the depths come from. */
  readonly unbounded: CycleResult;
  /** The re-run with the new depths (finished: no deadlock; the functional bits). */
  readonly optimized: CycleResult;
  /** true: some depths were kept at their previous value, below max + 1 (see the header). */
  readonly capped: boolean;
}

export function optimizeFifoDepths(model: HwModel, inputs: readonly Float64Array[], count: number, options: CycleOptions): FifoOptimization {
  if (options.ioType !== 'io_stream') {
    throw new SimulationOptionsError(`FIFO depth optimisation needs io_stream, not ${options.ioType}: io_parallel streams are single register slices`);
  }
  const schedules = options.schedules ?? scheduleModel(model, { ioType: options.ioType, clockPeriod: options.clockPeriod, part: options.part });
  const network = buildNetwork(model, schedules, options.ioType);
  const current = resolveDepths(network, options.fifoDepths);
  const unboundedDepths: Record<string, number> = {};
  const previous: Record<string, number> = {};
  const ports = new Set<string>();
  network.streams.forEach((stream, s) => {
    previous[stream.name] = current[s] ?? stream.defaultDepth;
    if (stream.producer.kind === 'source' || stream.consumer.kind === 'sink') ports.add(stream.name);
    else unboundedDepths[stream.name] = Math.min(2 ** 30, stream.tokensPerSample * Math.max(count, 1) + 1);
  });
  const unbounded = simulateCycles(model, inputs, count, { ...options, fifoDepths: { ...options.fifoDepths, ...unboundedDepths }, vcdPath: undefined });
  const exact: Record<string, number> = {};
  const capped: Record<string, number> = {};
  for (const fifo of unbounded.fifos) {
    if (ports.has(fifo.name)) continue;
    exact[fifo.name] = fifo.maxOccupancy + 1;
    capped[fifo.name] = Math.min(fifo.maxOccupancy + 1, previous[fifo.name] ?? Infinity);
  }
  try {
    const optimized = simulateCycles(model, inputs, count, { ...options, fifoDepths: { ...options.fifoDepths, ...capped } });
    return { depths: capped, previous, unbounded, optimized, capped: true };
  } catch (error) {
    if (!(error instanceof DeadlockError)) throw error;
  }
  const optimized = simulateCycles(model, inputs, count, { ...options, fifoDepths: { ...options.fifoDepths, ...exact } });
  return { depths: exact, previous, unbounded, optimized, capped: false };
}
