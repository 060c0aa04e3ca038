// Skipping quiet cycles is exact: every record equals the cycle-by-cycle reference run, across models,
// io types, input spacing and slow consumers, while stepping through fewer cycles.
import { describe, expect, it } from 'vitest';
import { simulateCycles, type CycleResult } from '../../sim/index.js';
import { EXAMPLES, example, inputsFor } from './helpers.js';

function comparable(result: CycleResult): unknown {
  return { ...result, steppedCycles: 0, timings: null, layers: result.layers.map((layer) => ({ ...layer, schedule: null })) };
}

describe('quiet-cycle skipping', () => {
  it('equals stepping every cycle', () => {
    let saved = 0;
    for (const name of EXAMPLES) {
      for (const [ioType, interval, sinkInterval] of [
        ['io_parallel', 0, 1],
        ['io_parallel', 37, 1],
        ['io_stream', 0, 1],
        ['io_stream', 0, 5],
        ['io_stream', 500, 1],
      ] as const) {
        const model = example(name, { ioType, strategy: 'Resource', reuseFactor: 4 });
        const inputs = inputsFor(model, 4, 8);
        const options = { ioType, interval, sinkInterval };
        const fast = simulateCycles(model, inputs, 4, options);
        const slow = simulateCycles(model, inputs, 4, { ...options, skipQuiet: false });
        expect(comparable(fast), `${name} ${ioType} ${interval} ${sinkInterval}`).toEqual(comparable(slow));
        expect(slow.steppedCycles).toBe(slow.totalCycles);
        saved += slow.steppedCycles - fast.steppedCycles;
      }
    }
    expect(saved).toBeGreaterThan(1000);
  });
});
