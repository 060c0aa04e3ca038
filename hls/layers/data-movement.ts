// Layers that move values without arithmetic: Reshape/Flatten (hls4ml io_parallel passes the array
// through), Transpose (nnet_transpose: a permutation copy), and Concatenate (nnet_merge.h
// concatenate*: each input cast to res_t). Reshape and Transpose keep their input's type.
import { castRaw, type FixedType } from '@ngt/fxp';
import { stridesOf } from '../../models/index.js';
import type { HwLayerOf } from '../ir/hardware.js';
import { rangeOf } from '../simulate/emit-context.js';
import { defineHwLayer, defineLowering, resolvePrecision } from './definition.js';

export const reshapeLowering = defineLowering({
  kind: 'reshape',
  hlsClass: () => 'Reshape',
  lower(node, hlsClass, context) {
    const layer: HwLayerOf<'reshape'> = { kind: 'reshape', name: node.name, hlsClass, inputs: node.inputs, output: node.output };
    return { layer, outputType: context.inputTypes[0] as FixedType };
  },
});

export const reshapeLayer = defineHwLayer({
  kind: 'reshape',
  reference: (_layer, inputs) => [...(inputs[0] ?? [])],
  emit(_layer, context) {
    context.w.line(`${context.output}.set(${context.input(0)});`);
  },
  multipliers: () => 0,
});

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

export const transposeLowering = defineLowering({
  kind: 'transpose',
  hlsClass: () => 'Transpose',
  lower(node, hlsClass, context) {
    // The IR's perm includes the batch axis 0, which must stay first.
    const perm = node.perm.slice(1).map((axis) => axis - 1);
    const layer: HwLayerOf<'transpose'> = { kind: 'transpose', name: node.name, hlsClass, inputs: node.inputs, output: node.output, inShape: context.inputShapes[0] ?? [], perm };
    return { layer, outputType: context.inputTypes[0] as FixedType };
  },
});

export const transposeLayer = defineHwLayer({
  kind: 'transpose',
  reference: (layer, inputs) => transposeIndices(layer.inShape, layer.perm).map((i) => inputs[0]?.[i] ?? 0n),
  emit(layer, context) {
    const indices = context.constant('perm', transposeIndices(layer.inShape, layer.perm));
    context.w.line(`for (let i = 0; i < ${context.output}.length; i++) ${context.output}[i] = ${context.input(0)}[${indices}[i]];`);
  },
  multipliers: () => 0,
});

export const concatLowering = defineLowering({
  kind: 'concat',
  hlsClass: () => 'Concatenate',
  lower(node, hlsClass, context) {
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
});

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

export const concatLayer = defineHwLayer({
  kind: 'concat',
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
  multipliers: () => 0,
});
