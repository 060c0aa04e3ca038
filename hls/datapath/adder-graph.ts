// A constant matrix-vector product as a shift-add adder graph, the way da4ml builds one for hls4ml's
// Strategy distributed_arithmetic (da4ml src/da4ml/cmvm/: csd.py, the CSE of the core, and
// fixed_variable.py for the ranges): every weight split into canonical signed digits, then the most
// frequent two-term pattern a << s1 ± b << s2 across all outputs made one adder and substituted, again
// and again, then each output's remaining terms summed in a tree that joins the shallowest terms first.
// Every node keeps its exact integer range (interval arithmetic, as FixedVariable's int_min/int_max),
// so its width is derived, never chosen: the graph computes the products exactly. No multipliers.
// Knows no layer kind: inputs are integer ranges, weights integers, outputs y = Σ x_i w_ij + c_j.
import { invariant } from '@ngt/fxp';
import { csdDigits } from './csd.js';

export type AdderNode =
  | { readonly kind: 'input'; readonly index: number; readonly min: bigint; readonly max: bigint; readonly depth: 0 }
  /** a ± (b << shift), or (b << shift) - a when reversed (so a sum of a negative and a positive term stays positive). */
  | { readonly kind: 'add'; readonly a: number; readonly b: number; readonly shift: number; readonly subtract: boolean; readonly reversed: boolean; readonly min: bigint; readonly max: bigint; readonly depth: number };

/** Output j = constant ± (node << shift); node null: the constant alone (an all-zero column). */
export interface GraphOutput {
  readonly node: number | null;
  readonly shift: number;
  readonly negate: boolean;
  readonly constant: bigint;
  readonly min: bigint;
  readonly max: bigint;
  /** Adder levels up to and including the output's own constant add or negation. */
  readonly depth: number;
  /** Whether the output needs an adder of its own (a nonzero constant, or a negation). */
  readonly adder: boolean;
}

export interface AdderGraph {
  /** Inputs first (node i is input i), then adders in an order where operands come first. */
  readonly nodes: readonly AdderNode[];
  readonly outputs: readonly GraphOutput[];
  /** Adders in all: the nodes' and the outputs' own. */
  readonly adders: number;
  /** Adder levels of the deepest output. */
  readonly depth: number;
}

export interface AdderGraphProblem {
  /** Integer range of each input. */
  readonly inputs: readonly { readonly min: bigint; readonly max: bigint }[];
  /** Per output, its nonzero terms (input index, integer weight). */
  readonly columns: readonly (readonly { readonly input: number; readonly weight: bigint }[])[];
  /** Per output, the constant added last (a bias); 0 when absent. */
  readonly constants?: readonly bigint[];
  /** Extract common subexpressions (default); false sums every output's digits on its own. */
  readonly cse?: boolean;
}

/** Two's complement (signed when min < 0) bits holding every integer of [min, max]. */
export function rangeWidth(min: bigint, max: bigint): number {
  let width = 1;
  if (min < 0n) while (-(1n << BigInt(width - 1)) > min || (1n << BigInt(width - 1)) - 1n < max) width += 1;
  else while ((1n << BigInt(width)) - 1n < max) width += 1;
  return width;
}

interface Term {
  node: number;
  shift: number;
  sign: 1 | -1;
  alive: boolean;
}

/** Above this many term pairs in all the pattern search is skipped (its cost grows with them): plain trees. */
const PAIR_LIMIT = 3_000_000;

class Builder {
  readonly nodes: AdderNode[] = [];
  private readonly known = new Map<string, number>();

  /** share: an adder of the same operands, shift and sign is built once (off when counting plain trees). */
  constructor(private readonly share: boolean) {}

  add(a: number, b: number, shift: number, subtract: boolean, reversed = false): number {
    const key = `${a},${b},${shift},${reversed ? 'r' : subtract ? '-' : '+'}`;
    const found = this.share ? this.known.get(key) : undefined;
    if (found !== undefined) return found;
    const x = this.nodes[a];
    const y = this.nodes[b];
    invariant(x !== undefined && y !== undefined, `adder operands ${a}, ${b} must exist`);
    const s = BigInt(shift);
    const min = reversed ? (y.min << s) - x.max : subtract ? x.min - (y.max << s) : x.min + (y.min << s);
    const max = reversed ? (y.max << s) - x.min : subtract ? x.max - (y.min << s) : x.max + (y.max << s);
    this.nodes.push({ kind: 'add', a, b, shift, subtract: subtract || reversed, reversed, min, max, depth: Math.max(x.depth, y.depth) + 1 });
    this.known.set(key, this.nodes.length - 1);
    return this.nodes.length - 1;
  }

  /**
   * t + u as one term: the lower-shift term's node plus or minus the other's, shifted. `positive`
   * (the output trees) orients a mixed-sign pair so the new term is positive: a negative one is left
   * only when both are, so an output needs a negation only when all its terms are negative. The CSE
   * keeps one orientation per pattern, so every occurrence gets the same node.
   */
  join(t: Term, u: Term, positive = false): Term {
    const [lo, hi] = t.shift < u.shift || (t.shift === u.shift && t.node < u.node) ? [t, u] : [u, t];
    if (positive && lo.sign < 0 && hi.sign > 0) return { node: this.add(lo.node, hi.node, hi.shift - lo.shift, true, true), shift: lo.shift, sign: 1, alive: true };
    const node = this.add(lo.node, hi.node, hi.shift - lo.shift, lo.sign !== hi.sign);
    return { node, shift: lo.shift, sign: lo.sign, alive: true };
  }
}

/** Node ids and shift distances a numeric pattern key holds (20 + 20 + 8 + 1 bits, exact in a double). */
const NODE_LIMIT = 2 ** 20;
const DISTANCE_LIMIT = 256;

/** The pattern of two terms: lower-shift node, the other node, their distance, same sign or not. */
function pairKey(t: Term, u: Term): number {
  const [lo, hi] = t.shift < u.shift || (t.shift === u.shift && t.node < u.node) ? [t, u] : [u, t];
  return ((lo.node * NODE_LIMIT + hi.node) * DISTANCE_LIMIT + (hi.shift - lo.shift)) * 2 + (lo.sign === hi.sign ? 1 : 0);
}

function decodeKey(key: number): { first: number; second: number; distance: number; same: boolean } {
  const same = key % 2 === 1;
  let rest = (key - (same ? 1 : 0)) / 2;
  const distance = rest % DISTANCE_LIMIT;
  rest = (rest - distance) / DISTANCE_LIMIT;
  const second = rest % NODE_LIMIT;
  return { first: (rest - second) / NODE_LIMIT, second, distance, same };
}

/**
 * A max-heap of (count, key) whose counts are upper bounds: a count that fell since its push is put
 * back with its current value when popped. Ties go to the smaller key (deterministic).
 */
class PatternHeap {
  private readonly counts: number[] = [];
  private readonly keys: number[] = [];
  private better(i: number, j: number): boolean {
    const a = this.counts[i] ?? 0;
    const b = this.counts[j] ?? 0;
    return a > b || (a === b && (this.keys[i] ?? 0) < (this.keys[j] ?? 0));
  }
  private swap(i: number, j: number): void {
    const count = this.counts[i] ?? 0;
    const key = this.keys[i] ?? 0;
    this.counts[i] = this.counts[j] ?? 0;
    this.keys[i] = this.keys[j] ?? 0;
    this.counts[j] = count;
    this.keys[j] = key;
  }
  push(count: number, key: number): void {
    this.counts.push(count);
    this.keys.push(key);
    let i = this.counts.length - 1;
    while (i > 0 && this.better(i, (i - 1) >> 1)) {
      this.swap(i, (i - 1) >> 1);
      i = (i - 1) >> 1;
    }
  }
  pop(): { count: number; key: number } | undefined {
    if (this.counts.length === 0) return undefined;
    const top = { count: this.counts[0] ?? 0, key: this.keys[0] ?? 0 };
    const count = this.counts.pop() ?? 0;
    const key = this.keys.pop() ?? 0;
    if (this.counts.length === 0) return top;
    this.counts[0] = count;
    this.keys[0] = key;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < this.counts.length && this.better(l, best)) best = l;
      if (r < this.counts.length && this.better(r, best)) best = r;
      if (best === i) return top;
      this.swap(i, best);
      i = best;
    }
  }
}

/** Greedy two-term CSE over every output's terms (da4ml's extraction, without its cost weighting). */
function extractCommon(builder: Builder, outputs: Term[][]): void {
  const counts = new Map<number, number>();
  const heap = new PatternHeap();
  const bump = (key: number, by: number): void => {
    const count = (counts.get(key) ?? 0) + by;
    if (count === 0) counts.delete(key);
    else counts.set(key, count);
    if (by > 0 && count >= 2) heap.push(count, key);
  };
  for (const terms of outputs) for (let i = 0; i < terms.length; i++) for (let j = i + 1; j < terms.length; j++) bump(pairKey(terms[i] as Term, terms[j] as Term), 1);
  const byPosition = outputs.map((terms) => new Map(terms.map((term) => [term.node * DISTANCE_LIMIT * 4 + term.shift, term])));
  for (let top = heap.pop(); top !== undefined; top = heap.pop()) {
    const current = counts.get(top.key) ?? 0;
    if (current !== top.count) {
      if (current >= 2) heap.push(current, top.key);
      continue;
    }
    const { first, second, distance, same } = decodeKey(top.key);
    outputs.forEach((terms, o) => {
      const at = byPosition[o] as Map<number, Term>;
      let changed = false;
      for (let k = 0; k < terms.length; k++) {
        const t = terms[k] as Term;
        if (!t.alive || t.node !== first) continue;
        const u = at.get(second * DISTANCE_LIMIT * 4 + t.shift + distance);
        if (!u?.alive || u === t || (t.sign === u.sign) !== same) continue;
        for (const x of terms) {
          if (!x.alive || x === t || x === u) continue;
          bump(pairKey(t, x), -1);
          bump(pairKey(u, x), -1);
        }
        bump(top.key, -1);
        t.alive = false;
        u.alive = false;
        at.delete(t.node * DISTANCE_LIMIT * 4 + t.shift);
        at.delete(u.node * DISTANCE_LIMIT * 4 + u.shift);
        const joined = builder.join(t, u);
        invariant(joined.node < NODE_LIMIT, `an adder graph holds fewer than ${NODE_LIMIT} nodes`);
        for (const x of terms) if (x.alive) bump(pairKey(joined, x), 1);
        terms.push(joined);
        at.set(joined.node * DISTANCE_LIMIT * 4 + joined.shift, joined);
        changed = true;
      }
      if (changed) {
        const live = terms.filter((term) => term.alive);
        terms.length = 0;
        terms.push(...live);
      }
    });
  }
}

export function buildAdderGraph(problem: AdderGraphProblem): AdderGraph {
  const builder = new Builder(problem.cse !== false);
  problem.inputs.forEach((range, index) => builder.nodes.push({ kind: 'input', index, min: range.min, max: range.max, depth: 0 }));
  const outputs: Term[][] = problem.columns.map((column) =>
    column.flatMap(({ input, weight }) => csdDigits(weight).map(({ shift, sign }): Term => ({ node: input, shift, sign, alive: true }))),
  );
  const widest = outputs.reduce((most, terms) => terms.reduce((m, term) => Math.max(m, term.shift), most), 0);
  invariant(widest < DISTANCE_LIMIT && problem.inputs.length < NODE_LIMIT, `weights must have fewer than ${DISTANCE_LIMIT} bits and inputs be fewer than ${NODE_LIMIT}`);
  const pairs = outputs.reduce((total, terms) => total + (terms.length * (terms.length - 1)) / 2, 0);
  if (problem.cse !== false && pairs <= PAIR_LIMIT) extractCommon(builder, outputs);
  const graphOutputs = outputs.map((terms, j): GraphOutput => {
    let live = terms.filter((term) => term.alive);
    // The shallowest two first: the tree's depth grows only where it must.
    while (live.length > 1) {
      live.sort((t, u) => (builder.nodes[t.node]?.depth ?? 0) - (builder.nodes[u.node]?.depth ?? 0) || t.shift - u.shift || t.node - u.node);
      const [t, u, ...rest] = live as [Term, Term, ...Term[]];
      live = [builder.join(t, u, true), ...rest];
    }
    const constant = problem.constants?.[j] ?? 0n;
    const last = live[0];
    if (!last) return { node: null, shift: 0, negate: false, constant, min: constant, max: constant, depth: 0, adder: false };
    const node = builder.nodes[last.node] as AdderNode;
    const s = BigInt(last.shift);
    const negate = last.sign < 0;
    const min = constant + (negate ? -(node.max << s) : node.min << s);
    const max = constant + (negate ? -(node.min << s) : node.max << s);
    const adder = constant !== 0n || negate;
    return { node: last.node, shift: last.shift, negate, constant, min, max, depth: node.depth + (adder ? 1 : 0), adder };
  });
  const adders = builder.nodes.length - problem.inputs.length + graphOutputs.filter((output) => output.adder).length;
  return { nodes: builder.nodes, outputs: graphOutputs, adders, depth: graphOutputs.reduce((most, output) => Math.max(most, output.depth), 0) };
}

/** The graph's outputs for integer inputs, node by node (the slow evaluator tests diff against). */
export function evaluateAdderGraph(graph: AdderGraph, inputs: readonly bigint[]): bigint[] {
  const values: bigint[] = [];
  for (const node of graph.nodes) {
    if (node.kind === 'input') values.push(inputs[node.index] ?? 0n);
    else {
      const a = values[node.a] ?? 0n;
      const b = (values[node.b] ?? 0n) << BigInt(node.shift);
      values.push(node.reversed ? b - a : node.subtract ? a - b : a + b);
    }
  }
  return graph.outputs.map((output) => {
    if (output.node === null) return output.constant;
    const v = (values[output.node] ?? 0n) << BigInt(output.shift);
    return output.constant + (output.negate ? -v : v);
  });
}
