// Conv1D / Conv2D (and depthwise, group == channels), nnet_conv1d_latency.h and nnet_conv2d_latency.h
// (io_parallel), nnet_conv2d_stream.h (io_stream, line buffers): for every output pixel, the im2col
// buffer (fill_buffer: kernel positions row-major, channels innermost, zero where the window leaves the
// padded image) times the weights [filt_width * n_chan][n_filt], with the arithmetic of shared/mac.ts.
// Padded positions contribute (accum_t) 0, so they are left out like zero weights. The Resource
// strategy's partitioning changes the datapath, not this accumulation order.
//
// io_parallel (ParallelizationFactor 1, so n_partitions = the output pixel count P): one MAC array
// (datapath/mac-datapath.ts) that the P pixels enter one every RF cycles through a P:1 im2col select;
// the wide output token is valid when the last pixel leaves it. II = P * RF.
//
//   x ─|─ earlier pixels ((P - 1) * RF cycles) ─|─ im2col select ─ MAC ─|─ y
//
// io_stream: the window scan of tokens/window-scan.ts, one iteration every RF cycles over the padded
// input raster; an iteration reads its pixel into the line buffers and window registers (1 cycle) and,
// when it completes an output pixel's window, feeds the MAC:
//
//   token ─ line buffer, window ─|─ MAC ─|─ output token      II per iteration = RF
//
// Strategy distributed_arithmetic (shared/da.ts): the MAC is the im2col kernel's adder graph, built
// over one pixel's window (the repeated plan), exact, cast once to result_t; RF is 1.
import { castRaw, invariant, type FixedType } from '@ngt/fxp';
import { elementCount, stridesOf } from '../../../models/index.js';
import { logic, type Datapath } from '../../datapath/ir.js';
import { macDatapath } from '../../datapath/mac-datapath.js';
import type { HwLayerOf } from '../../ir/hardware.js';
import { tokenCount, tokenwiseProgram } from '../../tokens/tokens.js';
import { windowScanProgram } from '../../tokens/window-scan.js';
import { defineLayerKind, nodeOf, type LayerContext } from '../kind.js';
import { convClass } from '../shared/class-names.js';
import { cachedDaPlan, daDatapath, daEmit, daReference, type DaPlan } from '../shared/da.js';
import { MacPlanBuilder, macEmit, macMultipliers, macReference, type MacPlan } from '../shared/mac.js';
import { inferAccumulator, quantizeValues, resolvePrecision } from '../shared/precision.js';
import { convDaVerilog, convVerilog } from './verilog.js';

const plans = new WeakMap<object, MacPlan>();

/** Above this many terms the plan is one pixel's, repeated (a 256 x 256 image would need 10^8 terms flat). */
const FLAT_TERM_LIMIT = 1_000_000;

/** Spatial rank, channels and filters, in total and per group. */
function geometry(layer: HwLayerOf<'conv'>) {
  const rank = layer.kernel.length;
  const channels = layer.inShape[rank] ?? 1;
  const filters = layer.outShape[rank] ?? 1;
  return { rank, channels, filters, perGroupIn: channels / layer.group, perGroupOut: filters / layer.group };
}

function planOf(layer: HwLayerOf<'conv'>): MacPlan {
  const cached = plans.get(layer);
  if (cached) return cached;
  const { rank, filters, perGroupIn } = geometry(layer);
  const outPixels = elementCount(layer.outShape.slice(0, rank));
  const plan = outPixels * filters * elementCount(layer.kernel) * perGroupIn > FLAT_TERM_LIMIT ? repeatedPlan(layer) : flatPlan(layer);
  plans.set(layer, plan);
  return plan;
}

/** Coordinates of `index` in a row-major `shape`. */
function coordinatesOf(index: number, shape: readonly number[], into: number[]): void {
  let rest = index;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    into[axis] = rest % (shape[axis] ?? 1);
    rest = Math.floor(rest / (shape[axis] ?? 1));
  }
}

/**
 * One output pixel's elements (every filter, bias first) and their terms: kernel position k's input
 * offset from `offsetOf` (null where the window is in the padding), channels of the filter's group.
 */
function pixelTerms(builder: MacPlanBuilder, layer: HwLayerOf<'conv'>, offsetOf: (kernelIndex: readonly number[]) => number | null): void {
  const { rank, filters, perGroupIn, perGroupOut } = geometry(layer);
  const kernelIndex = new Array<number>(rank).fill(0);
  for (let m = 0; m < filters; m++) {
    const g = Math.floor(m / perGroupOut);
    builder.output(castRaw(layer.bias[m] ?? 0n, layer.biasType, layer.accumType));
    for (let k = 0; k < elementCount(layer.kernel); k++) {
      coordinatesOf(k, layer.kernel, kernelIndex);
      const offset = offsetOf(kernelIndex);
      if (offset === null) continue;
      for (let c = 0; c < perGroupIn; c++) builder.term(offset + g * perGroupIn + c, layer.weights[(k * perGroupIn + c) * filters + m] ?? 0n);
    }
  }
}

/** Every output element's terms, the padded window positions left out. */
function flatPlan(layer: HwLayerOf<'conv'>): MacPlan {
  const { rank } = geometry(layer);
  const inStrides = stridesOf(layer.inShape);
  const outSpatial = layer.outShape.slice(0, rank);
  const builder = new MacPlanBuilder();
  const position = new Array<number>(rank).fill(0);
  for (let pixel = 0; pixel < elementCount(outSpatial); pixel++) {
    coordinatesOf(pixel, outSpatial, position);
    pixelTerms(builder, layer, (kernelIndex) => {
      let offset = 0;
      for (let axis = 0; axis < rank; axis++) {
        const coordinate = (position[axis] ?? 0) * (layer.strides[axis] ?? 1) + (kernelIndex[axis] ?? 0) * (layer.dilations[axis] ?? 1) - (layer.pads[axis] ?? 0);
        if (coordinate < 0 || coordinate >= (layer.inShape[axis] ?? 0)) return null;
        offset += coordinate * (inStrides[axis] ?? 0);
      }
      return offset;
    });
  }
  return builder.build();
}

/** One output pixel's terms over the zero-padded input, offset per pixel (shared/mac.ts MacRepeat). */
function repeatedPlan(layer: HwLayerOf<'conv'>): MacPlan {
  const { rank, channels } = geometry(layer);
  const paddedShape = [...layer.inShape.slice(0, rank).map((size, axis) => size + (layer.pads[axis] ?? 0) + (layer.pads[rank + axis] ?? 0)), channels];
  const paddedStrides = stridesOf(paddedShape);
  const builder = new MacPlanBuilder();
  pixelTerms(builder, layer, (kernelIndex) => {
    let offset = 0;
    for (let axis = 0; axis < rank; axis++) offset += (kernelIndex[axis] ?? 0) * (layer.dilations[axis] ?? 1) * (paddedStrides[axis] ?? 0);
    return offset;
  });
  const coordinate = new Array<number>(rank + 1).fill(0);
  const scatter: number[] = [];
  for (let i = 0; i < elementCount(layer.inShape); i++) {
    coordinatesOf(i, layer.inShape, coordinate);
    let at = coordinate[rank] ?? 0;
    for (let axis = 0; axis < rank; axis++) at += ((coordinate[axis] ?? 0) + (layer.pads[axis] ?? 0)) * (paddedStrides[axis] ?? 0);
    scatter.push(at);
  }
  const outSpatial = layer.outShape.slice(0, rank);
  const position = new Array<number>(rank).fill(0);
  const bases: number[] = [];
  for (let pixel = 0; pixel < elementCount(outSpatial); pixel++) {
    coordinatesOf(pixel, outSpatial, position);
    let base = 0;
    for (let axis = 0; axis < rank; axis++) base += (position[axis] ?? 0) * (layer.strides[axis] ?? 1) * (paddedStrides[axis] ?? 0);
    bases.push(base);
  }
  return builder.build({ bases, scatter, paddedSize: elementCount(paddedShape) });
}

/** The distributed-arithmetic plan: one pixel's window over the padded image, repeated; the raw biases. */
function daPlanOf(layer: HwLayerOf<'conv'>, input: FixedType, result: FixedType): DaPlan {
  return cachedDaPlan(layer, { input, weight: layer.weightType, bias: layer.biasType, result }, () => ({ terms: repeatedPlan(layer), bias: layer.bias }));
}

function kernelDatapath(layer: HwLayerOf<'conv'>, context: LayerContext, input: FixedType, k: number, filters: number): Datapath {
  const strategy = layer.strategy;
  if (strategy === 'distributed_arithmetic') return daDatapath(daPlanOf(layer, input, context.outputType));
  return macDatapath(
    {
      nIn: k,
      nOut: filters,
      weights: layer.weights,
      bias: layer.bias,
      inputType: input,
      weightType: layer.weightType,
      accumType: layer.accumType,
      resultType: context.outputType,
      strategy,
      reuseFactor: layer.reuseFactor,
      multipliers: macMultipliers(layer.weights, strategy, layer.reuseFactor),
    },
    context.family,
  );
}

function datapathOf(layer: HwLayerOf<'conv'>, context: LayerContext): Datapath {
  const input = context.inputTypes[0] as FixedType;
  const filters = layer.outShape[layer.outShape.length - 1] ?? 1;
  const k = layer.weights.length / filters;
  const mac = kernelDatapath(layer, context, input, k, filters);
  const rf = layer.reuseFactor;
  if (context.ioType === 'io_parallel') {
    const positions = elementCount(layer.outShape.slice(0, -1));
    return {
      ...mac,
      steps: [
        ...(positions > 1 ? [{ kind: 'repeat' as const, name: 'earlier output pixels', cycles: (positions - 1) * rf, ops: [], bits: 0 }] : []),
        ...(positions > 1 ? [logic('im2col select', [{ op: 'select', count: k, inputs: positions, width: input.width }], k * input.width)] : []),
        ...mac.steps,
      ],
      // The outputs of the first P - 1 positions wait in registers for the last one.
      storage: [...mac.storage, { op: 'register', count: (positions - 1) * filters, width: context.outputType.width }],
      outputBits: mac.outputBits,
      iterationIi: positions * rf,
      notes: [...mac.notes, `one MAC array shared by ${positions} output positions (${positions}:1 input select)`],
    };
  }
  const channels = layer.inShape[layer.inShape.length - 1] ?? 1;
  const rowLength = layer.inShape.length >= 3 ? (layer.inShape[layer.inShape.length - 2] ?? 1) : 1;
  const rows = layer.kernel[0] ?? 1;
  return {
    ...mac,
    steps: [{ kind: 'register', name: 'line buffer, window', bits: 0 }, ...mac.steps],
    storage: [...mac.storage, ...(rows > 1 ? [{ op: 'fifo' as const, count: rows - 1, depth: rowLength, width: channels * input.width }] : [])],
    notes: [...mac.notes, `one output position per ${rf} cycles, line buffer of ${rows - 1} rows`],
  };
}

export const conv = defineLayerKind({
  kind: 'conv',
  classes: Object.fromEntries(['Conv1D', 'Conv2D', 'Conv', 'DepthwiseConv1D', 'DepthwiseConv2D'].map((name) => [name, { variables: ['weight', 'bias', 'accum'], reuse: true, table: false }])),
  lowers: ['conv'],
  hlsClass(flowNode, inputShapes) {
    const node = nodeOf(flowNode, 'conv');
    const shape = inputShapes[0] ?? [];
    return convClass(node.kernel.length, node.group, shape[shape.length - 1] ?? 1);
  },
  lower(flowNode, hlsClass, context) {
    const node = nodeOf(flowNode, 'conv');
    const config = context.layerConfig;
    const input = context.inputTypes[0] as FixedType;
    const inShape = context.inputShapes[0] ?? [];
    const channels = inShape[inShape.length - 1] ?? 1;
    const outShape = context.outputShape;
    const filters = outShape[outShape.length - 1] ?? 1;
    const weightType = node.weight.type ?? resolvePrecision(config.precision('weight'), () => null, context.modelDefault);
    const biasType = node.bias?.type ?? resolvePrecision(config.precision('bias'), () => null, context.modelDefault);
    const nOps = elementCount(node.kernel) * (channels / node.group);
    const inferred = () => inferAccumulator(input, weightType, biasType, nOps);
    const layer: HwLayerOf<'conv'> = {
      kind: 'conv',
      name: node.name,
      hlsClass,
      inputs: node.inputs,
      output: node.output,
      inShape,
      outShape,
      kernel: node.kernel,
      strides: node.strides,
      dilations: node.dilations,
      pads: node.pads,
      group: node.group,
      weightType,
      biasType,
      accumType: resolvePrecision(config.precision('accum'), inferred, context.modelDefault),
      weights: quantizeValues(node.weight.values, weightType),
      bias: node.bias ? quantizeValues(node.bias.values, biasType) : new Array<bigint>(filters).fill(0n),
      strategy: config.strategy,
      // hls4ml's conv multiplication size: n_in = kernel size x channels per group, n_out = filters per group.
      reuseFactor: context.reuseFactor(node.name, nOps, filters / node.group),
    };
    return { layer, outputType: resolvePrecision(config.precision('result'), inferred, context.modelDefault) };
  },
  reference(layer, inputs, inputTypes, outputType) {
    const input = inputTypes[0];
    invariant(input !== undefined, `conv '${layer.name}' has no input type`);
    if (layer.strategy === 'distributed_arithmetic') return daReference(daPlanOf(layer, input, outputType), inputs[0] ?? []);
    return macReference(planOf(layer), inputs[0] ?? [], { input, weight: layer.weightType, accum: layer.accumType, result: outputType });
  },
  emit(layer, context) {
    if (layer.strategy === 'distributed_arithmetic') return daEmit(daPlanOf(layer, context.inputType(0), context.outputType), context);
    macEmit(planOf(layer), context, { input: context.inputType(0), weight: layer.weightType, accum: layer.accumType, result: context.outputType });
  },
  verilog: (layer, context) =>
    layer.strategy === 'distributed_arithmetic' ? convDaVerilog(layer, daPlanOf(layer, context.inputTypes[0] as FixedType, context.outputType), context) : convVerilog(layer, planOf(layer), context),
  // Distributed arithmetic has shift-add adders only.
  multipliers: (layer) => (layer.strategy === 'distributed_arithmetic' ? 0 : macMultipliers(layer.weights, layer.strategy, layer.reuseFactor)),
  datapath: datapathOf,
  tokens(layer, context) {
    if (context.ioType === 'io_parallel') return { wire: false, tokensIn: [1], tokensOut: 1, program: tokenwiseProgram(1, 1) };
    const program = windowScanProgram({
      inSpatial: layer.inShape.slice(0, -1),
      outSpatial: layer.outShape.slice(0, -1),
      kernel: layer.kernel,
      strides: layer.strides,
      dilations: layer.dilations,
      pads: layer.pads,
    });
    return { wire: false, tokensIn: [tokenCount(layer.inShape, 'io_stream')], tokensOut: tokenCount(layer.outShape, 'io_stream'), program };
  },
});
