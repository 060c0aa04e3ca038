// One-to-one conversions of imported layers to hardware layer kinds, and clean-ups: linear activations
// removed (identity and dropout never reach here: the importer drops them), constant elementwise
// Mul/Div/Add/Sub turned into scale-and-bias layers (hls4ml's ApplyAlpha), BatchNormalization into its
// scale and bias (nnet_batchnorm.h computes x * scale + bias).
import type { FlowNode, FlowNodeOf } from '../ir/flow.js';
import { nearestSourceIndices, type Layer } from '../../models/index.js';
import { definePass } from './define-pass.js';
import { bypass, constantOf, replaceNode, tensorInfo } from './graph-edit.js';

const PLAIN_ACTIVATIONS = new Set(['relu', 'leaky_relu', 'clip', 'sigmoid', 'tanh', 'softsign', 'softplus', 'elu', 'selu']);

function layerOf(node: FlowNode): Layer | null {
  return node.kind === 'onnx' ? node.layer : null;
}

function base(node: FlowNode) {
  return { name: node.name, inputs: node.inputs, output: node.output };
}

export const convertActivation = definePass({
  name: 'activation',
  match: (node) => {
    const layer = layerOf(node);
    return layer?.kind === 'activation' && PLAIN_ACTIVATIONS.has(layer.activation.kind);
  },
  apply(node, graph) {
    const layer = layerOf(node);
    if (layer?.kind === 'activation') replaceNode(graph, node, { ...base(node), kind: 'activation', activation: layer.activation });
  },
});

export const removeLinear = definePass({
  name: 'remove-linear',
  match: (node) => node.kind === 'activation' && node.activation.kind === 'linear',
  apply: (node, graph) => bypass(graph, node),
});

export const convertSoftmax = definePass({
  name: 'softmax',
  match: (node, graph) => {
    const layer = layerOf(node);
    if (layer?.kind !== 'softmax') return false;
    const rank = tensorInfo(graph, node.output).shape.length;
    return layer.axis === rank - 1 || layer.axis === -1;
  },
  apply: (node, graph) => replaceNode(graph, node, { ...base(node), kind: 'softmax' }),
});

export const convertReshape = definePass({
  name: 'reshape',
  match: (node, graph) => layerOf(node)?.kind === 'reshape' && constantOf(graph, node.inputs[0]) === null,
  apply: (node, graph) => replaceNode(graph, node, { ...base(node), inputs: [node.inputs[0] ?? ''], kind: 'reshape' }),
});

export const convertTranspose = definePass({
  name: 'transpose',
  match: (node, graph) => layerOf(node)?.kind === 'transpose' && constantOf(graph, node.inputs[0]) === null,
  apply(node, graph) {
    const layer = layerOf(node);
    if (layer?.kind === 'transpose') replaceNode(graph, node, { ...base(node), kind: 'transpose', perm: layer.perm });
  },
});

export const convertResize = definePass({
  name: 'resize',
  match: (node, graph) => layerOf(node)?.kind === 'resize' && constantOf(graph, node.inputs[0]) === null,
  apply(node, graph) {
    const layer = layerOf(node);
    if (layer?.kind !== 'resize') return;
    const inShape = tensorInfo(graph, node.inputs[0] ?? '').shape.slice(1);
    const outShape = tensorInfo(graph, node.output).shape.slice(1);
    replaceNode(graph, node, { ...base(node), kind: 'resize', sources: nearestSourceIndices(layer, inShape, outShape) });
  },
});

export const convertBatchNorm = definePass({
  name: 'batchnorm',
  match: (node, graph) => layerOf(node)?.kind === 'batch_normalization' && node.inputs.slice(1).every((input) => constantOf(graph, input) !== null),
  apply(node, graph) {
    const layer = layerOf(node);
    if (layer?.kind !== 'batch_normalization') return;
    const [gamma, beta, mean, variance] = node.inputs.slice(1).map((input) => constantOf(graph, input)?.values ?? new Float64Array());
    const scale = (gamma ?? new Float64Array()).map((g, c) => g / Math.sqrt((variance?.[c] ?? 0) + layer.epsilon));
    const bias = scale.map((s, c) => (beta?.[c] ?? 0) - (mean?.[c] ?? 0) * s);
    replaceNode(graph, node, { ...base(node), inputs: [node.inputs[0] ?? ''], kind: 'batch_norm', hlsClass: 'BatchNormalization', scale, bias });
  },
});

/** x op c with c a constant scalar or one value per channel (last axis): a scale-and-bias layer. */
export const constantArithmetic = definePass({
  name: 'constant-arithmetic',
  match(node, graph) {
    const layer = layerOf(node);
    if (layer?.kind !== 'binary' || !['add', 'sub', 'mul', 'div'].includes(layer.operator)) return false;
    const [a, b] = node.inputs;
    const ca = constantOf(graph, a);
    const cb = constantOf(graph, b);
    if ((ca === null) === (cb === null)) return false;
    if (layer.operator === 'div' && cb === null) return false;
    const data = tensorInfo(graph, (ca ? b : a) ?? '');
    const constant = tensorInfo(graph, (ca ? a : b) ?? '');
    const channels = data.shape[data.shape.length - 1] ?? 1;
    const count = constant.constant?.values.length ?? 0;
    const outShape = tensorInfo(graph, node.output).shape;
    return (count === 1 || (count === channels && constant.shape[constant.shape.length - 1] === channels)) && outShape.length === data.shape.length;
  },
  apply(node, graph) {
    const layer = layerOf(node);
    if (layer?.kind !== 'binary') return;
    const [a, b] = node.inputs;
    const constantFirst = constantOf(graph, a) !== null;
    const data = (constantFirst ? b : a) ?? '';
    const shape = tensorInfo(graph, data).shape;
    const channels = shape[shape.length - 1] ?? 1;
    const raw = constantOf(graph, constantFirst ? a : b)?.values ?? new Float64Array();
    const c = raw.length === 1 ? new Float64Array(channels).fill(raw[0] ?? 0) : raw;
    const ones = new Float64Array(channels).fill(1);
    const zeros = new Float64Array(channels);
    const [scale, bias] = {
      add: [ones, c],
      sub: constantFirst ? [ones.map(() => -1), c] : [ones, c.map((v) => -v)],
      mul: [c, zeros],
      div: [c.map((v) => 1 / v), zeros],
      pow: [ones, zeros],
    }[layer.operator] as [Float64Array, Float64Array];
    replaceNode(graph, node, { name: node.name, inputs: [data], output: node.output, kind: 'batch_norm', hlsClass: 'ApplyAlpha', scale, bias });
  },
});

export const convertAdd = definePass({
  name: 'merge-add',
  match: (node, graph) => {
    const layer = layerOf(node);
    return layer?.kind === 'binary' && layer.operator === 'add' && node.inputs.every((input) => constantOf(graph, input) === null) &&
      tensorInfo(graph, node.inputs[0] ?? '').shape.join() === tensorInfo(graph, node.inputs[1] ?? '').shape.join();
  },
  apply: (node, graph) => replaceNode(graph, node, { ...base(node), kind: 'add' }),
});

export const convertConcat = definePass({
  name: 'concatenate',
  match: (node, graph) => layerOf(node)?.kind === 'concat' && node.inputs.length === 2 && node.inputs.every((input) => constantOf(graph, input) === null),
  apply(node, graph) {
    const layer = layerOf(node);
    if (layer?.kind !== 'concat') return;
    const rank = tensorInfo(graph, node.output).shape.length;
    replaceNode(graph, node, { ...base(node), kind: 'concat', axis: layer.axis < 0 ? layer.axis + rank : layer.axis });
  },
});

export const convertConv = definePass({
  name: 'conv',
  match: (node, graph) => layerOf(node)?.kind === 'conv' && constantOf(graph, node.inputs[1]) !== null && (node.inputs[2] === undefined || constantOf(graph, node.inputs[2]) !== null),
  apply(node, graph) {
    const layer = layerOf(node);
    if (layer?.kind !== 'conv') return;
    const bias = constantOf(graph, node.inputs[2]);
    const conv: FlowNodeOf<'conv'> = {
      ...base(node),
      inputs: [node.inputs[0] ?? ''],
      kind: 'conv',
      kernel: layer.kernelShape,
      strides: layer.strides,
      dilations: layer.dilations,
      pads: layer.pads,
      group: layer.group,
      weight: constantOf(graph, node.inputs[1]) ?? { values: new Float64Array(), type: null },
      bias,
    };
    replaceNode(graph, node, conv);
  },
});

export const convertPool = definePass({
  name: 'pooling',
  match: (node) => layerOf(node)?.kind === 'pool' || layerOf(node)?.kind === 'global_pool',
  apply(node, graph) {
    const layer = layerOf(node);
    if (layer?.kind === 'pool') {
      replaceNode(graph, node, { ...base(node), kind: 'pool', mode: layer.mode, kernel: layer.kernelShape, strides: layer.strides, pads: layer.pads, countIncludePad: layer.countIncludePad, global: false });
    } else if (layer?.kind === 'global_pool') {
      const shape = tensorInfo(graph, node.inputs[0] ?? '').shape.slice(1, -1);
      replaceNode(graph, node, { ...base(node), kind: 'pool', mode: layer.mode, kernel: shape, strides: shape, pads: shape.flatMap(() => [0, 0]), countIncludePad: false, global: true });
    }
  },
});
