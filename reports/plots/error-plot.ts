// For comparisons: the error against the float model versus the LUTs each configuration costs, one
// labelled point per configuration (log error axis: configurations differ by orders of magnitude).
import type { TopLevelSpec } from 'vega-lite';
import { bestReading } from '../figures.js';
import type { ComparisonRow } from '../schema.js';

export function errorSpec(comparisons: readonly ComparisonRow[]): TopLevelSpec {
  const values = comparisons.map((row) => {
    const resources = bestReading(row.resources);
    return {
      config: row.name,
      maxAbsError: row.maxAbsError,
      lut: resources?.lut ?? 0,
      dsp: resources?.dsp ?? 0,
      source: resources?.source ?? 'estimate',
    };
  });
  const sources = [...new Set(values.map((value) => value.source))];
  // A log axis cannot place an error of exactly 0 (a configuration identical to float).
  const errorScale = values.every((value) => value.maxAbsError > 0) ? 'log' : 'linear';
  const encoding = {
    x: { field: 'lut', type: 'quantitative', title: `LUT (${sources.join(', ')})`, scale: { zero: false, padding: 40 } },
    y: { field: 'maxAbsError', type: 'quantitative', title: 'max |error| vs float', scale: { type: errorScale } },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Error against resources', subtitle: 'one point per configuration' },
    width: 480,
    height: 260,
    data: { values },
    layer: [
      { mark: { type: 'point', filled: true, size: 90 }, encoding: { ...encoding, color: { field: 'config', type: 'nominal', legend: null } } },
      { mark: { type: 'text', align: 'left', dx: 8, dy: -8, fontSize: 11 }, encoding: { ...encoding, text: { field: 'config' } } },
    ],
  };
}
