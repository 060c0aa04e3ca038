// The compiled cycle loop (sim/engine-compiler.ts) against the reference interpreter (sim/engine.ts):
// every record exactly equal (output bits, accept and valid cycles, per-layer busy/stall/idle and
// firings, FIFO depths, maxima and occupancy series, total and stepped cycles), or the same error with
// the same cycle, message, full FIFOs and waits. Over every example model and configuration the other
// sim tests use, each layer alone, the toy networks, shallow and random FIFO depths (stalls and
// deadlocks), fifo-opt, and the cycle limit.
import { describe, expect, it } from 'vitest';
import type { HwLayer, HwModel, IoType } from '../../hls/index.js';
import { optimizeFifoDepths, simulateCycles, SimulationError, type CycleOptions, type CycleResult, type DeadlockError, type FifoTimeline } from '../../sim/index.js';
import { buildNetwork } from '../../sim/network.js';
import { Engine, type EngineOutcome, type OccupancySeries } from '../../sim/engine.js';
import { compileLoop } from '../../sim/engine-compiler.js';
import { lazySeries } from '../../sim/lazy-records.js';
import { resolveDepths } from '../../sim/simulate.js';
import { compileModel, scheduleModel } from '../../hls/index.js';
import { EXAMPLES, dense, example, expectSameRaws, hwModel, inputsFor, layerAlone, relu, tensor, type Config } from './helpers.js';

const CONFIGS: Config[] = (['io_parallel', 'io_stream'] as IoType[]).flatMap((ioType) =>
  (['Latency', 'Resource'] as const).flatMap((strategy) => [1, 2, 4, 8].map((reuseFactor) => ({ ioType, strategy, reuseFactor }))),
);

function comparable(result: CycleResult): unknown {
  return {
    ...result,
    timings: null,
    layers: result.layers.map((layer) => ({ ...layer, schedule: null })),
    fifos: result.fifos.map((fifo) => ({ ...fifo, series: fifo.series.map((point) => [...point]) })),
  };
}

type Outcome = { kind: 'result'; value: unknown } | { kind: 'error'; value: unknown };

function outcome(run: () => CycleResult): Outcome {
  try {
    return { kind: 'result', value: comparable(run()) };
  } catch (error) {
    if (!(error instanceof SimulationError)) throw error;
    const deadlock = error as Partial<DeadlockError>;
    return { kind: 'error', value: { name: error.constructor.name, message: error.message, cycle: error.cycle, full: deadlock.fullFifos, waits: deadlock.waits } };
  }
}

/** Runs both engines; returns the outcome kind so callers can check that the case exercised what it meant to. */
function same(model: HwModel, inputs: readonly Float64Array[], count: number, options: CycleOptions, where: string): Outcome['kind'] {
  const compiled = outcome(() => simulateCycles(model, inputs, count, options));
  const reference = outcome(() => simulateCycles(model, inputs, count, { ...options, engine: 'reference' }));
  expect(compiled, where).toEqual(reference);
  sameForms(model, count, options, where);
  return compiled.kind;
}

function pairs(series: OccupancySeries): number[][] {
  return lazySeries({} as Omit<FifoTimeline, 'series'>, series).series.map((point) => [...point]);
}

/** Typed arrays as plain arrays: the compiled loop keeps cycles in Int32Arrays, the reference in Float64Arrays. */
function plain(outcome: EngineOutcome): unknown {
  const { result, ...rest } = outcome;
  const arrays = (record: object): Record<string, unknown> =>
    Object.fromEntries(Object.entries(record).map(([key, value]) => [key, ArrayBuffer.isView(value) ? Array.from(value as Int32Array) : value]));
  return { ...arrays(rest), result: { ...arrays(result), series: result.series.map(pairs) } };
}

/** Both forms of the compiled loop (steps in grouped functions, steps inline; simulateCycles picks by run length) against the reference engine, state at the stop included. */
function sameForms(model: HwModel, count: number, options: CycleOptions, where: string): void {
  const network = buildNetwork(model, scheduleModel(model, { ioType: options.ioType }), options.ioType);
  const engineOptions = { samples: count, interval: options.interval ?? 0, sinkInterval: options.sinkInterval ?? 1, depths: resolveDepths(network, options.fifoDepths), maxCycles: options.maxCycles ?? 1e8, skipQuiet: options.skipQuiet };
  const reference = plain(new Engine(network, engineOptions, null, null).outcome());
  for (const form of ['grouped', 'inline'] as const) {
    const loop = compileLoop(network, engineOptions, form);
    expect(loop, where).not.toBeNull();
    expect(plain(loop?.run() as EngineOutcome), `${where} ${form}`).toEqual(reference);
  }
}

const concat: HwLayer = { kind: 'concat', name: 'join', hlsClass: 'Concatenate', inputs: ['a', 'b'], output: 'y', axis: 0, inShapes: [[4, 2], [4, 2]] };
const forkJoin = hwModel('fork-join', ['x'], ['y'], [tensor('x', [4, 2]), tensor('a', [4, 2]), tensor('b', [4, 2]), tensor('y', [8, 2])], [relu('r1', 'x', 'a'), relu('r2', 'x', 'b'), concat]);

const TIMINGS: [number, number][] = [
  [0, 1],
  [7, 1],
  [0, 3],
  [500, 1],
];

describe('compiled cycle loop equals the reference engine', () => {
  for (const name of EXAMPLES) {
    it(`${name}: 16 configurations, each with two of the input spacings / slow consumers, skipping and stepping`, () => {
      let runs = 0;
      CONFIGS.forEach((config, index) => {
        const model = example(name, config);
        const count = 5;
        const inputs = inputsFor(model, count, 11);
        for (const [offset, skipQuiet] of [
          [0, true],
          [1, false],
        ] as const) {
          const [interval, sinkInterval] = TIMINGS[(index + offset) % TIMINGS.length] as [number, number];
          same(model, inputs, count, { ioType: config.ioType, interval, sinkInterval, skipQuiet }, `${name} ${JSON.stringify(config)} ${interval} ${sinkInterval} ${skipQuiet}`);
          runs += 1;
        }
      });
      expect(runs).toBe(32);
    });

    it(`${name}: every layer alone, 8 configurations`, () => {
      let runs = 0;
      for (const config of CONFIGS.filter((_, index) => index % 2 === 0)) {
        const model = example(name, config);
        for (const layer of model.layers) {
          const alone = layerAlone(model, layer);
          same(alone, inputsFor(alone, 4, 3), 4, { ioType: config.ioType, sinkInterval: runs % 3 === 0 ? 2 : 1 }, `${name} ${layer.name} ${JSON.stringify(config)}`);
          runs += 1;
        }
      }
      expect(runs).toBeGreaterThan(8 * 4);
    });
  }

  it('io_stream with random shallow FIFOs: stalls and deadlocks alike', () => {
    let deadlocks = 0;
    let finished = 0;
    let stalls = 0;
    let seed = 12345;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (const name of EXAMPLES) {
      for (const strategy of ['Latency', 'Resource'] as const) {
        const model = example(name, { ioType: 'io_stream', strategy, reuseFactor: 2 });
        const network = buildNetwork(model, scheduleModel(model, { ioType: 'io_stream' }), 'io_stream');
        const inputs = inputsFor(model, 3, 5);
        for (let trial = 0; trial < 6; trial++) {
          const fifoDepths = Object.fromEntries(network.streams.map((stream) => [stream.name, 1 + next(trial < 3 ? 3 : Math.max(2, stream.tokensPerSample))]));
          const options = { ioType: 'io_stream' as const, fifoDepths, sinkInterval: 1 + next(3), interval: next(2) * 40 };
          expect(same(model, inputs, 3, options, `${name} ${strategy} ${JSON.stringify(options)}`)).toBe('result');
          stalls += simulateCycles(model, inputs, 3, options).layers.reduce((sum, layer) => sum + layer.stall, 0);
        }
      }
    }
    expect(stalls).toBeGreaterThan(0);
    // A fork/join (the only shape that can deadlock): random depths on every FIFO.
    const inputs = inputsFor(forkJoin, 3, 4);
    for (let trial = 0; trial < 40; trial++) {
      const fifoDepths = { 'x -> r1': 1 + next(4), 'x -> r2': 1 + next(4), 'a -> join': 1 + next(4), 'b -> join': 1 + next(4), 'y -> output y': 1 + next(8) };
      const options = { ioType: 'io_stream' as const, fifoDepths, sinkInterval: 1 + next(3), interval: next(2) * 5 };
      if (same(forkJoin, inputs, 3, options, `fork-join ${JSON.stringify(options)}`) === 'error') deadlocks += 1;
      else finished += 1;
    }
    expect(deadlocks).toBeGreaterThan(0);
    expect(finished).toBeGreaterThan(0);
  });

  it('toy networks: backpressure, a fork/join deadlock with its message, the cycle limit', () => {
    const toy = hwModel('toy', ['x'], ['y'], [tensor('x', [2]), tensor('h', [2]), tensor('y', [2])], [dense('fc', 'x', 'h', 2, 2, 'latency', 2), relu('act', 'h', 'y')]);
    for (const options of [{}, { sinkInterval: 3 }, { sinkInterval: 6 }, { interval: 5 }]) {
      expect(same(toy, inputsFor(toy, 4, 1), 4, { ioType: 'io_parallel', ...options }, `toy ${JSON.stringify(options)}`)).toBe('result');
    }
    const inputs = inputsFor(forkJoin, 3, 4);
    const kinds = [1, 2, 3, 4].map((depth) => same(forkJoin, inputs, 3, { ioType: 'io_stream', fifoDepths: { 'b -> join': depth, 'x -> r2': 1 } }, `fork-join b ${depth}`));
    expect(kinds).toEqual(['error', 'error', 'result', 'result']);
    expect(same(forkJoin, inputs, 3, { ioType: 'io_stream', maxCycles: 7 }, 'cycle limit')).toBe('error');
    expect(same(forkJoin, [new Float64Array(0)], 0, { ioType: 'io_stream' }, 'no samples')).toBe('result');
  });

  it('reused functional values follow inputs refilled in place; results do not share output arrays', () => {
    const model = example('jet-tagger', { ioType: 'io_parallel', strategy: 'Latency', reuseFactor: 1 });
    const inputs = inputsFor(model, 3, 2);
    const first = simulateCycles(model, inputs, 3, { ioType: 'io_parallel' });
    const kept = new Map([...first.outputs].map(([name, values]) => [name, values.slice()]));
    const again = simulateCycles(model, inputs, 3, { ioType: 'io_parallel', interval: 4 });
    expect(expectSameRaws(again.outputs, kept)).toEqual([]);
    (again.outputs.values().next().value as Float64Array).fill(0);
    expect(expectSameRaws(first.outputs, kept)).toEqual([]);
    (inputs[0] as Float64Array).set((inputs[0] as Float64Array).map((x) => -x));
    const refilled = simulateCycles(model, inputs, 3, { ioType: 'io_parallel' });
    expect(expectSameRaws(refilled.outputs, compileModel(model).run(inputs, 3))).toEqual([]);
    expect(expectSameRaws(refilled.outputs, kept)).not.toEqual([]);
  });

  it('fifo-opt on the conv models: the same depths, unbounded and optimised runs', () => {
    for (const name of ['conv1d-small', 'conv2d-small']) {
      const model = example(name, { ioType: 'io_stream', strategy: 'Resource', reuseFactor: 2 });
      const inputs = inputsFor(model, 4, 21);
      const compiled = optimizeFifoDepths(model, inputs, 4, { ioType: 'io_stream' });
      const reference = optimizeFifoDepths(model, inputs, 4, { ioType: 'io_stream', engine: 'reference' });
      expect({ ...compiled, unbounded: comparable(compiled.unbounded), optimized: comparable(compiled.optimized) }).toEqual({
        ...reference,
        unbounded: comparable(reference.unbounded),
        optimized: comparable(reference.optimized),
      });
    }
  });
});
