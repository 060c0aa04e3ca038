// The float reference executor: the living spec later bit-accurate and GPU paths are diffed against.
// Float64 throughout; a batch of N samples is N runs of the batch-1 graph (ir/tensor.ts).
import type { Graph } from '../ir/graph.js';
import type { Layer } from '../ir/layer.js';
import { tensorOf } from '../ir/graph.js';
import { elementCount, formatShape } from '../ir/tensor.js';
import { ModelInputError } from '../errors.js';
import { computeLayer } from '../layers/registry.js';
import type { FloatTensor } from './float-tensor.js';

/** A batch: shape [N, ...one sample's shape without its batch dimension], row-major float64. */
export interface BatchTensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** Shape of a batch of N samples of a tensor whose static (batch-1) shape is `shape`. */
export function batchShape(shape: readonly number[], count: number): number[] {
  return shape.length > 0 && shape[0] === 1 ? [count, ...shape.slice(1)] : [count, ...shape];
}

function checkInputs(graph: Graph, inputs: readonly BatchTensor[]): number {
  if (inputs.length !== graph.inputs.length) {
    throw new ModelInputError(`${graph.source}: inputs must be ${graph.inputs.length} tensor(s) (${graph.inputs.join(', ')}), not ${inputs.length}`);
  }
  let count = -1;
  inputs.forEach((input, index) => {
    const name = graph.inputs[index] ?? '';
    const expected = tensorOf(graph, name).shape;
    const samples = input.shape[0] ?? 0;
    const sampleShape = input.shape.slice(1);
    const perSample = graph.fixedFirst ? expected : expected.slice(1);
    const fits = sampleShape.length === perSample.length && sampleShape.every((dim, axis) => dim === perSample[axis]);
    if (input.shape.length === 0 || !fits) {
      throw new ModelInputError(`${graph.source}: input '${name}' must have shape [N, ${perSample.join(', ')}], not ${formatShape(input.shape)}`);
    }
    if (input.data.length !== elementCount(input.shape)) {
      throw new ModelInputError(`${graph.source}: input '${name}' must hold ${elementCount(input.shape)} values for shape ${formatShape(input.shape)}, not ${input.data.length}`);
    }
    if (count >= 0 && samples !== count) throw new ModelInputError(`${graph.source}: every input must have the same batch size, not ${count} and ${samples}`);
    count = samples;
  });
  return Math.max(count, 0);
}

export interface FoldedGraph {
  /** Constants, and outputs of layers computed from constants alone (quantized weights), by tensor name. */
  readonly constants: ReadonlyMap<string, FloatTensor>;
  /** The layers that run per sample, in evaluation order. */
  readonly perSample: readonly Layer[];
}

/** What is constant (computed once per run, as quantizers of weights) and what runs per sample. */
export function foldConstants(graph: Graph): FoldedGraph {
  const constants = new Map<string, FloatTensor>();
  for (const tensor of graph.tensors.values()) if (tensor.value) constants.set(tensor.name, { shape: tensor.shape, data: tensor.value });
  const perSample = graph.layers.filter((layer) => {
    if (!layer.inputs.every((name) => constants.has(name))) return true;
    const shape = tensorOf(graph, layer.output).shape;
    constants.set(layer.output, { shape, data: computeLayer(layer, layer.inputs.map((name) => constants.get(name) as FloatTensor), shape) });
    return false;
  });
  return { constants, perSample };
}

export interface RunFloatOptions {
  /** Sees every per-sample tensor as it is computed (the inputs, then each layer's output): for statistics and traces. */
  readonly onValue?: (tensor: string, data: Float64Array, sample: number) => void;
}

/**
 * Runs the graph on a batch; inputs in the order of graph.inputs, outputs in the order of
 * graph.outputs, each with the batch as its first dimension.
 */
export function runFloat(graph: Graph, inputs: readonly BatchTensor[], options: RunFloatOptions = {}): BatchTensor[] {
  const count = checkInputs(graph, inputs);
  const { constants: fixed, perSample } = foldConstants(graph);
  const onValue = options.onValue;
  const outputShapes = graph.outputs.map((output) => tensorOf(graph, output.tensor).shape);
  const results = outputShapes.map((shape) => new Float64Array(count * elementCount(shape)));
  const inputShapes = graph.inputs.map((name) => tensorOf(graph, name).shape);
  for (let sample = 0; sample < count; sample++) {
    const values = new Map(fixed);
    inputs.forEach((input, index) => {
      const shape = inputShapes[index] ?? [];
      const size = elementCount(shape);
      const data = input.data.subarray(sample * size, (sample + 1) * size);
      values.set(graph.inputs[index] ?? '', { shape, data });
      onValue?.(graph.inputs[index] ?? '', data, sample);
    });
    for (const layer of perSample) {
      const layerInputs = layer.inputs.map((name) => values.get(name) as FloatTensor);
      const shape = tensorOf(graph, layer.output).shape;
      const data = computeLayer(layer, layerInputs, shape);
      values.set(layer.output, { shape, data });
      onValue?.(layer.output, data, sample);
    }
    graph.outputs.forEach((output, index) => {
      const data = values.get(output.tensor)?.data ?? new Float64Array();
      results[index]?.set(data, sample * data.length);
    });
  }
  return outputShapes.map((shape, index) => ({ shape: batchShape(shape, count), data: results[index] ?? new Float64Array() }));
}
