// `ngt predict [MODEL.onnx] --input X.npy --output Y.npy [--float | --config hls.yaml] [--trace DIR]`:
// the float reference executor (--float), or the bit-accurate fixed-point simulation of the model under
// an hls4ml-style configuration (the default config, fixed<16,6> and ReuseFactor 1, when none is given).
// Fixed-point outputs are written as float64 holding their exact values (rounded to the nearest, with a
// warning, for tensors wider than 53 bits); --trace writes every layer's output as DIR/LAYER.npy, for the
// float run too, under the hardware layers' names so that the two traces diff file by file.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { NgtError } from '@ngt/fxp';
import {
  batchShape,
  defaultModelPath,
  defaultTestInputsPath,
  elementCount,
  foldConstants,
  loadOnnxModel,
  ModelInputError,
  readNpy,
  runFloat,
  tensorOf,
  writeNpy,
  type BatchTensor,
  type Graph,
} from '../../models/index.js';
import { compileModel, convertModel, defaultHlsConfig, layerTypesOf, loadHlsConfig, rawsToValues } from '../../hls/index.js';

interface PredictOptions {
  float?: boolean;
  config?: string;
  input?: string;
  output: string;
  trace?: string;
  adjust?: boolean;
}

function readInputs(inputPath: string): { shape: number[]; data: Float64Array } {
  const array = readNpy(inputPath);
  if (array.dtype !== 'float32' && array.dtype !== 'float64') throw new ModelInputError(`${inputPath}: dtype must be float32 or float64, not ${array.dtype}`);
  const data = array.data instanceof Float64Array ? array.data : Float64Array.from(array.data as Float32Array);
  return { shape: [...array.shape], data };
}

interface TraceFile {
  /** A layer or ONNX node name, the file name without .npy. */
  readonly name: string;
  /** A folder under the trace directory ('onnx' for ONNX nodes), or none. */
  readonly folder?: string | undefined;
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** One .npy per traced tensor; slashes, backslashes and colons in names become '_' so each is one file name. */
function writeTrace(dir: string, files: readonly TraceFile[]): void {
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    const folder = file.folder ? path.join(dir, file.folder) : dir;
    if (file.folder) mkdirSync(folder, { recursive: true });
    writeNpy(path.join(folder, `${file.name.replace(/[/\\:]/g, '_')}.npy`), { dtype: 'float64', shape: [...file.shape], data: file.data });
  }
}

/**
 * The hardware layer that outputs each tensor, by tensor name, as the model converts under the default
 * config (the names the fixed-point trace uses); empty, with a note, for a model with no hardware form.
 */
function hardwareLayerNames(graph: Graph, trace: string): Map<string, string> {
  try {
    const { model } = convertModel(graph, defaultHlsConfig(), { reuseFactors: 'adjust' });
    return new Map(model.layers.map((layer) => [layer.output, layer.name]));
  } catch (error) {
    if (!(error instanceof NgtError)) throw error;
    process.stderr.write(`ngt predict: note: the model has no hardware form to take layer names from (${error.message}); every traced tensor is named by its ONNX node, as ${path.join(trace, 'onnx', 'NODE.npy')}\n`);
    return new Map();
  }
}

/** The float executor's outputs, and with `trace` every per-sample ONNX node's output (runFloat's onValue hook). */
function floatRun(graph: Graph, input: BatchTensor, trace: string | undefined): BatchTensor {
  const count = input.shape[0] ?? 0;
  const { perSample } = foldConstants(graph);
  const values = new Map<string, Float64Array>();
  if (trace) for (const layer of perSample) values.set(layer.output, new Float64Array(count * elementCount(tensorOf(graph, layer.output).shape)));
  const [result] = runFloat(graph, [input], { onValue: trace ? (tensor, data, sample) => values.get(tensor)?.set(data, sample * data.length) : undefined });
  if (!result) throw new ModelInputError(`${graph.source}: the model must produce an output, not none`);
  if (trace) {
    const names = hardwareLayerNames(graph, trace);
    writeTrace(
      trace,
      perSample.map((layer) => {
        const hardware = names.get(layer.output);
        return {
          name: hardware ?? layer.name,
          folder: hardware === undefined ? 'onnx' : undefined,
          shape: batchShape(tensorOf(graph, layer.output).shape, count),
          data: values.get(layer.output) ?? new Float64Array(),
        };
      }),
    );
  }
  return result;
}

function fixedPoint(graph: Graph, options: PredictOptions, input: { shape: number[]; data: Float64Array }): { shape: number[]; data: Float64Array } {
  const config = options.config ? loadHlsConfig(options.config, { layerTypes: layerTypesOf(graph) }) : defaultHlsConfig();
  const { model } = convertModel(graph, config, { reuseFactors: options.adjust ? 'adjust' : 'error' });
  const simulator = compileModel(model);
  const inputName = model.inputs[0] ?? '';
  const sampleShape = model.tensors.get(inputName)?.shape ?? [];
  const fits = input.shape.length === sampleShape.length + 1 && sampleShape.every((dim, axis) => dim === input.shape[axis + 1]);
  if (!fits) throw new ModelInputError(`${graph.source}: input '${inputName}' must have shape [N, ${sampleShape.join(', ')}], not [${input.shape.join(', ')}]`);
  const count = input.shape[0] ?? 0;
  const output = model.outputs[0] as { name: string; tensor: string };
  const traced = options.trace ? model.layers.map((layer) => layer.output) : [];
  const wanted = [output.tensor, ...traced.filter((name) => name !== output.tensor)];
  for (const name of wanted) {
    const type = model.tensors.get(name)?.type;
    if (type && type.width > 53) {
      process.stderr.write(`ngt predict: warning: ${graph.source}: tensor '${name}' is ${type.width} bits wide (computed exactly); its values are written rounded to the nearest float64\n`);
    }
  }
  const raws = simulator.run([input.data], count, wanted);
  const valuesOf = (name: string) => rawsToValues(raws.get(name) ?? new Float64Array(), model.tensors.get(name)?.type ?? { width: 1, intBits: 1, signed: true, quantization: 'AP_TRN', overflow: 'AP_WRAP', saturationBits: 0, integer: false, spelling: 'ap' });
  if (options.trace) {
    writeTrace(
      options.trace,
      model.layers.map((layer) => ({ name: layer.name, shape: [count, ...(model.tensors.get(layer.output)?.shape ?? [])], data: valuesOf(layer.output) })),
    );
  }
  return { shape: [count, ...(model.tensors.get(output.tensor)?.shape ?? [])], data: valuesOf(output.tensor) };
}

function predict(model: string | undefined, options: PredictOptions, command: Command): void {
  // command.error prints the message (with help hint) and exits 2 through the CLI's exit override.
  const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'ngt.usage' });
  if (options.float && options.config) usage('--float and --config exclude each other: --float runs the float executor, --config the fixed-point simulation');
  if (model !== undefined && options.input === undefined) usage('--input must be given with a MODEL (the default inputs belong to the built-in jet tagger)');
  const inputPath = options.input ?? defaultTestInputsPath();
  const graph = loadOnnxModel(model ?? defaultModelPath());
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) {
    throw new ModelInputError(`${graph.source}: predict takes models with one input and one output, not ${graph.inputs.length} and ${graph.outputs.length}`);
  }
  const input = readInputs(inputPath);
  const result = options.float ? floatRun(graph, input, options.trace) : fixedPoint(graph, options, input);
  writeNpy(options.output, { dtype: 'float64', shape: [...result.shape], data: result.data });
  const mode = options.float ? 'float64' : `fixed point (${options.config ?? 'default config'})`;
  process.stderr.write(`ngt predict: ${result.shape[0] ?? 0} samples through ${graph.name}, ${mode} -> ${options.output} [${result.shape.join(', ')}] float64\n`);
}

export function predictCommand(): Command {
  return new Command('predict')
    .description('Run a model on a batch of inputs from .npy (bit-accurate fixed point, or float with --float) and write its outputs as .npy.')
    .argument('[model]', 'the .onnx file (default: the built-in jet tagger, with its test split as the default --input)')
    .option('--float', 'use the float64 reference executor instead of the fixed-point simulation')
    .option('--config <file>', 'hls4ml-style configuration (YAML or JSON); default: fixed<16,6>, ReuseFactor 1, Latency')
    .option('--input <file>', 'inputs, .npy float32 or float64 of shape [N, ...the model input without its batch dimension]')
    .requiredOption('--output <file>', 'where to write the outputs (.npy float64, [N, ...]: the exact fixed-point values); written to a temporary file, then renamed')
    .option(
      '--trace <dir>',
      "write every layer's output as DIR/LAYER.npy (float64, [N, ...]; LAYER is the hardware layer's name with '/', '\\' and ':' made '_'). " +
        "Fixed point: each layer's exact values. With --float: the float values of the ONNX tensor each hardware layer outputs, under that layer's name " +
        '(layers as the default config converts the model), so the two traces diff file by file; ONNX nodes whose output no hardware layer produces ' +
        '(a MatMul whose bias Add became part of a Dense) go to DIR/onnx/NODE.npy',
    )
    .option('--adjust', 'an invalid ReuseFactor becomes the closest valid one (with a warning) instead of an error listing the valid values')
    .action(predict);
}
