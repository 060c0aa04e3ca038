// Two reports set side by side as data, as hls4ml users compare two read_vivado_report outputs: the
// headline figures with B - A and B / A, and the layers both have, field by field. `ngt report a b`
// prints this as text or Markdown, or as it is (--format json).
import { readingFor, type FigureSource, type LayerRow, type Report } from '../../reports/index.js';

/** How a value reads: the renderers scale fractions to percent; text rows have no difference. */
export type Unit = 'text' | 'count' | 'ns' | 'MHz' | 'percent' | 'fraction';

/** Which source each side's figure came from (contract 3: never compare without saying so). */
export interface SourcePair {
  readonly a: FigureSource;
  readonly b: FigureSource;
}

export interface SummaryRow {
  readonly figure: string;
  readonly unit: Unit;
  readonly a: number | string | null;
  readonly b: number | string | null;
  readonly sources: SourcePair | null;
  /** b - a, when both are numbers. */
  readonly difference: number | null;
  /** b / a, when both are numbers and a is not 0. */
  readonly ratio: number | null;
  readonly differs: boolean;
}

export interface LayerField {
  /** latency, ii, dsp, lut, ff, bram18, reuseFactor, strategy, kind, precision.<variable> */
  readonly field: string;
  readonly a: number | string;
  readonly b: number | string;
  readonly sources: SourcePair | null;
}

export interface LayerDiff {
  readonly name: string;
  readonly fields: readonly LayerField[];
  /** The fields whose values differ, in the order of `fields`. */
  readonly changed: readonly string[];
}

export interface ReportSide {
  readonly file: string;
  readonly model: string;
  readonly label: string;
  readonly date: string;
  readonly warnings: readonly string[];
}

export interface ReportDiff {
  readonly schema: 'ngt-report-diff';
  readonly a: ReportSide;
  readonly b: ReportSide;
  readonly summary: readonly SummaryRow[];
  readonly layers: readonly LayerDiff[];
  readonly onlyInA: readonly string[];
  readonly onlyInB: readonly string[];
}

// The most direct measurement first, as reports/figures.ts bestReading.
const preference: readonly FigureSource[] = ['cosim', 'yosys', 'estimate'];

/**
 * The readings to compare: the most direct source both lists have, so an estimate is set against an
 * estimate; only when they share none, each side's best.
 */
export function pairReadings<T extends { readonly source: FigureSource }>(a: readonly T[], b: readonly T[]): { a: T; b: T } | null {
  for (const source of preference) {
    const left = readingFor(a, source);
    const right = readingFor(b, source);
    if (left && right) return { a: left, b: right };
  }
  const left = preference.map((source) => readingFor(a, source)).find((reading) => reading !== undefined);
  const right = preference.map((source) => readingFor(b, source)).find((reading) => reading !== undefined);
  return left && right ? { a: left, b: right } : null;
}

function textRow(figure: string, a: string, b: string): SummaryRow {
  return { figure, unit: 'text', a, b, sources: null, difference: null, ratio: null, differs: a !== b };
}

function numberRow(figure: string, unit: Unit, a: number | null, b: number | null, sources: SourcePair | null = null): SummaryRow {
  const both = a !== null && b !== null;
  return {
    figure,
    unit,
    a,
    b,
    sources,
    difference: both ? b - a : null,
    ratio: both && a !== 0 ? b / a : null,
    differs: a !== b,
  };
}

/** A figure read from both reports' reading lists (each validated non-empty). */
function readingRow<T extends { readonly source: FigureSource }>(figure: string, unit: Unit, a: readonly T[], b: readonly T[], value: (reading: T) => number): SummaryRow {
  const pair = pairReadings(a, b);
  if (!pair) return numberRow(figure, unit, null, null);
  return numberRow(figure, unit, value(pair.a), value(pair.b), { a: pair.a.source, b: pair.b.source });
}

/** The accuracy row of the run itself: synth writes it under the config's label. */
function ownComparison(report: Report): Report['comparisons'][number] | undefined {
  return report.comparisons.find((row) => row.name === report.config.label) ?? report.comparisons[0];
}

const resources = [
  ['dsp', 'DSP'],
  ['lut', 'LUT'],
  ['ff', 'FF'],
  ['bram18', 'BRAM18'],
] as const;

function summaryRows(a: Report, b: Report): SummaryRow[] {
  const rows: SummaryRow[] = [
    textRow('Model', a.model.name, b.model.name),
    textRow('Part', a.config.part, b.config.part),
    numberRow('Clock period (ns)', 'ns', a.config.clockPeriodNs, b.config.clockPeriodNs),
    textRow('IO type', a.config.ioType, b.config.ioType),
    textRow('Config', a.config.label, b.config.label),
    readingRow('Latency (cycles)', 'count', a.latency, b.latency, (reading) => reading.cycles),
    readingRow('Latency (ns)', 'ns', a.latency, b.latency, (reading) => reading.ns),
    readingRow('II (cycles)', 'count', a.ii, b.ii, (reading) => reading.cycles),
    readingRow('Max clock (MHz)', 'MHz', a.maxClock, b.maxClock, (reading) => reading.mhz),
  ];
  // Totals and their utilization from the same pair of sources, so a count and its percent agree.
  const totals = pairReadings(a.resources.totals, b.resources.totals);
  const sources = totals ? { a: totals.a.source, b: totals.b.source } : null;
  const usedA = totals ? readingFor(a.resources.utilization, totals.a.source) : undefined;
  const usedB = totals ? readingFor(b.resources.utilization, totals.b.source) : undefined;
  for (const [key, label] of resources) rows.push(numberRow(label, 'count', totals?.a[key] ?? null, totals?.b[key] ?? null, sources));
  for (const [key, label] of resources) rows.push(numberRow(`${label} (% of part)`, 'percent', usedA?.[key] ?? null, usedB?.[key] ?? null, sources));
  const runA = ownComparison(a);
  const runB = ownComparison(b);
  const measures = [
    ['Accuracy', runA?.accuracy ?? null, runB?.accuracy ?? null],
    ['Float accuracy', runA?.floatAccuracy ?? null, runB?.floatAccuracy ?? null],
    ['Argmax agreement with float', runA?.argmaxAgreement ?? null, runB?.argmaxAgreement ?? null],
  ] as const;
  for (const [label, left, right] of measures) {
    if (left !== null || right !== null) rows.push(numberRow(`${label} (%)`, 'fraction', left, right));
  }
  rows.push(numberRow('Warnings', 'count', a.warnings.length, b.warnings.length));
  return rows;
}

function layerDiff(a: LayerRow, b: LayerRow): LayerDiff {
  const fields: LayerField[] = [
    { field: 'kind', a: a.kind, b: b.kind, sources: null },
    { field: 'reuseFactor', a: a.reuseFactor, b: b.reuseFactor, sources: null },
    { field: 'strategy', a: a.strategy, b: b.strategy, sources: null },
  ];
  const cycles = (name: string, left: LayerRow['latency'], right: LayerRow['latency']): void => {
    const pair = pairReadings(left, right);
    if (pair) fields.push({ field: name, a: pair.a.cycles, b: pair.b.cycles, sources: { a: pair.a.source, b: pair.b.source } });
  };
  cycles('latency', a.latency, b.latency);
  cycles('ii', a.ii, b.ii);
  const used = pairReadings(a.resources, b.resources);
  if (used) {
    for (const [key] of resources) fields.push({ field: key, a: used.a[key], b: used.b[key], sources: { a: used.a.source, b: used.b.source } });
  }
  // Every precision variable either side has, result first; '-' where a side lacks it.
  const variables = [...new Set(['result', ...Object.keys(a.precision), ...Object.keys(b.precision)])];
  for (const variable of variables) fields.push({ field: `precision.${variable}`, a: a.precision[variable] ?? '-', b: b.precision[variable] ?? '-', sources: null });
  return { name: a.name, fields, changed: fields.filter((field) => field.a !== field.b).map((field) => field.field) };
}

function side(file: string, report: Report): ReportSide {
  return { file, model: report.model.name, label: report.config.label, date: report.date, warnings: report.warnings };
}

export function diffReports(a: { file: string; report: Report }, b: { file: string; report: Report }): ReportDiff {
  const inB = new Map(b.report.layers.map((layer) => [layer.name, layer]));
  const inA = new Set(a.report.layers.map((layer) => layer.name));
  const layers: LayerDiff[] = [];
  for (const layer of a.report.layers) {
    const other = inB.get(layer.name);
    if (other) layers.push(layerDiff(layer, other));
  }
  return {
    schema: 'ngt-report-diff',
    a: side(a.file, a.report),
    b: side(b.file, b.report),
    summary: summaryRows(a.report, b.report),
    layers,
    onlyInA: a.report.layers.filter((layer) => !inB.has(layer.name)).map((layer) => layer.name),
    onlyInB: b.report.layers.filter((layer) => !inA.has(layer.name)).map((layer) => layer.name),
  };
}
