// `ngt config [MODEL.onnx] [--granularity model|type|name] [-o hls.yaml]`: a starting hls4ml-style
// configuration for a model, as hls4ml's config_from_onnx_model makes one (granularity 'name' by
// default, as there). Written to stdout, or atomically to -o (a temporary file, then a rename).
import { Command, Option } from 'commander';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
// hls/index.ts (the rest of hls/) re-exports hls/config once it exists; until then the config index directly.
// eslint-disable-next-line no-restricted-imports
import { configFromModel, formatHlsConfigYaml, type Granularity } from '../../hls/config/index.js';
import { defaultModelPath, loadOnnxModel } from '../../models/index.js';

function writeAtomically(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}

export function configCommand(): Command {
  return new Command('config')
    .description('Write a starting hls4ml-style configuration (YAML) for an ONNX/QONNX model.')
    .argument('[model]', 'the .onnx file (default: the built-in jet tagger)')
    .addOption(new Option('-g, --granularity <granularity>', 'Model only, one LayerType entry per layer type, or one LayerName entry per layer').choices(['model', 'type', 'name']).default('name'))
    .option('-o, --output <file>', 'write the configuration to this file instead of stdout')
    .exitOverride()
    .action((model: string | undefined, options: { granularity: Granularity; output?: string }) => {
      const graph = loadOnnxModel(model ?? defaultModelPath());
      const text = formatHlsConfigYaml(configFromModel(graph, { granularity: options.granularity }));
      if (options.output === undefined) process.stdout.write(text);
      else writeAtomically(options.output, text);
    });
}
