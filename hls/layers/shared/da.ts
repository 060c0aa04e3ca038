// hls4ml's Strategy distributed_arithmetic for Dense and Conv, as its da4ml pass computes it
// (hls4ml/backends/vivado/passes/distributed_arithmetic.py DistributedArithmeticCodegen, da4ml
// src/da4ml/cmvm/codegen.py VitisCodegenBackend, src/da4ml/cmvm/fixed_variable.py):
//  - the kernel (a Conv's im2col kernel, applied to every output pixel) is one constant
//    matrix-vector product, compiled to an adder graph whose every node is an ap_fixed exactly as wide
//    as its interval needs (def_code: ap_fixed<b, i> from the FixedVariable's range): the sum is exact;
//  - the bias is added exactly as a constant (`out[i] = out[i] + b`, FixedVariable.from_const);
//  - accum_t is not used at all; `out[i] = v` is the one cast, to result_t (its rounding and overflow);
//  - ReuseFactor must be 1 (the pass raises otherwise; hls/convert/lower.ts gives a ConfigError).
// ngt uses the weights and biases its hardware model holds (the weight_t / bias_t raws, which are the
// QONNX quantizer's values for quantized models); hls4ml hands da4ml the float values.
import { castRaw, fixedType, fractionBits, invariant, type FixedType } from '@ngt/fxp';
import { buildAdderGraph, rangeWidth, type AdderGraph } from '../../datapath/adder-graph.js';
import { adderGraphDatapath } from '../../datapath/adder-graph-datapath.js';
import type { Datapath } from '../../datapath/ir.js';
import type { EmitContext, RawRange } from './emit-context.js';
import { openRepeat, type MacPlan } from './mac.js';

export interface DaTypes {
  readonly input: FixedType;
  readonly weight: FixedType;
  readonly bias: FixedType;
  readonly result: FixedType;
}

/** A kernel's terms (a MacPlan: its biasAccum is not read) with the raw biases, in the exact sum's scale. */
export interface DaPlan {
  readonly terms: MacPlan;
  /** Fraction bits of the exact sum: max(input + weight, bias). */
  readonly fractionBits: number;
  /** Weight raws shifted into that scale, index as terms.weights. */
  readonly weights: readonly bigint[];
  /** Bias raws shifted into that scale, one per output element. */
  readonly constants: readonly bigint[];
  /** Distinct term input indices, ascending: graph input k reads terms input inputs[k]. */
  readonly inputs: readonly number[];
  readonly types: DaTypes;
}

export function daPlan(terms: MacPlan, bias: readonly bigint[], types: DaTypes): DaPlan {
  const productBits = fractionBits(types.input) + fractionBits(types.weight);
  const fraction = Math.max(productBits, fractionBits(types.bias));
  const weightShift = BigInt(fraction - productBits);
  const biasShift = BigInt(fraction - fractionBits(types.bias));
  return {
    terms,
    fractionBits: fraction,
    weights: terms.weights.map((w) => w << weightShift),
    constants: terms.biasAccum.map((_, e) => (bias[e] ?? 0n) << biasShift),
    inputs: [...new Set(terms.inputs)].sort((a, b) => a - b),
    types,
  };
}

const plans = new WeakMap<object, Map<string, DaPlan>>();

/** The plan of `owner` (a layer) for these types, built once: the adder graph hangs off it. */
export function cachedDaPlan(owner: object, types: DaTypes, build: () => { terms: MacPlan; bias: readonly bigint[] }): DaPlan {
  const key = JSON.stringify(types);
  let byTypes = plans.get(owner);
  if (!byTypes) {
    byTypes = new Map();
    plans.set(owner, byTypes);
  }
  let plan = byTypes.get(key);
  if (!plan) {
    const { terms, bias } = build();
    plan = daPlan(terms, bias, types);
    byTypes.set(key, plan);
  }
  return plan;
}

const graphs = new WeakMap<DaPlan, AdderGraph>();

/** The plan's adder graph (cached), with common subexpressions extracted unless cse is false. */
export function daGraph(plan: DaPlan, cse = true): AdderGraph {
  const cached = cse ? graphs.get(plan) : undefined;
  if (cached) return cached;
  const { input } = plan.types;
  const min = input.signed ? -(1n << BigInt(input.width - 1)) : 0n;
  const max = input.signed ? (1n << BigInt(input.width - 1)) - 1n : (1n << BigInt(input.width)) - 1n;
  const position = new Map(plan.inputs.map((index, k) => [index, k]));
  const { starts } = plan.terms;
  const columns = plan.terms.biasAccum.map((_, e) => {
    const column: { input: number; weight: bigint }[] = [];
    for (let k = starts[e] ?? 0; k < (starts[e + 1] ?? 0); k++) column.push({ input: position.get(plan.terms.inputs[k] ?? 0) ?? 0, weight: plan.weights[k] ?? 0n });
    return column;
  });
  const graph = buildAdderGraph({ inputs: plan.inputs.map(() => ({ min, max })), columns, constants: plan.constants, cse });
  if (cse) graphs.set(plan, graph);
  return graph;
}

/** Each output's exact type: its graph range's width at the plan's fraction bits. */
export function daExactTypes(plan: DaPlan, graph: AdderGraph): FixedType[] {
  return graph.outputs.map((output) => {
    const width = rangeWidth(output.min, output.max);
    return fixedType(width, width - plan.fractionBits, { signed: output.min < 0n });
  });
}

/** The largest |sum| any output can reach, from the weights alone (not the graph). */
function sumBound(plan: DaPlan): bigint {
  const { input } = plan.types;
  const xMax = input.signed ? 1n << BigInt(input.width - 1) : (1n << BigInt(input.width)) - 1n;
  let most = 0n;
  plan.constants.forEach((constant, e) => {
    let total = constant < 0n ? -constant : constant;
    for (let k = plan.terms.starts[e] ?? 0; k < (plan.terms.starts[e + 1] ?? 0); k++) {
      const w = plan.weights[k] ?? 0n;
      total += (w < 0n ? -w : w) * xMax;
    }
    if (total > most) most = total;
  });
  return most;
}

/** The exact sums cast to result_t: the bigint reference (no graph, so the graph is checked against it). */
export function daReference(plan: DaPlan, input: readonly bigint[]): bigint[] {
  const bound = sumBound(plan);
  const width = bound.toString(2).length + 2;
  const exact = fixedType(width, width - plan.fractionBits);
  const { terms } = plan;
  let x = input;
  if (terms.repeat) {
    const padded = new Array<bigint>(terms.repeat.paddedSize).fill(0n);
    terms.repeat.scatter.forEach((at, i) => {
      padded[at] = input[i] ?? 0n;
    });
    x = padded;
  }
  const out: bigint[] = [];
  for (const base of terms.repeat?.bases ?? [0]) {
    plan.constants.forEach((constant, e) => {
      let sum = constant;
      for (let k = terms.starts[e] ?? 0; k < (terms.starts[e + 1] ?? 0); k++) sum += (x[base + (terms.inputs[k] ?? 0)] ?? 0n) * (plan.weights[k] ?? 0n);
      out.push(castRaw(sum, exact, plan.types.result));
    });
  }
  return out;
}

/** The compiled simulator's form: the exact sum in doubles (it must stay below 2^53), one cast. */
export function daEmit(plan: DaPlan, context: EmitContext): void {
  const bound = Number(sumBound(plan));
  const range: RawRange = { min: -bound, max: bound, fractionBits: plan.fractionBits };
  context.requireExact(range, 'a distributed-arithmetic sum');
  const w = context.w;
  const { terms } = plan;
  const starts = context.constant('starts', terms.starts as number[]);
  const inputs = context.constant('inputs', terms.inputs as number[]);
  const weights = context.constant('weights', plan.weights.map(Number));
  const constants = context.constant('bias', plan.constants.map(Number));
  openRepeat(terms, context, (x, outBase) => {
    const at = terms.repeat ? `base + ${inputs}[k]` : `${inputs}[k]`;
    w.block(`for (let e = 0; e < ${plan.constants.length}; e++)`, () => {
      w.line(`let acc = ${constants}[e];`);
      w.line(`for (let k = ${starts}[e], end = ${starts}[e + 1]; k < end; k++) acc += ${x}[${at}] * ${weights}[k];`);
      w.line('let r;');
      context.cast(range, plan.types.result, 'acc', 'r');
      w.line(`${context.output}[${outBase} + e] = r;`);
    });
  });
}

export function daDatapath(plan: DaPlan): Datapath {
  const graph = daGraph(plan);
  invariant(graph.outputs.length === plan.constants.length, 'the graph has one output per element');
  return adderGraphDatapath({ graph, exactTypes: daExactTypes(plan, graph), resultType: plan.types.result });
}
