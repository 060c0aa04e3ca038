import { FixedTypeError } from './errors.js';
import type { OverflowMode, QuantizationMode } from './modes.js';

/**
 * A fixed-point type: ap_fixed<W,I,Q,O,N> (signed), ap_ufixed (unsigned), or the integer types
 * ap_int<W> / ap_uint<W>. Value = raw * 2^-(W-I). I may be negative or larger than W.
 *
 * Integer types (`integer: true`) have I = W. Converting to them follows ap_int's constructor from
 * ap_fixed (ap_fixed_base.h, to_ap_int_base with Cnative): truncation toward zero, then wrap, which is
 * exactly AP_TRN_ZERO with AP_WRAP, so they carry those modes.
 *
 * `spelling` only remembers how the user wrote it ('ap' for ap_fixed<...>, 'hls4ml' for fixed<...>), so
 * that formatFixedType round-trips.
 */
export interface FixedType {
  readonly signed: boolean;
  readonly width: number;
  readonly intBits: number;
  readonly quantization: QuantizationMode;
  readonly overflow: OverflowMode;
  readonly saturationBits: number;
  readonly integer: boolean;
  readonly spelling: 'ap' | 'hls4ml';
}

/** The widest type we accept; ap_fixed's default AP_INT_MAX_W is 1024, we allow more. */
export const maxWidth = 4096;

export interface FixedTypeOptions {
  signed?: boolean;
  quantization?: QuantizationMode;
  overflow?: OverflowMode;
  saturationBits?: number;
  integer?: boolean;
  spelling?: 'ap' | 'hls4ml';
}

/** Builds and validates a type; `what` names it in errors (usually the text the user wrote). */
export function fixedType(width: number, intBits: number, options: FixedTypeOptions = {}, what?: string): FixedType {
  const name = what ?? `fixed type <${width},${intBits}>`;
  if (!Number.isInteger(width) || width < 1 || width > maxWidth) {
    throw new FixedTypeError(`${quote(name)}: width W must be an integer from 1 to ${maxWidth}, not ${width}`);
  }
  if (!Number.isInteger(intBits) || Math.abs(intBits) > 4 * maxWidth) {
    throw new FixedTypeError(`${quote(name)}: integer bits I must be an integer within ±${4 * maxWidth}, not ${intBits}`);
  }
  const signed = options.signed ?? true;
  const overflow = options.overflow ?? 'AP_WRAP';
  const saturationBits = options.saturationBits ?? 0;
  if (!Number.isInteger(saturationBits) || saturationBits < 0 || saturationBits > width) {
    throw new FixedTypeError(`${quote(name)}: saturation bits N must be an integer from 0 to W=${width}, not ${saturationBits}`);
  }
  if (!signed && overflow === 'AP_WRAP_SM') {
    // ap_fixed_base.h report(): "ap_ufixed<...> cannot support AP_WRAP_SM".
    throw new FixedTypeError(`${quote(name)}: AP_WRAP_SM needs a signed type, not an unsigned one`);
  }
  return {
    signed,
    width,
    intBits,
    quantization: options.quantization ?? 'AP_TRN',
    overflow,
    saturationBits,
    integer: options.integer ?? false,
    spelling: options.spelling ?? 'ap',
  };
}

/** ap_int<W> (signed) or ap_uint<W>. */
export function integerType(width: number, signed = true, spelling: 'ap' | 'hls4ml' = 'ap'): FixedType {
  return fixedType(width, width, { signed, quantization: 'AP_TRN_ZERO', overflow: 'AP_WRAP', integer: true, spelling });
}

export function fractionBits(type: FixedType): number {
  return type.width - type.intBits;
}

export function minRaw(type: FixedType): bigint {
  return type.signed ? -(1n << BigInt(type.width - 1)) : 0n;
}

export function maxRaw(type: FixedType): bigint {
  return type.signed ? (1n << BigInt(type.width - 1)) - 1n : (1n << BigInt(type.width)) - 1n;
}

/** Same width, integer bits and signedness (the modes only matter when converting into a type). */
export function sameFormat(a: FixedType, b: FixedType): boolean {
  return a.width === b.width && a.intBits === b.intBits && a.signed === b.signed;
}

export function sameType(a: FixedType, b: FixedType): boolean {
  return (
    sameFormat(a, b) &&
    a.quantization === b.quantization &&
    a.overflow === b.overflow &&
    a.saturationBits === b.saturationBits &&
    a.integer === b.integer
  );
}

function quote(text: string): string {
  return text.startsWith("'") ? text : `'${text}'`;
}
