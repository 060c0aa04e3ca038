// Reading figures that may come from several sources (estimate, yosys, cosim), and the sums a report
// derives from its layers. Shared by the renderers and by whoever builds a report (ngt synth).
import {
  figureSources,
  type FigureSource,
  type PartCapacity,
  type ResourceKey,
  type ResourceReading,
  type ResourceSummary,
  type UtilizationReading,
} from './schema.js';

const letters: Readonly<Record<FigureSource, string>> = { estimate: 'e', yosys: 'y', cosim: 'c', pnr: 'p' };

/** The one-letter tag the tables print after a figure's header: e (estimate), y (yosys), c (cosim), p (pnr). */
export function sourceLetter(source: FigureSource): string {
  return letters[source];
}

export const sourceLegend = 'e = estimate (our cost model), y = yosys (synthesized cells), c = cosim (RTL simulation), p = pnr (placed and routed)';

/** The sources that appear in any of the lists, in the canonical order estimate, yosys, cosim. */
export function sourcesOf(lists: readonly (readonly { readonly source: FigureSource }[])[]): FigureSource[] {
  const present = new Set(lists.flatMap((list) => list.map((reading) => reading.source)));
  return figureSources.filter((source) => present.has(source));
}

export function readingFor<T extends { readonly source: FigureSource }>(list: readonly T[], source: FigureSource): T | undefined {
  return list.find((reading) => reading.source === source);
}

/** The most direct measurement available: pnr over cosim over yosys over estimate. */
export function bestReading<T extends { readonly source: FigureSource }>(list: readonly T[]): T | undefined {
  for (const source of ['pnr', 'cosim', 'yosys', 'estimate'] as const) {
    const reading = readingFor(list, source);
    if (reading !== undefined) return reading;
  }
  return undefined;
}

/** Signed error of an estimate against a measurement, as a fraction of the measurement (null if it is 0). */
export function relativeError(estimate: number, measured: number): number | null {
  return measured === 0 ? (estimate === 0 ? 0 : null) : (estimate - measured) / measured;
}

/**
 * Totals and utilization of a set of layers. A source gets a total only when every layer has a reading
 * from it, so a partial sum is never shown as the whole design's.
 */
export function summarizeResources(
  part: string,
  capacity: PartCapacity,
  layers: readonly { readonly resources: readonly ResourceReading[] }[],
): ResourceSummary {
  const totals: ResourceReading[] = [];
  for (const source of figureSources) {
    const per = layers.map((layer) => readingFor(layer.resources, source));
    if (per.length === 0 || per.some((reading) => reading === undefined)) continue;
    const sum = (key: ResourceKey): number => per.reduce((total, reading) => total + (reading?.[key] ?? 0), 0);
    totals.push({ dsp: sum('dsp'), lut: sum('lut'), ff: sum('ff'), bram18: sum('bram18'), source });
  }
  const utilization: UtilizationReading[] = totals.map((total) => ({
    dsp: (100 * total.dsp) / capacity.dsp,
    lut: (100 * total.lut) / capacity.lut,
    ff: (100 * total.ff) / capacity.ff,
    bram18: (100 * total.bram18) / capacity.bram18,
    source: total.source,
  }));
  return { part, capacity, totals, utilization };
}

/** 12345 -> "12,345"; non-integers keep up to `digits` decimals. */
export function formatCount(value: number, digits = 2): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, useGrouping: true });
}

/** Percent with two decimals: 0.0123 -> "0.01%"; shows "<0.01%" rather than a misleading 0.00%. */
export function formatPercent(percent: number): string {
  if (percent > 0 && percent < 0.005) return '<0.01%';
  return `${percent.toFixed(2)}%`;
}

/** Signed relative error in percent with one decimal: "+3.6%", "-12.0%"; "n/a" when undefined. */
export function formatRelativeError(error: number | null): string {
  if (error === null) return 'n/a';
  const percent = (error * 100).toFixed(1);
  return error >= 0 ? `+${percent}%` : `${percent}%`;
}

/** A number in scientific notation with 3 significant digits when small, else fixed: errors vs float. */
export function formatError(value: number): string {
  if (value === 0) return '0';
  return value < 0.001 ? value.toExponential(2) : value.toPrecision(3);
}
