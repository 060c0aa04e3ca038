// Helpers every layer kind's lowering and reference use: precisions from the configuration ('auto'
// resolved as hls4ml's infer_precision.py does), and doubles to raws as ap_fixed's constructor reads them.
import { fixedType, quantizeTruncated, truncateNumber, fractionBits, type FixedType } from '@ngt/fxp';
import type { LayerConfig, PrecisionSpec } from '../../config/types.js';

/** A precision from the configuration, 'auto' resolved by `infer` (or the model default when it has nothing to say). */
export function resolvePrecision(spec: PrecisionSpec, infer: () => FixedType | null, modelDefault: FixedType): FixedType {
  if (spec !== 'auto') return spec;
  return infer() ?? modelDefault;
}

/** Doubles to raws of `type` as ap_fixed's double constructor; infinities as the value 2^±1024 (ap_fixed_base.h reads their bits that way). */
export function quantizeDouble(x: number, type: FixedType): bigint {
  if (x === Infinity || x === -Infinity) {
    // ap_fixed_base(double): exponent field 0x7ff gives exp = 1024 and mantissa 1.0, i.e. 2^1024.
    const f = fractionBits(type);
    const magnitude = f + 1024 >= 0 ? 1n << BigInt(f + 1024) : 0n;
    return quantizeTruncated({ t: x > 0 ? magnitude : -magnitude, roundBit: false, sticky: false, negative: x < 0 }, type);
  }
  return quantizeTruncated(truncateNumber(x, fractionBits(type)), type);
}

export function quantizeValues(values: ArrayLike<number>, type: FixedType): bigint[] {
  return Array.from({ length: values.length }, (_, i) => quantizeDouble(values[i] ?? 0, type));
}

/** hls4ml's FixedPrecisionType(width, integer, signed) with default modes (AP_TRN, AP_WRAP). */
export function plainFixed(width: number, integer: number, signed: boolean): FixedType {
  return fixedType(width, integer, { signed });
}

/** ceil(log2(n)) as math.ceil(np.log2(n)) in infer_precision.py. */
export function ceilLog2(n: number): number {
  return Math.ceil(Math.log2(n));
}

/**
 * hls4ml's _infer_common_precision (infer_precision.py) for Dense and Conv: the product of input and
 * weight widths grown by ceil(log2(n_ops)), then the bias folded in.
 */
export function inferAccumulator(input: FixedType, weight: FixedType, bias: FixedType | null, nOps: number): FixedType {
  const grow = ceilLog2(nOps);
  let width = weight.width + input.width + grow;
  let integers = weight.intBits + input.intBits + grow;
  let signed = weight.signed || input.signed;
  const frac = width - integers;
  if (bias) {
    integers = Math.max(integers + (bias.signed && !signed ? 1 : 0), bias.intBits + (signed && !bias.signed ? 1 : 0)) + 1;
    width = integers + Math.max(frac, bias.width - bias.intBits);
    signed = signed || bias.signed;
  }
  return plainFixed(width, integers, signed);
}

/**
 * hls4ml's _get_precision_from_constant (infer_precision.py), for an 'auto' param_t: the fewest
 * fraction bits (-31..32) that hold the value, minimal_kif's integer bits, at most 8 bits plus sign.
 */
export function constantPrecision(value: number): FixedType {
  if (value === 0) return fixedType(1, 1, { signed: false });
  let f = -31;
  while (f < 32 && !Number.isInteger(value * 2 ** f)) f += 1;
  const signed = value < 0 ? 1 : 0;
  const integer = Math.ceil(Math.log2(Math.max(value + 2 ** -f, -value)));
  return fixedType(Math.min(signed + integer + f, signed + 8), signed + integer, { signed: signed === 1 });
}

/** The param_t of a parametrized activation (leaky_relu, elu): looked up as 'param', 'auto' from the constant. */
export function paramType(config: LayerConfig, value: number, modelDefault: FixedType): FixedType {
  return resolvePrecision(config.precision('param'), () => constantPrecision(value), modelDefault);
}
