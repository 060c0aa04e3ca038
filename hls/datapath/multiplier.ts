// How one product is built, and what it costs. This is a micro-architecture decision, not only an
// estimate: the Verilog emitter must build each product the way `multiplierPlan` says, so that Yosys
// counts what we estimated (DESIGN.md contract 3).
//
// Rules (ours; documented here, pinned in test/hls/cost-multiplier.test.ts):
// 1. A constant weight of 0 costs nothing (hls4ml's n_zeros: the term is left out).
// 2. A constant weight whose magnitude is a power of two is a shift: wiring, 0 LUTs. Its sign is
//    folded into the adder that consumes the product (a - b costs what a + b costs in a carry chain).
// 3. A constant weight whose magnitude has at most 3 nonzero digits in canonical signed digit (CSD)
//    form is shift-add: (digits - 1) adders of the product width, on LUTs. Every magnitude below 32
//    qualifies (an n-bit magnitude has at most ceil((n + 1) / 2) CSD digits), so weights of a signed
//    type of <= 6 bits never use a DSP; wider weights use one only when their value needs it.
// 4. Other constant weights, and every product whose weight is not a constant (reuse factor > 1:
//    the weight comes from a ROM or a multiplexer), use DSPs: one if the operands fit the primitive,
//    else a grid of tiles (see dspTiles) whose partial products are summed in the DSP cascade.
//    Exception: a variable product with an operand of <= 2 bits is AND gates and one adder on LUTs.
import type { DspShape, Family } from '../parts/families.js';

export type MultiplierPlan =
  | { readonly kind: 'none' }
  | { readonly kind: 'shift' }
  | { readonly kind: 'shift_add'; readonly adders: number; readonly width: number }
  | { readonly kind: 'lut_array'; readonly adders: number; readonly width: number }
  | { readonly kind: 'dsp'; readonly tiles: number };

/** Nonzero digits of |value| in canonical signed digit form (non-adjacent form). */
export function csdDigits(value: bigint): number {
  let n = value < 0n ? -value : value;
  let digits = 0;
  while (n > 0n) {
    if (n & 1n) {
      digits++;
      // n mod 4 == 3: digit -1 and carry, else digit +1.
      n = (n & 3n) === 3n ? n + 1n : n - 1n;
    }
    n >>= 1n;
  }
  return digits;
}

/** Bits an operand of `width` needs at a port: one more on two's-complement-only ports when unsigned. */
function portWidth(width: number, signed: boolean, shape: DspShape): number {
  return shape.signedOnly && !signed ? width + 1 : width;
}

/** Slices a `width`-bit operand takes on a `port`-bit port: low slices lose a bit on signed-only ports. */
function slices(width: number, port: number, signedOnly: boolean): number {
  if (width <= port) return 1;
  const low = signedOnly ? port - 1 : port;
  return 1 + Math.ceil((width - port) / low);
}

/**
 * DSP primitives for a wa x wb product: the better of the two orientations of
 * slices(a on port A) * slices(b on port B). 27x18 on DSP48E2: 1; 28x18: 2.
 */
export function dspTiles(aWidth: number, aSigned: boolean, bWidth: number, bSigned: boolean, shape: DspShape): number {
  const a = portWidth(aWidth, aSigned, shape);
  const b = portWidth(bWidth, bSigned, shape);
  const straight = slices(a, shape.a, shape.signedOnly) * slices(b, shape.b, shape.signedOnly);
  const swapped = slices(a, shape.b, shape.signedOnly) * slices(b, shape.a, shape.signedOnly);
  return Math.min(straight, swapped);
}

export interface Operand {
  readonly width: number;
  readonly signed: boolean;
}

/** A product of a variable input by a constant weight raw (rules 1-4). */
export function constantMultiplier(input: Operand, weight: bigint, weightType: Operand, family: Family): MultiplierPlan {
  if (weight === 0n) return { kind: 'none' };
  const digits = csdDigits(weight);
  if (digits === 1) return { kind: 'shift' };
  if (digits <= 3) {
    const magnitudeBits = (weight < 0n ? -weight : weight).toString(2).length;
    return { kind: 'shift_add', adders: digits - 1, width: input.width + magnitudeBits };
  }
  return { kind: 'dsp', tiles: dspTiles(input.width, input.signed, weightType.width, weightType.signed, family.dsp) };
}

/** A product of two variables (rule 4). */
export function variableMultiplier(a: Operand, b: Operand, family: Family): MultiplierPlan {
  const narrow = Math.min(a.width, b.width);
  // Partial products are AND gates folded into the adder LUTs: a 1- or 2-bit operand needs one adder row.
  if (narrow <= 2) return { kind: 'lut_array', adders: 1, width: a.width + b.width };
  return { kind: 'dsp', tiles: dspTiles(a.width, a.signed, b.width, b.signed, family.dsp) };
}

/** LUTs and DSPs of a plan: adders cost one LUT per bit on every family (LUT + carry cell). */
export function multiplierCost(plan: MultiplierPlan): { readonly dsp: number; readonly lut: number } {
  switch (plan.kind) {
    case 'none':
    case 'shift':
      return { dsp: 0, lut: 0 };
    case 'shift_add':
    case 'lut_array':
      return { dsp: 0, lut: plan.adders * plan.width };
    case 'dsp':
      return { dsp: plan.tiles, lut: 0 };
  }
}
