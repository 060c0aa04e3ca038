// FIFO depth optimisation on the conv examples (io_stream): every FIFO between two layers gets its
// maximum occupancy + 1, below hls4ml's default (a whole sample's tokens) for the conv models; the
// re-run finishes (no deadlock), with the functional bits and the unbounded run's cycles.
import { describe, expect, it } from 'vitest';
import { optimizeFifoDepths, SimulationOptionsError } from '../../sim/index.js';
import { example, expectSameRaws, referenceRaws, inputsFor } from './helpers.js';

describe('--fifo-opt', () => {
  for (const name of ['conv1d-small', 'conv2d-small']) {
    for (const strategy of ['Latency', 'Resource'] as const) {
      it(`${name}, ${strategy} RF 2: smaller FIFOs, no deadlock, same bits`, () => {
        const model = example(name, { ioType: 'io_stream', strategy, reuseFactor: 2 });
        const count = 4;
        const inputs = inputsFor(model, count, 21);
        const result = optimizeFifoDepths(model, inputs, count, { ioType: 'io_stream' });
        const names = Object.keys(result.depths);
        expect(names.length).toBeGreaterThanOrEqual(5);
        let before = 0;
        let after = 0;
        for (const fifo of names) {
          const depth = result.depths[fifo] ?? 0;
          const previous = result.previous[fifo] ?? 0;
          expect(depth, fifo).toBeLessThanOrEqual(Math.max(previous, 2));
          before += previous;
          after += depth;
          const rerun = result.optimized.fifos.find((f) => f.name === fifo);
          expect(rerun?.depth, fifo).toBe(depth);
          expect(rerun?.maxOccupancy, fifo).toBeLessThanOrEqual(depth);
          if (depth < previous) expect(rerun?.maxOccupancy, fifo).toBe(depth - 1);
        }
        expect(after).toBeLessThan(before / 2);
        // Conv line-buffer outputs: a whole image's worth of tokens by default, two after optimisation.
        const conv = result.optimized.fifos.find((f) => f.producer === 'conv1');
        expect(conv?.defaultDepth).toBeGreaterThanOrEqual(32);
        expect(conv?.depth).toBeLessThanOrEqual(3);
        expect(expectSameRaws(result.optimized.outputs, referenceRaws(model, inputs, count))).toEqual([]);
        // The FIFOs kept at their depth sit in front of the slowest layer (conv1), which they keep fed:
        // the outputs come at the unbounded run's cycles.
        expect(result.capped).toBe(true);
        expect(result.optimized.outputValidCycle).toEqual(result.unbounded.outputValidCycle);
      });
    }
  }

  it('io_parallel is refused with a typed error', () => {
    const model = example('jet-tagger', { ioType: 'io_parallel', strategy: 'Latency', reuseFactor: 1 });
    expect(() => optimizeFifoDepths(model, inputsFor(model, 1, 1), 1, { ioType: 'io_parallel' })).toThrow(SimulationOptionsError);
  });
});
