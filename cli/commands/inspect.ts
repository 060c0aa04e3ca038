// `ngt inspect [MODEL.onnx]`: what the importer made of a model: inputs, outputs, layers with shapes
// and parameters, the ONNX ops found, and the quantizers.
import { Command } from 'commander';
import { defaultModelPath, formatType, loadOnnxModel, summarizeGraph } from '../../models/index.js';
import type { ModelSummary } from '../../models/index.js';

/** A static (batch-1) shape with its batch dimension written N. */
function batchShape(shape: readonly number[]): string {
  return `[${shape.map((dim, axis) => (axis === 0 && dim === 1 ? 'N' : String(dim))).join(', ')}]`;
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd());
}

export function formatSummary(summary: ModelSummary): string {
  const lines = [`model: ${summary.name} (${summary.source}), ONNX opset ${summary.opsetVersion}`];
  for (const input of summary.inputs) lines.push(`input:  ${input.name} ${batchShape(input.shape)} ${formatType(input.type)}`);
  for (const output of summary.outputs) lines.push(`output: ${output.name} ${batchShape(output.shape)} ${formatType(output.type)}`);
  lines.push('', `layers: ${summary.layers.length}, parameters: ${summary.parameters.toLocaleString('en-US')}`);
  const rows = [['#', 'name', 'kind', 'onnx op', 'output shape', 'output type', 'params']];
  summary.layers.forEach((layer, index) => {
    rows.push([String(index), layer.name, layer.kind, layer.opType, batchShape(layer.outputShape), formatType(layer.outputType), String(layer.parameters)]);
  });
  lines.push(...table(rows).map((row) => `  ${row}`));
  lines.push('', `ops: ${[...summary.ops].map(([op, count]) => `${op} x${count}`).join(', ') || 'none'}`);
  if (summary.quantizers.length === 0) lines.push('quantizers: none (float model)');
  else {
    lines.push(`quantizers: ${summary.quantizers.length}`);
    for (const quantizer of summary.quantizers) lines.push(`  ${quantizer.layer}: ${quantizer.kind} of ${quantizer.target}, ${formatType(quantizer.type)}`);
  }
  return lines.join('\n');
}

export function inspectCommand(): Command {
  return new Command('inspect')
    .description('Import an ONNX/QONNX model and print its layers, shapes, parameters, ops and quantizers.')
    .argument('[model]', 'the .onnx file (default: the built-in jet tagger)')
    .option('--json', 'print the summary as JSON instead of text')
    .action((model: string | undefined, options: { json?: boolean }) => {
      const summary = summarizeGraph(loadOnnxModel(model ?? defaultModelPath()));
      const text = options.json ? JSON.stringify({ ...summary, ops: Object.fromEntries(summary.ops) }, null, 2) : formatSummary(summary);
      process.stdout.write(`${text}\n`);
    });
}
