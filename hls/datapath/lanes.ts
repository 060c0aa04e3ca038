// How many copies of per-element logic a layer has: every element of a sample (io_parallel), or one
// pixel's channels (io_stream, one token per cycle).
import type { IoType } from '../config/types.js';

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1);
}

export function lanes(shape: readonly number[], ioType: IoType): number {
  return ioType === 'io_parallel' ? elementCount(shape) : (shape[shape.length - 1] ?? 1);
}
