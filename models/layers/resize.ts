// Nearest-neighbour Resize / Upsample (onnx/defs/tensor/defs.cc Resize, opsets 10-19; the reference's
// nearest coordinates): each output coordinate maps back to an input coordinate through the
// coordinate transformation, is rounded by the nearest mode and clamped into the input. onnxruntime
// computes the transformation in float32 (upsamplebase.h), and so does this.
import { elementCount, formatShape, stridesOf } from '../ir/tensor.js';
import type { LayerOf } from '../ir/layer.js';
import { defineLayer, inputAt, inputData } from './layer-definition.js';

export type CoordinateMode = 'half_pixel' | 'half_pixel_symmetric' | 'pytorch_half_pixel' | 'align_corners' | 'asymmetric' | 'tf_half_pixel_for_nn';
/** 'simple' is Resize-10 / Upsample's: floor when upsampling, ceil when downsampling (onnxruntime). */
export type NearestMode = 'round_prefer_floor' | 'round_prefer_ceil' | 'floor' | 'ceil' | 'simple';

export const COORDINATE_MODES: readonly CoordinateMode[] = ['half_pixel', 'half_pixel_symmetric', 'pytorch_half_pixel', 'align_corners', 'asymmetric', 'tf_half_pixel_for_nn'];
export const NEAREST_MODES: readonly NearestMode[] = ['round_prefer_floor', 'round_prefer_ceil', 'floor', 'ceil'];

const f = Math.fround;

function originalCoordinate(mode: CoordinateMode, x: number, scale: number, resized: number, original: number): number {
  switch (mode) {
    case 'half_pixel':
      return f(f(f(x + 0.5) / scale) - 0.5);
    case 'half_pixel_symmetric': {
      const adjustment = f(resized / f(scale * original));
      const offset = f(f(original / 2) * f(1 - adjustment));
      return f(offset + f(f(f(x + 0.5) / scale) - 0.5));
    }
    case 'pytorch_half_pixel':
      return resized > 1 ? f(f(f(x + 0.5) / scale) - 0.5) : 0;
    case 'align_corners':
      return resized === 1 ? 0 : f(f(x * (original - 1)) / (resized - 1));
    case 'asymmetric':
      return f(x / scale);
    case 'tf_half_pixel_for_nn':
      return f(f(x + 0.5) / scale);
  }
}

function rounded(mode: NearestMode, x: number, scale: number): number {
  switch (mode) {
    case 'round_prefer_floor':
      return x === Math.floor(x) + 0.5 ? Math.floor(x) : Math.round(x);
    case 'round_prefer_ceil':
      return Math.round(x);
    case 'floor':
      return Math.floor(x);
    case 'ceil':
      return Math.ceil(x);
    case 'simple':
      return scale < 1 ? Math.ceil(x) : Math.trunc(x);
  }
}

/** Input coordinate along one axis for each output coordinate. */
export function nearestCoordinates(layer: LayerOf<'resize'>, axis: number, original: number, resized: number): number[] {
  const scale = layer.scales[axis] ?? 1;
  return Array.from({ length: resized }, (_, x) => {
    if (resized === original && scale === 1) return x;
    const source = rounded(layer.nearestMode, originalCoordinate(layer.coordinateMode, x, scale, resized, original), scale);
    return Math.min(Math.max(source, 0), original - 1);
  });
}

/** Flat input index of each flat output element (one sample, shapes without the batch). */
export function nearestSourceIndices(layer: LayerOf<'resize'>, inShape: readonly number[], outShape: readonly number[]): Int32Array {
  const rank = outShape.length;
  const strides = stridesOf(inShape);
  const perAxis = outShape.map((size, axis) => nearestCoordinates(layer, axis + layer.scales.length - rank, inShape[axis] ?? 1, size).map((c) => c * (strides[axis] ?? 0)));
  const out = new Int32Array(elementCount(outShape));
  const counter = new Array<number>(rank).fill(0);
  for (let index = 0; index < out.length; index++) {
    let source = 0;
    for (let axis = 0; axis < rank; axis++) source += perAxis[axis]?.[counter[axis] ?? 0] ?? 0;
    out[index] = source;
    for (let axis = rank - 1; axis >= 0; axis--) {
      counter[axis] = (counter[axis] ?? 0) + 1;
      if ((counter[axis] ?? 0) < (outShape[axis] ?? 1)) break;
      counter[axis] = 0;
    }
  }
  return out;
}

export const resizeLayer = defineLayer({
  kind: 'resize',
  infer(layer, inputs, check) {
    const x = inputAt(inputs, 0, 'X', check);
    if (layer.sizes.length !== x.shape.length || layer.scales.length !== x.shape.length) {
      check.fail(`scales and sizes must have one entry per axis of ${formatShape(x.shape)}, not ${layer.scales.length} and ${layer.sizes.length}`);
    }
    if (layer.sizes.some((size) => !Number.isInteger(size) || size < 1) || layer.scales.some((scale) => !(scale > 0))) {
      check.fail(`output sizes must be positive integers and scales positive, not sizes [${layer.sizes.join(', ')}], scales [${layer.scales.join(', ')}]`);
    }
    if (layer.sizes[0] !== x.shape[0]) check.unsupported(`the batch axis must keep its size (scale 1), not become ${layer.sizes[0]}`);
    return { shape: layer.sizes, type: x.type };
  },
  compute(layer, inputs, outputShape) {
    const x = inputData(inputs, 0);
    // The batch axis keeps its size: index one sample's map.
    const sample = nearestSourceIndices(layer, x.shape.slice(1), outputShape.slice(1));
    const inSize = elementCount(x.shape.slice(1));
    const batch = outputShape[0] ?? 1;
    const out = new Float64Array(batch * sample.length);
    for (let b = 0; b < batch; b++) for (let i = 0; i < sample.length; i++) out[b * sample.length + i] = x.data[b * inSize + (sample[i] ?? 0)] ?? 0;
    return out;
  },
});
