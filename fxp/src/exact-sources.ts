import Big from 'big.js';
import { FixedValueError } from './errors.js';
import { truncateRaw, type Truncated } from './quantize-core.js';

const float64 = new Float64Array(1);
const bits64 = new BigUint64Array(float64.buffer);

/**
 * A finite double as an exact raw integer and fraction bits: x = raw * 2^-fractionBits. This is the
 * exact binary value ap_fixed's double constructor starts from (ap_fixed_base.h). Subnormals take
 * their true value (ap_fixed's constructor mis-reads them, but they only matter below 2^-1022).
 */
export function decomposeDouble(x: number, what = 'value'): { raw: bigint; fractionBits: number } {
  if (!Number.isFinite(x)) {
    throw new FixedValueError(`${what} must be a finite number to become fixed-point, not ${x}`);
  }
  float64[0] = x;
  const bits = bits64[0] ?? 0n;
  const exponentField = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  if (exponentField !== 0) mantissa |= 1n << 52n;
  const raw = bits >> 63n === 1n ? -mantissa : mantissa;
  // value = mantissa * 2^(e - 1075) for normals, mantissa * 2^-1074 for subnormals.
  return { raw, fractionBits: exponentField === 0 ? 1074 : 1075 - exponentField };
}

export function truncateNumber(x: number, toFractionBits: number, what?: string): Truncated {
  const { raw, fractionBits } = decomposeDouble(x, what);
  return truncateRaw(raw, fractionBits, toFractionBits);
}

/**
 * A decimal string as an exact rational digits * 10^exponent, parsed by big.js (so '1e-3', '+.5' and
 * '-0' are accepted as big.js accepts them).
 */
export function parseDecimal(text: string): { digits: bigint; exponent: number } {
  let value: Big;
  try {
    value = new Big(text.trim());
  } catch {
    throw new FixedValueError(`'${text}' must be a decimal number such as '-0.125' or '1e-3'`);
  }
  const digits = BigInt(value.c.join('')) * BigInt(value.s);
  return { digits, exponent: value.e - (value.c.length - 1) };
}

/** floor(x * 2^F) with round and sticky bits, for x an exact decimal (no detour through a double). */
export function truncateDecimal(text: string, toFractionBits: number): Truncated {
  const { digits, exponent } = parseDecimal(text);
  // x * 2^F = numerator / denominator, both integers.
  let numerator = digits;
  let denominator = 1n;
  if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator = 10n ** BigInt(-exponent);
  if (toFractionBits >= 0) numerator <<= BigInt(toFractionBits);
  else denominator <<= BigInt(-toFractionBits);
  let t = numerator / denominator; // truncates toward zero
  let rest = numerator - t * denominator;
  if (rest < 0n) {
    t -= 1n;
    rest += denominator;
  }
  const twice = 2n * rest;
  return { t, roundBit: twice >= denominator, sticky: twice !== 0n && twice !== denominator, negative: digits < 0n };
}
