// The values a fixed-point type can hold, and whether a profiled tensor fits: hls4ml's profiling
// draws each type as the band [2^-F, 2^(I-1)] (2^I unsigned) over the |x| distributions
// (hls4ml/model/profiling.py types_hlsmodel / activation_types_hlsmodel); we give the same exponents
// and the exact representable min and max.
import { formatFixedType, fractionBits, type FixedType } from '@ngt/fxp';
import { countBelow, type ValueStats } from './value-stats.js';

export interface TypeRange {
  readonly type: string;
  readonly min: number;
  readonly max: number;
  /** One unit in the last place, 2^-F. */
  readonly lsb: number;
  /** hls4ml's band exponents: low -F, high I-1 (signed) or I (unsigned). */
  readonly log2Low: number;
  readonly log2High: number;
}

/** 'overflow': some value lies outside the type; 'unresolved': the type is 'auto' (decided by precision inference). */
export type RangeStatus = 'ok' | 'overflow' | 'unresolved';

export function typeRange(type: FixedType): TypeRange {
  const fraction = fractionBits(type);
  const lsb = 2 ** -fraction;
  const magnitudeBits = type.signed ? type.width - 1 : type.width;
  const max = (2 ** magnitudeBits - 1) * lsb;
  const min = type.signed ? -(2 ** magnitudeBits) * lsb : 0;
  return { type: formatFixedType(type), min, max, lsb, log2Low: -fraction, log2High: type.signed ? type.intBits - 1 : type.intBits };
}

export interface RangeCheck {
  readonly status: RangeStatus;
  /** Non-zero values with |x| below 2^-F: they become 0 or ±lsb (loss of precision, reported as a count). */
  readonly belowResolution: number;
}

export function checkRange(stats: ValueStats, range: TypeRange | null): RangeCheck {
  if (range === null) return { status: 'unresolved', belowResolution: 0 };
  const outOfRange = stats.count > 0 && (stats.min < range.min || stats.max > range.max);
  return { status: outOfRange ? 'overflow' : 'ok', belowResolution: countBelow(stats, range.log2Low) };
}
