// The models/ graph as a flow graph: every layer an 'onnx' node for the passes to rewrite.
import type { Graph } from '../../models/index.js';
import type { FlowGraph, FlowTensor } from '../ir/flow.js';

export function flowGraphOf(graph: Graph): FlowGraph {
  const tensors = new Map<string, FlowTensor>();
  for (const tensor of graph.tensors.values()) {
    tensors.set(tensor.name, { name: tensor.name, shape: tensor.shape, constant: tensor.value ? { values: tensor.value, type: null } : null });
  }
  return {
    name: graph.name,
    source: graph.source,
    inputs: graph.inputs,
    outputs: graph.outputs.map((output) => ({ name: output.name, tensor: output.tensor })),
    tensors,
    notes: graph.notes ?? [],
    nodes: graph.layers.map((layer) => ({ kind: 'onnx', name: layer.name, inputs: layer.inputs, output: layer.output, layer })),
  };
}
