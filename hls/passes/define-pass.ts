// Passes as data (STYLE.md, after hls4ml's OptimizerPass and tinygrad's pattern lists): a name, a
// match on one node, and an apply that rewrites the graph. Flows are typed, ordered lists of passes,
// run to a fixed point: every pass is tried on every node until none matches.
import { invariant } from '@ngt/fxp';
import type { FlowGraph, FlowNode } from '../ir/flow.js';

export interface Pass {
  readonly name: string;
  match(node: FlowNode, graph: FlowGraph): boolean;
  /** Rewrites the graph; must make `match` false for this node (or remove it), or the flow never ends. */
  apply(node: FlowNode, graph: FlowGraph): void;
}

export function definePass(pass: Pass): Pass {
  return pass;
}

export interface Flow {
  readonly name: string;
  readonly passes: readonly Pass[];
}

/** Applies the flow's passes until none matches; returns the names of the passes applied, in order. */
export function runFlow(graph: FlowGraph, flow: Flow): string[] {
  const applied: string[] = [];
  const limit = 100 * (graph.nodes.length + 10);
  let changed = true;
  while (changed) {
    changed = false;
    for (const pass of flow.passes) {
      const node = graph.nodes.find((candidate) => pass.match(candidate, graph));
      if (node) {
        pass.apply(node, graph);
        applied.push(`${pass.name}:${node.name}`);
        changed = true;
        break;
      }
    }
    invariant(applied.length < limit, `flow '${flow.name}' must reach a fixed point, not loop (last: ${applied.slice(-3).join(', ')})`);
  }
  return applied;
}
