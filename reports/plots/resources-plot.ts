// Resources by layer: four panels (DSP, LUT, FF, BRAM18), each with its own scale, one bar per layer
// and per source of the figure, so an estimate and a Yosys count stand side by side.
import type { TopLevelSpec } from 'vega-lite';
import { figureSources, resourceKeys, type Report } from '../schema.js';
import { countAxis } from './axis-formats.js';

const sourceColors = { estimate: '#4c78a8', yosys: '#f58518', cosim: '#54a24b', pnr: '#e45756' } as const;

const labels = { dsp: 'DSP', lut: 'LUT', ff: 'FF', bram18: 'BRAM18' } as const;

export function resourcesSpec(report: Report): TopLevelSpec {
  const order = report.layers.map((layer) => layer.name);
  const values = report.layers.flatMap((layer) =>
    layer.resources.flatMap((reading) =>
      resourceKeys.map((key) => ({ layer: layer.name, resource: labels[key], value: reading[key], source: reading.source })),
    ),
  );
  const sources = figureSources.filter((source) => values.some((value) => value.source === source));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Resources by layer (${sources.join(', ')})` },
    data: { values },
    facet: { column: { field: 'resource', type: 'nominal', sort: Object.values(labels), title: null } },
    spec: {
      width: 150,
      height: { step: 20 },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'layer', type: 'nominal', sort: order, title: 'layer' },
        x: { field: 'value', type: 'quantitative', title: null, axis: countAxis },
        color: { field: 'source', type: 'nominal', title: 'source', scale: { domain: sources, range: sources.map((source) => sourceColors[source]) } },
        yOffset: { field: 'source', type: 'nominal' },
      },
    },
    resolve: { scale: { x: 'independent' } },
  };
}
