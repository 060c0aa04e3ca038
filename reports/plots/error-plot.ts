// For comparisons of two or more configurations: the error against the float model versus the LUTs
// each costs, one labelled point per configuration. The error axis is logarithmic when the errors span
// a decade or more (configurations often differ by orders of magnitude), linear otherwise or when an
// error is exactly 0 (a configuration identical to float, which a log axis cannot place). One
// configuration is a single point that says nothing: render-plots leaves the plot out then, and the
// comparison table holds its numbers.
import type { TopLevelSpec } from 'vega-lite';
import { bestReading } from '../figures.js';
import type { ComparisonRow } from '../schema.js';
import { countAxis, errorAxis } from './axis-formats.js';

/** Whether a set of errors gets a log axis: all positive and the largest at least 10x the smallest. */
export function errorsSpanDecades(errors: readonly number[]): boolean {
  if (errors.length === 0 || errors.some((error) => !(error > 0))) return false;
  return Math.max(...errors) / Math.min(...errors) >= 10;
}

/**
 * Ticks of a log error axis over [min, max]: 1, 2 and 5 times each power of ten across at most three
 * decades, powers of ten only beyond (vega's own log ticks label every multiple: 0.01, 0.02, ..., 0.09).
 */
export function logTicks(min: number, max: number): number[] {
  const low = Math.floor(Math.log10(min));
  const high = Math.ceil(Math.log10(max));
  const steps = high - low <= 3 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let exponent = low; exponent <= high; exponent++) {
    // Parsed from decimal text, so 2e-2 is 0.02 exactly, not 2 * 0.01.
    for (const step of steps) ticks.push(Number.parseFloat(`${step}e${exponent}`));
  }
  return ticks.filter((tick) => tick <= Number.parseFloat(`1e${high}`));
}

export function errorSpec(comparisons: readonly ComparisonRow[]): TopLevelSpec {
  const values = comparisons.map((row) => {
    const resources = bestReading(row.resources);
    return {
      config: row.name,
      maxAbsError: row.maxAbsError,
      lut: resources?.lut ?? 0,
      source: resources?.source ?? 'estimate',
    };
  });
  const sources = [...new Set(values.map((value) => value.source))];
  const errors = values.map((value) => value.maxAbsError);
  const logError = errorsSpanDecades(errors);
  const ticks = logError ? logTicks(Math.min(...errors), Math.max(...errors)) : [];
  // Equal LUT counts would make a one-value domain: widen it so the points sit mid-plot on real ticks.
  const luts = values.map((value) => value.lut);
  const [lowLut, highLut] = [Math.min(...luts), Math.max(...luts)];
  const lutDomain = lowLut === highLut ? { domain: [Math.floor(lowLut * 0.9), Math.ceil(highLut * 1.1) + 1] } : {};
  const encoding = {
    x: { field: 'lut', type: 'quantitative', title: `LUT (${sources.join(', ')})`, scale: { zero: false, padding: 40, ...lutDomain }, axis: countAxis },
    y: {
      field: 'maxAbsError',
      type: 'quantitative',
      title: `max |error| vs float${logError ? ' (log)' : ''}`,
      scale: logError ? ({ type: 'log' } as const) : ({ type: 'linear', zero: true } as const),
      // An explicit tick count too: vega thins explicit values down to the count vega-lite sets.
      axis: logError ? { ...errorAxis, values: ticks, tickCount: ticks.length } : errorAxis,
    },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Error against resources', subtitle: `one point per configuration (${values.length})` },
    width: 480,
    height: 260,
    data: { values },
    layer: [
      { mark: { type: 'point', filled: true, size: 90 }, encoding: { ...encoding, color: { field: 'config', type: 'nominal', legend: null } } },
      { mark: { type: 'text', align: 'left', dx: 8, dy: -8, fontSize: 11 }, encoding: { ...encoding, text: { field: 'config' } } },
    ],
  };
}
