// QONNX FloatQuant (qonnx src/qonnx/custom_op/general/floatquant.py float_quant, docs/qonnx-custom-ops/
// floatquant_v1.md): x / scale rounded to a minifloat of the given exponent and mantissa bits and
// exponent bias (subnormals included), clamped to +-max_val, times scale. Computed in float32 as the
// reference does on float32 tensors; the exponent from log2(|x| + tiny).
import { elementCount } from '../ir/tensor.js';
import { forEachBroadcast } from '../exec/float-tensor.js';
import { defineLayer, inputAt, inputData } from './layer-definition.js';
import { roundingFunction } from './qonnx-formulas.js';

const TINY_FLOAT32 = 2 ** -126;

/** The largest minifloat: (2 - 2^-m) * 2^(2^e - 1 - bias) (compute_max_val). */
export function minifloatMax(exponentBits: number, mantissaBits: number, exponentBias: number): number {
  return (2 - 2 ** -mantissaBits) * 2 ** (2 ** exponentBits - 1 - exponentBias);
}

export function floatQuant(x: number, scale: number, exponentBits: number, mantissaBits: number, exponentBias: number, maxVal: number, round: (v: number) => number): number {
  const f = Math.fround;
  const scaled = f(x / scale);
  const minScale = 1 - exponentBias - mantissaBits;
  const internal = 2 ** Math.max(Math.floor(f(Math.log2(f(Math.abs(scaled) + TINY_FLOAT32)))) - mantissaBits, minScale);
  const quantized = internal * round(scaled / internal);
  const max = Math.min(minifloatMax(exponentBits, mantissaBits, exponentBias), maxVal);
  return f(Math.min(Math.max(quantized, -max), max) * scale);
}

export const floatQuantLayer = defineLayer({
  kind: 'float_quant',
  infer(layer, inputs, check) {
    const x = inputAt(inputs, 0, 'X', check);
    const names = ['scale', 'exponent_bitwidth', 'mantissa_bitwidth', 'exponent_bias', 'max_val'];
    names.forEach((name, index) => {
      const input = inputAt(inputs, index + 1, name, check);
      if (index > 0 && (!input.value || elementCount(input.shape) !== 1)) check.unsupported(`input ${index + 1} (${name}) must be a constant scalar, not ${input.value ? 'a tensor' : 'computed'}`);
    });
    if (!layer.saturation) check.unsupported('attribute saturation must be 1 (clamping to max_val), not 0');
    return { shape: x.shape, type: { kind: 'float', bits: 32 } };
  },
  compute(layer, inputs, outputShape) {
    const x = inputData(inputs, 0);
    const scale = inputData(inputs, 1);
    const [exponentBits = 0, mantissaBits = 0, exponentBias = 0, maxVal = Infinity] = [2, 3, 4, 5].map((index) => inputData(inputs, index).data[0]);
    const round = roundingFunction(layer.rounding);
    const out = new Float64Array(elementCount(outputShape));
    forEachBroadcast(outputShape, [scale.shape], (index, offsets) => {
      out[index] = floatQuant(x.data[index] ?? 0, scale.data[offsets[0] ?? 0] ?? 1, exponentBits, mantissaBits, exponentBias, maxVal, round);
    });
    return out;
  },
});
