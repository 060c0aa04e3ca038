// Geometry shared by channels-last convolution and pooling: output sizes and the walk over windows.
import type { Check } from './layer-definition.js';

export interface Window {
  readonly kernelShape: readonly number[];
  readonly strides: readonly number[];
  readonly dilations: readonly number[];
  /** [begin per spatial axis..., end per spatial axis...] */
  readonly pads: readonly number[];
}

/** Output spatial sizes (ONNX floor mode): floor((in + pads - dilation*(k-1) - 1) / stride) + 1. */
export function windowOutputSizes(spatial: readonly number[], window: Window, check: Check): number[] {
  const rank = spatial.length;
  const { kernelShape, strides, dilations, pads } = window;
  if (kernelShape.length !== rank || strides.length !== rank || dilations.length !== rank || pads.length !== 2 * rank) {
    return check.fail(
      `kernel_shape, strides, dilations and pads must have ${rank}, ${rank}, ${rank} and ${2 * rank} entries for ${rank} spatial axes, not ${kernelShape.length}, ${strides.length}, ${dilations.length} and ${pads.length}`,
    );
  }
  return spatial.map((size, axis) => {
    const k = kernelShape[axis] ?? 0;
    const s = strides[axis] ?? 0;
    const d = dilations[axis] ?? 0;
    const begin = pads[axis] ?? 0;
    const end = pads[axis + rank] ?? 0;
    if (!(k >= 1 && s >= 1 && d >= 1 && begin >= 0 && end >= 0)) {
      return check.unsupported(`kernel, strides and dilations must be >= 1 and pads >= 0, not kernel ${k}, stride ${s}, dilation ${d}, pads ${begin}/${end} on spatial axis ${axis}`);
    }
    const extent = size + begin + end - d * (k - 1) - 1;
    if (extent < 0) return check.fail(`the window (kernel ${k}, dilation ${d}) must fit the padded input (${size} + ${begin + end}) on spatial axis ${axis}`);
    return Math.floor(extent / s) + 1;
  });
}

/**
 * Calls visit(outputPosition, kernelPosition, inputPosition) for every window tap that lands inside
 * the input (padding taps are skipped; the caller counts them if it needs to). Positions are flat
 * indices over the spatial axes.
 */
export function forEachTap(
  inSpatial: readonly number[],
  outSpatial: readonly number[],
  window: Window,
  visit: (outputPosition: number, kernelPosition: number, inputPosition: number) => void,
): void {
  const rank = inSpatial.length;
  const { kernelShape, strides, dilations, pads } = window;
  const outCount = outSpatial.reduce((a, b) => a * b, 1);
  const kernelCount = kernelShape.reduce((a, b) => a * b, 1);
  const outCoord = new Array<number>(rank).fill(0);
  const kernelCoord = new Array<number>(rank).fill(0);
  for (let o = 0; o < outCount; o++) {
    let rest = o;
    for (let axis = rank - 1; axis >= 0; axis--) {
      const size = outSpatial[axis] ?? 1;
      outCoord[axis] = rest % size;
      rest = Math.floor(rest / size);
    }
    for (let kp = 0; kp < kernelCount; kp++) {
      let krest = kp;
      for (let axis = rank - 1; axis >= 0; axis--) {
        const size = kernelShape[axis] ?? 1;
        kernelCoord[axis] = krest % size;
        krest = Math.floor(krest / size);
      }
      let inputPosition = 0;
      let inside = true;
      for (let axis = 0; axis < rank; axis++) {
        const coordinate = (outCoord[axis] ?? 0) * (strides[axis] ?? 1) - (pads[axis] ?? 0) + (kernelCoord[axis] ?? 0) * (dilations[axis] ?? 1);
        const size = inSpatial[axis] ?? 1;
        if (coordinate < 0 || coordinate >= size) {
          inside = false;
          break;
        }
        inputPosition = inputPosition * size + coordinate;
      }
      if (inside) visit(o, kp, inputPosition);
    }
  }
}
