// Pipeline timeline: one row per layer, one bar per sample from the cycle the layer starts it to the
// cycle it ends; overlapping bars show the dataflow pipelining, gaps show stalls. A layer folded into
// its producer's output stage (a ReLU after a Dense) takes 0 cycles: it is drawn as a thin bar at that
// cycle, so its row is not empty.
import type { TopLevelSpec } from 'vega-lite';
import type { Report, Timeline } from '../schema.js';
import { cycleAxis } from './axis-formats.js';

/** Width, in cycles, of the bar of a span that takes no cycle. */
const ZERO_WIDTH = 0.15;

export function timelineSpec(report: Report, timeline: Timeline): TopLevelSpec {
  const order = report.layers.map((layer) => layer.name);
  const samples = new Set(timeline.spans.map((span) => span.sample)).size;
  const folded = timeline.spans.some((span) => span.endCycle === span.startCycle);
  const subtitle = `${samples} samples; bar = cycles a layer works on a sample${folded ? '; thin bar = 0 cycles (in the producer\'s stage)' : ''}`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Pipeline timeline (${timeline.source})`, subtitle },
    width: 640,
    height: 40 * order.length,
    data: {
      values: timeline.spans.map((span) => ({ ...span, drawnEnd: span.endCycle > span.startCycle ? span.endCycle : span.startCycle + ZERO_WIDTH })),
    },
    mark: { type: 'bar', cornerRadius: 2, opacity: 0.85 },
    encoding: {
      y: { field: 'layer', type: 'nominal', sort: order, title: 'layer' },
      x: { field: 'startCycle', type: 'quantitative', title: 'cycle', axis: cycleAxis },
      x2: { field: 'drawnEnd' },
      color: { field: 'sample', type: 'ordinal', title: 'sample', scale: { scheme: 'viridis' } },
      yOffset: { field: 'sample', type: 'ordinal' },
    },
  };
}
