// Gemm and MatMul.
import type { ImportContext, NodeView } from '../context.js';
import { flag, onnxOp } from './op-importer.js';

export const importGemm = onnxOp((node: NodeView, context: ImportContext) => {
  const inputs = node.inputs.slice(0, 3).filter((name, index) => index < 2 || name !== '');
  context.input(node, 0, 'A');
  context.input(node, 1, 'B');
  context.emit(
    {
      kind: 'gemm',
      inputs,
      alpha: node.attributes.float('alpha', 1),
      beta: node.attributes.float('beta', 1),
      transA: flag(node, context, 'transA', false),
      transB: flag(node, context, 'transB', false),
    },
    context.output(node),
  );
});

export const importMatMul = onnxOp((node, context) => {
  context.input(node, 0, 'A');
  context.input(node, 1, 'B');
  context.emit({ kind: 'matmul', inputs: node.inputs.slice(0, 2) }, context.output(node));
});
