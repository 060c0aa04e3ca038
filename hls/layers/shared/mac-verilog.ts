// The MAC plan (mac.ts) in Verilog, as macReference computes it (nnet_dense_latency.h): each product
// x * w at full precision cast to accum_t, the accumulator starting at (accum_t) bias, every add cast
// back to accum_t, the result cast to result_t. Constant weights make each product a constant
// multiplication, which synthesis maps to shifts and adds or a DSP. When accum_t wraps without
// saturation bits, a chain of casts to accum_t is arithmetic modulo 2^W, so the sum is one W-bit
// addition (any association gives the same bits); a saturating accumulator keeps hls4ml's order.
//
// A repeated plan (a convolution's one pixel over every base) reads the input scattered into a
// zero-padded image. A padded cell is the constant 0, and its term is left out: (accum_t)(0 * w) is 0
// in every quantization and overflow mode, and acc + 0 is acc, an accum_t value that
// addType(accum_t, accum_t) holds exactly and the cast back returns unchanged.
import { addType, mulType, type FixedType } from '@ngt/fxp';
import { castSignal } from '../../rtl/cast.js';
import { literal, resize, type ModuleBuilder, type Signal } from '../../rtl/netlist.js';
import { elementReader, packElements } from '../../rtl/values.js';
import type { MacPlan, MacTypes } from './mac.js';

/** Whether casting a sum of two accum_t values back to accum_t is plain modular wrap-around. */
function wrapsModulo(accum: FixedType): boolean {
  return accum.overflow === 'AP_WRAP' && accum.saturationBits === 0;
}

/** The values the plan's input indices address: the input itself, or its zero-padded image (null: a padded 0). */
function sourcesOf(plan: MacPlan, x: (index: number) => Signal): { value: (index: number) => Signal | null; bases: readonly number[] } {
  const repeat = plan.repeat;
  if (!repeat) return { value: x, bases: [0] };
  const source = new Int32Array(repeat.paddedSize).fill(-1);
  repeat.scatter.forEach((at, i) => {
    source[at] = i;
  });
  return { value: (index) => ((source[index] ?? -1) < 0 ? null : x(source[index] ?? 0)), bases: repeat.bases };
}

/**
 * x * w modulo 2^W (W the product's width, which holds the exact product) as a signed multiplication by
 * |w| at its own width, negated for a negative w. Written this way, Yosys sees a small constant: the
 * earlier form, both operands zero-extended patterns of W bits, made a negative weight a constant of
 * nearly all ones, which synth_ice40 built as W-bit adders per set bit (3,567 SB_LUT4 for a 10-8-4
 * dense with 4-bit weights, against 1,3xx now) and which no DSP port width could narrow.
 */
function constantProduct(x: Signal, weight: bigint, width: number): string {
  if (weight === 0n) return literal(width, 0n);
  const magnitude = weight < 0n ? -weight : weight;
  // Both operands W bits wide (lint-clean) and signed, so Yosys's wreduce drops the copies of x's sign
  // and the constant's leading zeros; |w| < 2^(W-1) always, as W = width(x) + width(w).
  const times = `$signed(${resize(x, width)}) * ${width}'sd${magnitude.toString(10)}`;
  return weight < 0n ? `-(${times})` : times;
}

export function macVerilog(m: ModuleBuilder, plan: MacPlan, input: Signal, types: MacTypes, prefix: string): Signal {
  // Elements no term reads (their weights quantized to zero) get no wire.
  const { value, bases } = sourcesOf(plan, elementReader(m, input, types.input, `${prefix}_x`));
  const product = mulType(types.input, types.weight);
  const sum = addType(types.accum, types.accum);
  const A = types.accum.width;
  const outputs: Signal[] = [];
  bases.forEach((base, p) => {
    // Flat plans keep their names; repeated ones name the pixel too.
    const tag = (e: number) => (plan.repeat ? `${p}_${e}` : `${e}`);
    plan.biasAccum.forEach((bias, e) => {
      const terms: Signal[] = [];
      for (let k = plan.starts[e] ?? 0; k < (plan.starts[e + 1] ?? 0); k++) {
        const xi = value(base + (plan.inputs[k] ?? 0));
        if (xi === null) continue;
        const exact = m.wire(`${prefix}_p${tag(e)}_${k}`, product.width, product.signed, constantProduct(xi, plan.weights[k] ?? 0n, product.width));
        terms.push(castSignal(m, exact, product, types.accum, `${prefix}_q${tag(e)}_${k}`));
      }
      const start = literal(A, bias);
      let acc: Signal;
      if (wrapsModulo(types.accum)) {
        acc = m.wire(`${prefix}_acc${tag(e)}`, A, types.accum.signed, [start, ...terms.map((term) => term.name)].join(' + '));
      } else {
        acc = m.wire(`${prefix}_acc${tag(e)}_0`, A, types.accum.signed, start);
        terms.forEach((term, k) => {
          const total = m.wire(`${prefix}_s${tag(e)}_${k}`, sum.width, sum.signed, `${resize(acc, sum.width)} + ${resize(term, sum.width)}`);
          acc = castSignal(m, total, sum, types.accum, `${prefix}_acc${tag(e)}_${k + 1}`);
        });
      }
      outputs.push(castSignal(m, acc, types.accum, types.result, `${prefix}_y${tag(e)}`));
    });
  });
  return packElements(m, outputs, `${prefix}_out`);
}
