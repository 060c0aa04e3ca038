// Result records whose bulky arrays are built on first read: a long run has a firing per layer and
// sample and millions of FIFO change points, which most callers (fifo-opt, sweeps, summaries) never
// read as objects. The property is an enumerable getter that builds once and keeps its value, so the
// record reads (and compares, and serialises) like the plain object it stands for.
import type { OccupancySeries } from './engine.js';
import type { Firing, FifoTimeline, LayerTimeline } from './results.js';

function withLazy<T extends object, K extends string, V>(record: T, key: K, build: () => V): T & Record<K, V> {
  let value: V | undefined;
  let built = false;
  return Object.defineProperty(record, key, {
    enumerable: true,
    get(): V {
      if (!built) {
        value = build();
        built = true;
      }
      return value as V;
    },
  }) as T & Record<K, V>;
}

/** `firings` from the flat start/end arrays, samples [offset, offset + count). */
export function lazyFirings(layer: Omit<LayerTimeline, 'firings'>, start: Float64Array | Int32Array, end: Float64Array | Int32Array, offset: number, count: number): LayerTimeline {
  return withLazy({ ...layer }, 'firings', () => {
    const firings = new Array<Firing>(count);
    for (let sample = 0; sample < count; sample++) firings[sample] = { sample, start: start[offset + sample] ?? -1, end: end[offset + sample] ?? -1 };
    return firings;
  });
}

/** `series` as [cycle, occupancy] pairs. */
export function lazySeries(fifo: Omit<FifoTimeline, 'series'>, series: OccupancySeries): FifoTimeline {
  return withLazy({ ...fifo }, 'series', () => {
    if (series.kind === 'points') {
      const { flat } = series;
      const pairs = new Array<[number, number]>(flat.length >> 1);
      for (let i = 0; i < pairs.length; i++) pairs[i] = [flat[2 * i] ?? 0, flat[2 * i + 1] ?? 0];
      return pairs;
    }
    // Merge the read and write cycles: a cycle with one of each leaves the occupancy as it was.
    const { reads, writes } = series.events();
    let occupancy = series.initial;
    const pairs: [number, number][] = [[0, occupancy]];
    let i = 0;
    let j = 0;
    while (i < reads.length || j < writes.length) {
      const read = reads[i] ?? Infinity;
      const write = writes[j] ?? Infinity;
      const cycle = Math.min(read, write);
      let change = 0;
      if (read === cycle) {
        change -= 1;
        i += 1;
      }
      if (write === cycle) {
        change += 1;
        j += 1;
      }
      if (change !== 0) {
        occupancy += change;
        pairs.push([cycle + 1, occupancy]);
      }
    }
    return pairs;
  });
}
