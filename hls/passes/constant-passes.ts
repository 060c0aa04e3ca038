// Constant folding and QONNX quantizers (hls4ml quant_opt.py): Quant of a constant becomes the constant's
// ap_fixed type; Quant of activations with zero point 0 and a power-of-two scale becomes a 'quantize'
// node (hls4ml's linear activation of the quantizer's type); other scales go through explicit rescale
// layers (hls4ml's ApplyAlpha): x / scale + zero point, quantize at scale 1, then (q - zero point) * scale.
import { fixedType } from '@ngt/fxp';
import { computeLayer, type FloatTensor, type LayerOf } from '../../models/index.js';
import { QuantizationError } from '../errors.js';
import type { FlowGraph, FlowNode, FlowNodeOf } from '../ir/flow.js';
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
    } else if (layer.kind === 'transpose' || layer.kind === 'reshape') {
      type = constantOf(graph, layer.inputs[0])?.type ?? null;
    }
    addConstant(graph, layer.output, shape, { values, type });
    replaceNode(graph, node);
  },
});

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
    const shape = tensorInfo(graph, node.output).shape;
    const channels = shape[shape.length - 1] ?? 1;
    const perChannel = (values: Float64Array): Float64Array => {
      if (values.length === 1) return new Float64Array(channels).fill(values[0] ?? 0);
      if (values.length === channels) return values;
      throw new QuantizationError(`${graph.source}: node '${node.name}': Quant scale and zero point must be per tensor or per channel (last axis, ${channels}), not ${values.length} values`);
    };
    const s = perChannel(scale);
    const z = perChannel(zero);
    const scaled = `${node.output}:scaled`;
    const quantized = `${node.output}:quantized`;
    for (const name of [scaled, quantized]) graph.tensors.set(name, { name, shape, constant: null });
    replaceNode(
      graph,
      node,
      { kind: 'batch_norm', hlsClass: 'ApplyAlpha', name: `${node.name}_scale`, inputs: [node.inputs[0] ?? ''], output: scaled, scale: s.map((v) => 1 / v), bias: z.slice() },
      { kind: 'quantize', name: `${node.name}_act`, inputs: [scaled], output: quantized, type: quantizerType(layer, bits, 0, graph.source) },
      { kind: 'batch_norm', hlsClass: 'ApplyAlpha', name: `${node.name}_rescale`, inputs: [quantized], output: node.output, scale: s.slice(), bias: z.map((v, i) => -v * (s[i] ?? 0)) },
    );
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

export function isConstant(graph: FlowGraph, tensor: string | undefined): boolean {
  return constantOf(graph, tensor) !== null;
}
