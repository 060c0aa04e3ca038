// Every hardware layer kind's declaration, and every flow node kind's lowering: literal maps, the one
// place the interpreter, the compiler and the lowering look them up.
import type { FixedType } from '@ngt/fxp';
import type { HwLayer, HwLayerKind } from '../ir/hardware.js';
import type { FlowNodeKind } from '../ir/flow.js';
import type { EmitContext } from '../simulate/emit-context.js';
import { activationLayer, activationLowering, quantizeLowering } from './activation.js';
import { convLayer, convLowering } from './conv.js';
import { concatLayer, concatLowering, reshapeLayer, reshapeLowering, transposeLayer, transposeLowering } from './data-movement.js';
import { denseLayer, denseLowering } from './dense.js';
import type { HwLayerDefinition, NodeLowering } from './definition.js';
import { addLayer, addLowering, batchNormLayer, batchNormLowering } from './merge.js';
import { poolLayer, poolLowering } from './pool.js';
import { softmaxLayer, softmaxLowering } from './softmax.js';
import { tableActivationLayer } from './table-activation.js';

const HW_LAYERS: { readonly [K in HwLayerKind]: HwLayerDefinition<K> } = {
  dense: denseLayer,
  conv: convLayer,
  batch_norm: batchNormLayer,
  activation: activationLayer,
  table_activation: tableActivationLayer,
  softmax: softmaxLayer,
  pool: poolLayer,
  reshape: reshapeLayer,
  transpose: transposeLayer,
  add: addLayer,
  concat: concatLayer,
};

export const LOWERINGS: { readonly [K in Exclude<FlowNodeKind, 'onnx'>]: NodeLowering<K> } = {
  dense: denseLowering,
  conv: convLowering,
  batch_norm: batchNormLowering,
  activation: activationLowering,
  quantize: quantizeLowering,
  softmax: softmaxLowering,
  pool: poolLowering,
  reshape: reshapeLowering,
  transpose: transposeLowering,
  add: addLowering,
  concat: concatLowering,
};

function definitionOf(layer: HwLayer): HwLayerDefinition<HwLayerKind> {
  return HW_LAYERS[layer.kind] as unknown as HwLayerDefinition<HwLayerKind>;
}

export function referenceLayer(layer: HwLayer, inputs: readonly (readonly bigint[])[], inputTypes: readonly FixedType[], outputType: FixedType): bigint[] {
  return definitionOf(layer).reference(layer as never, inputs, inputTypes, outputType);
}

export function emitLayer(layer: HwLayer, context: EmitContext): void {
  definitionOf(layer).emit(layer as never, context);
}

export function multipliersOf(layer: HwLayer): number {
  return definitionOf(layer).multipliers(layer as never);
}
