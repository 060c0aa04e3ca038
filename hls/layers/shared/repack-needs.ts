// Which input tokens an io_stream repack needs for each output token (Reshape that changes the packing,
// Transpose): the one holding the largest input index among the output token's values.
import { tokenCount, tokenSize } from '../../tokens/tokens.js';
import type { TokenNeed } from '../../tokens/repack.js';
import { logic, type Datapath } from '../../datapath/ir.js';

/** Output token j needs input tokens up to the one holding the largest input index among its values. */
export function needsOf(sourceIndex: (outputIndex: number) => number, outShape: readonly number[], inShape: readonly number[]): TokenNeed[] {
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

/** A repack process's datapath: a buffer and an output select, not costed (tokens/repack.ts), one cycle. */
export const REPACK_DATAPATH: Datapath = {
  steps: [logic('buffer, output select', [], 0)],
  storage: [],
  outputBits: 0,
  iterationIi: 1,
  notes: ['io_stream repack buffer (not costed)'],
};
