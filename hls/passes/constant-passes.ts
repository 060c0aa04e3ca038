// Constant folding and QONNX quantizers (hls4ml quant_opt.py): Quant of a constant becomes the constant's
// ap_fixed type (BipolarQuant and FloatQuant of weights too: the fixed type holding their values); Quant of activations with zero point 0 and a power-of-two scale becomes a 'quantize'
// node (hls4ml's linear activation of the quantizer's type); other scales go through explicit rescale
// layers (hls4ml's ApplyAlpha): x / scale + zero point, quantize at scale 1, then (q - zero point) * scale.
import { fixedType } from '@ngt/fxp';
import { computeLayer, type FloatTensor, type LayerOf } from '../../models/index.js';
import { QuantizationError } from '../errors.js';
import type { FlowGraph, FlowNode, FlowNodeOf } from '../ir/flow.js';
import { exactTypeFor } from '../layers/shared/fixed-math.js';
import { definePass } from './define-pass.js';
import { addConstant, constantOf, replaceNode, tensorInfo } from './graph-edit.js';
import { powerOfTwoExponent, quantizerType } from './qonnx-types.js';

function onnxLayer(node: FlowNode) {
  return node.kind === 'onnx' ? node.layer : null;
}

export const foldConstants = definePass({
  name: 'fold-constants',
  match: (node, graph) => node.kind === 'onnx' && node.inputs.length > 0 && node.inputs.every((input) => constantOf(graph, input) !== null),
  apply(node, graph) {
    const layer = (node as FlowNodeOf<'onnx'>).layer;
    const inputs: FloatTensor[] = layer.inputs.map((name) => ({ shape: tensorInfo(graph, name).shape, data: constantOf(graph, name)?.values ?? new Float64Array() }));
    const shape = tensorInfo(graph, layer.output).shape;
    const values = computeLayer(layer, inputs, shape);
    let type = null;
    if (layer.kind === 'quant') {
      const scale = constantOf(graph, layer.inputs[1])?.values ?? new Float64Array();
      const zero = constantOf(graph, layer.inputs[2])?.values ?? new Float64Array();
      const bits = constantOf(graph, layer.inputs[3])?.values[0] ?? 0;
      const exponent = powerOfTwoExponent(scale);
      if (exponent !== null && zero.every((z) => z === 0)) type = quantizerType(layer, bits, exponent, graph.source);
    } else if (layer.kind === 'bipolar_quant') {
      // +-scale: with scale 2^e, exactly ap_fixed<2, 2 + e> (hls4ml gives such weights its 1-bit XnorPrecisionType).
      const exponent = powerOfTwoExponent(constantOf(graph, layer.inputs[1])?.values ?? new Float64Array());
      if (exponent !== null) type = fixedType(2, 2 + exponent);
    } else if (layer.kind === 'float_quant') {
      // Minifloat weights: the fixed type holding each of their values exactly, when one of at most 32 bits does.
      const exact = exactTypeFor(Array.from(values));
      if (exact.width <= 32) type = exact;
    } else if (layer.kind === 'transpose' || layer.kind === 'reshape') {
      type = constantOf(graph, layer.inputs[0])?.type ?? null;
    }
    addConstant(graph, layer.output, shape, { values, type });
    replaceNode(graph, node);
  },
});

/**
 * A quantizer at scale 1 between ApplyAlpha layers (hls4ml quant_opt.py for scales that are not a power
 * of two): x / scale + zero point, quantize, then (q - zero point) * scale; scale and zero per channel.
 */
function rescaledQuantizer(graph: FlowGraph, node: FlowNode, scale: Float64Array, zero: Float64Array, quantizer: (inputs: string[], output: string) => FlowNode): void {
  const shape = tensorInfo(graph, node.output).shape;
  const scaled = `${node.output}:scaled`;
  const quantized = `${node.output}:quantized`;
  for (const name of [scaled, quantized]) graph.tensors.set(name, { name, shape, constant: null });
  replaceNode(
    graph,
    node,
    { kind: 'batch_norm', hlsClass: 'ApplyAlpha', name: `${node.name}_scale`, inputs: [node.inputs[0] ?? ''], output: scaled, scale: scale.map((v) => 1 / v), bias: zero.slice() },
    quantizer([scaled], quantized),
    { kind: 'batch_norm', hlsClass: 'ApplyAlpha', name: `${node.name}_rescale`, inputs: [quantized], output: node.output, scale: scale.slice(), bias: zero.map((v, i) => -v * (scale[i] ?? 0)) },
  );
}

export const quantizeActivations = definePass({
  name: 'qonnx-quant-to-quantize',
  match: (node, graph) =>
    onnxLayer(node)?.kind === 'quant' && constantOf(graph, node.inputs[0]) === null && node.inputs.slice(1).every((input) => constantOf(graph, input) !== null),
  apply(node, graph) {
    const layer = (node as FlowNodeOf<'onnx'>).layer as LayerOf<'quant'>;
    const scale = constantOf(graph, layer.inputs[1])?.values ?? new Float64Array();
    const zero = constantOf(graph, layer.inputs[2])?.values ?? new Float64Array();
    const bits = constantOf(graph, layer.inputs[3])?.values[0] ?? 0;
    const exponent = powerOfTwoExponent(scale);
    if (exponent !== null && zero.every((z) => z === 0)) {
      replaceNode(graph, node, { kind: 'quantize', name: node.name, inputs: [node.inputs[0] ?? ''], output: node.output, type: quantizerType(layer, bits, exponent, graph.source) });
      return;
    }
    const channels = tensorInfo(graph, node.output).shape.at(-1) ?? 1;
    const perChannel = (values: Float64Array): Float64Array => {
      if (values.length === 1) return new Float64Array(channels).fill(values[0] ?? 0);
      if (values.length === channels) return values;
      throw new QuantizationError(`${graph.source}: node '${node.name}': Quant scale and zero point must be per tensor or per channel (last axis, ${channels}), not ${values.length} values`);
    };
    rescaledQuantizer(graph, node, perChannel(scale), perChannel(zero), (inputs, output) => ({ kind: 'quantize', name: `${node.name}_act`, inputs, output, type: quantizerType(layer, bits, 0, graph.source) }));
  },
});

/**
 * A BipolarQuant on activations (bipolar_quant_opt.py): hls4ml's binary_tanh activation (+1 / -1),
 * then, unless the scale is 1, an ApplyAlpha multiplying by it (per tensor or per channel).
 */
export const bipolarActivations = definePass({
  name: 'bipolar-quant-to-activation',
  match: (node, graph) => onnxLayer(node)?.kind === 'bipolar_quant' && constantOf(graph, node.inputs[0]) === null && constantOf(graph, node.inputs[1]) !== null,
  apply(node, graph) {
    const scale = constantOf(graph, node.inputs[1])?.values ?? new Float64Array();
    const activation: FlowNode = { kind: 'activation', activation: { kind: 'binary_tanh' }, name: node.name, inputs: [node.inputs[0] ?? ''], output: node.output };
    if (scale.every((value) => value === 1)) {
      replaceNode(graph, node, activation);
      return;
    }
    const shape = tensorInfo(graph, node.output).shape;
    const channels = shape[shape.length - 1] ?? 1;
    if (scale.length !== 1 && scale.length !== channels) {
      throw new QuantizationError(`${graph.source}: node '${node.name}': BipolarQuant scale must be per tensor or per channel (last axis, ${channels}), not ${scale.length} values`);
    }
    const binary = `${node.output}:binary`;
    graph.tensors.set(binary, { name: binary, shape, constant: null });
    const perChannel = scale.length === 1 ? new Float64Array(channels).fill(scale[0] ?? 0) : scale.slice();
    replaceNode(
      graph,
      node,
      { ...activation, name: `${node.name}_act`, output: binary },
      { kind: 'batch_norm', hlsClass: 'ApplyAlpha', name: `${node.name}_rescale`, inputs: [binary], output: node.output, scale: perChannel, bias: new Float64Array(channels) },
    );
  },
});

/** A MultiThreshold with constant thresholds: FINN's thresholding unit (layers/threshold). */
export const multiThresholds = definePass({
  name: 'multithreshold',
  match: (node, graph) => onnxLayer(node)?.kind === 'multithreshold' && constantOf(graph, node.inputs[0]) === null && constantOf(graph, node.inputs[1]) !== null,
  apply(node, graph) {
    const layer = (node as FlowNodeOf<'onnx'>).layer as LayerOf<'multithreshold'>;
    const [rows = 1, steps = 0] = tensorInfo(graph, node.inputs[1] ?? '').shape;
    const thresholds = constantOf(graph, node.inputs[1])?.values ?? new Float64Array();
    replaceNode(graph, node, { kind: 'threshold', name: node.name, inputs: [node.inputs[0] ?? ''], output: node.output, rows, steps, thresholds, outScale: layer.outScale, outBias: layer.outBias });
  },
});

/** FloatQuant on activations with constant scalar parameters: the minifloat quantizer (layers/minifloat). */
export const floatQuantActivations = definePass({
  name: 'floatquant-to-minifloat',
  match: (node, graph) => onnxLayer(node)?.kind === 'float_quant' && constantOf(graph, node.inputs[0]) === null && node.inputs.slice(1).every((input) => constantOf(graph, input)?.values.length === 1),
  apply(node, graph) {
    const layer = (node as FlowNodeOf<'onnx'>).layer as LayerOf<'float_quant'>;
    const [scale = 1, exponentBits = 0, mantissaBits = 0, exponentBias = 0, maxVal = Infinity] = node.inputs.slice(1).map((input) => constantOf(graph, input)?.values[0] ?? 0);
    const rounding: 'ROUND' | 'CEIL' | 'FLOOR' = layer.rounding === 'CEIL' || layer.rounding === 'FLOOR' ? layer.rounding : 'ROUND';
    const quantizer = { kind: 'minifloat' as const, exponentBits, mantissaBits, exponentBias, maxVal, rounding };
    if (powerOfTwoExponent([scale]) !== null) {
      replaceNode(graph, node, { ...quantizer, name: node.name, inputs: [node.inputs[0] ?? ''], output: node.output, scale });
      return;
    }
    // Another scale: divided out and multiplied back by ApplyAlpha layers, as hls4ml does for Quant.
    const channels = tensorInfo(graph, node.output).shape.at(-1) ?? 1;
    rescaledQuantizer(graph, node, new Float64Array(channels).fill(scale), new Float64Array(channels), (inputs, output) => ({ ...quantizer, name: `${node.name}_act`, inputs, output, scale: 1 }));
  },
});

export function isConstant(graph: FlowGraph, tensor: string | undefined): boolean {
  return constantOf(graph, tensor) !== null;
}
