// `ngt compare [MODEL.onnx] --config a.yaml --config b.yaml ... [--input X.npy] [--labels y.npy]
// [--sweep [W=4..16,I=1..8] [--sweep-variables weight] [--per-layer]] [--json out.json]`: each
// configuration (and each sweep point) converted, compiled once and run over all inputs by the
// compiled simulator, against the float model: max and mean |error|, argmax agreement, accuracy,
// multipliers (zero weights skipped) and the latency / DSP / LUT estimate.
import { Command } from 'commander';
import {
  convertModel,
  createEvaluator,
  DEFAULT_GRID_TEXT,
  defaultHlsConfig,
  floatReference,
  gridTypes,
  layerTypesOf,
  loadHlsConfig,
  parseGrid,
  runSweep,
  sweepPoints,
  type ConfigMetrics,
  type FloatReference,
  type HlsConfig,
  type SweepRow,
} from '../../hls/index.js';
import { writeJsonAtomically } from '../support/atomic-write.js';
import { loadModelData } from '../support/model-data.js';
import { startProgress } from '../support/progress.js';
import { formatNumber, formatTable } from '../support/text-table.js';

interface CompareOptions {
  config: string[];
  input?: string;
  labels?: string;
  sweep?: string | boolean;
  sweepVariables: string;
  perLayer?: boolean;
  estimate: boolean;
  json?: string;
  adjust?: boolean;
}

export interface CompareRow {
  readonly name: string;
  readonly metrics: ConfigMetrics | null;
  readonly error: string | null;
}

const SWEEP_VARIABLES = ['weight', 'bias', 'result', 'accum'];

function percent(value: number | null): string {
  return value === null ? '-' : `${(100 * value).toFixed(2)}%`;
}

export function formatCompare(rows: readonly CompareRow[], reference: FloatReference): string {
  const header = ['config', 'max |err|', 'mean |err|', 'agreement', 'accuracy', 'multipliers', 'latency (cycles)', 'latency (ns)', 'DSP', 'LUT'];
  const table = [header];
  for (const { name, metrics, error } of rows) {
    if (!metrics) {
      table.push([name, `refused: ${error ?? ''}`]);
      continue;
    }
    const estimate = metrics.estimate;
    table.push([
      name,
      formatNumber(metrics.maxAbsError),
      formatNumber(metrics.meanAbsError),
      percent(metrics.argmaxAgreement),
      percent(metrics.accuracy),
      String(metrics.multipliers),
      estimate ? String(estimate.latencyCycles) : '-',
      estimate ? formatNumber(estimate.latencyNs) : '-',
      estimate ? String(estimate.dsp) : '-',
      estimate ? String(estimate.lut) : '-',
    ]);
  }
  const floatLine = `float reference: ${reference.graph.source} on ${reference.samples} samples${reference.accuracy === null ? ' (no labels: accuracy not measured)' : `, accuracy ${percent(reference.accuracy)}`}`;
  return [floatLine, formatTable(table, '  '), 'latency and DSP/LUT: estimates (hls/cost), not synthesis results'].join('\n');
}

function sweepName(row: SweepRow): string {
  return `${row.layer ?? 'model'} ${row.variables.join('+')}=${row.type}`;
}

function compare(model: string | undefined, options: CompareOptions, command: Command): void {
  const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'ngt.usage' });
  const variables = options.sweepVariables.split(',').map((variable) => variable.trim());
  const unknown = variables.find((variable) => !SWEEP_VARIABLES.includes(variable));
  if (unknown !== undefined) usage(`--sweep-variables must be a comma-separated list of ${SWEEP_VARIABLES.join(', ')}, not '${unknown}'`);
  if (options.perLayer && options.sweep === undefined) usage('--per-layer needs --sweep');
  const grid = options.sweep === undefined ? null : parseGrid(typeof options.sweep === 'string' ? options.sweep : DEFAULT_GRID_TEXT);
  const data = loadModelData(model, { input: options.input, labels: options.labels }, usage);
  const layerTypes = layerTypesOf(data.graph);
  const configs: HlsConfig[] = options.config.length === 0 ? [defaultHlsConfig()] : options.config.map((path) => loadHlsConfig(path, { layerTypes }));
  const reference = floatReference(data.graph, data.input, data.labels);
  const evaluate = createEvaluator(reference, { estimate: options.estimate, reuseFactors: options.adjust ? 'adjust' : 'error' });
  const base = configs[0] ?? defaultHlsConfig();
  let points: ReturnType<typeof sweepPoints> = [];
  if (grid) {
    const converted = convertModel(data.graph, base, { reuseFactors: options.adjust ? 'adjust' : 'error' }).model;
    const weighted = converted.layers.filter((layer) => layer.kind === 'dense' || layer.kind === 'conv').map((layer) => layer.name);
    const layers = variables.every((variable) => variable !== 'result') ? weighted : converted.layers.map((layer) => layer.name);
    points = sweepPoints(base, gridTypes(grid), variables, options.perLayer ? layers : null);
  }
  const bar = startProgress('compare', configs.length + points.length);
  const rows: CompareRow[] = [];
  try {
    configs.forEach((config, index) => {
      rows.push({ name: config.source, metrics: evaluate(config), error: null });
      bar.update(index + 1, config.source);
    });
    for (const row of runSweep(evaluate, points, (done) => bar.update(configs.length + done))) rows.push({ name: sweepName(row), metrics: row.metrics, error: row.error });
  } finally {
    bar.stop();
  }
  if (options.json !== undefined) {
    writeJsonAtomically(options.json, {
      model: data.modelPath,
      input: data.inputPath,
      labels: data.labelsPath,
      samples: reference.samples,
      float: { accuracy: reference.accuracy },
      sweep: grid ? { grid: typeof options.sweep === 'string' ? options.sweep : DEFAULT_GRID_TEXT, variables, perLayer: options.perLayer ?? false, base: base.source } : null,
      configs: rows,
    });
  }
  process.stdout.write(`${formatCompare(rows, reference)}\n`);
}

export function compareCommand(): Command {
  return new Command('compare')
    .description('Compare fixed-point configurations (or a precision sweep) against the float model: error, argmax agreement, accuracy, multipliers, latency and resources.')
    .argument('[model]', 'the .onnx file (default: the built-in jet tagger, with its test split and labels as defaults)')
    .option('--config <file>', 'an hls4ml-style configuration; repeat for several (default: fixed<16,6> everywhere)', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--input <file>', 'inputs, .npy float32 or float64 [N, ...]')
    .option('--labels <file>', 'class labels, .npy integers [N] or one-hot [N, C]')
    .option('--sweep [grid]', `also sweep ap_fixed<W,I> over a grid over the first --config (default grid ${DEFAULT_GRID_TEXT}; ranges a..b, a..b/step, lists a|b)`)
    .option('--sweep-variables <list>', `precision variables the sweep sets: ${SWEEP_VARIABLES.join(', ')}`, 'weight')
    .option('--per-layer', 'sweep one layer at a time (the others keep the base configuration) instead of model-wide')
    .option('--no-estimate', 'leave out the latency and resource estimate columns')
    .option('--json <file>', 'also write every result as JSON')
    .option('--adjust', 'an invalid ReuseFactor becomes the closest valid one (with a warning) instead of an error listing the valid values')
    .exitOverride()
    .action(compare);
}
