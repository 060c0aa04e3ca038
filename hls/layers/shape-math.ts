// Shape helpers for the hardware layers (row-major, channels last).
export { castRaw } from '@ngt/fxp';

export function stridesOfShape(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis] ?? 1;
  }
  return strides;
}

export function product(values: readonly number[]): number {
  return values.reduce((a, b) => a * b, 1);
}
