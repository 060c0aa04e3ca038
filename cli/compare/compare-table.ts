// The rows `ngt compare` prints and writes: one per configuration or sweep point, with synth's columns
// (latency, II, RF, strategy, io type, clock, DSP/LUT/FF/BRAM, fit) beside error, agreement and accuracy.
import { paretoFront, recommend, type Candidate, type ConfigMetrics, type FloatReference } from '../../hls/index.js';
import { formatNumber, formatTable } from '../support/text-table.js';

export interface CompareRow {
  readonly name: string;
  readonly metrics: ConfigMetrics | null;
  readonly error: string | null;
}

export const COMPARE_HEADER = [
  'config',
  'max |err|',
  'agreement',
  'accuracy',
  'RF',
  'strategy',
  'io',
  'latency (cycles)',
  'latency (ns)',
  'II',
  'max clock (MHz)',
  'DSP',
  'LUT',
  'FF',
  'BRAM18',
  'fits',
] as const;

export function percent(value: number | null): string {
  return value === null ? '-' : `${(100 * value).toFixed(2)}%`;
}

/** The cells of one row, in COMPARE_HEADER's order; `plain` leaves numbers unformatted (CSV). */
export function compareCells(row: CompareRow, plain = false): string[] {
  const { name, metrics, error } = row;
  if (!metrics) return [name, ...COMPARE_HEADER.slice(1).map(() => ''), `refused: ${error ?? ''}`].slice(0, COMPARE_HEADER.length);
  const estimate = metrics.estimate;
  const number = (value: number | null | undefined): string => (value === null || value === undefined ? (plain ? '' : '-') : plain ? String(value) : formatNumber(value));
  const count = (value: number | undefined): string => (value === undefined ? (plain ? '' : '-') : plain ? String(value) : value.toLocaleString('en-US'));
  return [
    name,
    number(metrics.maxAbsError),
    plain ? String(metrics.argmaxAgreement) : percent(metrics.argmaxAgreement),
    plain ? (metrics.accuracy === null ? '' : String(metrics.accuracy)) : percent(metrics.accuracy),
    metrics.reuseFactor,
    metrics.strategy,
    metrics.ioType,
    count(estimate?.latencyCycles),
    number(estimate?.latencyNs),
    count(estimate?.ii),
    plain ? number(estimate?.clockMhz) : estimate ? estimate.clockMhz.toFixed(1) : '-',
    count(estimate?.dsp),
    count(estimate?.lut),
    count(estimate?.ff),
    count(estimate?.bram),
    estimate ? (estimate.warnings.length === 0 ? 'yes' : 'NO') : plain ? '' : '-',
  ];
}

function table(rows: readonly CompareRow[]): string {
  return formatTable([[...COMPARE_HEADER], ...rows.map((row) => compareCells(row))], '  ');
}

/** Quoted as RFC 4180 asks: a cell with a comma, quote or newline in double quotes, quotes doubled. */
function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function compareCsv(rows: readonly CompareRow[]): string {
  const header = [...COMPARE_HEADER.slice(0, -1), 'fits', 'mean |err|', 'multipliers', 'label', 'refused'];
  const lines = rows.map((row) => [...compareCells(row, true).slice(0, -1), row.metrics?.estimate ? String(row.metrics.estimate.warnings.length === 0) : '', row.metrics ? String(row.metrics.meanAbsError) : '', row.metrics ? String(row.metrics.multipliers) : '', row.metrics?.label ?? '', row.error ?? '']);
  return `${[header, ...lines].map((cells) => cells.map(csvCell).join(',')).join('\n')}\n`;
}

export interface Decision {
  readonly front: readonly Candidate[];
  readonly recommended: Candidate | null;
  /** 'accuracy' with labels, else 'agreement' with the float model. */
  readonly quality: 'accuracy' | 'agreement';
}

/** The Pareto front of the sweep (the fitting points no other beats on quality, resources, latency and II) and the pick. */
export function decide(rows: readonly CompareRow[]): Decision {
  const candidates = rows.flatMap((row) => (row.metrics ? [{ name: row.name, metrics: row.metrics }] : []));
  const front = paretoFront(candidates);
  return { front, recommended: recommend(front), quality: candidates.some((candidate) => candidate.metrics.accuracy !== null) ? 'accuracy' : 'agreement' };
}

/** Rows past this many are left to --csv/--json/--out instead of the terminal. */
const PRINTED_ROWS = 40;

export function formatCompare(rows: readonly CompareRow[], reference: FloatReference, decision: Decision | null): string {
  const floatLine = `float reference: ${reference.graph.source} on ${reference.samples} samples${reference.accuracy === null ? ' (no labels: accuracy not measured)' : `, accuracy ${percent(reference.accuracy)}`}`;
  const lines = [floatLine];
  if (decision) {
    const byName = new Map(rows.map((row) => [row.name, row]));
    const frontRows = decision.front.flatMap((candidate) => byName.get(candidate.name) ?? []);
    const pick = decision.recommended;
    const fitting = rows.filter((row) => row.metrics?.estimate && row.metrics.estimate.warnings.length === 0).length;
    lines.push(`Pareto front: ${decision.front.length} of ${rows.length} points (${decision.quality} against the part's scarcest resource, latency and II; of the ${fitting} that fit the part and clock)`);
    if (pick) {
      const best = Math.max(...decision.front.map((candidate) => candidate.metrics.accuracy ?? candidate.metrics.argmaxAgreement));
      const value = pick.metrics.accuracy ?? pick.metrics.argmaxAgreement;
      const estimate = pick.metrics.estimate;
      lines.push(
        `recommended: ${pick.name} — ${decision.quality} ${percent(value)} (best on the front ${percent(best)}), ${estimate ? `${estimate.utilization.toFixed(1)}% of the scarcest resource (DSP ${estimate.dsp.toLocaleString('en-US')}, LUT ${estimate.lut.toLocaleString('en-US')}, FF ${estimate.ff.toLocaleString('en-US')}, BRAM18 ${estimate.bram.toLocaleString('en-US')}), ${estimate.latencyCycles} cycles, II ${estimate.ii}` : `${pick.metrics.multipliers} multipliers`}: the least of the part within 1 point of the best`,
      );
    } else lines.push('recommended: none (no point fits the part and the clock)');
    lines.push(table(frontRows));
    lines.push(rows.length <= PRINTED_ROWS ? 'All points:' : `All ${rows.length} points: in --csv, --json or --out (the first ${PRINTED_ROWS} below)`);
  }
  lines.push(table(rows.slice(0, PRINTED_ROWS)));
  lines.push('latency, II, clock and DSP/LUT/FF/BRAM18: estimates (hls/cost), not synthesis results');
  return lines.join('\n');
}

/** compare --trace: layers as rows, each traced configuration's max |error| against float as a column. */
export function formatLayerErrors(rows: readonly CompareRow[]): string {
  const traced = rows.filter((row) => row.metrics?.layers);
  const layers = [...new Set(traced.flatMap((row) => row.metrics?.layers?.map((layer) => layer.layer) ?? []))];
  const header = ['layer', ...traced.map((row, index) => `[${index + 1}] max |err|`)];
  const body = layers.map((name) => [name, ...traced.map((row) => formatNumber(row.metrics?.layers?.find((layer) => layer.layer === name)?.maxAbsError ?? null))]);
  return [
    "Layer by layer (each layer's exact output against the float model's same tensor, every sample):",
    ...traced.map((row, index) => `  [${index + 1}] ${row.name}`),
    formatTable([header, ...body], '  '),
  ].join('\n');
}
