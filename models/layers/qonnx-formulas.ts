// QONNX quantizer arithmetic, element by element, in float64. Our own code after the definitions in
// fastmachinelearning/qonnx: src/qonnx/custom_op/general/intquant.py (int_quant, min_int, max_int,
// resolve_rounding_mode; quant.py re-exports them), bipolar_quant.py (binary_quant) and trunc.py, and
// docs/qonnx-custom-ops/intquant_v1.md (the rounding-mode table), trunc_v1.md and trunc_v2.md.
import type { RoundingMode } from '../ir/tensor.js';

export const ROUNDING_MODES: readonly RoundingMode[] = ['ROUND', 'CEIL', 'FLOOR', 'UP', 'DOWN', 'HALF_UP', 'HALF_DOWN', 'ROUND_TO_ZERO'];

/** numpy.round: to nearest, ties to even. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor; // exact for doubles
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Ties away from zero (HALF_UP) or toward zero (HALF_DOWN), on the magnitude. */
function roundHalf(x: number, awayOnTie: boolean): number {
  const magnitude = Math.abs(x);
  const floor = Math.floor(magnitude);
  const fraction = magnitude - floor;
  const rounded = fraction > 0.5 || (fraction === 0.5 && awayOnTie) ? floor + 1 : floor;
  return x < 0 ? -rounded : rounded;
}

export function roundingFunction(mode: RoundingMode): (x: number) => number {
  switch (mode) {
    case 'ROUND':
      return roundHalfEven;
    case 'CEIL':
      return Math.ceil;
    case 'FLOOR':
      return Math.floor;
    case 'UP':
      return (x) => (x < 0 ? -Math.ceil(-x) : Math.ceil(x));
    case 'DOWN':
    case 'ROUND_TO_ZERO':
      return Math.trunc;
    case 'HALF_UP':
      return (x) => roundHalf(x, true);
    case 'HALF_DOWN':
      return (x) => roundHalf(x, false);
  }
}

/** intquant.py min_int. */
export function minInt(signed: boolean, narrow: boolean, bitWidth: number): number {
  if (!signed) return 0;
  return narrow ? -(2 ** (bitWidth - 1)) + 1 : -(2 ** (bitWidth - 1));
}

/** intquant.py max_int (narrow also lowers the unsigned maximum by one, as there). */
export function maxInt(signed: boolean, narrow: boolean, bitWidth: number): number {
  if (signed) return 2 ** (bitWidth - 1) - 1;
  return narrow ? 2 ** bitWidth - 2 : 2 ** bitWidth - 1;
}

export interface IntQuantSettings {
  readonly signed: boolean;
  readonly narrow: boolean;
  readonly round: (x: number) => number;
}

/**
 * intquant.py int_quant: y = x / scale + zeropt; clamp to [min_int, max_int], then round (the clamp
 * comes first); out = (y - zeropt) * scale. A signed 1-bit quantizer is bipolar: y >= 0 -> 1, else -1.
 */
export function intQuant(x: number, scale: number, zeroPoint: number, bitWidth: number, settings: IntQuantSettings): number {
  let y = x / scale + zeroPoint;
  if (bitWidth === 1 && settings.signed) {
    y = y >= 0 ? 1 : -1;
  } else {
    const min = minInt(settings.signed, settings.narrow, bitWidth);
    const max = maxInt(settings.signed, settings.narrow, bitWidth);
    y = settings.round(y > max ? max : y < min ? min : y);
  }
  return (y - zeroPoint) * scale;
}

/** bipolar_quant.py binary_quant: +scale where x >= 0, else -scale. */
export function bipolarQuant(x: number, scale: number): number {
  return (x >= 0 ? 1 : -1) * scale;
}

/**
 * Trunc version 1 (docs/qonnx-custom-ops/trunc_v1.md): y = round_half_even(x / scale + zeropt);
 * y = rounding(y / 2^(in_bits - out_bits)); out = (y - zeropt) * scale.
 */
export function truncV1(x: number, scale: number, zeroPoint: number, inputBits: number, outputBits: number, round: (x: number) => number): number {
  let y = roundHalfEven(x / scale + zeroPoint);
  y = round(y / 2 ** (inputBits - outputBits));
  return (y - zeroPoint) * scale;
}

/**
 * Trunc version 2 (trunc.py, trunc_v2.md): y = round_half_even(x / scale + zeropt); divide by
 * 2^round(log2(out_scale / scale)); clamp to the output bit width's range, then round;
 * out = (y - zeropt / trunc_scale) * out_scale.
 */
export function truncV2(
  x: number,
  scale: number,
  zeroPoint: number,
  outputScale: number,
  outputBits: number,
  settings: IntQuantSettings,
): number {
  const truncScale = 2 ** roundHalfEven(Math.log2(outputScale / scale));
  let y = roundHalfEven(x / scale + zeroPoint) / truncScale;
  const min = minInt(settings.signed, settings.narrow, outputBits);
  const max = maxInt(settings.signed, settings.narrow, outputBits);
  y = settings.round(y > max ? max : y < min ? min : y);
  return (y - zeroPoint / truncScale) * outputScale;
}
