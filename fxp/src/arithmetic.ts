import { Fixed } from './fixed.js';
import { fractionBits, type FixedType } from './fixed-type.js';
import { addType, mulType, negType, subType } from './result-types.js';

// Exact arithmetic in ap_fixed's full-precision result types (result-types.ts): nothing is rounded or
// wrapped; narrowing happens only on an explicit cast.

function aligned(value: Fixed, type: FixedType): bigint {
  return value.raw << BigInt(fractionBits(type) - fractionBits(value.type));
}

export function add(a: Fixed, b: Fixed): Fixed {
  const type = addType(a.type, b.type);
  return Fixed.fromRaw(aligned(a, type) + aligned(b, type), type);
}

export function sub(a: Fixed, b: Fixed): Fixed {
  const type = subType(a.type, b.type);
  return Fixed.fromRaw(aligned(a, type) - aligned(b, type), type);
}

export function mul(a: Fixed, b: Fixed): Fixed {
  return Fixed.fromRaw(a.raw * b.raw, mulType(a.type, b.type));
}

export function neg(a: Fixed): Fixed {
  return Fixed.fromRaw(-a.raw, negType(a.type));
}

/**
 * a << n in a's own type: the bits move and what leaves the top is lost (ap_fixed_base.h operator<<:
 * no quantization or overflow handling). A negative n shifts right.
 */
export function shiftLeft(a: Fixed, n: number): Fixed {
  if (n < 0) return shiftRight(a, -n);
  return Fixed.fromBits(BigInt.asUintN(a.type.width, a.raw << BigInt(n)), a.type);
}

/** a >> n in a's own type: arithmetic shift for signed types, bits below the LSB dropped (floor). */
export function shiftRight(a: Fixed, n: number): Fixed {
  if (n < 0) return shiftLeft(a, -n);
  return Fixed.fromRaw(a.raw >> BigInt(n), a.type);
}

/** -1, 0 or 1 as the exact value of a is below, equal to or above that of b. */
export function compare(a: Fixed, b: Fixed): -1 | 0 | 1 {
  const f = Math.max(fractionBits(a.type), fractionBits(b.type));
  const left = a.raw << BigInt(f - fractionBits(a.type));
  const right = b.raw << BigInt(f - fractionBits(b.type));
  return left < right ? -1 : left > right ? 1 : 0;
}
