// Tokens: what one stream carries per sample, and the token programs of the layers that work token by
// token (hls/schedule/types.ts has the execution model they run in).
import type { IoType } from '../config/types.js';

/** One sample's iterations: which inputs each reads, which emit an output token. */
export interface TokenProgram {
  /** Per iteration: bit p set when it reads one token from input p. */
  readonly reads: Uint32Array;
  /** Per iteration: 1 when it emits one output token. */
  readonly emits: Uint8Array;
}

/**
 * Tokens per sample of a tensor of `shape` (one sample, channels last). io_parallel: one wide token.
 * io_stream: one token per pixel, the last axis packed (hls4ml's nnet::array<T, n_chan> stream element),
 * so a 1-D tensor of n values is one token of n.
 */
export function tokenCount(shape: readonly number[], ioType: IoType): number {
  if (ioType === 'io_parallel') return 1;
  let pixels = 1;
  for (let axis = 0; axis < shape.length - 1; axis++) pixels *= shape[axis] ?? 1;
  return pixels;
}

/** Values per token. */
export function tokenSize(shape: readonly number[], ioType: IoType): number {
  const size = shape.reduce((a, b) => a * b, 1);
  return size / tokenCount(shape, ioType);
}

/** One iteration per token reading one token of every input and emitting one: io_parallel, and io_stream's token-wise layers. */
export function tokenwiseProgram(iterations: number, inputs: number): TokenProgram {
  const all = inputs >= 32 ? 0xffffffff : 2 ** inputs - 1;
  return { reads: new Uint32Array(iterations).fill(all), emits: new Uint8Array(iterations).fill(1) };
}

/** The token plan of a layer that works token by token over its output's tokens, reading one of every input per token. */
export function tokenwisePlan(inputShapes: readonly (readonly number[])[], outputShape: readonly number[], ioType: IoType) {
  const tokens = tokenCount(outputShape, ioType);
  const inputs = Math.max(1, inputShapes.length);
  return { wire: false as const, tokensIn: new Array<number>(inputs).fill(tokens), tokensOut: tokens, program: tokenwiseProgram(tokens, inputs) };
}
