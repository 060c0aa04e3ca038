// Per-layer value ranges of the float reference over a data set: the float executor's loop (models'
// runFloat), keeping running statistics of every layer's output instead of the outputs themselves,
// so memory stays flat however many samples there are.
import { computeLayer, elementCount, formatShape, ModelInputError, tensorOf, type BatchTensor, type FloatTensor, type Graph, type Layer } from '../../models/index.js';
import { addValues, emptyStats, type ValueStats } from './value-stats.js';

export interface FloatTraceOptions {
  /** Called every `progressEvery` samples and at the end with (samples done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  readonly progressEvery?: number;
}

function checkInput(graph: Graph, input: BatchTensor): number {
  const name = graph.inputs[0] ?? '';
  const expected = tensorOf(graph, name).shape;
  const sampleShape = input.shape.slice(1);
  const fits = sampleShape.length === expected.length - 1 && sampleShape.every((dim, axis) => dim === expected[axis + 1]);
  if (input.shape.length === 0 || !fits || input.data.length !== elementCount(input.shape)) {
    throw new ModelInputError(`${graph.source}: input '${name}' must have shape [N, ${expected.slice(1).join(', ')}], not ${formatShape(input.shape)}`);
  }
  return input.shape[0] ?? 0;
}

export interface FoldedGraph {
  /** Constants, and outputs of layers computed from constants alone (quantized weights), by tensor name. */
  readonly constants: ReadonlyMap<string, FloatTensor>;
  /** The layers that run per sample, in evaluation order. */
  readonly perSample: readonly Layer[];
}

/** Splits the graph as the float executor does: what is constant, and what runs per sample. */
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

/** Statistics of the graph input and of every layer output computed from it, by tensor name. */
export function traceFloatRanges(graph: Graph, input: BatchTensor, options: FloatTraceOptions = {}): Map<string, ValueStats> {
  if (graph.inputs.length !== 1) throw new ModelInputError(`${graph.source}: profiling takes models with one input, not ${graph.inputs.length}`);
  const count = checkInput(graph, input);
  const inputName = graph.inputs[0] ?? '';
  const { constants: fixed, perSample } = foldConstants(graph);
  const stats = new Map<string, ValueStats>([[inputName, emptyStats()], ...perSample.map((layer): [string, ValueStats] => [layer.output, emptyStats()])]);
  const inputShape = tensorOf(graph, inputName).shape;
  const size = elementCount(inputShape);
  const every = options.progressEvery ?? 1000;
  for (let sample = 0; sample < count; sample++) {
    const values = new Map(fixed);
    const data = input.data.subarray(sample * size, (sample + 1) * size);
    values.set(inputName, { shape: inputShape, data });
    addValues(stats.get(inputName) as ValueStats, data);
    for (const layer of perSample) {
      const shape = tensorOf(graph, layer.output).shape;
      const output = computeLayer(layer, layer.inputs.map((name) => values.get(name) as FloatTensor), shape);
      values.set(layer.output, { shape, data: output });
      addValues(stats.get(layer.output) as ValueStats, output);
    }
    if ((sample + 1) % every === 0) options.onProgress?.(sample + 1, count);
  }
  options.onProgress?.(count, count);
  return stats;
}
