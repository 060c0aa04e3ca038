// `ngt profile [MODEL.onnx] --input X.npy [--config hls.yaml]`: numerical profiling as hls4ml's
// (hls4ml/model/profiling.py): every layer's weights, bias and output ranges over the inputs, beside
// the type the configuration gives each and whether the values fit in it.
import { Command } from 'commander';
import { configResolver, defaultHlsConfig, layerTypesOf, loadHlsConfig, profileModel, type ModelProfile } from '../../hls/index.js';
import { writeJsonAtomically } from '../support/atomic-write.js';
import { loadModelData } from '../support/model-data.js';
import { startProgress } from '../support/progress.js';
import { formatNumber, formatTable } from '../support/text-table.js';

interface ProfileOptions {
  input?: string;
  config?: string;
  json?: string;
}

export function formatProfile(profile: ModelProfile): string {
  const rows = [['layer', 'class', 'role', 'min', 'max', 'zeros', 'type', 'type min', 'type max', 'below lsb', 'status']];
  for (const layer of profile.layers) {
    for (const tensor of layer.tensors) {
      rows.push([
        layer.name,
        layer.hlsClass,
        tensor.role,
        formatNumber(tensor.min),
        formatNumber(tensor.max),
        `${((100 * tensor.zeros) / Math.max(tensor.count, 1)).toFixed(1)}%`,
        tensor.type,
        formatNumber(tensor.range?.min ?? null, 7),
        formatNumber(tensor.range?.max ?? null, 7),
        `${((100 * tensor.belowResolution) / Math.max(tensor.count, 1)).toFixed(1)}%`,
        tensor.status === 'overflow' ? 'OVERFLOW' : tensor.status,
      ]);
    }
  }
  const overflows = profile.layers.flatMap((layer) => layer.tensors.filter((tensor) => tensor.status === 'overflow').map((tensor) => `${layer.name}/${tensor.role}`));
  return [
    `ngt profile: ${profile.model} on ${profile.samples} samples, types from ${profile.config}`,
    formatTable(rows, '  '),
    overflows.length === 0 ? 'every profiled value fits its type' : `values outside their type: ${overflows.join(', ')}`,
  ].join('\n');
}

function profile(model: string | undefined, options: ProfileOptions, command: Command): void {
  const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'ngt.usage' });
  const data = loadModelData(model, { input: options.input }, usage);
  const config = options.config === undefined ? defaultHlsConfig() : loadHlsConfig(options.config, { layerTypes: layerTypesOf(data.graph) });
  const samples = data.input.shape[0] ?? 0;
  const bar = startProgress('profile', samples);
  let result: ModelProfile;
  try {
    result = profileModel(data.graph, data.input, configResolver(config), config.source, { onProgress: (done) => bar.update(done) });
  } finally {
    bar.stop();
  }
  if (options.json !== undefined) writeJsonAtomically(options.json, { input: data.inputPath, ...result });
  process.stdout.write(`${formatProfile(result)}\n`);
}

export function profileCommand(): Command {
  return new Command('profile')
    .description("Numerical profiling (as hls4ml's): per-layer weight and activation ranges over inputs, against the configured fixed-point types.")
    .argument('[model]', 'the .onnx file (default: the built-in jet tagger, with its test split as the default --input)')
    .option('--input <file>', 'inputs, .npy float32 or float64 [N, ...]')
    .option('--config <file>', 'hls4ml-style configuration whose types to check (default: fixed<16,6> everywhere)')
    .option('--json <file>', 'also write the profile as JSON (with log2 histograms)')
    .exitOverride()
    .action(profile);
}
