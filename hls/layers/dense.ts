// Dense (hls4ml Dense; ONNX Gemm, MatMul + Add): nnet_dense_latency.h and nnet_dense_resource.h.
// Arithmetic in mac.ts; the strategy and reuse factor only set the accumulation order
// (accumulation-order.ts) and the multiplier count. Weights with a QONNX quantizer keep its type
// (hls4ml: weight_quantizer.hls_type); others take the configured 'weight' precision.
import { castRaw } from '@ngt/fxp';
import { accumulationOrder } from './accumulation-order.js';
import { defineHwLayer, defineLowering, inferAccumulator, quantizeValues, resolvePrecision } from './definition.js';
import { MacPlanBuilder, macEmit, macReference, type MacPlan } from './mac.js';
import type { HwLayerOf } from '../ir/hardware.js';

export const denseLowering = defineLowering({
  kind: 'dense',
  hlsClass: () => 'Dense',
  lower(node, hlsClass, context) {
    const config = context.layerConfig;
    const input = context.inputTypes[0];
    if (!input) throw new Error(`dense '${node.name}' has no input type`);
    const weightType = node.weight.type ?? resolvePrecision(config.precision('weight'), () => null, context.modelDefault);
    const biasType = node.bias?.type ?? resolvePrecision(config.precision('bias'), () => null, context.modelDefault);
    const inferred = () => inferAccumulator(input, weightType, biasType, node.nIn);
    const accumType = resolvePrecision(config.precision('accum'), inferred, context.modelDefault);
    const resultType = resolvePrecision(config.precision('result'), inferred, context.modelDefault);
    const reuseFactor = context.reuseFactor(node.name, node.nIn, node.nOut);
    const layer: HwLayerOf<'dense'> = {
      kind: 'dense',
      name: node.name,
      hlsClass,
      inputs: node.inputs,
      output: node.output,
      nIn: node.nIn,
      nOut: node.nOut,
      weightType,
      biasType,
      accumType,
      weights: quantizeValues(node.weight.values, weightType),
      bias: node.bias ? quantizeValues(node.bias.values, biasType) : new Array<bigint>(node.nOut).fill(0n),
      strategy: config.strategy,
      reuseFactor,
    };
    return { layer, outputType: resultType };
  },
});

const plans = new WeakMap<object, MacPlan>();

function planOf(layer: HwLayerOf<'dense'>): MacPlan {
  let plan = plans.get(layer);
  if (!plan) {
    const builder = new MacPlanBuilder();
    const order = accumulationOrder(layer.nIn, layer.nOut, layer.strategy, layer.reuseFactor);
    for (let j = 0; j < layer.nOut; j++) {
      builder.output(castRaw(layer.bias[j] ?? 0n, layer.biasType, layer.accumType));
      for (const i of order[j] ?? []) builder.term(i, layer.weights[i * layer.nOut + j] ?? 0n);
    }
    plan = builder.build();
    plans.set(layer, plan);
  }
  return plan;
}

export const denseLayer = defineHwLayer({
  kind: 'dense',
  reference(layer, inputs, inputTypes, outputType) {
    const input = inputTypes[0];
    if (!input) throw new Error(`dense '${layer.name}' has no input type`);
    return macReference(planOf(layer), inputs[0] ?? [], { input, weight: layer.weightType, accum: layer.accumType, result: outputType });
  },
  emit(layer, context) {
    macEmit(planOf(layer), context, { input: context.inputType(0), weight: layer.weightType, accum: layer.accumType, result: context.outputType });
  },
  multipliers(layer) {
    // The config template's multiplier_limit: DIV_ROUNDUP(n_in * n_out, RF) - n_zeros / RF for Latency;
    // Resource keeps its weights in memory and instantiates block_factor = DIV_ROUNDUP(n_in * n_out, RF).
    const total = layer.nIn * layer.nOut;
    const zeros = layer.weights.filter((weight) => weight === 0n).length;
    const blocks = Math.ceil(total / layer.reuseFactor);
    return layer.strategy === 'latency' ? blocks - Math.floor(zeros / layer.reuseFactor) : blocks;
  },
});
