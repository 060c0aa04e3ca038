// A model in the IR: tensors by name, layers in evaluation order, and the graph's inputs and outputs.
import { invariant } from '@ngt/fxp';
import type { Layer } from './layer.js';
import type { TensorInfo } from './tensor.js';

export interface GraphOutput {
  /** The output's name in the ONNX file. */
  readonly name: string;
  /** The IR tensor holding it (differs from `name` when an Identity or a transpose pair was removed). */
  readonly tensor: string;
}

export interface Graph {
  readonly name: string;
  /** Where the model came from (a file path), for messages. */
  readonly source: string;
  /** Opset version of the default ONNX domain. */
  readonly opsetVersion: number;
  /** Names of the input tensors (initializers listed as inputs by old IR versions are not among them). */
  readonly inputs: readonly string[];
  readonly outputs: readonly GraphOutput[];
  readonly tensors: ReadonlyMap<string, TensorInfo>;
  /** In evaluation order: every layer's inputs are graph inputs, constants or earlier outputs. */
  readonly layers: readonly Layer[];
  /** Where the importer read the file other than literally (an invalid form given its exporter's meaning). */
  readonly notes?: readonly string[];
  /** The inputs' first dimensions are not a batch but part of the model (kept as declared); a sample is a whole tensor. */
  readonly fixedFirst?: boolean;
}

export function tensorOf(graph: Graph, name: string): TensorInfo {
  const tensor = graph.tensors.get(name);
  invariant(tensor, `tensor '${name}' must be in graph '${graph.name}'`);
  return tensor;
}

/** Layers reading each tensor. */
export function consumersOf(layers: readonly Layer[]): Map<string, Layer[]> {
  const consumers = new Map<string, Layer[]>();
  for (const layer of layers) {
    for (const input of layer.inputs) {
      const list = consumers.get(input);
      if (list) list.push(layer);
      else consumers.set(input, [layer]);
    }
  }
  return consumers;
}
