// Concatenate (nnet_merge.h concatenate*: each input cast to res_t). io_parallel, or along the channel
// axis in io_stream: one token of each input per output token, the casts into the output register.
// Along a pixel axis in io_stream: a repack that takes each output token from the input it comes from,
// in output order (so a fork feeding both of its inputs needs FIFOs deep enough to hold one branch
// while the other is read: see sim/ deadlock detection).
import { castRaw, type FixedType } from '@ngt/fxp';
import { logic } from '../../datapath/ir.js';
import { lanes } from '../../datapath/lanes.js';
import type { HwLayerOf } from '../../ir/hardware.js';
import { repackProgram, type TokenNeed } from '../../tokens/repack.js';
import { tokenCount, tokenwisePlan } from '../../tokens/tokens.js';
import { defineLayerKind, nodeOf, type LayerContext, type TokenPlan } from '../kind.js';
import { rangeOf } from '../shared/emit-context.js';
import { resolvePrecision } from '../shared/precision.js';
import { concatVerilog } from './verilog.js';

function concatType(width: number, intBits: number, signed: boolean, a: FixedType, b: FixedType): FixedType {
  return {
    ...a,
    width,
    intBits,
    signed,
    integer: false,
    quantization: a.quantization !== 'AP_TRN' ? a.quantization : b.quantization,
    overflow: a.overflow !== 'AP_WRAP' ? a.overflow : b.overflow,
    saturationBits: a.saturationBits !== 0 ? a.saturationBits : b.saturationBits,
  };
}

/** For concatenation along `axis` of shapes a and b: for each output element, [input, index]. */
function concatSources(a: readonly number[], b: readonly number[], axis: number): [number, number][] {
  const outer = a.slice(0, axis).reduce((x, y) => x * y, 1);
  const innerA = a.slice(axis).reduce((x, y) => x * y, 1);
  const innerB = b.slice(axis).reduce((x, y) => x * y, 1);
  const sources: [number, number][] = [];
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < innerA; i++) sources.push([0, o * innerA + i]);
    for (let i = 0; i < innerB; i++) sources.push([1, o * innerB + i]);
  }
  return sources;
}

function alongChannels(layer: HwLayerOf<'concat'>, context: LayerContext): boolean {
  const rank = context.outputShape.length;
  const axis = layer.axis < 0 ? layer.axis + rank : layer.axis;
  return context.ioType === 'io_parallel' || axis === rank - 1;
}

function tokensOf(layer: HwLayerOf<'concat'>, context: LayerContext): TokenPlan {
  if (alongChannels(layer, context)) return tokenwisePlan(context.inputShapes, context.outputShape, context.ioType);
  const rank = context.outputShape.length;
  const axis = layer.axis < 0 ? layer.axis + rank : layer.axis;
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
  return { wire: false, tokensIn, tokensOut: needs.length, program: repackProgram(needs, tokensIn) };
}

export const concat = defineLayerKind({
  kind: 'concat',
  classes: { Concatenate: { variables: [], reuse: true, table: false } },
  lowers: ['concat'],
  hlsClass: () => 'Concatenate',
  lower(flowNode, hlsClass, context) {
    const node = nodeOf(flowNode, 'concat');
    const layer: HwLayerOf<'concat'> = { kind: 'concat', name: node.name, hlsClass, inputs: node.inputs, output: node.output, axis: node.axis - 1, inShapes: context.inputShapes };
    // infer_precision.py _infer_cat_precision for 'auto'.
    const [a, b] = context.inputTypes as [FixedType, FixedType];
    const infer = () => {
      const signed = a.signed || b.signed;
      const ia = a.intBits + (signed && !a.signed ? 1 : 0);
      const ib = b.intBits + (signed && !b.signed ? 1 : 0);
      const intBits = Math.max(ia, ib);
      return concatType(Math.max(a.width - a.intBits, b.width - b.intBits) + intBits, intBits, signed, a, b);
    };
    return { layer, outputType: resolvePrecision(context.layerConfig.precision('result'), infer, context.modelDefault) };
  },
  reference(layer, inputs, inputTypes, outputType) {
    const [a = [], b = []] = layer.inShapes;
    return concatSources(a, b, layer.axis).map(([which, index]) => castRaw(inputs[which]?.[index] ?? 0n, inputTypes[which] as FixedType, outputType));
  },
  emit(layer, context) {
    const [a = [], b = []] = layer.inShapes;
    const sources = concatSources(a, b, layer.axis);
    for (const which of [0, 1]) {
      const pairs = sources.map(([w, index], out) => [w, index, out] as const).filter(([w]) => w === which);
      const from = context.constant('from', pairs.map(([, index]) => index));
      const to = context.constant('to', pairs.map(([, , out]) => out));
      context.w.block(`for (let k = 0; k < ${pairs.length}; k++)`, () => {
        context.w.line(`const x = ${context.input(which)}[${from}[k]];`);
        context.w.line('let r;');
        context.cast(rangeOf(context.inputType(which)), context.outputType, 'x', 'r');
        context.w.line(`${context.output}[${to}[k]] = r;`);
      });
    }
  },
  verilog: (layer, context) => concatVerilog(layer, context, concatSources),
  multipliers: () => 0,
  datapath(_layer, context) {
    const n = lanes(context.outputShape, context.ioType);
    const ops = context.inputTypes.map((from, k) => ({ op: 'cast' as const, count: lanes(context.inputShapes[k] ?? [], context.ioType), from, to: context.outputType }));
    return { steps: [logic('cast to result_t', ops, n * context.outputType.width)], storage: [], outputBits: n * context.outputType.width, iterationIi: 1, notes: ['concat: wiring and casts'] };
  },
  tokens: tokensOf,
});
