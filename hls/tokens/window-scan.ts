// The io_stream scan of a sliding-window layer (Conv, Pool), as nnet_conv2d_stream.h /
// nnet_pooling_stream.h with line buffers: one iteration per position of the *padded* input, row-major
// (the raster order pixels arrive in). An iteration at a real position reads one input token into the
// line buffers and the window; at a padding position it reads nothing and shifts in zeros (hls4ml
// inserts a ZeroPadding layer in front instead; folding it in keeps one process and the same order).
// The iteration at the window's last (bottom-right) position of an output pixel computes that pixel
// and emits it: output positions o complete at padded position o * stride + (kernel - 1) * dilation on
// every axis, which is increasing in raster order, so outputs leave in raster order too.
import type { TokenProgram } from './tokens.js';

export interface WindowGeometry {
  /** Input and output spatial dimensions (no channel axis). */
  readonly inSpatial: readonly number[];
  readonly outSpatial: readonly number[];
  readonly kernel: readonly number[];
  readonly strides: readonly number[];
  readonly dilations: readonly number[];
  /** [begin per axis..., end per axis...]. */
  readonly pads: readonly number[];
}

export function windowScanProgram(geometry: WindowGeometry): TokenProgram {
  const rank = geometry.inSpatial.length;
  const padded = geometry.inSpatial.map((size, axis) => size + (geometry.pads[axis] ?? 0) + (geometry.pads[axis + rank] ?? 0));
  const total = padded.reduce((a, b) => a * b, 1);
  const reads = new Uint32Array(total);
  const emits = new Uint8Array(total);
  const position = new Array<number>(rank).fill(0);
  for (let index = 0; index < total; index++) {
    let real = true;
    for (let axis = 0; axis < rank; axis++) {
      const begin = geometry.pads[axis] ?? 0;
      const p = position[axis] ?? 0;
      if (p < begin || p >= begin + (geometry.inSpatial[axis] ?? 0)) real = false;
    }
    reads[index] = real ? 1 : 0;
    for (let axis = rank - 1; axis >= 0; axis--) {
      position[axis] = (position[axis] ?? 0) + 1;
      if ((position[axis] ?? 0) < (padded[axis] ?? 1)) break;
      position[axis] = 0;
    }
  }
  const outTotal = geometry.outSpatial.reduce((a, b) => a * b, 1);
  const out = new Array<number>(rank).fill(0);
  for (let o = 0; o < outTotal; o++) {
    let index = 0;
    for (let axis = 0; axis < rank; axis++) {
      const last = (out[axis] ?? 0) * (geometry.strides[axis] ?? 1) + ((geometry.kernel[axis] ?? 1) - 1) * (geometry.dilations[axis] ?? 1);
      index = index * (padded[axis] ?? 1) + last;
    }
    emits[index] = 1;
    for (let axis = rank - 1; axis >= 0; axis--) {
      out[axis] = (out[axis] ?? 0) + 1;
      if ((out[axis] ?? 0) < (geometry.outSpatial[axis] ?? 1)) break;
      out[axis] = 0;
    }
  }
  return { reads, emits };
}
