// `ngt predict [MODEL.onnx] --float --input X.npy --output Y.npy`: the float reference executor over
// a batch from .npy (float32 or float64, [N, ...]), written as float64 .npy.
import { Command } from 'commander';
import { defaultModelPath, defaultTestInputsPath, loadOnnxModel, ModelInputError, readNpy, runFloat, writeNpy } from '../../models/index.js';

interface PredictOptions {
  float?: boolean;
  input?: string;
  output: string;
}

function predict(model: string | undefined, options: PredictOptions, command: Command): void {
  // command.error prints the message (with help hint) and exits 2 through the CLI's exit override.
  const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'ngt.usage' });
  if (!options.float) usage('--float must be given: the float reference executor is the only mode so far');
  if (model !== undefined && options.input === undefined) usage('--input must be given with a MODEL (the default inputs belong to the built-in jet tagger)');
  const inputPath = options.input ?? defaultTestInputsPath();
  const graph = loadOnnxModel(model ?? defaultModelPath());
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) {
    throw new ModelInputError(`${graph.source}: predict takes models with one input and one output, not ${graph.inputs.length} and ${graph.outputs.length}`);
  }
  const array = readNpy(inputPath);
  if (array.dtype !== 'float32' && array.dtype !== 'float64') throw new ModelInputError(`${inputPath}: dtype must be float32 or float64, not ${array.dtype}`);
  const data = array.data instanceof Float64Array ? array.data : Float64Array.from(array.data as Float32Array);
  const [result] = runFloat(graph, [{ shape: array.shape, data }]);
  if (!result) throw new ModelInputError(`${graph.source}: the model must produce an output, not none`);
  writeNpy(options.output, { dtype: 'float64', shape: [...result.shape], data: result.data });
  process.stderr.write(`ngt predict: ${result.shape[0] ?? 0} samples through ${graph.name} -> ${options.output} [${result.shape.join(', ')}] float64\n`);
}

export function predictCommand(): Command {
  return new Command('predict')
    .description('Run a model on a batch of inputs from .npy and write its outputs as .npy.')
    .argument('[model]', 'the .onnx file (default: the built-in jet tagger, with its test split as the default --input)')
    .option('--float', 'use the float64 reference executor (the only mode so far)')
    .option('--input <file>', 'inputs, .npy float32 or float64 of shape [N, ...the model input without its batch dimension]')
    .requiredOption('--output <file>', 'where to write the outputs (.npy float64, [N, ...]); written to a temporary file, then renamed')
    .action(predict);
}
