// Reshape/Flatten, Transpose and Concatenate: no arithmetic.
//  io_parallel: Reshape and Transpose are wiring (no process, latency 0: the array is renamed or its
//    wires permuted). Concatenate joins its two wide tokens into the output register (latency 1, II 1).
//  io_stream: a Reshape that keeps the token layout (same tokens, same packing) is wiring; otherwise
//    Reshape and Transpose are repack processes (repack.ts), output token j leaving once the input
//    tokens holding its values have been read (a Flatten of H x W pixels emits its one token in the
//    iteration reading pixel H*W - 1). Concatenate along the channel axis reads one token of each input
//    per output token (latency 1, II 1 per token); along a pixel axis it is a repack that takes each
//    output token from the input it comes from, in output order (so a fork feeding both of its inputs
//    needs FIFOs deep enough to hold one branch while the other is read: see sim/ deadlock detection).
import type { HwLayerOf } from '../ir/hardware.js';
import { tokenwiseSchedule } from './elementwise.js';
import { repackSchedule, type TokenNeed } from './repack.js';
import { tokenCount, tokenSize, wireSchedule } from './tokens.js';
import type { LayerSchedule, ScheduleContext } from './types.js';

/** Output token j needs input tokens up to the one holding the largest input index among its values. */
function needsOf(sourceIndex: (outputIndex: number) => number, outShape: readonly number[], inShape: readonly number[]): TokenNeed[] {
  const outTokens = tokenCount(outShape, 'io_stream');
  const outPack = tokenSize(outShape, 'io_stream');
  const inPack = tokenSize(inShape, 'io_stream');
  const needs: TokenNeed[] = [];
  for (let j = 0; j < outTokens; j++) {
    let last = 0;
    for (let e = j * outPack; e < (j + 1) * outPack; e++) last = Math.max(last, Math.floor(sourceIndex(e) / inPack));
    needs.push({ port: 0, tokens: last + 1 });
  }
  return needs;
}

export function reshapeSchedule(_layer: HwLayerOf<'reshape'>, context: ScheduleContext): LayerSchedule {
  const inShape = context.inputShapes[0] ?? [];
  const tokensIn = tokenCount(inShape, context.ioType);
  const tokensOut = tokenCount(context.outputShape, context.ioType);
  if (context.ioType === 'io_parallel' || (tokensIn === tokensOut && tokenSize(inShape, 'io_stream') === tokenSize(context.outputShape, 'io_stream'))) {
    return wireSchedule('reshape', context.ioType, tokensIn);
  }
  return repackSchedule('reshape', needsOf((e) => e, context.outputShape, inShape), [tokensIn]);
}

/** Output flat index -> input flat index of a transpose of `inShape` by `perm` (as nnet_transpose). */
function transposeSource(inShape: readonly number[], perm: readonly number[]): (outputIndex: number) => number {
  const outShape = perm.map((axis) => inShape[axis] ?? 1);
  const inStrides = inShape.map((_, axis) => inShape.slice(axis + 1).reduce((a, b) => a * b, 1));
  return (outputIndex) => {
    let rest = outputIndex;
    let source = 0;
    for (let axis = outShape.length - 1; axis >= 0; axis--) {
      const size = outShape[axis] ?? 1;
      source += (rest % size) * (inStrides[perm[axis] ?? 0] ?? 0);
      rest = Math.floor(rest / size);
    }
    return source;
  };
}

export function transposeSchedule(layer: HwLayerOf<'transpose'>, context: ScheduleContext): LayerSchedule {
  const tokensIn = tokenCount(layer.inShape, context.ioType);
  const size = layer.inShape.reduce((a, b) => a * b, 1);
  const source = transposeSource(layer.inShape, layer.perm);
  let identity = true;
  for (let e = 0; e < size && identity; e++) identity = source(e) === e;
  const sameLayout = tokensIn === tokenCount(context.outputShape, context.ioType);
  if (context.ioType === 'io_parallel' || (identity && sameLayout)) return wireSchedule('transpose', context.ioType, tokensIn);
  return repackSchedule('transpose', needsOf(source, context.outputShape, layer.inShape), [tokensIn]);
}

export function concatSchedule(layer: HwLayerOf<'concat'>, context: ScheduleContext): LayerSchedule {
  const rank = context.outputShape.length;
  const axis = layer.axis < 0 ? layer.axis + rank : layer.axis;
  if (context.ioType === 'io_parallel' || axis === rank - 1) {
    return tokenwiseSchedule('concat', context, [{ name: 'select, cast, output register', cycles: 1 }], '1');
  }
  // Output pixel p comes from input 0 when its coordinate on `axis` is below input 0's size, else input 1.
  const first = context.inputShapes[0] ?? [];
  const outPixels = context.outputShape.slice(0, -1);
  const tokensIn = context.inputShapes.map((shape) => tokenCount(shape, 'io_stream'));
  const needs: TokenNeed[] = [];
  const taken = tokensIn.map(() => 0);
  const coordinate = new Array<number>(outPixels.length).fill(0);
  const total = outPixels.reduce((a, b) => a * b, 1);
  for (let p = 0; p < total; p++) {
    const port = (coordinate[axis] ?? 0) < (first[axis] ?? 0) ? 0 : 1;
    taken[port] = (taken[port] ?? 0) + 1;
    needs.push({ port, tokens: taken[port] ?? 0 });
    for (let a = outPixels.length - 1; a >= 0; a--) {
      coordinate[a] = (coordinate[a] ?? 0) + 1;
      if ((coordinate[a] ?? 0) < (outPixels[a] ?? 1)) break;
      coordinate[a] = 0;
    }
  }
  return repackSchedule('concat', needs, tokensIn);
}
