// User-facing errors of the cycle simulator (STYLE.md: named classes with a code; the CLI maps them).
import { NgtError } from '@ngt/fxp';

/** Options the simulator cannot use (an unknown FIFO name, a depth below 1, a bad interval). */
export class SimulationOptionsError extends NgtError {
  readonly code: string = 'SIM_OPTIONS';
}

/** The dataflow stopped before every output was produced: a failure of the work (exit 1), not bad input. */
export class SimulationError extends NgtError {
  readonly code: string = 'SIM_STOPPED';
  override readonly exitCode: number = 1;
  constructor(
    message: string,
    /** The cycle the simulation stopped in. */
    readonly cycle: number,
  ) {
    super(message);
  }
}

/**
 * No process can ever move again while samples are still pending: every process is stalled on a full
 * FIFO or waits on an empty one, and no input is still to arrive. Names the full FIFOs and the waits.
 */
export class DeadlockError extends SimulationError {
  override readonly code: string = 'SIM_DEADLOCK';
  constructor(
    message: string,
    cycle: number,
    /** FIFOs that are full with a stalled producer. */
    readonly fullFifos: readonly string[],
    /** 'layer waits on fifo' for every process waiting on an empty FIFO. */
    readonly waits: readonly string[],
  ) {
    super(message, cycle);
  }
}

/** The simulation ran past options.maxCycles without finishing (a guard; deadlocks are found exactly). */
export class CycleLimitError extends SimulationError {
  override readonly code: string = 'SIM_CYCLE_LIMIT';
}
