// Canonical signed digits (non-adjacent form): n = sum of sign * 2^shift over the fewest nonzero
// digits, no two adjacent. da4ml decomposes the constant matrix into these digits before it extracts
// common subexpressions (da4ml src/da4ml/cmvm/csd.py); one digit is one term of an adder graph.

export interface SignedDigit {
  readonly shift: number;
  /** +1 or -1. */
  readonly sign: 1 | -1;
}

/** The non-adjacent form of n, least significant digit first (none for 0). */
export function csdDigits(n: bigint): SignedDigit[] {
  const digits: SignedDigit[] = [];
  let rest = n;
  let shift = 0;
  while (rest !== 0n) {
    if ((rest & 1n) === 1n) {
      // rest mod 4 == 3 takes -1 (so the next digit is 0 after the carry), 1 takes +1.
      const sign: 1 | -1 = (rest & 3n) === 3n ? -1 : 1;
      digits.push({ shift, sign });
      rest -= BigInt(sign);
    }
    rest >>= 1n;
    shift += 1;
  }
  return digits;
}
