// Small edits the passes share.
import { invariant } from '@ngt/fxp';
import type { FlowGraph, FlowNode, FlowTensor, QuantizedConstant } from '../ir/flow.js';

export function replaceNode(graph: FlowGraph, old: FlowNode, ...replacements: FlowNode[]): void {
  const index = graph.nodes.indexOf(old);
  invariant(index >= 0, `node '${old.name}' must be in the graph`);
  graph.nodes.splice(index, 1, ...replacements);
}

export function constantOf(graph: FlowGraph, tensor: string | undefined): QuantizedConstant | null {
  if (tensor === undefined) return null;
  return graph.tensors.get(tensor)?.constant ?? null;
}

export function tensorInfo(graph: FlowGraph, name: string): FlowTensor {
  const tensor = graph.tensors.get(name);
  invariant(tensor, `tensor '${name}' must be in the flow graph`);
  return tensor;
}

export function consumers(graph: FlowGraph, tensor: string): FlowNode[] {
  return graph.nodes.filter((node) => node.inputs.includes(tensor));
}

export function isGraphOutput(graph: FlowGraph, tensor: string): boolean {
  return graph.outputs.some((output) => output.tensor === tensor);
}

/** Removes `node` (one input, one output) by making its consumers (and graph outputs) read its input. */
export function bypass(graph: FlowGraph, node: FlowNode): void {
  const input = node.inputs[0];
  invariant(input !== undefined, `node '${node.name}' must have an input to bypass`);
  graph.nodes = graph.nodes
    .filter((other) => other !== node)
    .map((other) => (other.inputs.includes(node.output) ? { ...other, inputs: other.inputs.map((name) => (name === node.output ? input : name)) } : other));
  graph.outputs = graph.outputs.map((output) => (output.tensor === node.output ? { ...output, tensor: input } : output));
}

export function addConstant(graph: FlowGraph, name: string, shape: readonly number[], constant: QuantizedConstant): void {
  graph.tensors.set(name, { name, shape, constant });
}
