// FIFO occupancy over time: one step line per FIFO (occupancy holds until the next point), with the
// FIFO's depth in the legend label so a full FIFO reads as back-pressure at a glance.
import type { TopLevelSpec } from 'vega-lite';
import type { FifoOccupancy } from '../schema.js';

export function fifoSpec(occupancy: FifoOccupancy): TopLevelSpec {
  const values = occupancy.fifos.flatMap((fifo) =>
    fifo.points.map(([cycle, level]) => ({ fifo: `${fifo.name} (depth ${fifo.depth})`, cycle, occupancy: level })),
  );
  const order = occupancy.fifos.map((fifo) => `${fifo.name} (depth ${fifo.depth})`);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `FIFO occupancy over time (${occupancy.source})` },
    width: 640,
    height: 220,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
    encoding: {
      x: { field: 'cycle', type: 'quantitative', title: 'cycle' },
      y: { field: 'occupancy', type: 'quantitative', title: 'words in FIFO', axis: { tickMinStep: 1 } },
      color: { field: 'fifo', type: 'nominal', title: 'FIFO', sort: order, scale: { scheme: 'tableau10' }, legend: { labelLimit: 320 } },
    },
  };
}
