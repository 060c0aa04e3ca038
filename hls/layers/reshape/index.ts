// Reshape / Flatten: the same values in the same order. io_parallel: wiring (hls4ml passes the array
// through). io_stream: wiring when the token layout stays (same tokens, same packing), else a repack
// process (tokens/repack.ts): output token j leaves once the input tokens holding its values have been
// read (a Flatten of H x W pixels emits its one token in the iteration reading pixel H*W - 1).
import type { FixedType } from '@ngt/fxp';
import { wiringDatapath } from '../../datapath/ir.js';
import { repackProgram } from '../../tokens/repack.js';
import { tokenCount, tokenSize } from '../../tokens/tokens.js';
import { defineLayerKind, type LayerContext } from '../kind.js';
import type { Signal } from '../../rtl/netlist.js';
import { needsOf, REPACK_DATAPATH } from '../shared/repack-needs.js';

function keepsLayout(context: LayerContext): boolean {
  const inShape = context.inputShapes[0] ?? [];
  return (
    context.ioType === 'io_parallel' ||
    (tokenCount(inShape, 'io_stream') === tokenCount(context.outputShape, 'io_stream') && tokenSize(inShape, 'io_stream') === tokenSize(context.outputShape, 'io_stream'))
  );
}

export const reshape = defineLayerKind({
  kind: 'reshape',
  classes: { Reshape: { variables: [], reuse: false, table: false } },
  lowers: ['reshape'],
  hlsClass: () => 'Reshape',
  lower(node, hlsClass, context) {
    return { layer: { kind: 'reshape', name: node.name, hlsClass, inputs: node.inputs, output: node.output }, outputType: context.inputTypes[0] as FixedType };
  },
  reference: (_layer, inputs) => [...(inputs[0] ?? [])],
  emit(_layer, context) {
    context.w.line(`${context.output}.set(${context.input(0)});`);
  },
  // A token keeps its values in order (a reshape that repacks io_stream tokens is a process with no RTL yet).
  verilog: (_layer, context) => (context.ioType === 'io_parallel' ? (context.inputs[0] as Signal) : { unsupported: 'an io_stream reshape that repacks tokens' }),
  multipliers: () => 0,
  datapath: (_layer, context) => (keepsLayout(context) ? wiringDatapath('reshape: wiring') : REPACK_DATAPATH),
  tokens(_layer, context) {
    const inShape = context.inputShapes[0] ?? [];
    const tokensIn = tokenCount(inShape, context.ioType);
    if (keepsLayout(context)) return { wire: true, tokens: tokensIn };
    const needs = needsOf((e) => e, context.outputShape, inShape);
    return { wire: false, tokensIn: [tokensIn], tokensOut: needs.length, program: repackProgram(needs, [tokensIn]) };
  },
});
