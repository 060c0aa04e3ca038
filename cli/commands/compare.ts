// `ngt compare [MODEL.onnx] --config a.yaml --config b.yaml ... [--input X.npy] [--labels y.npy]
// [--sweep [AXES] [--per-layer]] [--clock 200MHz] [--json f] [--csv f] [--out DIR]`: each configuration
// (and each sweep point, the product of its axes) converted, compiled once and run over all inputs by
// the compiled simulator, against the float model; synth's columns (latency, II, RF, strategy, io
// type, clock, DSP/LUT/FF/BRAM, fit) beside error, agreement and accuracy. A sweep prints its Pareto
// front and the recommended point first; --out writes compare.json, compare.csv and compare.html.
import { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  convertModel,
  createEvaluator,
  DEFAULT_GRID_TEXT,
  defaultHlsConfig,
  floatReference,
  layerTypesOf,
  loadHlsConfig,
  parseSweep,
  PRECISION_VARIABLES,
  runSweep,
  sweepPointName,
  sweepPoints,
  type HlsConfig,
} from '../../hls/index.js';
import { renderComparePage } from '../../reports/index.js';
import { compareCells, compareCsv, COMPARE_HEADER, decide, formatCompare, formatLayerErrors, type CompareRow, type Decision } from '../compare/compare-table.js';
import { writeFileAtomically, writeJsonAtomically } from '../support/atomic-write.js';
import { parseClock } from '../support/clock.js';
import { loadModelData } from '../support/model-data.js';
import { startProgress } from '../support/progress.js';

export { formatCompare, type CompareRow } from '../compare/compare-table.js';

interface CompareOptions {
  config: string[];
  input?: string;
  labels?: string;
  sweep?: string | boolean;
  sweepVariables: string;
  perLayer?: boolean;
  estimate: boolean;
  clock?: number;
  trace?: boolean;
  json?: string;
  csv?: string;
  html?: string;
  out?: string;
  adjust?: boolean;
}

async function comparePage(title: string, lines: readonly string[], rows: readonly CompareRow[], decision: Decision | null): Promise<string> {
  const front = new Set(decision?.front.map((candidate) => candidate.name));
  const points = rows.flatMap((row) =>
    row.metrics?.estimate
      ? [
          {
            name: row.name,
            quality: row.metrics.accuracy ?? row.metrics.argmaxAgreement,
            lut: row.metrics.estimate.lut,
            latencyNs: row.metrics.estimate.latencyNs,
            onFront: front.has(row.name),
            recommended: decision?.recommended?.name === row.name,
          },
        ]
      : [],
  );
  const table = { title: 'All points', header: [...COMPARE_HEADER], align: COMPARE_HEADER.map((_, column) => (column === 0 || (column >= 4 && column <= 6) ? 'left' : 'right') as 'left' | 'right'), rows: rows.map((row) => compareCells(row)), footer: [] };
  const layerErrors = rows.flatMap((row) => (row.metrics?.layers ?? []).map((layer) => ({ config: row.name, layer: layer.layer, maxAbsError: layer.maxAbsError })));
  return renderComparePage({ title, qualityName: decision?.quality ?? 'agreement', lines, points, table, layerErrors });
}

async function compare(model: string | undefined, options: CompareOptions, command: Command): Promise<void> {
  const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'ngt.usage' });
  const variables = options.sweepVariables.split(',').map((variable) => variable.trim());
  const unknown = variables.find((variable) => !(PRECISION_VARIABLES as readonly string[]).includes(variable));
  if (unknown !== undefined) usage(`--sweep-variables must be a comma-separated list of ${PRECISION_VARIABLES.join(', ')}, not '${unknown}'`);
  if (options.perLayer && options.sweep === undefined) usage('--per-layer needs --sweep');
  const sweepText = options.sweep === undefined ? null : typeof options.sweep === 'string' ? options.sweep : DEFAULT_GRID_TEXT;
  const axes = sweepText === null ? null : parseSweep(sweepText, variables);
  if (options.perLayer && axes && axes.some((axis) => axis.kind !== 'precision')) usage('--per-layer sweeps precisions one layer at a time; sweep rf and strategy model-wide (without --per-layer)');
  const data = loadModelData(model, { input: options.input, labels: options.labels }, usage);
  const layerTypes = layerTypesOf(data.graph);
  const loaded: HlsConfig[] = options.config.length === 0 ? [defaultHlsConfig()] : options.config.map((path) => loadHlsConfig(path, { layerTypes }));
  const configs = options.clock === undefined ? loaded : loaded.map((config) => ({ ...config, clockPeriod: options.clock ?? config.clockPeriod }));
  const reference = floatReference(data.graph, data.input, data.labels);
  // A swept reuse factor takes each layer's closest valid value (the labels show those run).
  const sweepsReuse = axes?.some((axis) => axis.kind === 'reuse') ?? false;
  const evaluate = createEvaluator(reference, { estimate: options.estimate, reuseFactors: options.adjust || sweepsReuse ? 'adjust' : 'error' });
  const evaluateConfig = options.trace ? createEvaluator(reference, { estimate: options.estimate, reuseFactors: options.adjust ? 'adjust' : 'error', trace: true }) : evaluate;
  const base = configs[0] ?? defaultHlsConfig();
  let points: ReturnType<typeof sweepPoints> = [];
  if (axes) {
    const converted = convertModel(data.graph, base, { reuseFactors: options.adjust ? 'adjust' : 'error' }).model;
    const weighted = converted.layers.filter((layer) => layer.kind === 'dense' || layer.kind === 'conv').map((layer) => layer.name);
    const swept = axes.flatMap((axis) => (axis.kind === 'precision' ? axis.variables : []));
    const layers = swept.every((variable) => variable !== 'result') ? weighted : converted.layers.map((layer) => layer.name);
    points = sweepPoints(base, axes, options.perLayer ? layers : null);
  }
  const bar = startProgress('compare', configs.length + points.length);
  const rows: CompareRow[] = [];
  try {
    configs.forEach((config, index) => {
      rows.push({ name: config.source, metrics: evaluateConfig(config), error: null });
      bar.update(index + 1, config.source);
    });
    for (const row of runSweep(evaluate, points, (done) => bar.update(configs.length + done))) rows.push({ name: sweepPointName(row), metrics: row.metrics, error: row.error });
  } finally {
    bar.stop();
  }
  const decision = axes ? decide(rows) : null;
  const printed = [formatCompare(rows, reference, decision), ...(options.trace ? [formatLayerErrors(rows)] : [])].join('\n');
  const document = {
    model: data.modelPath,
    input: data.inputPath,
    labels: data.labelsPath,
    samples: reference.samples,
    float: { accuracy: reference.accuracy },
    clockPeriodNs: options.clock ?? null,
    sweep: sweepText === null ? null : { grid: sweepText, variables, perLayer: options.perLayer ?? false, base: base.source },
    pareto: decision ? { quality: decision.quality, front: decision.front.map((candidate) => candidate.name), recommended: decision.recommended?.name ?? null } : null,
    configs: rows,
  };
  const targets = {
    json: options.json ?? (options.out ? join(options.out, 'compare.json') : undefined),
    csv: options.csv ?? (options.out ? join(options.out, 'compare.csv') : undefined),
    html: options.html ?? (options.out ? join(options.out, 'compare.html') : undefined),
  };
  if (options.out) mkdirSync(options.out, { recursive: true });
  if (targets.json !== undefined) writeJsonAtomically(targets.json, document);
  if (targets.csv !== undefined) writeFileAtomically(targets.csv, compareCsv(rows));
  if (targets.html !== undefined) writeFileAtomically(targets.html, await comparePage(`ngt compare: ${reference.graph.source}`, printed.split('\n').slice(0, 1), rows, decision));
  const written = Object.values(targets).filter((path): path is string => path !== undefined);
  process.stdout.write(`${printed}\n${written.length > 0 ? `wrote ${written.join(', ')}\n` : ''}`);
}

export function compareCommand(): Command {
  return new Command('compare')
    .description('Compare fixed-point configurations (or a precision sweep) against the float model: error, argmax agreement, accuracy, multipliers, latency and resources.')
    .argument('[model]', 'the .onnx file (default: the built-in jet tagger, with its test split and labels as defaults)')
    .option('--config <file>', 'an hls4ml-style configuration; repeat for several (default: fixed<16,6> everywhere)', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--input <file>', 'inputs, .npy float32 or float64 [N, ...]')
    .option('--labels <file>', 'class labels, .npy integers [N] or one-hot [N, C]')
    .option(
      '--sweep [axes]',
      `also sweep over the first --config: axes separated by ';', the product swept. '${DEFAULT_GRID_TEXT}' (the default) sets --sweep-variables to ap_fixed<W,I> over the grid; 'result:W=8..16/4,I=6' one variable (weight, bias, result, accum; join with +); 'rf=1|2|4'; 'strategy=latency|resource|distributed_arithmetic'. Ranges a..b, a..b/step, lists a|b`,
    )
    .option('--sweep-variables <list>', `precision variables a plain W=..,I=.. grid sets: ${PRECISION_VARIABLES.join(', ')}`, 'weight')
    .option('--per-layer', 'sweep one layer at a time (the others keep the base configuration) instead of model-wide')
    .option('--no-estimate', 'leave out the latency and resource estimate columns')
    .option('--clock <period>', 'clock period in ns (5, 3.125ns) or frequency (200MHz) for every configuration; overrides ClockPeriod', parseClock)
    .option('--trace', "also measure every layer's max |error| against the float model's same tensor, for each --config (not the sweep points): a table, and a plot in the HTML")
    .option('--json <file>', 'also write every result as JSON (with the Pareto front of a sweep)')
    .option('--csv <file>', 'also write the whole table as CSV')
    .option('--html <file>', 'also write an HTML page with the Pareto plots and the whole table')
    .option('--out <dir>', 'write compare.json, compare.csv and compare.html into DIR')
    .option('--adjust', 'an invalid ReuseFactor becomes the closest valid one (with a warning) instead of an error listing the valid values')
    .exitOverride()
    .action(compare);
}
