// `ngt prune [MODEL.onnx] --sparsity 0.7 [--per-layer] -o pruned.onnx`: magnitude pruning. The
// smallest-magnitude weights of the Gemm/MatMul/Conv layers become exact zeros in the ONNX
// initializers; everything else in the file is kept. The result is imported again before it is
// written (atomically), so a file that is written is a model ngt reads.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { pruneOnnxBytes, type PruneReport } from '../../hls/index.js';
import { defaultModelPath, importOnnx, OnnxDecodeError } from '../../models/index.js';
import { writeFileAtomically, writeJsonAtomically } from '../support/atomic-write.js';
import { formatNumber, formatTable } from '../support/text-table.js';

interface PruneCommandOptions {
  sparsity: string;
  perLayer?: boolean;
  output: string;
  json?: string;
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
  importOnnx(bytes, source);
  const result = pruneOnnxBytes(bytes, source, { sparsity, perLayer: options.perLayer ?? false });
  importOnnx(result.bytes, options.output);
  writeFileAtomically(options.output, result.bytes);
  if (options.json !== undefined) writeJsonAtomically(options.json, { model: source, output: options.output, ...result.report });
  process.stdout.write(`${formatPruneReport(result.report, source, options.output)}\n`);
}

export function pruneCommand(): Command {
  return new Command('prune')
    .description('Magnitude pruning: zero the smallest weights of Gemm/MatMul/Conv layers (exact zeros, biases untouched) and write the ONNX model.')
    .argument('[model]', 'the .onnx file (default: the built-in jet tagger)')
    .requiredOption('--sparsity <fraction>', 'fraction of weights to zero, 0 to 1: round(sparsity * n) of the n weights')
    .option('--per-layer', 'prune each layer to the sparsity (default: one global magnitude threshold over all layers)')
    .requiredOption('-o, --output <file>', 'where to write the pruned .onnx (temporary file, then renamed)')
    .option('--json <file>', 'also write the per-layer report as JSON')
    .exitOverride()
    .action(prune);
}
