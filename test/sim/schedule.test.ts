// Latency and II: (1) each layer simulated alone takes exactly its schedule's latency and II; (2) the
// schedules' token timing and sequential sections are the documented ones, recomputed here by hand for
// RF 1/2/4/8, both strategies and both io types; (3) whole models: io_parallel sample k's output is
// valid at sum(latencies) + k * max(II); io_stream settles to the slowest layer's II.
import { describe, expect, it } from 'vitest';
import type { HwLayer, HwModel, IoType, LayerSchedule } from '../../hls/index.js';
import { simulateCycles } from '../../sim/index.js';
import { EXAMPLES, example, inputsFor, layerAlone, type Config } from './helpers.js';

const CONFIGS: Config[] = (['io_parallel', 'io_stream'] as IoType[]).flatMap((ioType) =>
  (['Latency', 'Resource'] as const).flatMap((strategy) => [1, 2, 4, 8].map((reuseFactor) => ({ ioType, strategy, reuseFactor }))),
);

/**
 * The documented token timing of a layer, by hand: latency = offset + iteration latency (the cycles of
 * the iteration that emits last start `offset` after the first), and the II; null for kinds this test
 * does not recompute. The iteration latency itself is the delay-driven placement's (test/hls/schedule-
 * placement.test.ts derives it by hand for chosen layers).
 */
function documented(layer: HwLayer, model: HwModel, ioType: IoType): { offset: number; ii: number } | null {
  const shape = (name: string): readonly number[] => model.tensors.get(name)?.shape ?? [];
  const pixels = (s: readonly number[]): number => s.slice(0, -1).reduce((a, b) => a * b, 1);
  switch (layer.kind) {
    case 'dense': {
      const tokens = ioType === 'io_stream' ? pixels(shape(layer.inputs[0] ?? '')) : 1;
      return { offset: (tokens - 1) * layer.reuseFactor, ii: tokens * layer.reuseFactor };
    }
    case 'conv': {
      const rf = layer.reuseFactor;
      if (ioType === 'io_parallel') return { offset: 0, ii: pixels(layer.outShape) * rf };
      const rank = layer.kernel.length;
      const padded = layer.inShape.slice(0, -1).map((n, a) => n + (layer.pads[a] ?? 0) + (layer.pads[a + rank] ?? 0));
      // The last output pixel's window ends at (out - 1) * stride + (kernel - 1) * dilation on each axis.
      let last = 0;
      for (let a = 0; a < rank; a++) last = last * (padded[a] ?? 1) + ((layer.outShape[a] ?? 1) - 1) * (layer.strides[a] ?? 1) + ((layer.kernel[a] ?? 1) - 1) * (layer.dilations[a] ?? 1);
      return { offset: last * rf, ii: padded.reduce((a, b) => a * b, 1) * rf };
    }
    case 'pool': {
      if (ioType === 'io_parallel') return { offset: 0, ii: 1 };
      const rank = layer.pool.length;
      const padded = layer.inShape.slice(0, -1).map((n, a) => n + (layer.pads[a] ?? 0) + (layer.pads[a + rank] ?? 0));
      let last = 0;
      for (let a = 0; a < rank; a++) last = last * (padded[a] ?? 1) + ((layer.outShape[a] ?? 1) - 1) * (layer.pool[a] ?? 1) + (layer.pool[a] ?? 1) - 1;
      return { offset: last, ii: padded.reduce((a, b) => a * b, 1) };
    }
    case 'activation':
    case 'softmax': {
      const tokens = ioType === 'io_stream' ? pixels(shape(layer.output)) : 1;
      return { offset: tokens - 1, ii: tokens };
    }
    default:
      return null;
  }
}

/** The sequential sections a MAC layer's iteration must hold: RF accumulation phases, and in io_parallel conv the earlier pixels. */
function sequential(layer: HwLayer, ioType: IoType): number[] {
  if (layer.kind !== 'dense' && layer.kind !== 'conv') return [];
  const phases = layer.reuseFactor > 1 ? [layer.reuseFactor] : [];
  if (layer.kind === 'conv' && ioType === 'io_parallel') {
    const p = layer.outShape.slice(0, -1).reduce((a, b) => a * b, 1);
    return [...(p > 1 ? [(p - 1) * layer.reuseFactor] : []), ...phases];
  }
  return phases;
}

function measure(model: HwModel, layer: HwLayer, ioType: IoType): { latency: number; ii: number; schedule: LayerSchedule } {
  const alone = layerAlone(model, layer);
  const count = 4;
  const result = simulateCycles(alone, inputsFor(alone, count, 3), count, { ioType });
  const timeline = result.layers[0];
  const firings = timeline?.firings ?? [];
  return {
    latency: (firings[0]?.end ?? 0) - (firings[0]?.start ?? 0),
    ii: (firings[3]?.end ?? 0) - (firings[2]?.end ?? 0),
    schedule: timeline?.schedule as LayerSchedule,
  };
}

describe('per-layer latency and II', () => {
  for (const name of EXAMPLES) {
    it(`${name}: every layer alone matches its schedule and the documented formula`, () => {
      let checked = 0;
      for (const config of CONFIGS) {
        const model = example(name, config);
        for (const layer of model.layers) {
          const m = measure(model, layer, config.ioType);
          const where = `${name} ${layer.name} ${JSON.stringify(config)}`;
          if (m.schedule.wire) {
            expect(m.schedule.latency, where).toBe(0);
            continue;
          }
          expect({ latency: m.latency, ii: m.ii }, where).toEqual({ latency: m.schedule.latency, ii: m.schedule.ii });
          const hand = documented(layer, model, config.ioType);
          if (hand) {
            expect({ latency: hand.offset + m.schedule.iteration.latency, ii: hand.ii }, where).toEqual({ latency: m.latency, ii: m.ii });
            expect(m.schedule.stages.filter((stage) => stage.cycles > 1).map((stage) => stage.cycles), where).toEqual(sequential(layer, config.ioType).filter((cycles) => cycles > 1));
            checked += 1;
          }
        }
      }
      expect(checked).toBeGreaterThanOrEqual(CONFIGS.length * 4);
    });
  }
});

describe('whole models', () => {
  for (const name of EXAMPLES) {
    it(`${name}: io_parallel output k valid at sum(latency) + k * max(II); io_stream settles to max(II)`, () => {
      for (const config of CONFIGS) {
        const model = example(name, config);
        const count = 6;
        const result = simulateCycles(model, inputsFor(model, count, 9), count, { ioType: config.ioType });
        const latencies = result.layers.map((layer) => layer.schedule.latency);
        const slowest = Math.max(...result.layers.map((layer) => layer.schedule.ii));
        const where = `${name} ${JSON.stringify(config)}`;
        if (config.ioType === 'io_parallel') {
          const total = latencies.reduce((a, b) => a + b, 0);
          expect(result.latency.first, where).toBe(total);
          expect(result.outputValidCycle, where).toEqual(Array.from({ length: count }, (_, k) => total + k * slowest));
          // Inputs slower than the pipeline: one output every `interval` cycles.
          const spaced = simulateCycles(model, inputsFor(model, 3, 9), 3, { ioType: 'io_parallel', interval: slowest + 5 });
          expect(spaced.outputValidCycle, where).toEqual([0, 1, 2].map((k) => total + k * (slowest + 5)));
        } else {
          expect(result.latency.steadyStateII, where).toBe(slowest);
          expect((result.outputValidCycle[5] ?? 0) - (result.outputValidCycle[4] ?? 0), where).toBe(slowest);
        }
      }
    });
  }
});
