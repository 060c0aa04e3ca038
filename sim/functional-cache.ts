// The bits a cycle simulation carries come from hls/'s compiled functional simulator. Two reuses make
// repeated simulations of one model cheap (fifo-opt runs it two or three times, sweeps over FIFO depths
// or input spacing many times): the compiled simulator is kept per model, and so are the values of the
// last run, reused when the inputs hold the same numbers (compared value by value: callers may refill
// an input array in place) and the same tensors are asked for.
import { compileModel, type HwModel, type Simulator } from '../hls/index.js';

interface LastRun {
  readonly inputs: readonly Float64Array[];
  readonly count: number;
  readonly tensors: string;
  readonly values: ReadonlyMap<string, Float64Array>;
}

interface Entry {
  readonly simulator: Simulator;
  last: LastRun | null;
}

const entries = new WeakMap<HwModel, Entry>();
const MAX_KEPT_INPUTS = 4_000_000;

function sameInputs(a: readonly Float64Array[], b: readonly Float64Array[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k] as Float64Array;
    const y = b[k] as Float64Array;
    if (x.length !== y.length) return false;
    // -0 and 0 quantise alike; NaN never gets here (the functional simulator refuses it).
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

/** Raws of `tensors` for `inputs` (read-only: shared with later calls that ask for the same). */
export function functionalValues(model: HwModel, inputs: readonly Float64Array[], count: number, tensors: readonly string[]): ReadonlyMap<string, Float64Array> {
  let entry = entries.get(model);
  if (!entry) {
    entry = { simulator: compileModel(model), last: null };
    entries.set(model, entry);
  }
  const key = tensors.join('\n');
  const last = entry.last;
  if (last && last.count === count && last.tensors === key && sameInputs(last.inputs, inputs)) return last.values;
  const values = entry.simulator.run(inputs, count, tensors);
  // Kept only for batches of moderate size (the copy of the inputs doubles their memory).
  const size = inputs.reduce((sum, input) => sum + input.length, 0);
  entry.last = size <= MAX_KEPT_INPUTS ? { inputs: inputs.map((input) => input.slice()), count, tensors: key, values } : null;
  return values;
}
