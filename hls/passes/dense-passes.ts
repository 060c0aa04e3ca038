// Gemm, or MatMul then Add, to Dense (hls4ml's ONNX parser and its matmul_const_to_dense / fuse_bias_add
// optimizers); BatchNormalization folded into the Dense or Conv before it (fuse_batchnorm: only when
// that layer's weights carry no quantizer, since folding moves them off the quantizer's grid).
import type { LayerOf } from '../../models/index.js';
import type { FlowNode, FlowNodeOf, QuantizedConstant } from '../ir/flow.js';
import { definePass } from './define-pass.js';
import { constantOf, consumers, isGraphOutput, replaceNode, tensorInfo } from './graph-edit.js';

function scaled(constant: QuantizedConstant, factor: number): QuantizedConstant {
  return factor === 1 ? constant : { values: constant.values.map((v) => v * factor), type: null };
}

export const gemmToDense = definePass({
  name: 'gemm-to-dense',
  match(node, graph) {
    if (node.kind !== 'onnx' || node.layer.kind !== 'gemm' || node.layer.transA) return false;
    const a = tensorInfo(graph, node.inputs[0] ?? '');
    return a.constant === null && a.shape.length === 2 && constantOf(graph, node.inputs[1]) !== null && (node.inputs[2] === undefined || constantOf(graph, node.inputs[2]) !== null);
  },
  apply(node, graph) {
    const layer = (node as FlowNodeOf<'onnx'>).layer as LayerOf<'gemm'>;
    const b = constantOf(graph, layer.inputs[1]) as QuantizedConstant;
    const shapeB = tensorInfo(graph, layer.inputs[1] ?? '').shape;
    const nIn = (layer.transB ? shapeB[1] : shapeB[0]) ?? 0;
    const nOut = (layer.transB ? shapeB[0] : shapeB[1]) ?? 0;
    const values = new Float64Array(nIn * nOut);
    for (let i = 0; i < nIn; i++) for (let j = 0; j < nOut; j++) values[i * nOut + j] = (b.values[layer.transB ? j * nIn + i : i * nOut + j] ?? 0) * layer.alpha;
    const c = constantOf(graph, layer.inputs[2]);
    let bias: QuantizedConstant | null = null;
    if (c) {
      const full = c.values.length === nOut ? c.values : new Float64Array(nOut).fill(c.values[0] ?? 0);
      bias = scaled({ values: full, type: c.values.length === nOut ? c.type : null }, layer.beta);
    }
    replaceNode(graph, node, {
      kind: 'dense',
      name: node.name,
      inputs: [node.inputs[0] ?? ''],
      output: node.output,
      nIn,
      nOut,
      weight: { values, type: layer.alpha === 1 ? b.type : null },
      bias,
    });
  },
});

export const matmulToDense = definePass({
  name: 'matmul-to-dense',
  match(node, graph) {
    if (node.kind !== 'onnx' || node.layer.kind !== 'matmul') return false;
    const a = tensorInfo(graph, node.inputs[0] ?? '');
    const b = tensorInfo(graph, node.inputs[1] ?? '');
    return a.constant === null && a.shape.length === 2 && b.constant !== null && b.shape.length === 2;
  },
  apply(node, graph) {
    const b = tensorInfo(graph, node.inputs[1] ?? '');
    const [nIn = 0, nOut = 0] = b.shape;
    replaceNode(graph, node, { kind: 'dense', name: node.name, inputs: [node.inputs[0] ?? ''], output: node.output, nIn, nOut, weight: b.constant as QuantizedConstant, bias: null });
  },
});

/** The Dense that alone produces `tensor` for one consumer, or null. */
function soleProducer(nodes: readonly FlowNode[], tensor: string, kinds: readonly string[]): FlowNode | null {
  const producer = nodes.find((node) => node.output === tensor);
  return producer && kinds.includes(producer.kind) ? producer : null;
}

export const fuseBias = definePass({
  name: 'fuse-bias-add',
  match(node, graph) {
    if (node.kind !== 'onnx' || node.layer.kind !== 'binary' || node.layer.operator !== 'add') return false;
    const dense = soleProducer(graph.nodes, node.inputs[0] ?? '', ['dense']);
    const bias = constantOf(graph, node.inputs[1]);
    return (
      dense !== null &&
      dense.kind === 'dense' &&
      dense.bias === null &&
      bias !== null &&
      bias.values.length === dense.nOut &&
      consumers(graph, dense.output).length === 1 &&
      !isGraphOutput(graph, dense.output)
    );
  },
  apply(node, graph) {
    const dense = soleProducer(graph.nodes, node.inputs[0] ?? '', ['dense']) as FlowNodeOf<'dense'>;
    replaceNode(graph, dense, { ...dense, output: node.output, bias: constantOf(graph, node.inputs[1]) });
    replaceNode(graph, node);
  },
});

export const foldBatchNorm = definePass({
  name: 'fold-batchnorm',
  match(node, graph) {
    if (node.kind !== 'batch_norm' || node.hlsClass !== 'BatchNormalization') return false;
    const producer = soleProducer(graph.nodes, node.inputs[0] ?? '', ['dense', 'conv']);
    return (
      producer !== null &&
      (producer.kind === 'dense' || producer.kind === 'conv') &&
      producer.weight.type === null &&
      consumers(graph, producer.output).length === 1 &&
      !isGraphOutput(graph, producer.output)
    );
  },
  apply(node, graph) {
    const bn = node as FlowNodeOf<'batch_norm'>;
    const producer = soleProducer(graph.nodes, node.inputs[0] ?? '', ['dense', 'conv']) as FlowNodeOf<'dense'> | FlowNodeOf<'conv'>;
    const channels = bn.scale.length;
    // Both layouts keep the output channel last: dense [nIn][nOut], conv [...kernel, C / group, M].
    const weight = producer.weight.values.map((w, index) => w * (bn.scale[index % channels] ?? 1));
    const bias = bn.scale.map((s, j) => (producer.bias?.values[j] ?? 0) * s + (bn.bias[j] ?? 0));
    replaceNode(graph, producer, { ...producer, output: bn.output, weight: { values: weight, type: null }, bias: { values: bias, type: null } });
    replaceNode(graph, node);
  },
});
