// A ReportDiff as text (aligned tables, cli/support/text-table.ts) or GitHub Markdown: the same cells
// either way, so the two formats never disagree on a figure.
import { escapeMarkdown, sourceLegend, sourceLetter } from '../../reports/index.js';
import { formatTable } from '../support/text-table.js';
import type { LayerDiff, ReportDiff, SourcePair, SummaryRow, Unit } from './diff-reports.js';

interface Cells {
  readonly header: readonly string[];
  readonly rightAligned: readonly boolean[];
  readonly rows: readonly (readonly string[])[];
}

const decimals: Readonly<Record<Unit, number>> = { text: 0, count: 2, ns: 2, MHz: 1, percent: 2, fraction: 2 };

/** 12345 -> "12,345" as the reports print counts; percent and fractions with two decimals. */
function formatValue(value: number | string | null, unit: Unit, signed = false): string {
  if (value === null) return '-';
  if (typeof value === 'string') return value;
  const scaled = unit === 'fraction' ? 100 * value : value;
  const text =
    unit === 'percent' || unit === 'fraction'
      ? scaled.toFixed(2)
      : scaled.toLocaleString('en-US', { maximumFractionDigits: decimals[unit], useGrouping: true });
  // toFixed of a tiny negative difference gives "-0.00"; a difference of nothing reads "0".
  const zero = Number(text.replace(/,/g, '')) === 0;
  if (zero) return unit === 'percent' || unit === 'fraction' ? '0.00' : '0';
  return signed && scaled > 0 ? `+${text}` : text;
}

/** "e" when both sides read the same source, "e/y" (A's, B's) when they could not. */
function sourceTag(sources: SourcePair): string {
  return sources.a === sources.b ? sourceLetter(sources.a) : `${sourceLetter(sources.a)}/${sourceLetter(sources.b)}`;
}

/** What was run (model, part, io type, config): text, so only whether A and B differ. */
function runCells(rows: readonly SummaryRow[]): Cells {
  return {
    header: ['Run', 'A', 'B', 'A vs B'],
    rightAligned: [false, false, false, false],
    rows: rows.filter((row) => row.unit === 'text').map((row) => [row.figure, formatValue(row.a, row.unit), formatValue(row.b, row.unit), row.differs ? 'differs' : 'same']),
  };
}

/** The numbers, with B - A and B / A; a figure's sources in brackets after its name. */
function figureCells(rows: readonly SummaryRow[]): Cells {
  return {
    header: ['Figure', 'A', 'B', 'B - A', 'B/A'],
    rightAligned: [false, true, true, true, true],
    rows: rows
      .filter((row) => row.unit !== 'text')
      .map((row) => [
        row.sources ? `${row.figure} [${sourceTag(row.sources)}]` : row.figure,
        formatValue(row.a, row.unit),
        formatValue(row.b, row.unit),
        formatValue(row.difference, row.unit, true),
        row.ratio === null ? '-' : row.ratio.toFixed(2),
      ]),
  };
}

const fieldLabels: Readonly<Record<string, string>> = {
  kind: 'kind',
  reuseFactor: 'RF',
  strategy: 'strategy',
  latency: 'latency',
  ii: 'II',
  dsp: 'DSP',
  lut: 'LUT',
  ff: 'FF',
  bram18: 'BRAM18',
};

function fieldLabel(field: string): string {
  return field.startsWith('precision.') ? `${field.slice('precision.'.length)} precision` : (fieldLabels[field] ?? field);
}

const columns = [
  ['kind', 'Kind'],
  ['precision.result', 'Precision'],
  ['reuseFactor', 'RF'],
  ['latency', 'Latency'],
  ['ii', 'II'],
  ['dsp', 'DSP'],
  ['lut', 'LUT'],
  ['ff', 'FF'],
  ['bram18', 'BRAM18'],
] as const;

/** One value where A and B agree, "A -> B" where they differ. */
function layerCell(layer: LayerDiff, field: string, tagged: boolean): string {
  const entry = layer.fields.find((candidate) => candidate.field === field);
  if (!entry) return '-';
  const value = (side: number | string): string => formatValue(side, typeof side === 'number' ? 'count' : 'text');
  const text = entry.a === entry.b ? value(entry.a) : `${value(entry.a)} -> ${value(entry.b)}`;
  return tagged && entry.sources ? `${text} [${sourceTag(entry.sources)}]` : text;
}

function layerCells(layers: readonly LayerDiff[]): Cells {
  // A figure column's header names the sources its cells read; only a column mixing them tags each cell.
  const tags = columns.map(([field]) => [
    ...new Set(layers.flatMap((layer) => layer.fields.filter((entry) => entry.field === field && entry.sources).map((entry) => sourceTag(entry.sources as SourcePair)))),
  ]);
  return {
    header: ['Layer', ...columns.map(([, label], index) => ((tags[index] ?? []).length > 0 ? `${label} [${(tags[index] ?? []).join(', ')}]` : label)), 'Changed'],
    rightAligned: [false, false, false, true, true, true, true, true, true, true, false],
    rows: layers.map((layer) => [
      layer.name,
      ...columns.map(([field], index) => layerCell(layer, field, (tags[index] ?? []).length > 1)),
      layer.changed.map(fieldLabel).join(', '),
    ]),
  };
}

function layersTitle(diff: ReportDiff): string {
  const differing = diff.layers.filter((layer) => layer.changed.length > 0).length;
  return `Layers in both (${diff.layers.length}, ${differing} differ)`;
}

function onlyLines(diff: ReportDiff): string[] {
  return [
    ...(diff.onlyInA.length > 0 ? [`Only in A: ${diff.onlyInA.join(', ')}`] : []),
    ...(diff.onlyInB.length > 0 ? [`Only in B: ${diff.onlyInB.join(', ')}`] : []),
  ];
}

const legend = 'B - A: the difference (in percentage points for %), B/A: the ratio';

export function renderDiffText(diff: ReportDiff): string {
  const sides = [['A', diff.a], ['B', diff.b]] as const;
  const run = runCells(diff.summary);
  const figures = figureCells(diff.summary);
  const layers = layerCells(diff.layers);
  const lines = [
    'ngt report: A against B',
    ...sides.map(([name, side]) => `  ${name}  ${side.file}: ${side.model}, ${side.label} (${side.date})`),
    ...sides.flatMap(([name, side]) => side.warnings.map((warning) => `  WARNING (${name}): ${warning}`)),
    '',
    'Summary',
    formatTable([run.header, ...run.rows]),
    '',
    formatTable([figures.header, ...figures.rows]),
    '',
    layersTitle(diff),
    formatTable([layers.header, ...layers.rows]),
    ...onlyLines(diff),
    '',
    legend,
    `Sources: ${sourceLegend}`,
  ];
  return `${lines.join('\n')}\n`;
}

function markdownTable(cells: Cells): string[] {
  const row = (values: readonly string[]): string => `| ${values.map(escapeMarkdown).join(' | ')} |`;
  return [row(cells.header), `|${cells.rightAligned.map((right) => (right ? '---:' : ':---')).join('|')}|`, ...cells.rows.map(row)];
}

export function renderDiffMarkdown(diff: ReportDiff): string {
  const sides = [['A', diff.a], ['B', diff.b]] as const;
  const lines = [
    '# ngt report: A against B',
    '',
    ...sides.map(([name, side]) => `- **${name}**: ${escapeMarkdown(`${side.file}: ${side.model}, ${side.label} (${side.date})`)}`),
    '',
    ...sides.flatMap(([name, side]) => side.warnings.map((warning) => `> **Warning (${name}):** ${escapeMarkdown(warning)}`)),
    ...(diff.a.warnings.length + diff.b.warnings.length > 0 ? [''] : []),
    '## Summary',
    '',
    ...markdownTable(runCells(diff.summary)),
    '',
    ...markdownTable(figureCells(diff.summary)),
    '',
    `## ${layersTitle(diff)}`,
    '',
    ...markdownTable(layerCells(diff.layers)),
    '',
    ...onlyLines(diff).flatMap((line) => [escapeMarkdown(line), '']),
    escapeMarkdown(legend),
    '',
    `Sources: ${escapeMarkdown(sourceLegend)}`,
  ];
  return `${lines.join('\n')}\n`;
}
