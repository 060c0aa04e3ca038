// io_parallel slice occupancy: in io_parallel the "FIFOs" between layers are single registers that hold
// one whole sample (depth 1) and never back-pressure, so lines of 0/1 words would only overlap. What
// they do tell is when each slice holds a valid sample: one row per slice, a bar over the cycles it is
// occupied. The bars step down the rows as samples move through the layers; a gap inside a row is a
// pipeline bubble (a cycle with no sample in that slice).
import type { TopLevelSpec } from 'vega-lite';
import type { FifoOccupancy, FifoSeries } from '../schema.js';
import { cycleAxis } from './axis-formats.js';

export interface OccupiedSpan {
  readonly slice: string;
  readonly startCycle: number;
  readonly endCycle: number;
}

/**
 * The cycles [startCycle, endCycle) a slice holds a sample, from its occupancy points (constant until
 * the next point). A slice still occupied at its last point stays so until `lastCycle`.
 */
export function occupiedSpans(fifo: FifoSeries, lastCycle: number): OccupiedSpan[] {
  const spans: OccupiedSpan[] = [];
  let start: number | null = null;
  for (const [cycle, level] of fifo.points) {
    if (level > 0 && start === null) start = cycle;
    if (level === 0 && start !== null) {
      spans.push({ slice: fifo.name, startCycle: start, endCycle: cycle });
      start = null;
    }
  }
  if (start !== null) spans.push({ slice: fifo.name, startCycle: start, endCycle: Math.max(lastCycle, start + 1) });
  return spans;
}

export function sliceSpec(occupancy: FifoOccupancy): TopLevelSpec {
  const lastCycle = Math.max(0, ...occupancy.fifos.flatMap((fifo) => fifo.points.map(([cycle]) => cycle)));
  const values = occupancy.fifos.flatMap((fifo) => occupiedSpans(fifo, lastCycle));
  const order = occupancy.fifos.map((fifo) => fifo.name);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Slice occupancy over time (io_parallel, ${occupancy.source})`,
      subtitle: 'one row per slice between layers (a register, depth 1); bar = cycles it holds a valid sample, gap = bubble',
    },
    width: 640,
    height: { step: 22 },
    data: { values },
    mark: { type: 'bar', cornerRadius: 2, color: '#4c78a8' },
    encoding: {
      y: { field: 'slice', type: 'nominal', sort: order, title: 'slice', scale: { domain: order }, axis: { labelLimit: 260 } },
      x: { field: 'startCycle', type: 'quantitative', title: 'cycle', axis: cycleAxis, scale: { domainMin: 0 } },
      x2: { field: 'endCycle' },
    },
  };
}
