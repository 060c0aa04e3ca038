// Backpressure on a two-layer toy model (io_parallel): dense (Latency, RF 2, nIn 2: latency 4 = the
// multiply stage, 2 accumulation phases and the output register, II 2) then ReLU (latency 1, II 1: the
// schedule is asked not to fold it into the dense), counts derived by hand in the comments.
import { describe, expect, it } from 'vitest';
import { scheduleModel } from '../../hls/index.js';
import { simulateCycles, type CycleResult } from '../../sim/index.js';
import { sinkStalled, type SinkStalls } from '../../sim/sink-stalls.js';
import { dense, expectSameRaws, referenceRaws, hwModel, inputsFor, relu, tensor } from './helpers.js';

const model = hwModel('toy', ['x'], ['y'], [tensor('x', [2]), tensor('h', [2]), tensor('y', [2])], [dense('fc', 'x', 'h', 2, 2, 'latency', 2), relu('act', 'h', 'y')]);

function counts(result: CycleResult): { busy: number; stall: number; idle: number }[] {
  return result.layers.map(({ busy, stall, idle }) => ({ busy, stall, idle }));
}

function run(count: number, options: { interval?: number; sinkInterval?: number; sinkStalls?: SinkStalls; skipQuiet?: boolean }): CycleResult {
  const inputs = inputsFor(model, count, 1);
  const schedules = scheduleModel(model, { ioType: 'io_parallel', fold: false });
  const result = simulateCycles(model, inputs, count, { ioType: 'io_parallel', schedules, ...options });
  expect(expectSameRaws(result.outputs, referenceRaws(model, inputs, count))).toEqual([]);
  return result;
}

describe('backpressure and input spacing on a two-layer toy model', () => {
  it('back to back, consumer always ready: no stalls', () => {
    const result = run(4, {});
    // fc accepts at 0, 2, 4, 6 (II 2); its outputs are valid at +4: 4, 6, 8, 10; act adds 1.
    expect(result.layers[0]?.firings.map((f) => [f.start, f.end])).toEqual([[0, 4], [2, 6], [4, 8], [6, 10]]);
    expect(result.outputValidCycle).toEqual([5, 7, 9, 11]);
    expect(result.totalCycles).toBe(12);
    // fc has work in flight in cycles 0..9, act issues in 4, 6, 8, 10.
    expect(counts(result)).toEqual([
      { busy: 10, stall: 0, idle: 2 },
      { busy: 4, stall: 0, idle: 8 },
    ]);
    expect(result.latency).toEqual({ first: 5, steadyStateII: 2 });
  });

  it('a consumer that takes one token every 3 cycles stalls the ReLU once', () => {
    const result = run(4, { sinkInterval: 3 });
    // Reads at 5 (next allowed 8), 8 (11), 11, 14. act writes in 4 and 6 (the output register is free);
    // in 8 the consumer's read frees it in the same cycle; in 10 it is full and unread: stall; in 11 it writes.
    expect(result.outputValidCycle).toEqual([5, 7, 9, 12]);
    expect(result.totalCycles).toBe(15);
    expect(counts(result)).toEqual([
      { busy: 10, stall: 0, idle: 5 },
      { busy: 4, stall: 1, idle: 10 },
    ]);
    const out = result.fifos.find((fifo) => fifo.name === 'y -> output y');
    // Occupancy: token 0 from 5, read in 5; token 1 from 7; in 8 and 11 a read and a write in the same
    // cycle keep it at 1; the last read in 14 empties it.
    expect(out?.series).toEqual([[0, 0], [5, 1], [6, 0], [7, 1], [15, 0]]);
    expect(out?.maxOccupancy).toBe(1);
  });

  it('a slower consumer backs up into the dense layer', () => {
    const result = run(4, { sinkInterval: 6 });
    // Sink reads at 5, 11, 17. act writes result 0 in 4 and result 1 in 6 (the read in 5 emptied the
    // output); result 2 reaches it in 8 but the output holds result 1 until the read in 11: stalls in
    // 8, 9, 10, writes in 11; result 3 reaches it in 12, output full until the read in 17: stalls in
    // 12..16, writes in 17.
    expect(result.outputValidCycle).toEqual([5, 7, 12, 18]);
    expect(result.layers[1]?.stall).toBe(3 + 5);
    // fc's fourth result is due in 9, but act's input register holds the third until act takes it in
    // 11: fc stalls in 9 and 10 and writes in 11 (valid 12).
    expect(result.layers[0]?.stall).toBe(2);
    expect(result.layers[0]?.firings[3]?.end).toBe(12);
  });

  it('inputs every 5 cycles: one output every 5 cycles, idle gaps', () => {
    const result = run(3, { interval: 5 });
    expect(result.inputAcceptCycle).toEqual([0, 5, 10]);
    expect(result.outputValidCycle).toEqual([5, 10, 15]);
    expect(result.latency).toEqual({ first: 5, steadyStateII: 5 });
    expect(result.totalCycles).toBe(16);
    // fc busy in 0-3, 5-8, 10-13.
    expect(counts(result)).toEqual([
      { busy: 12, stall: 0, idle: 4 },
      { busy: 3, stall: 0, idle: 13 },
    ]);
  });

  describe('random ready stalls of the consumer', () => {
    // The hash written out again in BigInt arithmetic modulo 2^32, as the testbench's Verilog computes it.
    const M = (1n << 32n) - 1n;
    function stalledBig(stalls: SinkStalls, sink: number, cycle: number): boolean {
      let h = ((BigInt(cycle) ^ ((BigInt(stalls.seed) + BigInt(sink) * 0x632be5abn) & M)) * 0x9e3779b1n) & M;
      h ^= h >> 15n;
      h = (h * 0x85ebca6bn) & M;
      h ^= h >> 13n;
      return h % 100n < BigInt(stalls.percent);
    }

    it('holds the sink not ready in the seeded share of the cycles, as 32-bit arithmetic computes it', () => {
      const stalls = { percent: 30, seed: 7 };
      let held = 0;
      for (let cycle = 0; cycle < 20_000; cycle++) {
        const stalled = sinkStalled(stalls, 1, cycle);
        if (cycle < 2000) expect(stalled).toBe(stalledBig(stalls, 1, cycle));
        if (stalled) held += 1;
      }
      expect(held / 20_000).toBeGreaterThan(0.28);
      expect(held / 20_000).toBeLessThan(0.32);
      expect(Array.from({ length: 64 }, (_, c) => sinkStalled({ percent: 0, seed: 7 }, 0, c)).some(Boolean)).toBe(false);
    });

    it('delays the reads the same whether the loop jumps quiet cycles or steps each one', () => {
      const sinkStalls = { percent: 60, seed: 3 };
      const free = run(40, { sinkInterval: 2 });
      const jumped = run(40, { sinkInterval: 2, sinkStalls });
      const stepped = run(40, { sinkInterval: 2, sinkStalls, skipQuiet: false });
      expect(jumped.outputValidCycle).toEqual(stepped.outputValidCycle);
      expect(counts(jumped)).toEqual(counts(stepped));
      expect(jumped.totalCycles).toBe(stepped.totalCycles);
      expect(jumped.totalCycles).toBeGreaterThan(free.totalCycles);
      expect(jumped.layers[1]?.stall).toBeGreaterThan(free.layers[1]?.stall ?? 0);
    });

    it('rejects a share of 100% (the sink would never read)', () => {
      expect(() => run(2, { sinkStalls: { percent: 100, seed: 1 } })).toThrow(/sinkStalls.percent must be an integer 0..99, not 100/);
    });
  });
});
