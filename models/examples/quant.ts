// Quantizer settings for the QONNX example: power-of-two scales, zero point 0, rounding_mode 'ROUND',
// as QKeras quantized_bits/quantized_relu export through qonnx. The arithmetic is the importer's own
// (layers/qonnx-formulas.ts, after qonnx's intquant.py), so the example and the executor agree by construction.
import { intQuant, roundHalfEven } from '../layers/qonnx-formulas.js';

export interface QuantSpec {
  scale: number;
  zeroPoint: number;
  bits: number;
  signed: boolean;
  narrow: boolean;
}

/** QONNX Quant with rounding_mode 'ROUND': (clip(round(x / scale + zero_point)) - zero_point) * scale. */
export function quantize(value: number, spec: QuantSpec): number {
  return intQuant(value, spec.scale, spec.zeroPoint, spec.bits, { signed: spec.signed, narrow: spec.narrow, round: roundHalfEven });
}

/** The smallest power-of-two scale whose integer range covers `maxAbs` (QKeras's po2 'auto' alpha). */
export function powerOfTwoScale(maxAbs: number, bits: number, signed: boolean): number {
  const top = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  return 2 ** Math.ceil(Math.log2(Math.max(maxAbs, 2 ** -24) / top));
}
