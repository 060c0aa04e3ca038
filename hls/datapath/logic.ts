// LUT and delay costs of the small logic every layer is made of. One LUT per result bit for anything
// on a carry chain holds on all four families: Xilinx LUT6 + CARRY4/CARRY8, ECP5 LUT4 pairs in CCU2C,
// iCE40 SB_LUT4 + SB_CARRY. Muxes and bit-wise gates pack denser on 6-input LUTs.
import type { FixedType } from '@ngt/fxp';
import type { Family } from '../parts/families.js';

/** An adder or subtractor of `width` result bits: one LUT per bit. */
export function adderLuts(width: number): number {
  return width;
}

/** a < b, a == max(a, b) and friends: a subtractor's carry chain without the sum bits. */
export function comparatorLuts(width: number, family: Family): number {
  // A LUT6 compares 2 bit pairs into one carry cell input; a LUT4 one pair.
  return family.lutInputs === 6 ? Math.ceil(width / 2) : width;
}

/** An n:1 multiplexer of `width` bits. LUT6: a 4:1 mux per LUT; LUT4: a 2:1 mux per LUT. */
export function muxLuts(inputs: number, width: number, family: Family): number {
  if (inputs <= 1) return 0;
  const perLut = family.lutInputs === 6 ? 3 : 1;
  return width * Math.ceil((inputs - 1) / perLut);
}

/** Delay of one carry-chain operation of `width` bits, with the routing into it. */
export function carryDelayNs(width: number, family: Family): number {
  const t = family.timing;
  return t.routeNs + t.carryEntryNs + t.carryPerBitNs * width;
}

/** Delay of one level of LUT logic with the routing into it. */
export function lutLevelNs(family: Family): number {
  return family.timing.routeNs + family.timing.lutNs;
}

/**
 * The cast from an exact intermediate to `to` (ap_fixed semantics): truncation and wrapping are wiring;
 * a rounding mode adds an incrementer of the result width; a saturating mode adds an overflow detect
 * (a comparator over the dropped high bits) and a 2:1 mux of the result width.
 */
export function castLuts(from: FixedType, to: FixedType, family: Family): number {
  const droppedFraction = from.width - from.intBits - (to.width - to.intBits);
  const droppedInteger = from.intBits - to.intBits;
  let luts = 0;
  if (droppedFraction > 0 && to.quantization !== 'AP_TRN') luts += adderLuts(to.width);
  if (droppedInteger > 0 && to.overflow !== 'AP_WRAP') luts += comparatorLuts(droppedInteger + 1, family) + muxLuts(2, to.width, family);
  return luts;
}

/** Delay of that cast: an incrementer, then overflow detect and mux. */
export function castDelayNs(from: FixedType, to: FixedType, family: Family): number {
  const droppedFraction = from.width - from.intBits - (to.width - to.intBits);
  const droppedInteger = from.intBits - to.intBits;
  let delay = 0;
  if (droppedFraction > 0 && to.quantization !== 'AP_TRN') delay += carryDelayNs(to.width, family);
  if (droppedInteger > 0 && to.overflow !== 'AP_WRAP') delay += lutLevelNs(family) * 2;
  return delay;
}
