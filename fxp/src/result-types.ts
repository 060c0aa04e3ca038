import { fixedType, fractionBits, type FixedType } from './fixed-type.js';

// Full-precision result types of ap_fixed arithmetic (ap_fixed_base.h, struct RType). Results carry
// the default modes (AP_TRN, AP_WRAP): they are exact, so modes only matter when cast further.
// An unsigned operand meeting a signed one counts one extra integer bit, so it fits in the signed result.

function alignedIntBits(a: FixedType, b: FixedType): number {
  return Math.max(a.intBits + (b.signed && !a.signed ? 1 : 0), b.intBits + (a.signed && !b.signed ? 1 : 0));
}

function result(width: number, intBits: number, signed: boolean, a: FixedType, b: FixedType): FixedType {
  const integer = a.integer && b.integer;
  return fixedType(width, intBits, {
    signed,
    integer,
    quantization: integer ? 'AP_TRN_ZERO' : 'AP_TRN',
    spelling: a.spelling,
  });
}

/** a + b: integer bits max(I1, I2) + 1, fraction bits max(F1, F2), signed if either is. */
export function addType(a: FixedType, b: FixedType): FixedType {
  const intBits = alignedIntBits(a, b) + 1;
  return result(intBits + Math.max(fractionBits(a), fractionBits(b)), intBits, a.signed || b.signed, a, b);
}

/** a - b: as a + b, but always signed (RType::minus_s = true), so 0u - 1u is -1. */
export function subType(a: FixedType, b: FixedType): FixedType {
  const intBits = alignedIntBits(a, b) + 1;
  return result(intBits + Math.max(fractionBits(a), fractionBits(b)), intBits, true, a, b);
}

/** a * b: W1 + W2 bits, I1 + I2 integer bits, signed if either is. */
export function mulType(a: FixedType, b: FixedType): FixedType {
  return result(a.width + b.width, a.intBits + b.intBits, a.signed || b.signed, a, b);
}

/** -a: ap_fixed_base<W + 1, I + 1, true> (operator-()). */
export function negType(a: FixedType): FixedType {
  return result(a.width + 1, a.intBits + 1, true, a, a);
}
