// Datapaths of the multiply-accumulate layers (Dense, Conv), as hls4ml's kernels are built
// (nnet_dense_latency.h, nnet_dense_resource.h) and as our Verilog builds them:
//
// Reuse factor 1: every nonzero weight is its own constant multiplier (multiplier.ts rules); each
//   output sums its products and its bias in a balanced adder tree of accum_t (a nonzero bias is one
//   more term); each product is cast to accum_t first and the sum to result_t last (castLuts).
//   LUTs = sum(multiplier LUTs) + sum over outputs of (terms - 1) * accum width + casts.
// Reuse factor R > 1: M = the layer's multiplier count (hls4ml's multiplier_limit / block_factor)
//   variable multipliers, each fed by an R:1 input mux and by its weight: from block RAM under the
//   Resource strategy (an R-deep ROM of M * weight-width bits, memory.ts), from an R-entry LUT ROM
//   under Latency. Each output accumulates over R cycles: M adders of accum width in all, nOut
//   accumulator registers of accum width, and a cycle counter. II = R.
// Conv is the same MAC over its receptive field (K = kernel size * C / group inputs per output,
// weights [...kernel, C / group, M]), replicated over the output positions that run in parallel:
// all of them for io_parallel, one for io_stream (plus the line buffer, memory.ts fifoCost).
import { mulType, type FixedType } from '@ngt/fxp';
import type { Family } from '../parts/families.js';
import { adderLuts, carryDelayNs, castDelayNs, castLuts, lutLevelNs, muxLuts, treeLevels } from './logic.js';
import { fifoCost, lutRomLuts, romCost } from './memory.js';
import { constantMultiplier, multiplierCost, variableMultiplier } from './multiplier.js';
import type { Datapath, Level } from './pipeline.js';

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
  /** Multipliers the layer instantiates (its definition's `multipliers`) when the reuse factor is > 1. */
  readonly multipliers: number;
}

function productDelayNs(kind: string, adders: number, width: number, family: Family): number {
  if (kind === 'dsp') return family.timing.routeNs + family.timing.dspNs;
  if (kind === 'shift_add' || kind === 'lut_array') return adders * carryDelayNs(width, family);
  return 0;
}

/** One copy of the MAC (one output position). */
export function macDatapath(shape: MacShape, family: Family): Datapath {
  const { nIn, nOut, inputType, weightType, accumType, resultType } = shape;
  const product = mulType(inputType, weightType);
  const accW = accumType.width;
  const notes: string[] = [];
  if (shape.reuseFactor === 1) {
    let dsp = 0;
    let lut = 0;
    let productDelay = 0;
    const terms = new Array<number>(nOut).fill(0);
    const plans = { none: 0, shift: 0, shift_add: 0, dsp: 0, lut_array: 0 };
    for (let i = 0; i < nIn; i++) {
      for (let j = 0; j < nOut; j++) {
        const weight = shape.weights[i * nOut + j] ?? 0n;
        const plan = constantMultiplier(inputType, weight, weightType, family);
        plans[plan.kind]++;
        if (plan.kind === 'none') continue;
        const cost = multiplierCost(plan);
        dsp += cost.dsp;
        lut += cost.lut + castLuts(product, accumType, family);
        terms[j] = (terms[j] ?? 0) + 1;
        const adders = plan.kind === 'shift_add' || plan.kind === 'lut_array' ? plan.adders : 0;
        const width = plan.kind === 'shift_add' || plan.kind === 'lut_array' ? plan.width : 0;
        productDelay = Math.max(productDelay, productDelayNs(plan.kind, adders, width, family));
      }
    }
    // A nonzero bias is one more tree term (the accumulator starts at it).
    const treeTerms = terms.map((count, j) => count + ((shape.bias[j] ?? 0n) !== 0n ? 1 : 0));
    for (const count of treeTerms) lut += Math.max(0, count - 1) * adderLuts(accW);
    lut += nOut * castLuts(accumType, resultType, family);
    notes.push(`${plans.dsp} DSP products, ${plans.shift_add} shift-add, ${plans.shift} shifts, ${plans.none} zero weights skipped`);
    const levels: Level[] = [{ delayNs: productDelay + castDelayNs(product, accumType, family), bits: terms.reduce((sum, count) => sum + count, 0) * accW }];
    const depth = treeLevels(Math.max(1, ...treeTerms));
    for (let level = 1; level <= depth; level++) {
      const bits = treeTerms.reduce((sum, count) => sum + Math.ceil(count / 2 ** level), 0) * accW;
      levels.push({ delayNs: carryDelayNs(accW, family), bits });
    }
    levels.push({ delayNs: castDelayNs(accumType, resultType, family), bits: nOut * resultType.width });
    return { dsp, lut, ff: 0, bram: 0, levels, outputBits: nOut * resultType.width, ii: 1, notes };
  }
  const rf = shape.reuseFactor;
  const m = shape.multipliers;
  const plan = variableMultiplier(inputType, weightType, family);
  const cost = multiplierCost(plan);
  let lut = m * (cost.lut + muxLuts(rf, inputType.width, family) + castLuts(product, accumType, family));
  let bram = 0;
  if (shape.strategy === 'resource') {
    const rom = romCost(rf, m * weightType.width, 1, family, true);
    bram += rom.bram;
    notes.push(`weights in block RAM: ${rf} x ${m * weightType.width} bits`);
  } else {
    lut += m * lutRomLuts(rf, weightType.width, family);
    notes.push(`weights in LUT ROMs: ${m} x (${rf} x ${weightType.width} bits)`);
  }
  // Each output's products of one cycle and its accumulator: M adders in all.
  const perOutput = Math.max(1, Math.ceil(m / nOut));
  lut += m * adderLuts(accW) + nOut * castLuts(accumType, resultType, family);
  const counterBits = Math.ceil(Math.log2(rf));
  lut += adderLuts(counterBits);
  const ff = nOut * accW + counterBits;
  const adders = plan.kind === 'lut_array' ? plan.adders : 0;
  const width = plan.kind === 'lut_array' ? plan.width : 0;
  const levels: Level[] = [
    { delayNs: lutLevelNs(family) * Math.max(1, Math.ceil(Math.log(rf) / Math.log(family.lutInputs === 6 ? 4 : 2))), bits: m * (inputType.width + weightType.width) },
    { delayNs: productDelayNs(plan.kind, adders, width, family) + castDelayNs(product, accumType, family), bits: m * accW },
  ];
  const depth = treeLevels(perOutput + 1);
  for (let level = 1; level <= depth; level++) levels.push({ delayNs: carryDelayNs(accW, family), bits: nOut * Math.ceil((perOutput + 1) / 2 ** level) * accW });
  levels.push({ delayNs: castDelayNs(accumType, resultType, family), bits: nOut * resultType.width });
  notes.push(`${m} shared multipliers (${plan.kind === 'dsp' ? `${plan.tiles} DSP each` : 'LUTs'}), II ${rf}`);
  return { dsp: m * cost.dsp, lut, ff, bram, levels, outputBits: nOut * resultType.width, ii: rf, notes };
}

/** `copies` parallel copies of a datapath (conv output positions), plus extra memory. */
export function replicate(path: Datapath, copies: number, extra: { lut: number; ff: number; bram: number }, note: string): Datapath {
  return {
    dsp: path.dsp * copies,
    lut: path.lut * copies + extra.lut,
    ff: path.ff * copies + extra.ff,
    bram: path.bram * copies + extra.bram,
    levels: path.levels.map((level) => ({ delayNs: level.delayNs, bits: level.bits * copies })),
    outputBits: path.outputBits * copies,
    ii: path.ii,
    notes: [...path.notes, note],
  };
}

/** The io_stream line buffer of a K-tall convolution window: (K - 1) rows of width * channels values. */
export function lineBuffer(kernelRows: number, rowLength: number, channels: number, type: FixedType, family: Family): { lut: number; ff: number; bram: number } {
  if (kernelRows <= 1) return { lut: 0, ff: 0, bram: 0 };
  const cost = fifoCost(rowLength, channels * type.width, family);
  return { lut: cost.lut * (kernelRows - 1), ff: cost.ff * (kernelRows - 1), bram: cost.bram * (kernelRows - 1) };
}
