// Small exact helpers on raws that several layer kinds share.
import { fixedType, fractionBits, type FixedType } from '@ngt/fxp';

/** C++ integer division (truncation toward zero). */
export function truncatingDivide(numerator: bigint, denominator: bigint): bigint {
  return numerator / denominator;
}

/**
 * `int idx = x * N / D;` for an ap_fixed x (nnet_activation.h table indices): x * N is exact, the
 * ap_fixed division by an int keeps x's fraction bits and truncates toward zero (ap_fixed_base.h
 * operator/, sdiv), and the conversion to int truncates toward zero again.
 */
export function tableIndexBase(raw: bigint, type: FixedType, multiplier: number, divisor: number): bigint {
  const f = fractionBits(type);
  const quotient = truncatingDivide(raw * BigInt(multiplier), BigInt(divisor));
  return f >= 0 ? truncatingDivide(quotient, 1n << BigInt(f)) : quotient << BigInt(-f);
}

/** The same in JavaScript numbers (exact while |raw * multiplier| < 2^53). */
export function tableIndexBaseSource(raw: string, type: FixedType, multiplier: number, divisor: number): string {
  const f = fractionBits(type);
  const quotient = `Math.trunc((${raw} * ${multiplier}) / ${divisor})`;
  return f >= 0 ? `Math.trunc(${quotient} / ${2 ** f})` : `(${quotient} * ${2 ** -f})`;
}

/** A type that holds every one of these doubles exactly (for constants compared against data). */
export function exactTypeFor(values: readonly number[]): FixedType {
  let fraction = 0;
  let magnitude = 1;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    while (fraction < 1100 && !Number.isInteger(value * 2 ** fraction)) fraction += 1;
    magnitude = Math.max(magnitude, Math.abs(value));
  }
  const intBits = Math.ceil(Math.log2(magnitude + 1)) + 1;
  return fixedType(intBits + fraction, intBits);
}

/** nnet_common.h ceillog2: (x <= 2) ? 1 : 1 + ceillog2((x + 1) / 2). */
export function hlsCeilLog2(x: number): number {
  return x <= 2 ? 1 : 1 + hlsCeilLog2(Math.floor((x + 1) / 2));
}

/** The raw pattern `index` placed in the top `bits` bits of `type`, read with its signedness (ap_fixed range assignment). */
export function topBitsValue(index: number, bits: number, type: FixedType): bigint {
  const pattern = BigInt(index) << BigInt(type.width - bits);
  return type.signed ? BigInt.asIntN(type.width, pattern) : pattern;
}

/** The top `bits` bits of a raw's two's complement pattern, as an unsigned index (ap_fixed range read). */
export function topBitsIndex(raw: bigint, bits: number, type: FixedType): number {
  return Number(BigInt.asUintN(bits, BigInt.asUintN(type.width, raw) >> BigInt(type.width - bits)));
}
