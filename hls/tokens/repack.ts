// io_stream processes that only move values between token layouts (Reshape/Flatten that changes the
// packing, Transpose, Concatenate along a pixel axis), hls4ml's repack_stream / transpose / concatenate
// streams: a buffer that reads input tokens in order, one per cycle, and emits output token j (one per
// cycle) in the iteration that reads the last input token j needs, or in an iteration of its own when
// it needs nothing new. One cycle from that read to the output register (the layers' datapaths).
import type { TokenProgram } from './tokens.js';

/** For output token j (in order): the input port and the number of that port's tokens read before it can leave. */
export interface TokenNeed {
  readonly port: number;
  readonly tokens: number;
}

export function repackProgram(needs: readonly TokenNeed[], tokensIn: readonly number[]): TokenProgram {
  const reads: number[] = [];
  const emits: number[] = [];
  const done = tokensIn.map(() => 0);
  for (const need of needs) {
    while ((done[need.port] ?? 0) < need.tokens - 1) {
      reads.push(1 << need.port);
      emits.push(0);
      done[need.port] = (done[need.port] ?? 0) + 1;
    }
    if ((done[need.port] ?? 0) < need.tokens) {
      reads.push(1 << need.port);
      done[need.port] = (done[need.port] ?? 0) + 1;
    } else reads.push(0);
    emits.push(1);
  }
  // Tokens no output needs (none for these layers) are still consumed, so streams drain.
  tokensIn.forEach((total, port) => {
    while ((done[port] ?? 0) < total) {
      reads.push(1 << port);
      emits.push(0);
      done[port] = (done[port] ?? 0) + 1;
    }
  });
  return { reads: Uint32Array.from(reads), emits: Uint8Array.from(emits) };
}
