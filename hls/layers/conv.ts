// Conv1D / Conv2D (and depthwise, group == channels), io_parallel: nnet_conv1d_latency.h and
// nnet_conv2d_latency.h compute, for every output pixel, the im2col buffer (fill_buffer: kernel
// positions row-major, channels innermost, zero where the window leaves the padded image) times the
// weights [filt_width * n_chan][n_filt], with the arithmetic of mac.ts. Padded positions contribute
// (accum_t) 0, so they are left out like zero weights. The Resource strategy's partitioning changes the
// schedule, not this accumulation order (the order only matters for saturating accumulators).
import { castRaw, type FixedType } from '@ngt/fxp';
import type { HwLayerOf } from '../ir/hardware.js';
import { defineHwLayer, defineLowering, inferAccumulator, quantizeValues, resolvePrecision } from './definition.js';
import { MacPlanBuilder, macEmit, macReference, type MacPlan } from './mac.js';
import { elementCount, stridesOf } from '../../models/index.js';

export const convLowering = defineLowering({
  kind: 'conv',
  hlsClass(node, inputShapes) {
    const channels = inputShapes[0]?.[(inputShapes[0]?.length ?? 1) - 1] ?? 1;
    const rank = node.kernel.length;
    return node.group > 1 && node.group === channels ? `DepthwiseConv${rank}D` : `Conv${rank}D`;
  },
  lower(node, hlsClass, context) {
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
});

const plans = new WeakMap<object, MacPlan>();

function planOf(layer: HwLayerOf<'conv'>): MacPlan {
  const cached = plans.get(layer);
  if (cached) return cached;
  const rank = layer.kernel.length;
  const channels = layer.inShape[rank] ?? 1;
  const filters = layer.outShape[rank] ?? 1;
  const perGroupIn = channels / layer.group;
  const perGroupOut = filters / layer.group;
  const inStrides = stridesOf(layer.inShape);
  const outSpatial = layer.outShape.slice(0, rank);
  const kernelPositions = elementCount(layer.kernel);
  const builder = new MacPlanBuilder();
  const outPixels = elementCount(outSpatial);
  const position = new Array<number>(rank).fill(0);
  const kernelIndex = new Array<number>(rank).fill(0);
  for (let pixel = 0; pixel < outPixels; pixel++) {
    let rest = pixel;
    for (let axis = rank - 1; axis >= 0; axis--) {
      position[axis] = rest % (outSpatial[axis] ?? 1);
      rest = Math.floor(rest / (outSpatial[axis] ?? 1));
    }
    for (let m = 0; m < filters; m++) {
      const g = Math.floor(m / perGroupOut);
      builder.output(castRaw(layer.bias[m] ?? 0n, layer.biasType, layer.accumType));
      for (let k = 0; k < kernelPositions; k++) {
        let restK = k;
        for (let axis = rank - 1; axis >= 0; axis--) {
          kernelIndex[axis] = restK % (layer.kernel[axis] ?? 1);
          restK = Math.floor(restK / (layer.kernel[axis] ?? 1));
        }
        let offset = 0;
        let inside = true;
        for (let axis = 0; axis < rank; axis++) {
          const coordinate = (position[axis] ?? 0) * (layer.strides[axis] ?? 1) + (kernelIndex[axis] ?? 0) * (layer.dilations[axis] ?? 1) - (layer.pads[axis] ?? 0);
          if (coordinate < 0 || coordinate >= (layer.inShape[axis] ?? 0)) inside = false;
          offset += coordinate * (inStrides[axis] ?? 0);
        }
        if (!inside) continue;
        for (let c = 0; c < perGroupIn; c++) {
          builder.term(offset + g * perGroupIn + c, layer.weights[(k * perGroupIn + c) * filters + m] ?? 0n);
        }
      }
    }
  }
  const plan = builder.build();
  plans.set(layer, plan);
  return plan;
}

export const convLayer = defineHwLayer({
  kind: 'conv',
  reference(layer, inputs, inputTypes, outputType) {
    return macReference(planOf(layer), inputs[0] ?? [], { input: inputTypes[0] as FixedType, weight: layer.weightType, accum: layer.accumType, result: outputType });
  },
  emit(layer, context) {
    macEmit(planOf(layer), context, { input: context.inputType(0), weight: layer.weightType, accum: layer.accumType, result: context.outputType });
  },
  multipliers(layer) {
    // One kernel's products per reuse cycle (mult_config n_in * n_out), zeros skipped for Latency.
    const total = layer.weights.length;
    const zeros = layer.weights.filter((weight) => weight === 0n).length;
    const blocks = Math.ceil(total / layer.reuseFactor);
    return layer.strategy === 'latency' ? blocks - Math.floor(zeros / layer.reuseFactor) : blocks;
  },
});
