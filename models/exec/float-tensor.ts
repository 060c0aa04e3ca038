// The float executor's values: one sample's tensor, row-major, in float64.
import { stridesOf } from '../ir/tensor.js';

export interface FloatTensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** Shape of numpy broadcasting of a and b, or null when they do not broadcast. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] | null {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return null;
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Strides that read `shape` broadcast to `outShape` (numpy rules: right-aligned, size-1 axes repeat).
 * The caller has checked that the shapes broadcast.
 */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const own = stridesOf(shape);
  const offset = outShape.length - shape.length;
  return outShape.map((_, axis) => {
    const dim = shape[axis - offset];
    return dim === undefined || dim === 1 ? 0 : (own[axis - offset] ?? 0);
  });
}

/**
 * Calls visit(outIndex, offsets) for every element of outShape in row-major order, with each
 * operand's flat offset under broadcasting. One odometer, no allocation per element.
 */
export function forEachBroadcast(
  outShape: readonly number[],
  operands: readonly (readonly number[])[],
  visit: (outIndex: number, offsets: Int32Array) => void,
): void {
  const rank = outShape.length;
  const strides = operands.map((shape) => broadcastStrides(shape, outShape));
  const offsets = new Int32Array(operands.length);
  const counter = new Array<number>(rank).fill(0);
  let total = 1;
  for (const dim of outShape) total *= dim;
  for (let index = 0; index < total; index++) {
    visit(index, offsets);
    for (let axis = rank - 1; axis >= 0; axis--) {
      const dim = outShape[axis] ?? 1;
      const next = (counter[axis] ?? 0) + 1;
      if (next < dim) {
        counter[axis] = next;
        for (let o = 0; o < operands.length; o++) offsets[o] = (offsets[o] ?? 0) + (strides[o]?.[axis] ?? 0);
        break;
      }
      counter[axis] = 0;
      for (let o = 0; o < operands.length; o++) offsets[o] = (offsets[o] ?? 0) - (next - 1) * (strides[o]?.[axis] ?? 0);
    }
  }
}
