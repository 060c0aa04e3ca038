// The model and data set a command works on, with the project's defaults: the built-in jet tagger,
// its held-back test split as inputs, and its labels when the model is the default one.
import { resolve } from 'node:path';
import { labelsFromNpy } from '../../hls/index.js';
import { defaultModelPath, defaultTestInputsPath, defaultTestLabelsPath, loadOnnxModel, ModelInputError, readNpy, type BatchTensor, type Graph } from '../../models/index.js';

export interface ModelData {
  readonly graph: Graph;
  readonly modelPath: string;
  readonly inputPath: string;
  readonly input: BatchTensor;
  readonly labelsPath: string | null;
  readonly labels: Int32Array | null;
}

export interface DataOptions {
  readonly input?: string;
  readonly labels?: string;
  /**
   * With a MODEL but no --input: this many seeded N(0, 1) samples instead of a usage error (for
   * commands such as synth that only need a few representative inputs).
   */
  readonly randomSamples?: number;
}

/** Seeded standard-normal samples (mulberry32 + Box-Muller), so runs repeat. */
function gaussianBatch(shape: readonly number[]): BatchTensor {
  let state = 1;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const size = shape.reduce((a, b) => a * b, 1);
  return { shape: [...shape], data: Float64Array.from({ length: size }, () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())) };
}

/** Reads a float32/float64 .npy as a float64 batch. */
export function readInputBatch(path: string): BatchTensor {
  const array = readNpy(path);
  if (array.dtype !== 'float32' && array.dtype !== 'float64') throw new ModelInputError(`${path}: dtype must be float32 or float64, not ${array.dtype}`);
  if (array.shape.length === 0) throw new ModelInputError(`${path}: inputs must have a batch dimension [N, ...], not a scalar`);
  const data = array.data instanceof Float64Array ? array.data : Float64Array.from(array.data as Float32Array);
  return { shape: array.shape, data };
}

/**
 * Loads the model (default: the built-in jet tagger) and inputs (default: its test split, only with
 * the default model); labels when given, or the test split's labels with the default model and inputs.
 * `usage` reports a bad combination of options (exit 2).
 */
export function loadModelData(model: string | undefined, options: DataOptions, usage: (message: string) => never): ModelData {
  const random = model !== undefined && options.input === undefined && options.randomSamples !== undefined;
  if (model !== undefined && options.input === undefined && !random) usage('--input must be given with a MODEL (the default inputs belong to the built-in jet tagger)');
  const modelPath = model ?? defaultModelPath();
  const graph = loadOnnxModel(modelPath);
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) {
    throw new ModelInputError(`${graph.source}: this command takes models with one input and one output, not ${graph.inputs.length} and ${graph.outputs.length}`);
  }
  const sampleShape = graph.tensors.get(graph.inputs[0] ?? '')?.shape.slice(1) ?? [];
  const inputPath = random ? `${options.randomSamples} random N(0, 1) samples (seed 1; no --input)` : (options.input ?? defaultTestInputsPath());
  const input = random ? gaussianBatch([options.randomSamples ?? 1, ...sampleShape]) : readInputBatch(inputPath);
  const defaults = model === undefined && (options.input === undefined || resolve(options.input) === resolve(defaultTestInputsPath()));
  const labelsPath = options.labels ?? (defaults ? defaultTestLabelsPath() : null);
  const labels = labelsPath === null ? null : labelsFromNpy(readNpy(labelsPath), input.shape[0] ?? 0, labelsPath);
  return { graph, modelPath, inputPath, input, labelsPath, labels };
}

/** Samples [from, to) of a batch and its labels. */
function sliceData(input: BatchTensor, labels: Int32Array | null, from: number, to: number): { input: BatchTensor; labels: Int32Array | null } {
  const samples = input.shape[0] ?? 0;
  const size = samples === 0 ? 0 : input.data.length / samples;
  return { input: { shape: [to - from, ...input.shape.slice(1)], data: input.data.slice(from * size, to * size) }, labels: labels?.slice(from, to) ?? null };
}

export interface DataSplit {
  /** Where the search runs: samples [0, searchSamples). */
  readonly search: { readonly input: BatchTensor; readonly labels: Int32Array | null };
  /** Never seen by the search: samples [searchSamples, N); empty when the hold-out fraction is 0. */
  readonly holdout: { readonly input: BatchTensor; readonly labels: Int32Array | null };
  readonly searchSamples: number;
}

/** The first samples for a search and the last `holdout` fraction (rounded, at least one of each) held out. */
export function splitData(data: Pick<ModelData, 'input' | 'labels'>, holdout: number): DataSplit {
  const samples = data.input.shape[0] ?? 0;
  const held = holdout === 0 ? 0 : Math.min(samples - 1, Math.max(1, Math.round(holdout * samples)));
  const searchSamples = samples - held;
  return { search: sliceData(data.input, data.labels, 0, searchSamples), holdout: sliceData(data.input, data.labels, searchSamples, samples), searchSamples };
}
