// What `ngt inspect` reports about a graph: layers with shapes and parameter counts, op types, and
// the quantizers found. Data only; cli/ formats it.
import type { Graph } from './ir/graph.js';
import { tensorOf } from './ir/graph.js';
import { QUANTIZER_KINDS } from './ir/layer.js';
import type { Layer } from './ir/layer.js';
import type { TensorType } from './ir/tensor.js';
import { elementCount } from './ir/tensor.js';

export interface LayerSummary {
  readonly name: string;
  readonly kind: Layer['kind'];
  readonly opType: string;
  readonly inputShapes: readonly (readonly number[])[];
  readonly outputShape: readonly number[];
  readonly outputType: TensorType;
  /** Weights and biases: elements of constant inputs (a quantizer's scale, zero point, bit width excluded). */
  readonly parameters: number;
}

export interface QuantizerSummary {
  readonly layer: string;
  readonly kind: Layer['kind'];
  /** The tensor quantized: a weight (constant) or an activation. */
  readonly target: 'weight' | 'activation';
  readonly type: TensorType;
}

export interface ModelSummary {
  readonly name: string;
  readonly source: string;
  readonly opsetVersion: number;
  readonly inputs: readonly { readonly name: string; readonly shape: readonly number[]; readonly type: TensorType }[];
  readonly outputs: readonly { readonly name: string; readonly shape: readonly number[]; readonly type: TensorType }[];
  readonly layers: readonly LayerSummary[];
  readonly parameters: number;
  /** Source ONNX op types of the layers, with counts. */
  readonly ops: ReadonlyMap<string, number>;
  readonly quantizers: readonly QuantizerSummary[];
}

function parameterCount(graph: Graph, layer: Layer): number {
  const inputs = QUANTIZER_KINDS.has(layer.kind) ? layer.inputs.slice(0, 1) : layer.inputs;
  return inputs.reduce((sum, name) => {
    const tensor = tensorOf(graph, name);
    return sum + (tensor.value ? elementCount(tensor.shape) : 0);
  }, 0);
}

export function summarizeGraph(graph: Graph): ModelSummary {
  const layers = graph.layers.map((layer): LayerSummary => {
    const output = tensorOf(graph, layer.output);
    return {
      name: layer.name,
      kind: layer.kind,
      opType: layer.opType,
      inputShapes: layer.inputs.map((name) => tensorOf(graph, name).shape),
      outputShape: output.shape,
      outputType: output.type,
      parameters: parameterCount(graph, layer),
    };
  });
  const ops = new Map<string, number>();
  for (const layer of graph.layers) ops.set(layer.opType, (ops.get(layer.opType) ?? 0) + 1);
  const quantizers = graph.layers
    .filter((layer) => QUANTIZER_KINDS.has(layer.kind))
    .map((layer): QuantizerSummary => ({
      layer: layer.name,
      kind: layer.kind,
      target: tensorOf(graph, layer.inputs[0] ?? '').value ? 'weight' : 'activation',
      type: tensorOf(graph, layer.output).type,
    }));
  const describe = (name: string) => {
    const tensor = tensorOf(graph, name);
    return { name, shape: tensor.shape, type: tensor.type };
  };
  return {
    name: graph.name,
    source: graph.source,
    opsetVersion: graph.opsetVersion,
    inputs: graph.inputs.map(describe),
    outputs: graph.outputs.map((output) => ({ ...describe(output.tensor), name: output.name })),
    layers,
    parameters: layers.reduce((sum, layer) => sum + layer.parameters, 0),
    ops,
    quantizers,
  };
}
