// The report's tables as plain text cells, independent of the output format: the terminal, Markdown and
// HTML renderers all lay out these same cells, so the three reports never disagree on a figure.
import {
  formatCount,
  formatError,
  formatPercent,
  formatRelativeError,
  readingFor,
  relativeError,
  sourceLetter,
  sourcesOf,
} from './figures.js';
import { resourceKeys, type FigureSource, type Report, type ResourceKey } from './schema.js';

export type Align = 'left' | 'right';

export interface TextTable {
  readonly title: string;
  readonly header: readonly string[];
  readonly align: readonly Align[];
  readonly rows: readonly (readonly string[])[];
  /** Rows set apart below the body: totals, percentages. */
  readonly footer: readonly (readonly string[])[];
}

const resourceLabels: Readonly<Record<ResourceKey, string>> = { dsp: 'DSP', lut: 'LUT', ff: 'FF', bram18: 'BRAM18' };

/** "Latency [e]" or "LUT [e/y]": the header names the sources its cells list, in that order. */
function figureHeader(label: string, sources: readonly FigureSource[]): string {
  return `${label} [${sources.map(sourceLetter).join('/')}]`;
}

/** One value per source of the column, '-' where this row lacks that source: "1,204 / 1,150". */
function figureCell<T extends { readonly source: FigureSource }>(
  list: readonly T[],
  sources: readonly FigureSource[],
  format: (reading: T) => string,
): string {
  return sources
    .map((source) => {
      const reading = readingFor(list, source);
      return reading === undefined ? '-' : format(reading);
    })
    .join(' / ');
}

export function formatShape(shape: readonly number[]): string {
  return shape.join('x');
}

export function layerTable(report: Report): TextTable {
  const { layers, resources } = report;
  const latencySources = sourcesOf([...layers.map((layer) => layer.latency), report.latency]);
  const iiSources = sourcesOf([...layers.map((layer) => layer.ii), report.ii]);
  const resourceSources = sourcesOf([...layers.map((layer) => layer.resources), resources.totals]);
  const header = [
    'Layer',
    'Kind',
    'Shape',
    'Precision',
    'RF',
    'Strategy',
    figureHeader('Latency', latencySources),
    figureHeader('II', iiSources),
    ...resourceKeys.map((key) => figureHeader(resourceLabels[key], resourceSources)),
  ];
  const align: Align[] = ['left', 'left', 'left', 'left', 'right', 'left', 'right', 'right', 'right', 'right', 'right', 'right'];
  const rows = layers.map((layer) => [
    layer.name,
    layer.kind,
    `${formatShape(layer.inputShape)} -> ${formatShape(layer.outputShape)}`,
    layer.precision['result'] ?? '',
    String(layer.reuseFactor),
    layer.strategy,
    figureCell(layer.latency, latencySources, (reading) => formatCount(reading.cycles)),
    figureCell(layer.ii, iiSources, (reading) => formatCount(reading.cycles)),
    ...resourceKeys.map((key) => figureCell(layer.resources, resourceSources, (reading) => formatCount(reading[key]))),
  ]);
  const first = layers[0];
  const last = layers[layers.length - 1];
  const modelShape = first && last ? `${formatShape(first.inputShape)} -> ${formatShape(last.outputShape)}` : '';
  const footer = [
    [
      'Total',
      '',
      modelShape,
      '',
      '',
      '',
      figureCell(report.latency, latencySources, (reading) => formatCount(reading.cycles)),
      figureCell(report.ii, iiSources, (reading) => formatCount(reading.cycles)),
      ...resourceKeys.map((key) => figureCell(resources.totals, resourceSources, (reading) => formatCount(reading[key]))),
    ],
    [
      '% of part',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      ...resourceKeys.map((key) => figureCell(resources.utilization, resourceSources, (reading) => formatPercent(reading[key]))),
    ],
    [
      'Part capacity',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      ...resourceKeys.map((key) => formatCount(resources.capacity[key])),
    ],
  ];
  return { title: 'Layers', header, align, rows, footer };
}

/** The run's headline figures as label/value pairs, each timing figure tagged with its source. */
export function summaryItems(report: Report): [string, string][] {
  const { config } = report;
  const tagged = (text: string, source: FigureSource): string => `${text} [${sourceLetter(source)}]`;
  const latency = report.latency.map((reading) =>
    tagged(`${formatCount(reading.cycles)} cycles = ${formatCount(reading.ns)} ns`, reading.source),
  );
  const ii = report.ii.map((reading) => tagged(`${formatCount(reading.cycles)} ${reading.cycles === 1 ? 'cycle' : 'cycles'}`, reading.source));
  const clock = report.maxClock.map((reading) => tagged(`${formatCount(reading.mhz, 1)} MHz`, reading.source));
  return [
    ['Model', `${report.model.name} (${report.model.source})`],
    ['Part', config.part],
    ['Clock', `${formatCount(config.clockPeriodNs, 4)} ns (${formatCount(1000 / config.clockPeriodNs, 1)} MHz)`],
    ['IO type', config.ioType],
    ['Config', `${config.label}${config.file ? ` (${config.file.path})` : ' (hls4ml defaults)'}`],
    ['Latency', latency.join(', ')],
    ['Interval (II)', ii.join(', ')],
    ['Max clock', clock.join(', ')],
    ['Generated', `${report.tool.name} ${report.tool.version}, ${report.date}`],
  ];
}

/** Estimates set against a measured source (yosys, cosim) of the same figure; null when nothing was measured. */
export function estimateErrorTable(report: Report): TextTable | null {
  const rows: string[][] = [];
  const compare = (figure: string, estimate: number | undefined, measured: number, source: FigureSource): void => {
    if (estimate === undefined || source === 'estimate') return;
    rows.push([figure, formatCount(estimate), formatCount(measured), source, formatRelativeError(relativeError(estimate, measured))]);
  };
  for (const total of report.resources.totals) {
    const estimate = readingFor(report.resources.totals, 'estimate');
    for (const key of resourceKeys) compare(`Total ${resourceLabels[key]}`, estimate?.[key], total[key], total.source);
  }
  for (const reading of report.latency) compare('Model latency (cycles)', readingFor(report.latency, 'estimate')?.cycles, reading.cycles, reading.source);
  for (const layer of report.layers) {
    const estimate = readingFor(layer.resources, 'estimate');
    for (const reading of layer.resources) {
      for (const key of resourceKeys) compare(`${layer.name} ${resourceLabels[key]}`, estimate?.[key], reading[key], reading.source);
    }
    for (const reading of layer.latency) compare(`${layer.name} latency`, readingFor(layer.latency, 'estimate')?.cycles, reading.cycles, reading.source);
  }
  if (rows.length === 0) return null;
  return {
    title: 'Estimates against measurements',
    header: ['Figure', 'Estimate', 'Measured', 'Source', 'Error'],
    align: ['left', 'right', 'right', 'left', 'right'],
    rows,
    footer: [],
  };
}

export function comparisonTable(report: Report): TextTable | null {
  if (report.comparisons.length === 0) return null;
  const configs = report.comparisons;
  const resourceSources = sourcesOf(configs.map((config) => config.resources));
  const latencySources = sourcesOf(configs.map((config) => config.latency));
  const percent = (fraction: number): string => `${(fraction * 100).toFixed(2)}%`;
  return {
    title: 'Configurations compared against float',
    header: [
      'Config',
      'Samples',
      'Max |err|',
      'Mean |err|',
      'Argmax agree',
      'Accuracy',
      'Float acc.',
      'Multipliers',
      figureHeader('DSP', resourceSources),
      figureHeader('LUT', resourceSources),
      figureHeader('Latency', latencySources),
    ],
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    rows: configs.map((config) => [
      config.name,
      formatCount(config.samples),
      formatError(config.maxAbsError),
      formatError(config.meanAbsError),
      percent(config.argmaxAgreement),
      config.accuracy === null ? 'n/a' : percent(config.accuracy),
      config.floatAccuracy === null ? 'n/a' : percent(config.floatAccuracy),
      formatCount(config.multipliers),
      figureCell(config.resources, resourceSources, (reading) => formatCount(reading.dsp)),
      figureCell(config.resources, resourceSources, (reading) => formatCount(reading.lut)),
      figureCell(config.latency, latencySources, (reading) => formatCount(reading.cycles)),
    ]),
    footer: [],
  };
}

/** The variables whose values wrapped or saturated in the bit-accurate simulation; null when none did. */
export function overflowTable(report: Report): TextTable | null {
  const overflows = report.overflows;
  if (!overflows || overflows.rows.length === 0) return null;
  return {
    title: `Overflows (bit-accurate simulation of ${formatCount(overflows.samples)}${overflows.samples < overflows.of ? ` of ${formatCount(overflows.of)}` : ''} samples)`,
    header: ['Layer', 'Variable', 'Type', 'Overflows', 'Of', 'Share', 'Mode'],
    align: ['left', 'left', 'left', 'right', 'right', 'right', 'left'],
    rows: overflows.rows.map((row) => [row.layer, row.variable, row.type, formatCount(row.overflows), formatCount(row.casts), formatPercent((100 * row.overflows) / row.casts), row.mode === 'wrap' ? 'wrapped' : 'saturated']),
    footer: [],
  };
}

/** Per layer, every precision variable: the detail the main table's single column leaves out. */
export function precisionTable(report: Report): TextTable {
  const variables = [...new Set(report.layers.flatMap((layer) => Object.keys(layer.precision)))];
  const first = ['result', 'weight', 'bias', 'accum'];
  const rank = (variable: string): number => (first.includes(variable) ? first.indexOf(variable) : first.length);
  variables.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return {
    title: 'Precision by layer',
    header: ['Layer', ...variables],
    align: ['left', ...variables.map((): Align => 'left')],
    rows: report.layers.map((layer) => [layer.name, ...variables.map((variable) => layer.precision[variable] ?? '-')]),
    footer: [],
  };
}

