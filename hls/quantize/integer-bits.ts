// Integer bits from profiled ranges: the fewest I for which a signed ap_fixed<W,I> holds every value
// seen, whatever W: -2^(I-1) <= min and max < 2^(I-1). AP_TRN truncates toward minus infinity, so a
// value below 2^(I-1) never rounds up into overflow, and the bound is the same for every fraction width.

/** Smallest e with 2^e > value (value > 0). */
function exponentAbove(value: number): number {
  let exponent = Math.floor(Math.log2(value));
  while (2 ** exponent <= value) exponent++;
  while (exponent > -1074 && 2 ** (exponent - 1) > value) exponent--;
  return exponent;
}

/** Smallest e with 2^e >= value (value > 0). */
function exponentAtLeast(value: number): number {
  let exponent = Math.ceil(Math.log2(value));
  while (2 ** exponent < value) exponent++;
  while (2 ** (exponent - 1) >= value) exponent--;
  return exponent;
}

/** Signed integer bits for values in [min, max]; at least `floor` (1 by default: the sign bit). */
export function signedIntegerBits(min: number, max: number, floor = 1): number {
  let bits = floor;
  if (max > 0) bits = Math.max(bits, exponentAbove(max) + 1);
  if (min < 0) bits = Math.max(bits, exponentAtLeast(-min) + 1);
  return bits;
}
