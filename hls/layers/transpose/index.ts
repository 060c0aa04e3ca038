// Transpose (nnet_transpose: a permutation copy of the one-sample shape; values and type unchanged).
// io_parallel: wiring (its wires permuted). io_stream: wiring when the permutation keeps every value in
// place, else a repack process that emits each output token once the input tokens it needs were read.
import type { FixedType } from '@ngt/fxp';
import { stridesOf } from '../../../models/index.js';
import { wiringDatapath } from '../../datapath/ir.js';
import type { HwLayerOf } from '../../ir/hardware.js';
import { repackProgram } from '../../tokens/repack.js';
import { tokenCount } from '../../tokens/tokens.js';
import { defineLayerKind, nodeOf, type LayerContext } from '../kind.js';
import type { Signal } from '../../rtl/netlist.js';
import { elementsOf, packElements } from '../../rtl/values.js';
import { needsOf, REPACK_DATAPATH } from '../shared/repack-needs.js';

/** Output index -> input index of a transpose of `inShape` by `perm`. */
export function transposeIndices(inShape: readonly number[], perm: readonly number[]): number[] {
  const outShape = perm.map((axis) => inShape[axis] ?? 1);
  const inStrides = stridesOf(inShape);
  const total = outShape.reduce((a, b) => a * b, 1);
  const indices = new Array<number>(total);
  const counter = new Array<number>(outShape.length).fill(0);
  for (let index = 0; index < total; index++) {
    let source = 0;
    perm.forEach((axis, position) => {
      source += (counter[position] ?? 0) * (inStrides[axis] ?? 0);
    });
    indices[index] = source;
    for (let axis = outShape.length - 1; axis >= 0; axis--) {
      counter[axis] = (counter[axis] ?? 0) + 1;
      if ((counter[axis] ?? 0) < (outShape[axis] ?? 1)) break;
      counter[axis] = 0;
    }
  }
  return indices;
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

function isWiring(layer: HwLayerOf<'transpose'>, context: LayerContext): boolean {
  if (context.ioType === 'io_parallel') return true;
  const size = layer.inShape.reduce((a, b) => a * b, 1);
  const source = transposeSource(layer.inShape, layer.perm);
  let identity = true;
  for (let e = 0; e < size && identity; e++) identity = source(e) === e;
  return identity && tokenCount(layer.inShape, 'io_stream') === tokenCount(context.outputShape, 'io_stream');
}

export const transpose = defineLayerKind({
  kind: 'transpose',
  classes: { Transpose: { variables: [], reuse: false, table: false } },
  lowers: ['transpose'],
  hlsClass: () => 'Transpose',
  lower(flowNode, hlsClass, context) {
    const node = nodeOf(flowNode, 'transpose');
    // The IR's perm includes the batch axis 0, which must stay first.
    const perm = node.perm.slice(1).map((axis) => axis - 1);
    const layer: HwLayerOf<'transpose'> = { kind: 'transpose', name: node.name, hlsClass, inputs: node.inputs, output: node.output, inShape: context.inputShapes[0] ?? [], perm };
    return { layer, outputType: context.inputTypes[0] as FixedType };
  },
  reference: (layer, inputs) => transposeIndices(layer.inShape, layer.perm).map((i) => inputs[0]?.[i] ?? 0n),
  emit(layer, context) {
    const indices = context.constant('perm', transposeIndices(layer.inShape, layer.perm));
    context.w.line(`for (let i = 0; i < ${context.output}.length; i++) ${context.output}[i] = ${context.input(0)}[${indices}[i]];`);
  },
  verilog(layer, context) {
    if (context.ioType !== 'io_parallel') return { unsupported: 'an io_stream transpose that repacks tokens' };
    // io_parallel: the wires permuted.
    const input = context.inputTypes[0] as FixedType;
    const x = elementsOf(context.m, context.inputs[0] as Signal, input, 'tr_x');
    const source = transposeSource(layer.inShape, layer.perm);
    return packElements(context.m, x.map((_, e) => x[source(e)] as Signal), 'tr_out');
  },
  multipliers: () => 0,
  datapath: (layer, context) => (isWiring(layer, context) ? wiringDatapath('transpose: wiring') : REPACK_DATAPATH),
  tokens(layer, context) {
    const tokensIn = tokenCount(layer.inShape, context.ioType);
    if (isWiring(layer, context)) return { wire: true, tokens: tokensIn };
    const needs = needsOf(transposeSource(layer.inShape, layer.perm), context.outputShape, layer.inShape);
    return { wire: false, tokensIn: [tokensIn], tokensOut: needs.length, program: repackProgram(needs, [tokensIn]) };
  },
});
