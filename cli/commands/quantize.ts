// `ngt quantize [MODEL.onnx] --input X.npy --tolerance 0.01 -o hls.yaml`: post-training quantization.
// Ranges profiled on X choose each layer's integer bits; a search then finds the fewest fraction bits
// keeping argmax agreement with float >= 1 - tolerance on X. The written file is read back and
// evaluated again before it is renamed into place, so what is written is what was measured.
import { Command } from 'commander';
import { formatFixedType, invariant } from '@ngt/fxp';
import {
  createEvaluator,
  floatReference,
  layerTypesOf,
  parseHlsConfig,
  quantizedConfigFile,
  quantizeModel,
  type ConfigMetrics,
  type QuantizeResult,
} from '../../hls/index.js';
import { writeFileAtomically, writeJsonAtomically } from '../support/atomic-write.js';
import { loadModelData } from '../support/model-data.js';
import { startProgress } from '../support/progress.js';
import { formatNumber, formatTable } from '../support/text-table.js';

interface QuantizeCommandOptions {
  input?: string;
  tolerance: string;
  intMargin: string;
  output: string;
  json?: string;
}

function percent(value: number | null): string {
  return value === null ? '-' : `${(100 * value).toFixed(2)}%`;
}

export function formatQuantize(result: QuantizeResult, written: ConfigMetrics, output: string): string {
  const rows = [['layer', 'class', 'variable', 'type', 'integer bits', 'fraction bits']];
  for (const variable of result.variables) rows.push([variable.layer, variable.hlsClass, variable.variable, formatFixedType(variable.type), String(variable.intBits), String(variable.fractionBits)]);
  return [
    `ngt quantize: ${result.profile.model} on ${written.samples} samples, target argmax agreement >= ${result.target} (${result.evaluations} configurations evaluated)`,
    formatTable(rows, '  '),
    `${output}: agreement ${percent(written.argmaxAgreement)}, accuracy ${percent(written.accuracy)}, max |err| ${formatNumber(written.maxAbsError)}, mean |err| ${formatNumber(written.meanAbsError)}, multipliers ${written.multipliers}`,
  ].join('\n');
}

function quantize(model: string | undefined, options: QuantizeCommandOptions, command: Command): void {
  const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'ngt.usage' });
  const tolerance = Number(options.tolerance);
  if (options.tolerance.trim() === '' || !Number.isFinite(tolerance) || tolerance < 0 || tolerance > 1) usage(`--tolerance must be a number from 0 to 1, not '${options.tolerance}'`);
  const intMargin = Number(options.intMargin);
  if (!Number.isInteger(intMargin) || intMargin < 0 || intMargin > 16) usage(`--int-margin must be an integer from 0 to 16, not '${options.intMargin}'`);
  const data = loadModelData(model, { input: options.input }, usage);
  const reference = floatReference(data.graph, data.input, data.labels);
  const bar = startProgress('quantize', 20);
  let result: QuantizeResult;
  try {
    result = quantizeModel(reference, {
      tolerance,
      intMargin,
      onProgress: (evaluations, phase) => {
        bar.setTotal(Math.max(20, evaluations + 1));
        bar.update(evaluations, phase);
      },
    });
  } finally {
    bar.stop();
  }
  const file = quantizedConfigFile(data.graph, result, tolerance);
  const written = createEvaluator(reference)(parseHlsConfig(file.yaml, options.output, { layerTypes: layerTypesOf(data.graph) }));
  invariant(written.argmaxAgreement === result.metrics.argmaxAgreement && written.multipliers === result.metrics.multipliers, `${options.output}: the written configuration must measure as the searched one did`);
  writeFileAtomically(options.output, file.yaml);
  if (options.json !== undefined) {
    writeJsonAtomically(options.json, {
      model: data.modelPath,
      input: data.inputPath,
      output: options.output,
      tolerance,
      target: result.target,
      evaluations: result.evaluations,
      variables: result.variables.map((variable) => ({ ...variable, type: formatFixedType(variable.type) })),
      metrics: written,
    });
  }
  process.stdout.write(`${formatQuantize(result, written, options.output)}\n`);
}

export function quantizeCommand(): Command {
  return new Command('quantize')
    .description('Post-training quantization: integer bits from ranges profiled on inputs, then the fewest fraction bits keeping argmax agreement with float; writes an hls4ml-style configuration.')
    .argument('[model]', 'the .onnx file (default: the built-in jet tagger, with its test split as the default --input)')
    .option('--input <file>', 'inputs to profile and search on, .npy float32 or float64 [N, ...]')
    .option('--tolerance <fraction>', 'allowed loss of argmax agreement with float: agreement >= 1 - tolerance', '0.01')
    .option('--int-margin <bits>', 'extra integer bits above the profiled ranges (headroom for unseen data)', '0')
    .requiredOption('-o, --output <file>', 'where to write the configuration (YAML; temporary file, then renamed)')
    .option('--json <file>', 'also write the chosen types and their metrics as JSON')
    .exitOverride()
    .action(quantize);
}
