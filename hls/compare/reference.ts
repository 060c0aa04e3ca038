// The float reference a comparison measures against, computed once per model and data set.
import { ModelInputError, runFloat, type BatchTensor, type Graph } from '../../models/index.js';
import { argmaxRows } from './labels.js';
import { accuracyOf } from './metrics.js';

export interface FloatReference {
  readonly graph: Graph;
  readonly input: BatchTensor;
  readonly samples: number;
  /** The float model's outputs, [samples, size]. */
  readonly outputs: Float64Array;
  readonly argmax: Int32Array;
  readonly labels: Int32Array | null;
  /** The float model's accuracy against the labels; null without labels. */
  readonly accuracy: number | null;
}

export function floatReference(graph: Graph, input: BatchTensor, labels: Int32Array | null): FloatReference {
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) {
    throw new ModelInputError(`${graph.source}: comparisons take models with one input and one output, not ${graph.inputs.length} and ${graph.outputs.length}`);
  }
  const samples = input.shape[0] ?? 0;
  const [result] = runFloat(graph, [input]);
  const outputs = result?.data ?? new Float64Array();
  const argmax = argmaxRows(outputs, samples, samples === 0 ? 0 : outputs.length / samples);
  return { graph, input, samples, outputs, argmax, labels, accuracy: labels === null ? null : accuracyOf(argmax, labels) };
}
