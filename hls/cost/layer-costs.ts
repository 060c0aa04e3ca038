// The cost declaration of every hardware layer kind: a literal map kind -> datapath (resources and the
// chain of combinational levels; pipeline.ts turns it into FFs and a stage delay at a latency).
// STYLE.md wants one declaration per layer kind holding compute, schedule and cost; the layer files
// (hls/layers/*) belong to another work stream today, so cost lives here and moves into them later.
//
// Parallelism: io_parallel layers process every element of a sample at once (all lanes); io_stream
// layers one pixel (the last axis's vector) per cycle, so per-element logic exists once per channel.
// Formulas per kind are next to each entry; multiplier, adder, cast and memory rules are in
// multiplier.ts, logic.ts and memory.ts.
import { addType, mulType, subType, type FixedType } from '@ngt/fxp';
import type { IoType } from '../config/types.js';
import type { HwLayer, HwLayerKind, HwLayerOf } from '../ir/hardware.js';
import { multipliersOf } from '../layers/registry.js';
import type { Family } from '../parts/families.js';
import { adderLuts, carryDelayNs, castDelayNs, castLuts, comparatorLuts, lutLevelNs, muxLuts, treeLevels } from './logic.js';
import { lineBuffer, macDatapath, replicate } from './mac-cost.js';
import { romCost } from './memory.js';
import { constantMultiplier, multiplierCost, variableMultiplier } from './multiplier.js';
import type { Datapath, Level } from './pipeline.js';

export interface CostContext {
  readonly family: Family;
  readonly ioType: IoType;
  readonly inputTypes: readonly FixedType[];
  readonly inputShapes: readonly (readonly number[])[];
  readonly outputType: FixedType;
  readonly outputShape: readonly number[];
}

type CostOf<K extends HwLayerKind> = (layer: HwLayerOf<K>, context: CostContext) => Datapath;

const count = (shape: readonly number[]): number => shape.reduce((product, size) => product * size, 1);

/** Elements processed in parallel: all of them (io_parallel) or one pixel's channels (io_stream). */
function lanes(shape: readonly number[], ioType: IoType): number {
  return ioType === 'io_parallel' ? count(shape) : (shape[shape.length - 1] ?? 1);
}

function inputType(context: CostContext, index = 0): FixedType {
  const type = context.inputTypes[index];
  if (!type) throw new Error(`cost: input ${index} has no type`);
  return type;
}

/** Pure wiring: nothing, and latency 0 (reshape, transpose, concat in io_parallel). */
function wiring(note: string): Datapath {
  return { dsp: 0, lut: 0, ff: 0, bram: 0, levels: [], outputBits: 0, ii: 1, notes: [note] };
}

/** An elementwise datapath of `n` lanes, each costing `lut` LUTs through `levels`. */
function elementwise(n: number, lut: number, levels: readonly number[], outWidth: number, notes: string[], dsp = 0): Datapath {
  return {
    dsp: n * dsp,
    lut: n * lut,
    ff: 0,
    bram: 0,
    levels: levels.map((delayNs) => ({ delayNs, bits: n * outWidth })),
    outputBits: n * outWidth,
    ii: 1,
    notes,
  };
}

/** The MAC datapath of a Dense or Conv layer over an nIn x nOut product (mac-cost.ts). */
function macOf(layer: HwLayerOf<'dense'> | HwLayerOf<'conv'>, nIn: number, nOut: number, context: CostContext): Datapath {
  return macDatapath(
    {
      nIn,
      nOut,
      weights: layer.weights,
      bias: layer.bias,
      inputType: inputType(context),
      weightType: layer.weightType,
      accumType: layer.accumType,
      resultType: context.outputType,
      strategy: layer.strategy,
      reuseFactor: layer.reuseFactor,
      multipliers: multipliersOf(layer),
    },
    context.family,
  );
}

const COSTS: { readonly [K in HwLayerKind]: CostOf<K> } = {
  dense: (layer, context) => macOf(layer, layer.nIn, layer.nOut, context),

  // Conv: the MAC over K = prod(kernel) * C / group inputs and M filters per output position
  // (io_parallel: one array the positions take in turn; io_stream: one, plus a line
  // buffer of kernel rows - 1).
  conv: (layer, context) => {
    const filters = layer.outShape[layer.outShape.length - 1] ?? 1;
    const k = layer.weights.length / filters;
    const positions = count(layer.outShape.slice(0, -1));
    const mac = macOf(layer, k, filters, context);
    if (context.ioType === 'io_parallel') {
      // One MAC array that the P output positions take in turn, RF cycles each (hls/schedule/conv.ts,
      // nnet_conv2d_latency.h with ParallelizationFactor 1): a P:1 mux in front of each of its K inputs
      // (the im2col selection) and registers collecting the first P - 1 positions' outputs.
      const input = inputType(context);
      const select = muxLuts(positions, k * input.width, context.family);
      const collect = (positions - 1) * filters * context.outputType.width;
      return replicate(mac, 1, { lut: select, ff: collect, bram: 0 }, `one MAC array shared by ${positions} output positions (${positions}:1 input mux)`);
    }
    const channels = layer.inShape[layer.inShape.length - 1] ?? 1;
    const rowLength = layer.inShape.length >= 3 ? (layer.inShape[layer.inShape.length - 2] ?? 1) : 1;
    const rows = layer.kernel.length >= 2 ? (layer.kernel[0] ?? 1) : (layer.kernel[0] ?? 1);
    const buffer = layer.kernel.length >= 2 ? lineBuffer(rows, rowLength, channels, inputType(context), context.family) : lineBuffer(rows, 1, channels, inputType(context), context.family);
    return replicate(mac, 1, buffer, `one output position per ${mac.ii} cycles, line buffer of ${rows - 1} rows`);
  },

  // Per element: x * scale is a constant multiplier (multiplier.ts), + bias an adder of the product
  // width, then the cast to result_t.
  batch_norm: (layer, context) => {
    const input = inputType(context);
    const product = mulType(input, layer.scaleType);
    const n = lanes(context.outputShape, context.ioType);
    let dsp = 0;
    let lut = 0;
    let productDelay = 0;
    for (let e = 0; e < n; e++) {
      const channel = e % layer.channels;
      const plan = constantMultiplier(input, layer.scale[channel] ?? 0n, layer.scaleType, context.family);
      const cost = multiplierCost(plan);
      dsp += cost.dsp;
      lut += cost.lut + adderLuts(product.width) + castLuts(addType(product, layer.biasType), context.outputType, context.family);
      productDelay = Math.max(productDelay, plan.kind === 'dsp' ? context.family.timing.dspNs : plan.kind === 'shift_add' ? plan.adders * carryDelayNs(plan.width, context.family) : 0);
    }
    const levels: Level[] = [
      { delayNs: productDelay, bits: n * product.width },
      { delayNs: carryDelayNs(product.width, context.family) + castDelayNs(product, context.outputType, context.family), bits: n * context.outputType.width },
    ];
    return { dsp, lut, ff: 0, bram: 0, levels, outputBits: n * context.outputType.width, ii: 1, notes: [`${n} lanes`] };
  },

  // linear: the cast; relu: a 2:1 mux to zero on the sign bit plus the cast; leaky_relu: a constant
  // multiply by alpha and the mux; clip: two comparators against constants and two muxes.
  activation: (layer, context) => {
    const input = inputType(context);
    const out = context.outputType;
    const family = context.family;
    const n = lanes(context.outputShape, context.ioType);
    const cast = castLuts(input, out, family);
    const castDelay = castDelayNs(input, out, family);
    const mux = muxLuts(2, out.width, family);
    switch (layer.activation.kind) {
      case 'linear':
        return elementwise(n, cast, [castDelay], out.width, [`${n} lanes, cast only`]);
      case 'relu':
        return elementwise(n, cast + mux, [castDelay + lutLevelNs(family)], out.width, [`${n} lanes`]);
      case 'leaky_relu': {
        const plan = constantMultiplier(input, layer.activation.alpha, input, family);
        const cost = multiplierCost(plan);
        const delay = plan.kind === 'dsp' ? family.timing.dspNs : plan.kind === 'shift_add' ? plan.adders * carryDelayNs(plan.width, family) : 0;
        return elementwise(n, cost.lut + mux + cast, [delay, lutLevelNs(family) + castDelay], out.width, [`${n} lanes`], cost.dsp);
      }
      case 'clip':
        return elementwise(n, 2 * (comparatorLuts(input.width, family) + mux) + cast, [carryDelayNs(input.width, family) + lutLevelNs(family), castDelay], out.width, [`${n} lanes`]);
    }
  },

  // Per lane: the table index (an adder of the index width and a clamp: two comparators and a mux),
  // then one table read (memory.ts: block RAM when >= 1024 bits, a copy per read port pair).
  table_activation: (layer, context) => {
    const input = inputType(context);
    const family = context.family;
    const n = lanes(context.outputShape, context.ioType);
    const indexBits = Math.max(1, Math.ceil(Math.log2(layer.table.length)));
    const index = adderLuts(input.width) + 2 * comparatorLuts(input.width, family) + muxLuts(2, indexBits, family);
    const rom = romCost(layer.table.length, layer.tableType.width, n, family);
    const read = rom.bram > 0 ? family.timing.bramNs : lutLevelNs(family) * 3;
    return {
      dsp: 0,
      lut: n * (index + castLuts(layer.tableType, context.outputType, family)) + rom.lut,
      ff: 0,
      bram: rom.bram,
      levels: [
        { delayNs: carryDelayNs(input.width, family) + lutLevelNs(family), bits: n * indexBits },
        { delayNs: read + castDelayNs(layer.tableType, context.outputType, family), bits: n * context.outputType.width },
      ],
      outputBits: n * context.outputType.width,
      ii: 1,
      notes: [`${layer.function} table ${layer.table.length} x ${layer.tableType.width} bits, ${n} reads per cycle: ${rom.bram > 0 ? `${rom.bram} block RAM` : `${rom.lut} LUTs`}`],
    };
  },

  // stable/latency over each slice of N: max tree (N - 1 comparators + muxes; stable only), N
  // subtractors, N exp reads, sum tree (N - 1 adders of exp width), one 1/x read, N variable
  // multipliers exp * inv, N casts. legacy skips the max; argmax is the max tree alone.
  softmax: (layer, context) => {
    const input = inputType(context);
    const family = context.family;
    const n = layer.length;
    const slices = Math.max(1, lanes(context.outputShape, context.ioType) / n);
    const exp = layer.expTableType;
    const inv = layer.invTableType;
    const out = context.outputType;
    const maxTree = (n - 1) * (comparatorLuts(input.width, family) + muxLuts(2, input.width, family));
    const maxDelay = treeLevels(n) * (carryDelayNs(input.width, family) + lutLevelNs(family));
    if (layer.implementation === 'argmax') {
      return elementwise(slices, maxTree + n * muxLuts(2, out.width, family), [maxDelay], n * out.width, ['argmax: max tree only']);
    }
    const subtract = layer.implementation === 'legacy' ? 0 : n * adderLuts(subType(input, input).width);
    const expRom = romCost(layer.tables.exp.length, exp.width, n, family);
    const invRom = romCost(layer.tables.invert.length, inv.width, 1, family);
    const accum = layer.accumType;
    const sumType = addType(accum, accum);
    const product = variableMultiplier(accum, inv, family);
    const productCost = multiplierCost(product);
    const lutPerSlice =
      (layer.implementation === 'legacy' ? 0 : maxTree) + subtract + (n - 1) * adderLuts(accum.width) + n * (productCost.lut + castLuts(mulType(accum, inv), out, family)) + expRom.lut + invRom.lut;
    const read = (bram: number): number => (bram > 0 ? family.timing.bramNs : lutLevelNs(family) * 3);
    const levels: Level[] = [
      ...(layer.implementation === 'legacy' ? [] : [{ delayNs: maxDelay, bits: slices * n * input.width }, { delayNs: carryDelayNs(input.width, family), bits: slices * n * input.width }]),
      { delayNs: read(expRom.bram), bits: slices * n * exp.width },
      { delayNs: treeLevels(n) * carryDelayNs(sumType.width, family), bits: slices * (n * accum.width + layer.invInputType.width) },
      { delayNs: read(invRom.bram), bits: slices * (n * accum.width + inv.width) },
      { delayNs: (product.kind === 'dsp' ? family.timing.dspNs : carryDelayNs(accum.width + inv.width, family)) + family.timing.routeNs, bits: slices * n * out.width },
    ];
    return {
      dsp: slices * n * productCost.dsp,
      lut: slices * lutPerSlice,
      ff: 0,
      bram: slices * (expRom.bram + invRom.bram),
      levels,
      outputBits: slices * n * out.width,
      ii: 1,
      notes: [`${layer.implementation}: ${slices} slice(s) of ${n}; exp table ${layer.tables.exp.length} x ${exp.width}, 1/x table ${layer.tables.invert.length} x ${inv.width}`],
    };
  },

  // Per output lane: a window of P values; max: P - 1 comparators and muxes; average: P - 1 adders of
  // accum width, then the multiply by 1/P (a constant multiplier of accum width) and the cast.
  pool: (layer, context) => {
    const input = inputType(context);
    const family = context.family;
    const n = lanes(layer.outShape, context.ioType);
    const window = count(layer.pool);
    const out = context.outputType;
    if (layer.mode === 'max') {
      const lut = (window - 1) * (comparatorLuts(input.width, family) + muxLuts(2, input.width, family)) + castLuts(input, out, family);
      return elementwise(n, lut, [treeLevels(window) * (carryDelayNs(input.width, family) + lutLevelNs(family))], out.width, [`max over ${window}`]);
    }
    const accum = layer.accumType;
    const scale = BigInt(Math.round(2 ** accum.width / window));
    const cost = multiplierCost(constantMultiplier(accum, scale, accum, family));
    const lut = (window - 1) * adderLuts(accum.width) + cost.lut + castLuts(accum, out, family);
    return elementwise(n, lut, [treeLevels(window) * carryDelayNs(accum.width, family), cost.dsp > 0 ? family.timing.dspNs : carryDelayNs(accum.width, family)], out.width, [`average over ${window}`], cost.dsp);
  },

  reshape: () => wiring('reshape: wiring'),
  transpose: (_layer, context) => (context.ioType === 'io_parallel' ? wiring('transpose: wiring') : wiring('transpose: wiring (stream reorder buffer not costed)')),
  concat: () => wiring('concat: wiring'),

  // Per lane: one adder of the sum width and the cast to result_t.
  add: (_layer, context) => {
    const a = inputType(context, 0);
    const b = inputType(context, 1);
    const sum = addType(a, b);
    const n = lanes(context.outputShape, context.ioType);
    return elementwise(n, adderLuts(sum.width) + castLuts(sum, context.outputType, context.family), [carryDelayNs(sum.width, context.family) + castDelayNs(sum, context.outputType, context.family)], context.outputType.width, [`${n} lanes`]);
  },
};

export function layerDatapath(layer: HwLayer, context: CostContext): Datapath {
  return (COSTS[layer.kind] as CostOf<HwLayerKind>)(layer as never, context);
}
