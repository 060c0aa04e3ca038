// Whole-model timing (hls/schedule/model-timing.ts) against the cycle simulator with FIFOs deep enough
// never to fill: the same first-sample latency, steady-state II, per-sample input accept and output
// valid cycles and per-layer first issue / last token cycles, for every example model, RF 1/2/4/8, both
// strategies and both io types; a toy model worked out by hand; and estimateModel's model figures.
import { describe, expect, it } from 'vitest';
import { estimateModel, modelTiming, scheduleModel, type HwModel, type IoType } from '../../hls/index.js';
import { simulateCycles, type CycleResult } from '../../sim/index.js';
import { EXAMPLES, dense, example, hwModel, inputsFor, relu, tensor, type Config } from './helpers.js';

const CONFIGS: Config[] = (['io_parallel', 'io_stream'] as IoType[]).flatMap((ioType) =>
  (['Latency', 'Resource'] as const).flatMap((strategy) => [1, 2, 4, 8].map((reuseFactor) => ({ ioType, strategy, reuseFactor }))),
);

const SAMPLES = 4;

/** The simulation with every FIFO 2^24 deep (no stall ever), `interval` cycles between sample arrivals. */
function simulateDeep(model: HwModel, ioType: IoType, interval = 0, engine: 'compiled' | 'reference' = 'compiled', fold = true): CycleResult {
  const schedules = scheduleModel(model, { ioType, fold });
  const names = simulateCycles(model, inputsFor(model, 1, 5), 1, { ioType, schedules }).fifos.map((fifo) => fifo.name);
  const fifoDepths = Object.fromEntries(names.map((name) => [name, 2 ** 24]));
  return simulateCycles(model, inputsFor(model, SAMPLES, 5), SAMPLES, { ioType, interval, fifoDepths, engine, schedules });
}

/** What both measure, side by side (wiring layers: the simulator records no firings). */
function figures(model: HwModel, ioType: IoType, interval: number, engine: 'compiled' | 'reference' = 'compiled'): { analytic: unknown; simulated: unknown } {
  const timing = modelTiming(model, scheduleModel(model, { ioType }), { samples: SAMPLES, interval });
  const cycles = simulateDeep(model, ioType, interval, engine);
  for (const fifo of cycles.fifos) expect(fifo.maxOccupancy, fifo.name).toBeLessThan(fifo.depth);
  return {
    analytic: {
      latency: timing.latency,
      ii: timing.ii,
      inputAccept: timing.inputAcceptCycle,
      outputValid: timing.outputValidCycle,
      layers: timing.perLayer.filter((layer) => !layer.wire).map((layer) => ({ name: layer.name, start: layer.start, end: layer.end })),
    },
    simulated: {
      latency: cycles.latency.first,
      ii: cycles.latency.steadyStateII,
      inputAccept: cycles.inputAcceptCycle,
      outputValid: cycles.outputValidCycle,
      layers: cycles.layers.filter((layer) => !layer.schedule.wire).map((layer) => ({ name: layer.name, start: layer.firings.map((f) => f.start), end: layer.firings.map((f) => f.end) })),
    },
  };
}

describe('modelTiming equals the simulator without stalls', () => {
  for (const name of EXAMPLES) {
    it(`${name}: RF 1/2/4/8, Latency and Resource, io_parallel and io_stream`, () => {
      for (const config of CONFIGS) {
        const model = example(name, config);
        const where = `${name} ${JSON.stringify(config)}`;
        const { analytic, simulated } = figures(model, config.ioType, 0);
        expect(analytic, where).toEqual(simulated);
        // Settled within the samples: the II is the slowest layer's.
        const schedules = scheduleModel(model, { ioType: config.ioType });
        expect(modelTiming(model, schedules).ii, where).toBe(Math.max(...schedules.map((s) => s.ii)));
        if (config.ioType === 'io_parallel') expect(modelTiming(model, schedules).latency, where).toBe(schedules.reduce((total, s) => total + s.latency, 0));
      }
    });
  }

  it('inputs spaced by an interval, and the reference engine', () => {
    for (const name of ['conv1d-small', 'conv2d-small']) {
      const config: Config = { ioType: 'io_stream', strategy: 'Latency', reuseFactor: 2 };
      const model = example(name, config);
      const slowest = Math.max(...scheduleModel(model, { ioType: 'io_stream' }).map((s) => s.ii));
      for (const interval of [slowest - 7, slowest + 13]) {
        const { analytic, simulated } = figures(model, 'io_stream', interval);
        expect(analytic, `${name} interval ${interval}`).toEqual(simulated);
      }
      const reference = figures(model, 'io_stream', 0, 'reference');
      expect(reference.analytic, `${name} reference engine`).toEqual(reference.simulated);
    }
  });
});

describe('a toy model by hand', () => {
  // x: 4 pixels x 2 channels -> Dense 2 -> 3 per pixel (Latency, RF 2: iteration ii 2, latency
  // RF + ceil(ceil(log2 2) / 2) + 1 = 2 + 1 + 1 = 4) -> ReLU (ii 1, latency 1), io_stream, inputs as fast
  // as taken. Input tokens are valid at 0, 1, 2, ... (one per cycle).
  //   Dense issues  a(i) = max(a(i-1) + 2, i):   0 2 4 6 | 8 10 12 14 | 16 18 20 22 | 24 26 28 30
  //   Dense tokens  a(i) + 4:                    4 6 8 10 | 12 14 16 18 | 20 22 24 26 | 28 30 32 34
  //   ReLU issues   max(prev + 1, Dense token):  the same
  //   ReLU tokens   + 1:                         5 7 9 11 | 13 15 17 19 | 21 23 25 27 | 29 31 33 35
  // Sample outputs valid at 11, 19, 27, 35; inputs accepted at 0, 8, 16, 24 (Dense reads pixel 0 of
  // sample n at its issue 8n). latency = 11 - 0 = 11, II = 35 - 27 = 8; the layer latencies sum to
  // (3 * 2 + 4) + (3 * 1 + 1) = 14.
  const model = hwModel(
    'toy',
    ['x'],
    ['y'],
    [tensor('x', [4, 2]), tensor('h', [4, 3]), tensor('y', [4, 3])],
    [dense('fc', 'x', 'h', 2, 3, 'latency', 2), relu('relu', 'h', 'y')],
  );

  // Without folding, so that the ReLU keeps a process of its own (the default folds it into fc).
  const schedules = scheduleModel(model, { ioType: 'io_stream', fold: false });

  it('the recurrence gives the hand-derived cycles, and so does the simulator', () => {
    expect(schedules.map((s) => [s.iteration.ii, s.iteration.latency, s.latency])).toEqual([
      [2, 4, 10],
      [1, 1, 4],
    ]);
    const timing = modelTiming(model, schedules);
    expect(timing.outputValidCycle).toEqual([11, 19, 27, 35]);
    expect(timing.inputAcceptCycle).toEqual([0, 8, 16, 24]);
    expect({ latency: timing.latency, ii: timing.ii }).toEqual({ latency: 11, ii: 8 });
    expect(timing.perLayer.map((layer) => [layer.start, layer.end])).toEqual([
      [
        [0, 8, 16, 24],
        [10, 18, 26, 34],
      ],
      [
        [4, 12, 20, 28],
        [11, 19, 27, 35],
      ],
    ]);
    const cycles = simulateDeep(model, 'io_stream', 0, 'compiled', false);
    expect({ latency: cycles.latency.first, ii: cycles.latency.steadyStateII, outputValid: cycles.outputValidCycle }).toEqual({ latency: 11, ii: 8, outputValid: [11, 19, 27, 35] });
  });

  it('estimateModel reports it when nothing was measured, and the measured figures when given', () => {
    expect(estimateModel(model, { ioType: 'io_stream', schedules })).toMatchObject({ latencyCycles: 11, ii: 8 });
    expect(estimateModel(model, { ioType: 'io_stream', schedules, measured: { latencyCycles: 12, ii: 9 } })).toMatchObject({ latencyCycles: 12, ii: 9 });
    // By default the ReLU folds into fc's output stage (the cast before fc's output register is wiring,
    // so the ReLU's select fits): its cycle goes, and sample 0's last output token is fc's, valid at 10.
    expect(estimateModel(model, { ioType: 'io_stream' })).toMatchObject({ latencyCycles: 10, ii: 8 });
  });
});
