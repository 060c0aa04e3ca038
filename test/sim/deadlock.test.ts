// A fork/join in io_stream: x [4, 2] feeds two ReLUs whose outputs a Concatenate along the pixel axis
// joins: it reads all 4 tokens of `a` before any of `b`. The fork writes x's tokens to both branches
// in the same cycle, so while `b`'s branch cannot hold the tokens that `a` still needs, everything waits.
// With the stream into r2 1 deep and b's FIFO d deep, r2 (latency 1) moves d tokens into b and one more
// waits at its input, so x sends d + 1 tokens before it blocks, and `a` needs 4: d = 3 is the least that runs.
import { describe, expect, it } from 'vitest';
import type { HwLayer } from '../../hls/index.js';
import { DeadlockError, optimizeFifoDepths, simulateCycles } from '../../sim/index.js';
import { expectSameRaws, referenceRaws, hwModel, inputsFor, relu, tensor } from './helpers.js';

const concat: HwLayer = { kind: 'concat', name: 'join', hlsClass: 'Concatenate', inputs: ['a', 'b'], output: 'y', axis: 0, inShapes: [[4, 2], [4, 2]] };
const model = hwModel('fork-join', ['x'], ['y'], [tensor('x', [4, 2]), tensor('a', [4, 2]), tensor('b', [4, 2]), tensor('y', [8, 2])], [relu('r1', 'x', 'a'), relu('r2', 'x', 'b'), concat]);
const inputs = inputsFor(model, 3, 4);

describe('deadlock in a fork/join with too shallow FIFOs', () => {
  it('default depths (each FIFO holds a whole sample) run, with the functional bits', () => {
    const result = simulateCycles(model, inputs, 3, { ioType: 'io_stream' });
    expect(result.fifos.map((fifo) => [fifo.name, fifo.depth])).toEqual([
      ['x -> r1', 4],
      ['x -> r2', 4],
      ['a -> join', 4],
      ['b -> join', 4],
      ['y -> output y', 8],
    ]);
    expect(expectSameRaws(result.outputs, referenceRaws(model, inputs, 3))).toEqual([]);
  });

  it('b 1 deep and r2 fed through a 1-deep FIFO: a typed deadlock naming the full FIFOs', () => {
    let error: unknown = null;
    try {
      simulateCycles(model, inputs, 3, { ioType: 'io_stream', fifoDepths: { 'b -> join': 1, 'x -> r2': 1 } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DeadlockError);
    const deadlock = error as DeadlockError;
    // A deadlock is a failure of the work, not bad input: the CLI exits 1 (DESIGN.md).
    expect([deadlock.code, deadlock.exitCode]).toEqual(['SIM_DEADLOCK', 1]);
    expect([...deadlock.fullFifos].sort()).toEqual(['b -> join', 'x -> r2']);
    expect(deadlock.waits).toEqual(["'r1' waits on 'x -> r1'", "'join' waits on 'a -> join'"]);
    // x's tokens 0 and 1 go out (valid in 0 and 1); r2 puts token 0 into b in 0 and stalls in 1 (b full),
    // so token 1 stays in x -> r2 and x cannot send token 2. r1 passes tokens 0, 1 to a (valid 1, 2), join
    // reads them in 1 and 2 and writes y (valid 2, 3), the consumer reads y in 2 and 3; cycle 4 is the
    // first in which nothing moves, and nothing ever can again.
    expect(deadlock.cycle).toBe(4);
    expect(deadlock.message).toBe(
      "cycle simulation of 'fork-join' deadlocked at cycle 4: full FIFOs 'b -> join' (depth 1), 'x -> r2' (depth 1); 'r1' waits on 'x -> r1'; 'join' waits on 'a -> join'. Deepen the full FIFOs (fifoDepths, or --fifo-opt)",
    );
  });

  it('b 2 deep still deadlocks, 3 deep runs', () => {
    expect(() => simulateCycles(model, inputs, 3, { ioType: 'io_stream', fifoDepths: { 'b -> join': 2, 'x -> r2': 1 } })).toThrow(DeadlockError);
    const result = simulateCycles(model, inputs, 3, { ioType: 'io_stream', fifoDepths: { 'b -> join': 3, 'x -> r2': 1 } });
    expect(expectSameRaws(result.outputs, referenceRaws(model, inputs, 3))).toEqual([]);
  });

  it('fifo-opt from the deadlocking depths finds depths that run', () => {
    const optimized = optimizeFifoDepths(model, inputs, 3, { ioType: 'io_stream', fifoDepths: { 'b -> join': 1, 'x -> r2': 1 } });
    expect(optimized.previous['b -> join']).toBe(1);
    expect(optimized.depths['b -> join'] ?? 0).toBeGreaterThan(1);
    expect(optimized.optimized.totalCycles).toBe(optimized.unbounded.totalCycles);
    expect(expectSameRaws(optimized.optimized.outputs, referenceRaws(model, inputs, 3))).toEqual([]);
  });
});
