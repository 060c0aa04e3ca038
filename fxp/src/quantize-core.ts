import { fractionBits, maxRaw, minRaw, type FixedType } from './fixed-type.js';
import type { QuantizationMode } from './modes.js';

/**
 * What converting an exact value x into a type needs to know, relative to the type's LSB:
 *   t = floor(x * 2^F)    (two's complement, unbounded)
 *   roundBit: the bit just below the LSB; sticky: whether any bit below that is set;
 *   negative: x < 0.
 * Every source (a double, a decimal string, a raw value of another type) reduces to this.
 */
export interface Truncated {
  readonly t: bigint;
  readonly roundBit: boolean;
  readonly sticky: boolean;
  readonly negative: boolean;
}

/**
 * ap_fixed_base.h quantization_adjust: whether to add one LSB to the truncated value. AP_TRN is floor;
 * the others look at the round bit, the sticky bits, the sign and (AP_RND_CONV) the LSB.
 */
export function roundsUp(mode: QuantizationMode, roundBit: boolean, sticky: boolean, negative: boolean, odd: boolean): boolean {
  switch (mode) {
    case 'AP_TRN':
      return false;
    case 'AP_TRN_ZERO':
      return negative && (roundBit || sticky);
    case 'AP_RND':
      return roundBit;
    case 'AP_RND_ZERO':
      return roundBit && (negative || sticky);
    case 'AP_RND_MIN_INF':
      return roundBit && sticky;
    case 'AP_RND_INF':
      return roundBit && (!negative || sticky);
    case 'AP_RND_CONV':
      return roundBit && (odd || sticky);
  }
}

/**
 * The raw integer of `type` that ap_fixed produces for the exact source described by `source`.
 *
 * Mirrors ap_fixed_base.h (operator= from another ap_fixed_base, and the double constructor): quantize,
 * then detect overflow, then overflow_adjust. Their bit-level overflow detection (deleted_zeros,
 * deleted_ones, carry, neg_src) amounts to: q = t + roundsUp(...) lies outside the type's range, with
 * neg_src = q < 0; AP_SAT_SYM also treats q == min as an underflow. The adjustment itself is bitwise
 * and mirrored bit for bit (AP_WRAP with N saturation bits, AP_WRAP_SM), using lD = bit W of t.
 */
/** Sees every quantization (the type, and whether the value overflowed it), or null: see observeCasts. */
let castObserver: ((type: FixedType, overflowed: boolean) => void) | null = null;

/**
 * Installs `observer` for every cast made through quantizeTruncated (castRaw, quantizeDouble, ...) until
 * it is removed with null: the bigint interpreter counts overflows per layer and variable with it.
 */
export function observeCasts(observer: ((type: FixedType, overflowed: boolean) => void) | null): void {
  castObserver = observer;
}

export function quantizeTruncated(source: Truncated, type: FixedType): bigint {
  const { t, roundBit, sticky, negative } = source;
  const q = roundsUp(type.quantization, roundBit, sticky, negative, (t & 1n) === 1n) ? t + 1n : t;
  const min = minRaw(type);
  const max = maxRaw(type);
  const symmetricMin = type.overflow === 'AP_SAT_SYM' && type.signed && q === min;
  const inRange = q >= min && q <= max && !symmetricMin;
  if (castObserver) castObserver(type, !inRange);
  if (inRange) return q;
  if (type.overflow === 'AP_WRAP' && type.saturationBits === 0) return fromPattern(wrapPattern(q, type.width), type);
  return fromPattern(overflowAdjust(q, t, type), type);
}

/** ap_fixed_base.h overflow_adjust, on the W-bit pattern of q; called only on overflow or underflow. */
function overflowAdjust(q: bigint, t: bigint, type: FixedType): bigint {
  const width = type.width;
  const n = type.saturationBits;
  const overflow = q > maxRaw(type);
  const sign = q < 0n; // neg_src
  const lD = ((t >> BigInt(width)) & 1n) === 1n; // the deleted bit just above the MSB, before rounding
  const all = (1n << BigInt(width)) - 1n;
  let v = wrapPattern(q, width);
  switch (type.overflow) {
    case 'AP_WRAP': {
      if (type.signed) {
        v = setBit(v, width - 1, sign);
        if (n > 1) v = setRange(v, width - n, width - 2, !sign);
      } else {
        // Unsigned AP_WRAP sets the N MSBs to ones whatever the sign (as ap_fixed_base.h does).
        v = setRange(v, width - n, width - 1, true);
      }
      return v;
    }
    case 'AP_SAT_ZERO':
      return 0n;
    case 'AP_WRAP_SM': {
      const ro = bit(v, width - 1);
      if (n === 0) {
        if (lD !== ro) v = setBit(v ^ all, width - 1, lD);
        return v;
      }
      if (n === 1) {
        if (sign !== ro) v ^= all;
      } else {
        if (bit(v, width - n) === sign) v ^= all;
        v = setRange(v, width - n, width - 2, !sign);
      }
      return setBit(v, width - 1, sign);
    }
    case 'AP_SAT':
    case 'AP_SAT_SYM': {
      if (type.signed) {
        const msb = 1n << BigInt(width - 1);
        if (overflow) return msb - 1n;
        return type.overflow === 'AP_SAT_SYM' ? msb | 1n : msb;
      }
      return overflow ? all : 0n;
    }
  }
}

/** q mod 2^W as an unsigned W-bit pattern. */
export function wrapPattern(q: bigint, width: number): bigint {
  return BigInt.asUintN(width, q);
}

/** The raw value of a W-bit pattern: two's complement when the type is signed. */
export function fromPattern(pattern: bigint, type: FixedType): bigint {
  return type.signed ? BigInt.asIntN(type.width, pattern) : pattern;
}

function bit(v: bigint, index: number): boolean {
  return ((v >> BigInt(index)) & 1n) === 1n;
}

function setBit(v: bigint, index: number, value: boolean): bigint {
  const mask = 1n << BigInt(index);
  return value ? v | mask : v & ~mask;
}

/** Sets bits low..high (inclusive) to all ones or all zeros; an empty range changes nothing. */
function setRange(v: bigint, low: number, high: number, ones: boolean): bigint {
  if (high < low) return v;
  const mask = ((1n << BigInt(high - low + 1)) - 1n) << BigInt(low);
  return ones ? v | mask : v & ~mask;
}

/** Truncation of a raw value with `from` fraction bits to `to` fraction bits. */
export function truncateRaw(raw: bigint, from: number, to: number): Truncated {
  const shift = from - to;
  const negative = raw < 0n;
  if (shift <= 0) return { t: raw << BigInt(-shift), roundBit: false, sticky: false, negative };
  const t = raw >> BigInt(shift);
  const rest = raw - (t << BigInt(shift)); // in [0, 2^shift)
  const half = 1n << BigInt(shift - 1);
  return { t, roundBit: rest >= half, sticky: rest !== 0n && rest !== half, negative };
}

/** Converts a raw value of type `from` into type `to` (C++: `to_t y = x;`). */
export function castRaw(raw: bigint, from: FixedType, to: FixedType): bigint {
  return quantizeTruncated(truncateRaw(raw, fractionBits(from), fractionBits(to)), to);
}
