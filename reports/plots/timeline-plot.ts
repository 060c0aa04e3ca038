// Pipeline timeline: one row per layer, one bar per sample from the cycle the layer starts it to the
// cycle it ends; overlapping bars show the dataflow pipelining, gaps show stalls.
import type { TopLevelSpec } from 'vega-lite';
import type { Report, Timeline } from '../schema.js';

export function timelineSpec(report: Report, timeline: Timeline): TopLevelSpec {
  const order = report.layers.map((layer) => layer.name);
  const samples = new Set(timeline.spans.map((span) => span.sample)).size;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Pipeline timeline (${timeline.source})`, subtitle: `${samples} samples; bar = cycles a layer works on a sample` },
    width: 640,
    height: 40 * order.length,
    data: { values: timeline.spans.map((span) => ({ ...span })) },
    mark: { type: 'bar', cornerRadius: 2, opacity: 0.85 },
    encoding: {
      y: { field: 'layer', type: 'nominal', sort: order, title: 'layer' },
      x: { field: 'startCycle', type: 'quantitative', title: 'cycle' },
      x2: { field: 'endCycle' },
      color: { field: 'sample', type: 'ordinal', title: 'sample', scale: { scheme: 'viridis' } },
      yOffset: { field: 'sample', type: 'ordinal' },
    },
  };
}
