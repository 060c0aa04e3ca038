// io_stream FIFO occupancy over time: one row per FIFO (overlaid lines of several depth-1 FIFOs hide one
// another), each a step line over a shaded area (occupancy holds until the next point) on its own
// words axis from 0 to the FIFO's depth, with a dashed rule at the depth: a line touching the rule is a
// full FIFO, which back-pressures its producer. The row title gives the depth and the peak, which is
// what --fifo-opt sizes FIFOs from. The cycle scale is shared, so the rows line up in time.
import type { TopLevelSpec } from 'vega-lite';
import type { FifoOccupancy, FifoSeries } from '../schema.js';
import { cycleAxis, wordsAxis } from './axis-formats.js';

/** One view of a vertical concatenation, as vega-lite types it. */
type RowSpec = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];

/** Height of one FIFO's row, in pixels. */
const ROW_HEIGHT = 40;

/** Vega's tableau10, cycled: one colour per row, so neighbouring rows never share one. */
const colors = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'];

/** The row title of a FIFO: its name, its depth and the most words it held. */
export function fifoLabel(fifo: FifoSeries): string {
  return `${fifo.name}: depth ${fifo.depth}, peak ${peakOf(fifo)}`;
}

function peakOf(fifo: FifoSeries): number {
  return Math.max(0, ...fifo.points.map(([, level]) => level));
}

/** Whole-word ticks from 0 to `top` (the depth, or the peak if a FIFO overfilled): every word up to 4, else 0, middle, top. */
export function wordTicks(top: number): number[] {
  return top <= 4 ? Array.from({ length: top + 1 }, (_, words) => words) : [0, Math.round(top / 2), top];
}

function fifoRow(fifo: FifoSeries, index: number, last: boolean): RowSpec {
  const top = Math.max(fifo.depth, peakOf(fifo), 1);
  const color = colors[index % colors.length];
  const x = {
    field: 'cycle',
    type: 'quantitative',
    title: last ? 'cycle' : null,
    // Only the bottom row labels the shared cycle axis; the others keep its grid.
    axis: last ? cycleAxis : { ...cycleAxis, labels: false, ticks: false, domain: false },
  } as const;
  const domain: number[] = [0, top];
  const ticks = wordTicks(top);
  const y = {
    field: 'words',
    type: 'quantitative',
    title: 'words',
    scale: { domain, nice: false },
    // Vega thins explicit values down to the tick count, which vega-lite sets from the height (1 here).
    axis: { ...wordsAxis, values: ticks, tickCount: ticks.length, titleFontSize: 10 },
  } as const;
  return {
    title: { text: fifoLabel(fifo), fontSize: 11, fontWeight: 'normal', anchor: 'start', offset: 2 },
    width: 640,
    height: ROW_HEIGHT,
    data: { values: fifo.points.map(([cycle, words]) => ({ cycle, words })) },
    layer: [
      { mark: { type: 'area', interpolate: 'step-after', color, opacity: 0.25 }, encoding: { x, y } },
      { mark: { type: 'line', interpolate: 'step-after', color, strokeWidth: 2 }, encoding: { x, y } },
      // Its own one-row data, or the rule would be drawn once per occupancy point.
      { data: { values: [{}] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#555' }, encoding: { y: { datum: fifo.depth, type: 'quantitative' } } },
    ],
  };
}

export function fifoSpec(occupancy: FifoOccupancy): TopLevelSpec {
  const rows = occupancy.fifos.map((fifo, index) => fifoRow(fifo, index, index === occupancy.fifos.length - 1));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `FIFO occupancy over time (${occupancy.source})`,
      subtitle: 'one row per FIFO; dashed line = its depth, a FIFO at its depth back-pressures its producer',
    },
    spacing: 8,
    vconcat: rows,
    resolve: { scale: { x: 'shared' } },
  };
}
