// QONNX's Quant operator (qonnx.custom_op.general.quant, the semantics in qonnx/custom_op/general/quant.py):
//   y = (clip(round(x / scale + zero_point), min, max) - zero_point) * scale
// with min/max from bitwidth, signed and narrow, and rounding_mode 'ROUND' = numpy.round (half to even).

export interface QuantSpec {
  scale: number;
  zeroPoint: number;
  bits: number;
  signed: boolean;
  narrow: boolean;
}

/** The integer range [min, max] a Quant clips to (quant.py, min_int and max_int). */
export function quantRange({ bits, signed, narrow }: QuantSpec): [number, number] {
  if (signed) return [-(2 ** (bits - 1)) + (narrow ? 1 : 0), 2 ** (bits - 1) - 1];
  return [0, 2 ** bits - 1 - (narrow ? 1 : 0)];
}

/** numpy.round: to nearest, ties to even. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

export function quantize(value: number, spec: QuantSpec): number {
  const [min, max] = quantRange(spec);
  const integer = Math.min(max, Math.max(min, roundHalfEven(value / spec.scale + spec.zeroPoint)));
  return (integer - spec.zeroPoint) * spec.scale;
}

/** The smallest power-of-two scale whose range covers `maxAbs` (as QKeras's po2 'auto' alpha picks). */
export function powerOfTwoScale(maxAbs: number, bits: number, signed: boolean): number {
  const top = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  return 2 ** Math.ceil(Math.log2(Math.max(maxAbs, 2 ** -24) / top));
}
