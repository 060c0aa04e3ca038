// The QONNX quantizer layers (Quant/IntQuant, BipolarQuant, Trunc): shape and type rules here, the
// arithmetic in qonnx-formulas.ts. Parameters broadcast over X as scalars or per-channel tensors.
import type { QuantParameter, TensorInfo, TensorType } from '../ir/tensor.js';
import { elementCount, formatShape } from '../ir/tensor.js';
import { broadcastShapes, forEachBroadcast } from '../exec/float-tensor.js';
import type { Check } from './layer-definition.js';
import { defineLayer, inputAt, inputData } from './layer-definition.js';
import { bipolarQuant, intQuant, roundingFunction, truncV1, truncV2 } from './qonnx-formulas.js';

/** A parameter's values as per-tensor or per-channel, or null when it is computed or spans several axes. */
function quantParameter(parameter: TensorInfo, rank: number): QuantParameter | null {
  if (!parameter.value) return null;
  const values = Array.from(parameter.value);
  if (values.length === 1) return { values, axis: null };
  const offset = rank - parameter.shape.length;
  const axes = parameter.shape.flatMap((dim, axis) => (dim > 1 ? [axis + offset] : []));
  return axes.length === 1 ? { values, axis: axes[0] ?? null } : null;
}

function checkBroadcast(x: TensorInfo, parameter: TensorInfo, what: string, check: Check): void {
  const shape = broadcastShapes(x.shape, parameter.shape);
  if (!shape || shape.length !== x.shape.length || shape.some((dim, axis) => dim !== x.shape[axis])) {
    check.fail(`${what} must broadcast to the input's shape ${formatShape(x.shape)}, not have shape ${formatShape(parameter.shape)}`);
  }
}

/** A bit width input: a constant scalar holding an integer >= 1 (int64 or float). */
function bitWidthOf(parameter: TensorInfo, what: string, check: Check): number {
  if (!parameter.value) return check.unsupported(`${what} must be a constant, not a computed tensor`);
  const bits = parameter.value[0];
  if (parameter.value.length !== 1 || bits === undefined) return check.unsupported(`${what} must be a scalar, not shape ${formatShape(parameter.shape)}`);
  if (!Number.isInteger(bits) || bits < 1 || bits > 64) return check.fail(`${what} must be an integer in [1, 64], not ${bits}`);
  return bits;
}

function scalarAt(inputs: readonly { data: Float64Array }[], index: number): number {
  return inputs[index]?.data[0] ?? 0;
}

export const quantLayer = defineLayer({
  kind: 'quant',
  infer(layer, inputs, check) {
    const x = inputAt(inputs, 0, 'X', check);
    const scale = inputAt(inputs, 1, 'scale', check);
    const zeroPoint = inputAt(inputs, 2, 'zero point', check);
    const bitWidth = bitWidthOf(inputAt(inputs, 3, 'bit width', check), 'input 3 (bit width)', check);
    checkBroadcast(x, scale, 'input 1 (scale)', check);
    checkBroadcast(x, zeroPoint, 'input 2 (zero point)', check);
    const scaleParameter = quantParameter(scale, x.shape.length);
    const zeroParameter = quantParameter(zeroPoint, x.shape.length);
    const type: TensorType =
      scaleParameter && zeroParameter
        ? { kind: 'quantized', bitWidth, signed: layer.signed, narrow: layer.narrow, rounding: layer.rounding, scale: scaleParameter, zeroPoint: zeroParameter }
        : { kind: 'float', bits: 32 };
    return { shape: x.shape, type };
  },
  compute(layer, inputs, outputShape) {
    const x = inputData(inputs, 0);
    const scale = inputData(inputs, 1);
    const zeroPoint = inputData(inputs, 2);
    const bitWidth = scalarAt(inputs, 3);
    const settings = { signed: layer.signed, narrow: layer.narrow, round: roundingFunction(layer.rounding) };
    const out = new Float64Array(elementCount(outputShape));
    forEachBroadcast(outputShape, [scale.shape, zeroPoint.shape], (index, offsets) => {
      out[index] = intQuant(x.data[index] ?? 0, scale.data[offsets[0] ?? 0] ?? 0, zeroPoint.data[offsets[1] ?? 0] ?? 0, bitWidth, settings);
    });
    return out;
  },
});

export const bipolarQuantLayer = defineLayer({
  kind: 'bipolar_quant',
  infer(_layer, inputs, check) {
    const x = inputAt(inputs, 0, 'X', check);
    const scale = inputAt(inputs, 1, 'scale', check);
    checkBroadcast(x, scale, 'input 1 (scale)', check);
    const scaleParameter = quantParameter(scale, x.shape.length);
    return { shape: x.shape, type: scaleParameter ? { kind: 'bipolar', scale: scaleParameter } : { kind: 'float', bits: 32 } };
  },
  compute(_layer, inputs, outputShape) {
    const x = inputData(inputs, 0);
    const scale = inputData(inputs, 1);
    const out = new Float64Array(elementCount(outputShape));
    forEachBroadcast(outputShape, [scale.shape], (index, offsets) => {
      out[index] = bipolarQuant(x.data[index] ?? 0, scale.data[offsets[0] ?? 0] ?? 0);
    });
    return out;
  },
});

export const truncLayer = defineLayer({
  kind: 'trunc',
  infer(layer, inputs, check) {
    const x = inputAt(inputs, 0, 'X', check);
    const scale = inputAt(inputs, 1, 'scale', check);
    const zeroPoint = inputAt(inputs, 2, 'zero point', check);
    checkBroadcast(x, scale, 'input 1 (scale)', check);
    checkBroadcast(x, zeroPoint, 'input 2 (zero point)', check);
    bitWidthOf(inputAt(inputs, 3, 'input bit width', check), 'input 3 (input bit width)', check);
    if (layer.version === 2) {
      const outputScale = inputAt(inputs, 4, 'output scale', check);
      checkBroadcast(x, outputScale, 'input 4 (output scale)', check);
    }
    const outputIndex = layer.version === 1 ? 4 : 5;
    const outputBits = bitWidthOf(inputAt(inputs, outputIndex, 'output bit width', check), `input ${outputIndex} (output bit width)`, check);
    const outScale = quantParameter(inputAt(inputs, layer.version === 1 ? 1 : 4, 'output scale', check), x.shape.length);
    const zero = quantParameter(zeroPoint, x.shape.length);
    const unitZero = zero !== null && zero.values.every((value) => value === 0);
    const type: TensorType =
      outScale && unitZero && layer.version === 2
        ? { kind: 'quantized', bitWidth: outputBits, signed: layer.signed, narrow: layer.narrow, rounding: layer.rounding, scale: outScale, zeroPoint: zero }
        : { kind: 'float', bits: 32 };
    return { shape: x.shape, type };
  },
  compute(layer, inputs, outputShape) {
    const x = inputData(inputs, 0);
    const scale = inputData(inputs, 1);
    const zeroPoint = inputData(inputs, 2);
    const inputBits = scalarAt(inputs, 3);
    const round = roundingFunction(layer.rounding);
    const out = new Float64Array(elementCount(outputShape));
    if (layer.version === 1) {
      const outputBits = scalarAt(inputs, 4);
      forEachBroadcast(outputShape, [scale.shape, zeroPoint.shape], (index, offsets) => {
        out[index] = truncV1(x.data[index] ?? 0, scale.data[offsets[0] ?? 0] ?? 0, zeroPoint.data[offsets[1] ?? 0] ?? 0, inputBits, outputBits, round);
      });
      return out;
    }
    const outputScale = inputData(inputs, 4);
    const outputBits = scalarAt(inputs, 5);
    const settings = { signed: layer.signed, narrow: layer.narrow, round };
    forEachBroadcast(outputShape, [scale.shape, zeroPoint.shape, outputScale.shape], (index, offsets) => {
      out[index] = truncV2(
        x.data[index] ?? 0,
        scale.data[offsets[0] ?? 0] ?? 0,
        zeroPoint.data[offsets[1] ?? 0] ?? 0,
        outputScale.data[offsets[2] ?? 0] ?? 0,
        outputBits,
        settings,
      );
    });
    return out;
  },
});
