// Dense (hls4ml Dense; ONNX Gemm, MatMul + Add): nnet_dense_latency.h and nnet_dense_resource.h.
// Arithmetic in shared/mac.ts; the strategy and reuse factor set the accumulation order
// (shared/accumulation-order.ts), the multiplier count and the datapath (datapath/mac-datapath.ts).
// Strategy distributed_arithmetic: shared/da.ts (da4ml's exact adder graph, cast once to result_t).
// Weights with a QONNX quantizer keep its type (hls4ml: weight_quantizer.hls_type); others take the
// configured 'weight' precision.
//  io_parallel: one wide token in, one out. io_stream (nnet_dense_stream.h dense_wrapper): the 1-D input
//  is one token of nIn values (hls4ml's nnet::array<data_T, n_in>), so the same one iteration per sample;
//  a Dense applied per pixel (an input of more than one token) runs one iteration per token.
import { castRaw, invariant, type FixedType } from '@ngt/fxp';
import { macDatapath } from '../../datapath/mac-datapath.js';
import type { HwLayerOf } from '../../ir/hardware.js';
import { tokenCount, tokenwiseProgram } from '../../tokens/tokens.js';
import { defineLayerKind, nodeOf } from '../kind.js';
import { accumulationOrder } from '../shared/accumulation-order.js';
import { cachedDaPlan, daDatapath, daEmit, daReference, type DaPlan } from '../shared/da.js';
import { daVerilog } from '../shared/da-verilog.js';
import { MacPlanBuilder, macEmit, macMultipliers, macReference, type MacPlan } from '../shared/mac.js';
import { macVerilog } from '../shared/mac-verilog.js';
import { inferAccumulator, quantizeValues, resolvePrecision } from '../shared/precision.js';

const plans = new WeakMap<object, MacPlan>();

/** The distributed-arithmetic plan: every output's nonzero weights, inputs ascending, the raw biases. */
function daPlanOf(layer: HwLayerOf<'dense'>, input: FixedType, result: FixedType): DaPlan {
  return cachedDaPlan(layer, { input, weight: layer.weightType, bias: layer.biasType, result }, () => {
    const builder = new MacPlanBuilder();
    for (let j = 0; j < layer.nOut; j++) {
      builder.output(0n);
      for (let i = 0; i < layer.nIn; i++) builder.term(i, layer.weights[i * layer.nOut + j] ?? 0n);
    }
    return { terms: builder.build(), bias: layer.bias };
  });
}

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

export const dense = defineLayerKind({
  kind: 'dense',
  classes: { Dense: { variables: ['weight', 'bias', 'accum'], reuse: true, table: false } },
  lowers: ['dense'],
  hlsClass: () => 'Dense',
  lower(flowNode, hlsClass, context) {
    const node = nodeOf(flowNode, 'dense');
    const config = context.layerConfig;
    const input = context.inputTypes[0];
    invariant(input !== undefined, `dense '${node.name}' has no input type`);
    const weightType = node.weight.type ?? resolvePrecision(config.precision('weight'), () => null, context.modelDefault);
    const biasType = node.bias?.type ?? resolvePrecision(config.precision('bias'), () => null, context.modelDefault);
    const inferred = () => inferAccumulator(input, weightType, biasType, node.nIn);
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
      accumType: resolvePrecision(config.precision('accum'), inferred, context.modelDefault),
      weights: quantizeValues(node.weight.values, weightType),
      bias: node.bias ? quantizeValues(node.bias.values, biasType) : new Array<bigint>(node.nOut).fill(0n),
      strategy: config.strategy,
      reuseFactor: context.reuseFactor(node.name, node.nIn, node.nOut),
    };
    return { layer, outputType: resolvePrecision(config.precision('result'), inferred, context.modelDefault) };
  },
  reference(layer, inputs, inputTypes, outputType) {
    const input = inputTypes[0];
    invariant(input !== undefined, `dense '${layer.name}' has no input type`);
    if (layer.strategy === 'distributed_arithmetic') return daReference(daPlanOf(layer, input, outputType), inputs[0] ?? []);
    return macReference(planOf(layer), inputs[0] ?? [], { input, weight: layer.weightType, accum: layer.accumType, result: outputType });
  },
  emit(layer, context) {
    if (layer.strategy === 'distributed_arithmetic') return daEmit(daPlanOf(layer, context.inputType(0), context.outputType), context);
    macEmit(planOf(layer), context, { input: context.inputType(0), weight: layer.weightType, accum: layer.accumType, result: context.outputType });
  },
  verilog(layer, context) {
    const input = context.inputTypes[0];
    invariant(input !== undefined && context.inputs[0] !== undefined, `dense '${layer.name}' has no input`);
    if (layer.strategy === 'distributed_arithmetic') return daVerilog(context.m, daPlanOf(layer, input, context.outputType), context.inputs[0], 'dense');
    return macVerilog(context.m, planOf(layer), context.inputs[0], { input, weight: layer.weightType, accum: layer.accumType, result: context.outputType }, 'dense');
  },
  // Distributed arithmetic has shift-add adders only.
  multipliers: (layer) => (layer.strategy === 'distributed_arithmetic' ? 0 : macMultipliers(layer.weights, layer.strategy, layer.reuseFactor)),
  datapath(layer, context) {
    const input = context.inputTypes[0];
    invariant(input !== undefined, `dense '${layer.name}' has no input type`);
    if (layer.strategy === 'distributed_arithmetic') return daDatapath(daPlanOf(layer, input, context.outputType));
    const strategy = layer.strategy;
    return macDatapath(
      {
        nIn: layer.nIn,
        nOut: layer.nOut,
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
  },
  tokens(layer, context) {
    const tokens = tokenCount(context.inputShapes[0] ?? [layer.nIn], context.ioType);
    return { wire: false, tokensIn: [tokens], tokensOut: tokens, program: tokenwiseProgram(tokens, 1) };
  },
});
