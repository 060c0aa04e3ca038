// ONNX QuantizeLinear / DequantizeLinear with per-tensor (scalar) or per-axis (1-D) scale and zero
// point. Quantize rounds half to even and saturates to the output integer type, as onnx's reference.
import type { TensorInfo } from '../ir/tensor.js';
import { formatShape, stridesOf } from '../ir/tensor.js';
import type { Check } from './layer-definition.js';
import { defineLayer, inputAt, inputData, normalizeAxis } from './layer-definition.js';
import type { FloatTensor } from '../exec/float-tensor.js';
import { roundHalfEven } from './qonnx-formulas.js';

function checkParameters(x: TensorInfo, inputs: readonly TensorInfo[], axis: number, check: Check): void {
  const channels = x.shape[normalizeAxis(axis, x.shape.length, 'attribute axis', check)] ?? 0;
  for (const index of [1, 2]) {
    const parameter = inputs[index];
    if (!parameter) continue;
    const count = parameter.shape.reduce((a, b) => a * b, 1);
    if (!(parameter.shape.length === 0 || count === 1 || (parameter.shape.length === 1 && count === channels))) {
      check.unsupported(`input ${index} must be a scalar or have shape [${channels}] (axis ${axis}), not ${formatShape(parameter.shape)}`);
    }
  }
}

/** The per-element channel index for per-axis parameters (0 for scalars). */
function channelOf(x: FloatTensor, axis: number): (index: number) => number {
  const normalized = axis < 0 ? axis + x.shape.length : axis;
  const stride = stridesOf(x.shape)[normalized] ?? 1;
  const size = x.shape[normalized] ?? 1;
  return (index) => Math.floor(index / stride) % size;
}

function parameter(tensor: FloatTensor | undefined, channel: number): number {
  if (!tensor) return 0;
  return tensor.data.length === 1 ? (tensor.data[0] ?? 0) : (tensor.data[channel] ?? 0);
}

export const quantizeLinearLayer = defineLayer({
  kind: 'quantize_linear',
  infer(layer, inputs, check) {
    const x = inputAt(inputs, 0, 'X', check);
    inputAt(inputs, 1, 'scale', check);
    checkParameters(x, inputs, layer.axis, check);
    return { shape: x.shape, type: { kind: 'int', bits: layer.bits, signed: layer.signed } };
  },
  compute(layer, inputs) {
    const x = inputData(inputs, 0);
    const scale = inputData(inputs, 1);
    const zeroPoint = inputs[2];
    const channel = channelOf(x, layer.axis);
    const min = layer.signed ? -(2 ** (layer.bits - 1)) : 0;
    const max = layer.signed ? 2 ** (layer.bits - 1) - 1 : 2 ** layer.bits - 1;
    const out = new Float64Array(x.data.length);
    for (let i = 0; i < out.length; i++) {
      const c = channel(i);
      const q = roundHalfEven((x.data[i] ?? 0) / parameter(scale, c)) + parameter(zeroPoint, c);
      out[i] = Math.min(max, Math.max(min, q));
    }
    return out;
  },
});

export const dequantizeLinearLayer = defineLayer({
  kind: 'dequantize_linear',
  infer(layer, inputs, check) {
    const x = inputAt(inputs, 0, 'X', check);
    inputAt(inputs, 1, 'scale', check);
    checkParameters(x, inputs, layer.axis, check);
    return { shape: x.shape, type: { kind: 'float', bits: 32 } };
  },
  compute(layer, inputs) {
    const x = inputData(inputs, 0);
    const scale = inputData(inputs, 1);
    const zeroPoint = inputs[2];
    const channel = channelOf(x, layer.axis);
    const out = new Float64Array(x.data.length);
    for (let i = 0; i < out.length; i++) {
      const c = channel(i);
      out[i] = ((x.data[i] ?? 0) - parameter(zeroPoint, c)) * parameter(scale, c);
    }
    return out;
  },
});
