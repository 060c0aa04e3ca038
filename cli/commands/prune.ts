// `ngt prune [MODEL.onnx] --sparsity 0.7 [--per-layer] -o pruned.onnx`: magnitude pruning. The
// smallest-magnitude weights of the Gemm/MatMul/Conv layers become exact zeros in the ONNX
// initializers; everything else in the file is kept. The result is imported again before it is
// written (atomically), so a file that is written is a model ngt reads. What it cost is measured on
// the same data before and after (the jet tagger's test split by default, or --input/--labels): float
// and fixed-point (hls4ml's default fixed<16,6>) accuracy, agreement with the original, multipliers.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { argmaxRows, createEvaluator, defaultHlsConfig, floatReference, pruneOnnxBytes, type FloatReference, type PruneReport } from '../../hls/index.js';
import { defaultModelPath, importOnnx, OnnxDecodeError, type Graph } from '../../models/index.js';
import { percent } from '../compare/compare-table.js';
import { loadModelData } from '../support/model-data.js';
import { writeFileAtomically, writeJsonAtomically } from '../support/atomic-write.js';
import { formatNumber, formatTable } from '../support/text-table.js';

interface PruneCommandOptions {
  sparsity: string;
  perLayer?: boolean;
  output: string;
  json?: string;
  input?: string;
  labels?: string;
}

interface Side {
  readonly floatAccuracy: number | null;
  /** At hls4ml's default fixed<16,6>, against this side's own float model. */
  readonly fixedAccuracy: number | null;
  readonly fixedAgreement: number;
  readonly multipliers: number;
}

export interface PruneEffect {
  readonly samples: number;
  readonly inputPath: string;
  readonly labelsPath: string | null;
  readonly before: Side;
  readonly after: Side;
  /** How often the pruned float model picks the original float model's class. */
  readonly agreementWithOriginal: number;
}

function side(reference: FloatReference): Side {
  const fixed = createEvaluator(reference)(defaultHlsConfig());
  return { floatAccuracy: reference.accuracy, fixedAccuracy: fixed.accuracy, fixedAgreement: fixed.argmaxAgreement, multipliers: fixed.multipliers };
}

/** The same data through the original and the pruned model. */
function measure(before: Graph, after: Graph, data: ReturnType<typeof loadModelData>): PruneEffect {
  const [original, pruned] = [floatReference(before, data.input, data.labels), floatReference(after, data.input, data.labels)];
  const classes = original.samples === 0 ? 0 : original.outputs.length / original.samples;
  const [a, b] = [argmaxRows(original.outputs, original.samples, classes), argmaxRows(pruned.outputs, pruned.samples, classes)];
  let same = 0;
  for (let sample = 0; sample < a.length; sample++) if (a[sample] === b[sample]) same++;
  return { samples: original.samples, inputPath: data.inputPath, labelsPath: data.labelsPath, before: side(original), after: side(pruned), agreementWithOriginal: a.length === 0 ? 1 : same / a.length };
}

export function formatPruneEffect(effect: PruneEffect | null): string {
  if (!effect) return 'accuracy not measured: give --input (and --labels) with a MODEL';
  const rows = [
    ['', 'float accuracy', 'fixed<16,6> accuracy', 'fixed<16,6> agreement with its float', 'multipliers'],
    ...(['before', 'after'] as const).map((name) => {
      const row = effect[name];
      return [name, percent(row.floatAccuracy), percent(row.fixedAccuracy), percent(row.fixedAgreement), String(row.multipliers)];
    }),
  ];
  return [
    `measured on ${effect.samples} samples (${effect.inputPath}${effect.labelsPath ? `, labels ${effect.labelsPath}` : ', no labels: accuracy not measured'}):`,
    formatTable(rows, '  '),
    `the pruned float model picks the original's class on ${percent(effect.agreementWithOriginal)} of the samples`,
  ].join('\n');
}

export function formatPruneReport(report: PruneReport, source: string, output: string): string {
  const rows = [['layer', 'op', 'tensor', 'count', 'zeros before', 'zeros after', 'sparsity', 'threshold']];
  for (const tensor of report.tensors) {
    rows.push([
      tensor.layer,
      tensor.opType,
      tensor.tensor,
      String(tensor.count),
      String(tensor.zerosBefore),
      String(tensor.zerosAfter),
      `${((100 * tensor.zerosAfter) / Math.max(tensor.count, 1)).toFixed(1)}%`,
      formatNumber(tensor.threshold),
    ]);
  }
  const mode = report.perLayer ? 'per layer' : 'global';
  return [
    `ngt prune: ${source} -> ${output}, sparsity ${report.sparsity} (${mode})`,
    formatTable(rows, '  '),
    `total: ${report.zeros} of ${report.count} weights are zero (${((100 * report.zeros) / Math.max(report.count, 1)).toFixed(2)}%)`,
  ].join('\n');
}

function prune(model: string | undefined, options: PruneCommandOptions, command: Command): void {
  const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'ngt.usage' });
  const sparsity = Number(options.sparsity);
  if (options.sparsity.trim() === '' || !Number.isFinite(sparsity) || sparsity < 0 || sparsity > 1) usage(`--sparsity must be a number from 0 to 1, not '${options.sparsity}'`);
  const source = model ?? defaultModelPath();
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(source);
  } catch (error) {
    throw new OnnxDecodeError(`${source}: cannot be read: ${(error as Error).message}`);
  }
  // Import first: a file ngt cannot read fails with the importer's own error, naming the node at fault.
  const original = importOnnx(bytes, source);
  const result = pruneOnnxBytes(bytes, source, { sparsity, perLayer: options.perLayer ?? false });
  const pruned = importOnnx(result.bytes, options.output);
  // The built-in model (named or not) brings its test split; another MODEL needs --input.
  const builtIn = model === undefined || resolve(model) === resolve(defaultModelPath());
  const data = builtIn || options.input !== undefined ? loadModelData(builtIn ? undefined : model, { input: options.input, labels: options.labels }, usage) : null;
  const effect = data ? measure(original, pruned, data) : null;
  writeFileAtomically(options.output, result.bytes);
  if (options.json !== undefined) writeJsonAtomically(options.json, { model: source, output: options.output, ...result.report, effect });
  process.stdout.write(`${formatPruneReport(result.report, source, options.output)}\n${formatPruneEffect(effect)}\n`);
}

export function pruneCommand(): Command {
  return new Command('prune')
    .description('Magnitude pruning: zero the smallest weights of Gemm/MatMul/Conv layers (exact zeros, biases untouched) and write the ONNX model.')
    .argument('[model]', 'the .onnx file (default: the built-in jet tagger)')
    .requiredOption('--sparsity <fraction>', 'fraction of weights to zero, 0 to 1: round(sparsity * n) of the n weights')
    .option('--per-layer', 'prune each layer to the sparsity (default: one global magnitude threshold over all layers)')
    .requiredOption('-o, --output <file>', 'where to write the pruned .onnx (temporary file, then renamed)')
    .option('--input <file>', 'inputs to measure accuracy on before and after, .npy [N, ...] (default with the built-in model: its test split)')
    .option('--labels <file>', 'class labels for --input, .npy integers [N] or one-hot [N, C]')
    .option('--json <file>', 'also write the per-layer report and the accuracy before and after as JSON')
    .exitOverride()
    .action(prune);
}
