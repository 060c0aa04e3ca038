// Per-layer value ranges of the float reference over a data set: models' runFloat with a hook that keeps
// running statistics of the input and of every layer's output as they are computed.
import { foldConstants, runFloat, ModelInputError, type BatchTensor, type Graph } from '../../models/index.js';
import { addValues, emptyStats, type ValueStats } from './value-stats.js';

export interface FloatTraceOptions {
  /** Called every `progressEvery` samples and at the end with (samples done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  readonly progressEvery?: number;
}

/** Statistics of the graph input and of every layer output computed from it, by tensor name. */
export function traceFloatRanges(graph: Graph, input: BatchTensor, options: FloatTraceOptions = {}): Map<string, ValueStats> {
  if (graph.inputs.length !== 1) throw new ModelInputError(`${graph.source}: profiling takes models with one input, not ${graph.inputs.length}`);
  const inputName = graph.inputs[0] ?? '';
  const { perSample } = foldConstants(graph);
  const stats = new Map<string, ValueStats>([[inputName, emptyStats()], ...perSample.map((layer): [string, ValueStats] => [layer.output, emptyStats()])]);
  const count = input.shape[0] ?? 0;
  const every = options.progressEvery ?? 1000;
  const last = perSample[perSample.length - 1]?.output ?? inputName;
  runFloat(graph, [input], {
    onValue(tensor, data, sample) {
      const entry = stats.get(tensor);
      if (entry) addValues(entry, data);
      if (tensor === last && (sample + 1) % every === 0) options.onProgress?.(sample + 1, count);
    },
  });
  options.onProgress?.(count, count);
  return stats;
}
