// `ngt quantize [MODEL.onnx] --input X.npy [--labels y.npy] --tolerance 0.01 [--holdout 0.5] -o hls.yaml`:
// post-training quantization. X is split: ranges profiled on its first part choose each layer's
// integer bits, and a search there finds the fewest fraction bits keeping argmax agreement with float
// >= 1 - tolerance; the result is then measured on the held-out rest, beside hls4ml's default
// fixed<16,6>, with latency and resources, so what it costs and what it keeps are both on data the
// search never saw. The written file is read back and evaluated again before it is renamed into
// place, so what is written is what was measured.
import { Command } from 'commander';
import { formatFixedType, invariant } from '@ngt/fxp';
import {
  createEvaluator,
  defaultHlsConfig,
  floatReference,
  layerTypesOf,
  parseHlsConfig,
  quantizedConfigFile,
  quantizeModel,
  type ConfigMetrics,
  type QuantizeResult,
} from '../../hls/index.js';
import { writeFileAtomically, writeJsonAtomically } from '../support/atomic-write.js';
import { compareCells, COMPARE_HEADER, percent, type CompareRow } from '../compare/compare-table.js';
import { loadModelData, splitData } from '../support/model-data.js';
import { startProgress } from '../support/progress.js';
import { formatNumber, formatTable } from '../support/text-table.js';

interface QuantizeCommandOptions {
  input?: string;
  labels?: string;
  holdout: string;
  tolerance: string;
  intMargin: string;
  output: string;
  json?: string;
}

export interface QuantizeSummary {
  readonly result: QuantizeResult;
  /** The written file measured on the search split (as the search measured it). */
  readonly searched: ConfigMetrics;
  readonly searchSamples: number;
  /** On the held-out split: hls4ml's default and the written file; null without a hold-out. */
  readonly holdout: { readonly samples: number; readonly baseline: ConfigMetrics; readonly quantized: ConfigMetrics } | null;
}

export function formatQuantize(summary: QuantizeSummary, output: string): string {
  const { result, searched, holdout } = summary;
  const rows = [['layer', 'class', 'variable', 'type', 'integer bits', 'fraction bits']];
  for (const variable of result.variables) rows.push([variable.layer, variable.hlsClass, variable.variable, formatFixedType(variable.type), String(variable.intBits), String(variable.fractionBits)]);
  const lines = [
    `ngt quantize: ${result.profile.model}, searched on samples 0-${summary.searchSamples - 1} (${summary.searchSamples}), target argmax agreement >= ${result.target} (${result.evaluations} configurations evaluated)`,
    formatTable(rows, '  '),
    `search split: ${output}: agreement ${percent(searched.argmaxAgreement)}, accuracy ${percent(searched.accuracy)}, max |err| ${formatNumber(searched.maxAbsError)}, mean |err| ${formatNumber(searched.meanAbsError)}, multipliers ${searched.multipliers}`,
  ];
  if (holdout) {
    const table: CompareRow[] = [
      { name: 'hls4ml default fixed<16,6>', metrics: holdout.baseline, error: null },
      { name: output, metrics: holdout.quantized, error: null },
    ];
    lines.push(`held out: samples ${summary.searchSamples}-${summary.searchSamples + holdout.samples - 1} (${holdout.samples}), never seen by the search:`);
    lines.push(formatTable([[...COMPARE_HEADER], ...table.map((row) => compareCells(row))], '  '));
    if (holdout.quantized.argmaxAgreement < result.target) {
      lines.unshift(`warning: on the held-out samples agreement is ${percent(holdout.quantized.argmaxAgreement)}, below the target ${percent(result.target)}: profile on more data, add --int-margin, or lower --tolerance`);
    }
    const [base, mine] = [holdout.baseline.estimate, holdout.quantized.estimate];
    if (base && mine && mine.lut > base.lut) {
      const count = (value: number): string => value.toLocaleString('en-US');
      lines.unshift(
        `warning: ${output} costs more LUTs than hls4ml's default (${count(mine.lut)} against ${count(base.lut)}; DSP ${count(mine.dsp)} against ${count(base.dsp)}): products narrower than a DSP's are built from LUTs, and its accumulators are 'auto' (full width, as hls4ml infers them); \`ngt compare --sweep 'accum:W=...,I=...'\` trades them`,
      );
    }
    lines.push('latency, II, clock and DSP/LUT/FF/BRAM18: estimates (hls/cost), not synthesis results');
  } else lines.unshift('warning: --holdout 0: every figure is measured on the samples the search chose the types on');
  return lines.join('\n');
}

function quantize(model: string | undefined, options: QuantizeCommandOptions, command: Command): void {
  const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'ngt.usage' });
  const tolerance = Number(options.tolerance);
  if (options.tolerance.trim() === '' || !Number.isFinite(tolerance) || tolerance < 0 || tolerance > 1) usage(`--tolerance must be a number from 0 to 1, not '${options.tolerance}'`);
  const intMargin = Number(options.intMargin);
  if (!Number.isInteger(intMargin) || intMargin < 0 || intMargin > 16) usage(`--int-margin must be an integer from 0 to 16, not '${options.intMargin}'`);
  const holdoutFraction = Number(options.holdout);
  if (options.holdout.trim() === '' || !Number.isFinite(holdoutFraction) || holdoutFraction < 0 || holdoutFraction >= 1) usage(`--holdout must be a fraction from 0 to below 1, not '${options.holdout}'`);
  const data = loadModelData(model, { input: options.input, labels: options.labels }, usage);
  if (holdoutFraction > 0 && (data.input.shape[0] ?? 0) < 2) usage(`--holdout needs at least 2 samples in ${data.inputPath}; give more or --holdout 0`);
  const split = splitData(data, holdoutFraction);
  const reference = floatReference(data.graph, split.search.input, split.search.labels);
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
  const config = parseHlsConfig(file.yaml, options.output, { layerTypes: layerTypesOf(data.graph) });
  const written = createEvaluator(reference)(config);
  invariant(written.argmaxAgreement === result.metrics.argmaxAgreement && written.multipliers === result.metrics.multipliers, `${options.output}: the written configuration must measure as the searched one did`);
  let holdout: QuantizeSummary['holdout'] = null;
  if (holdoutFraction > 0) {
    const held = createEvaluator(floatReference(data.graph, split.holdout.input, split.holdout.labels), { estimate: true });
    holdout = { samples: split.holdout.input.shape[0] ?? 0, baseline: held(defaultHlsConfig()), quantized: held(config) };
  }
  const summary: QuantizeSummary = { result, searched: written, searchSamples: split.searchSamples, holdout };
  writeFileAtomically(options.output, file.yaml);
  if (options.json !== undefined) {
    writeJsonAtomically(options.json, {
      model: data.modelPath,
      input: data.inputPath,
      labels: data.labelsPath,
      output: options.output,
      searchSamples: split.searchSamples,
      tolerance,
      target: result.target,
      evaluations: result.evaluations,
      variables: result.variables.map((variable) => ({ ...variable, type: formatFixedType(variable.type) })),
      metrics: written,
      holdout,
    });
  }
  process.stdout.write(`${formatQuantize(summary, options.output)}\n`);
}

export function quantizeCommand(): Command {
  return new Command('quantize')
    .description('Post-training quantization: integer bits from ranges profiled on inputs, then the fewest fraction bits keeping argmax agreement with float; writes an hls4ml-style configuration, measured on held-out inputs with latency and resources beside hls4ml\'s default.')
    .argument('[model]', 'the .onnx file (default: the built-in jet tagger, with its test split as the default --input)')
    .option('--input <file>', 'inputs, .npy float32 or float64 [N, ...]: the search runs on the first part, the figures that count on the held-out rest')
    .option('--labels <file>', 'class labels for the inputs, .npy integers [N] or one-hot [N, C] (default with the built-in model: its test labels)')
    .option('--holdout <fraction>', 'the last fraction of the inputs, held out from the search and measured after it (0: none)', '0.5')
    .option('--tolerance <fraction>', 'allowed loss of argmax agreement with float: agreement >= 1 - tolerance', '0.01')
    .option('--int-margin <bits>', 'extra integer bits above the profiled ranges (headroom for unseen data)', '0')
    .requiredOption('-o, --output <file>', 'where to write the configuration (YAML; temporary file, then renamed)')
    .option('--json <file>', 'also write the chosen types and their metrics as JSON')
    .exitOverride()
    .action(quantize);
}
