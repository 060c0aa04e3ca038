// The datapath of a multiply-accumulate (a Dense, or one Conv output position): the micro-architecture
// both its estimate and its schedule read, and the Verilog will build.
//
// Reuse factor 1 (nnet_dense_latency.h): every nonzero weight is its own constant multiplier
// (multiplier.ts rules), each product cast to accum_t; each output sums its products and its bias (one
// more term, the accumulator's start value) in a balanced adder tree of accum_t; the sum is cast to
// result_t into the output register. Registers go where the clock budget runs out.
//
//   x ─ multiply ─ cast ─ tree level 1 ─ ... ─ tree level L ─ cast ─|─ y
//
// Reuse factor R > 1: M multipliers (hls4ml's multiplier_limit / block_factor), each fed by an R:1 input
// select and by its weight, from an R-deep LUT ROM (Latency) or read from block RAM (Resource, a
// registered read); each output sums its ceil(M / nOut) products of the cycle in a partial tree and adds
// that to its accumulator: R phases, one per cycle, then the cast into the output register. II = R.
//
//   x ─ select, weight ─ multiply ─ cast ─ partial tree ─|─ accumulate (R cycles) ─|─ cast ─|─ y
import { mulType, type FixedType } from '@ngt/fxp';
import type { Family } from '../parts/families.js';
import { logic, type Datapath, type Operator, type Step } from './ir.js';
import { romMemory } from './memory.js';
import { constantMultiplier, variableMultiplier, type MultiplierPlan } from './multiplier.js';

export interface MacShape {
  readonly nIn: number;
  readonly nOut: number;
  /** Raw weights, index i * nOut + j. */
  readonly weights: readonly bigint[];
  readonly bias: readonly bigint[];
  readonly inputType: FixedType;
  readonly weightType: FixedType;
  readonly accumType: FixedType;
  readonly resultType: FixedType;
  readonly strategy: 'latency' | 'resource';
  readonly reuseFactor: number;
  /** Multipliers the layer instantiates (its declaration's `multipliers`) when the reuse factor is > 1. */
  readonly multipliers: number;
}

const width = (type: FixedType) => ({ width: type.width, signed: type.signed });

/** Constant multipliers grouped by identical plan (one operator each, with its count). */
function groupPlans(plans: readonly MultiplierPlan[], a: FixedType, b: FixedType): Operator[] {
  const groups = new Map<string, { plan: MultiplierPlan; count: number }>();
  for (const plan of plans) {
    const key = JSON.stringify(plan);
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { plan, count: 1 });
  }
  return [...groups.values()].map(({ plan, count }) => ({ op: 'const_mul', count, a: width(a), b: width(b), plan }));
}

/** Levels of balanced adder trees over each output's terms: adders and the values left after each level. */
export function adderTreeSteps(name: string, terms: readonly number[], valueWidth: number): Step[] {
  const steps: Step[] = [];
  let counts = [...terms];
  for (let level = 1; counts.some((n) => n > 1); level++) {
    const adders = counts.reduce((sum, n) => sum + Math.floor(n / 2), 0);
    counts = counts.map((n) => Math.ceil(n / 2));
    const left = counts.reduce((sum, n) => sum + n, 0);
    steps.push(logic(`${name} ${level}`, [{ op: 'add', count: adders, width: valueWidth }], left * valueWidth));
  }
  return steps;
}

function fullyParallel(shape: MacShape, family: Family): Datapath {
  const { nIn, nOut, inputType, weightType, accumType, resultType } = shape;
  const product = mulType(inputType, weightType);
  const plans: MultiplierPlan[] = [];
  const counts = { none: 0, shift: 0, shift_add: 0, dsp: 0, lut_array: 0 };
  const terms = new Array<number>(nOut).fill(0);
  for (let i = 0; i < nIn; i++) {
    for (let j = 0; j < nOut; j++) {
      const plan = constantMultiplier(inputType, shape.weights[i * nOut + j] ?? 0n, weightType, family);
      counts[plan.kind] += 1;
      if (plan.kind === 'none') continue;
      plans.push(plan);
      terms[j] = (terms[j] ?? 0) + 1;
    }
  }
  const products = plans.length;
  // A nonzero bias is one more tree term: the accumulator starts at it (nnet_dense_latency.h).
  const treeTerms = terms.map((count, j) => count + ((shape.bias[j] ?? 0n) !== 0n ? 1 : 0));
  const accW = accumType.width;
  const steps: Step[] = [
    logic('multiply', groupPlans(plans, inputType, weightType), products * product.width),
    logic('cast to accum_t', [{ op: 'cast', count: products, from: product, to: accumType }], products * accW),
    ...adderTreeSteps('adder tree level', treeTerms, accW),
    logic('cast to result_t', [{ op: 'cast', count: nOut, from: accumType, to: resultType }], nOut * resultType.width),
  ];
  return {
    steps,
    storage: [],
    outputBits: nOut * resultType.width,
    iterationIi: 1,
    notes: [`${counts.dsp} DSP products, ${counts.shift_add} shift-add, ${counts.shift} shifts, ${counts.none} zero weights skipped`],
  };
}

function reused(shape: MacShape, family: Family): Datapath {
  const { nOut, inputType, weightType, accumType, resultType } = shape;
  const rf = shape.reuseFactor;
  const m = shape.multipliers;
  const product = mulType(inputType, weightType);
  const plan = variableMultiplier(inputType, weightType, family);
  const accW = accumType.width;
  const perOutput = Math.max(1, Math.ceil(m / nOut));
  const counterBits = Math.ceil(Math.log2(rf));
  const select: Operator = { op: 'select', count: m, inputs: rf, width: inputType.width };
  const steps: Step[] = [];
  let notes: string;
  if (shape.strategy === 'resource') {
    const depth = rf;
    const wordWidth = m * weightType.width;
    steps.push({ kind: 'register', name: 'weight ROM address', bits: 0 });
    steps.push(logic('weight ROM read, input select', [{ op: 'rom', count: 1, depth, width: wordWidth, reads: 1, memory: romMemory(depth, wordWidth, true) }, select], m * (inputType.width + weightType.width)));
    notes = `weights in block RAM: ${rf} x ${wordWidth} bits`;
  } else {
    steps.push(logic('weight ROM, input select', [{ op: 'rom', count: m, depth: rf, width: weightType.width, reads: 1, memory: 'lut' }, select], m * (inputType.width + weightType.width)));
    notes = `weights in LUT ROMs: ${m} x (${rf} x ${weightType.width} bits)`;
  }
  steps.push(logic('multiply', [{ op: 'mul', count: m, a: width(inputType), b: width(weightType), plan }], m * product.width));
  steps.push(logic('cast to accum_t', [{ op: 'cast', count: m, from: product, to: accumType }], m * accW));
  // Each output's products of one cycle, then its accumulator: M adders in all.
  const treeSteps = adderTreeSteps('partial tree level', new Array<number>(nOut).fill(Math.min(perOutput, m)), accW);
  steps.push(...treeSteps);
  const accumulators = Math.min(m, nOut);
  steps.push({ kind: 'repeat', name: `accumulate (${rf} phases)`, cycles: rf, ops: [{ op: 'add', count: accumulators, width: accW }], bits: 0 });
  steps.push(logic('cast to result_t', [{ op: 'cast', count: nOut, from: accumType, to: resultType }], nOut * resultType.width));
  const treeAdders = treeSteps.reduce((sum, step) => sum + (step.kind === 'logic' ? (step.ops[0]?.count ?? 0) : 0), 0);
  // Keep M adders in all: the partial trees' and the accumulators'.
  const extra = Math.max(0, m - accumulators - treeAdders);
  const storage: Operator[] = [
    { op: 'register', count: nOut, width: accW },
    { op: 'register', count: 1, width: counterBits },
    { op: 'add', count: 1, width: counterBits },
    ...(extra > 0 ? [{ op: 'add' as const, count: extra, width: accW }] : []),
  ];
  return {
    steps,
    storage,
    outputBits: nOut * resultType.width,
    iterationIi: rf,
    notes: [notes, `${m} shared multipliers (${plan.kind === 'dsp' ? `${plan.tiles} DSP each` : 'LUTs'}), II ${rf}`],
  };
}

export function macDatapath(shape: MacShape, family: Family): Datapath {
  return shape.reuseFactor === 1 ? fullyParallel(shape, family) : reused(shape, family);
}
