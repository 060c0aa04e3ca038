// The datapath of a constant matrix-vector product built as an adder graph (adder-graph.ts): one logic
// step per adder level, its adders grouped by exact width, so the schedule's delay follows the graph's
// depth and the LUT estimate its adders and widths; then each output's cast to result_t. No DSPs and
// no multipliers: shifts are wiring. The bits after a level are the values that cross it (the
// pipeline register a cut there would need).
import type { FixedType } from '@ngt/fxp';
import { rangeWidth, type AdderGraph } from './adder-graph.js';
import { logic, type Datapath, type Operator, type Step } from './ir.js';

export interface AdderGraphShape {
  readonly graph: AdderGraph;
  /** The exact type of each output (its range's width, the products' fraction bits). */
  readonly exactTypes: readonly FixedType[];
  readonly resultType: FixedType;
}

/** Per level 1..depth: adder widths computed there (the nodes', then the outputs' own). */
function levels(graph: AdderGraph): number[][] {
  const widths: number[][] = Array.from({ length: graph.depth }, () => []);
  for (const node of graph.nodes) if (node.kind === 'add') widths[node.depth - 1]?.push(rangeWidth(node.min, node.max));
  for (const output of graph.outputs) if (output.adder) widths[output.depth - 1]?.push(rangeWidth(output.min, output.max));
  return widths;
}

/** Bits of the values that cross the cut after each level: computed at or before it, read after it or an output. */
function liveBits(graph: AdderGraph): number[] {
  const lastRead = graph.nodes.map(() => -1);
  graph.nodes.forEach((node) => {
    if (node.kind !== 'add') return;
    lastRead[node.a] = Math.max(lastRead[node.a] ?? -1, node.depth);
    lastRead[node.b] = Math.max(lastRead[node.b] ?? -1, node.depth);
  });
  for (const output of graph.outputs) if (output.node !== null) lastRead[output.node] = output.adder ? Math.max(lastRead[output.node] ?? -1, output.depth) : Infinity;
  const bits = new Array<number>(graph.depth).fill(0);
  for (let level = 1; level <= graph.depth; level++) {
    graph.nodes.forEach((node, i) => {
      if (node.depth <= level && (lastRead[i] ?? -1) > level) bits[level - 1] = (bits[level - 1] ?? 0) + rangeWidth(node.min, node.max);
    });
    for (const output of graph.outputs) if (output.adder && output.depth <= level) bits[level - 1] = (bits[level - 1] ?? 0) + rangeWidth(output.min, output.max);
  }
  return bits;
}

function grouped(widths: readonly number[]): Operator[] {
  const counts = new Map<number, number>();
  for (const width of widths) counts.set(width, (counts.get(width) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => b - a).map(([width, count]) => ({ op: 'add', count, width }));
}

export function adderGraphDatapath(shape: AdderGraphShape): Datapath {
  const { graph, exactTypes, resultType } = shape;
  const bits = liveBits(graph);
  const steps: Step[] = levels(graph).map((widths, level) => logic(`adder graph level ${level + 1}`, grouped(widths), bits[level] ?? 0));
  const casts = new Map<string, { from: FixedType; count: number }>();
  for (const from of exactTypes) {
    const key = `${from.width},${from.intBits},${from.signed}`;
    const entry = casts.get(key);
    if (entry) entry.count += 1;
    else casts.set(key, { from, count: 1 });
  }
  const nOut = graph.outputs.length;
  steps.push(logic('cast to result_t', [...casts.values()].map(({ from, count }) => ({ op: 'cast' as const, count, from, to: resultType })), nOut * resultType.width));
  return {
    steps,
    storage: [],
    outputBits: nOut * resultType.width,
    iterationIi: 1,
    notes: [`distributed arithmetic: ${graph.adders} adders over ${graph.depth} levels, no multipliers`],
  };
}
