// Elementwise arithmetic and activations, Softmax, and the ops that are identities at inference.
import type { ActivationFunction, BinaryOperator } from '../../ir/layer.js';
import { elementCount } from '../../ir/tensor.js';
import type { ImportContext, NodeView } from '../context.js';
import { flag, onnxOp } from './op-importer.js';
import type { OpImporter } from './op-importer.js';

export function binary(operator: BinaryOperator): OpImporter {
  return onnxOp((node, context) => {
    // Opsets before 7 broadcast along a chosen axis; numpy broadcasting covers only its default.
    if (node.attributes.has('axis')) context.unsupported(`attribute axis (legacy broadcasting) must be absent, not given`);
    const a = context.input(node, 0, 'A');
    const b = context.input(node, 1, 'B');
    const integer = a.type.kind === 'int' && b.type.kind === 'int';
    context.emit({ kind: 'binary', operator, integer, inputs: node.inputs.slice(0, 2) }, context.output(node));
  });
}

export function activation(read: (node: NodeView, context: ImportContext) => ActivationFunction): OpImporter {
  return onnxOp((node, context) => {
    context.input(node, 0, 'X');
    context.emit({ kind: 'activation', activation: read(node, context), inputs: [node.inputs[0] ?? ''] }, context.output(node));
  });
}

/** Clip bounds: attributes before opset 11, optional constant inputs from 11. */
function clipBounds(node: NodeView, context: ImportContext): ActivationFunction {
  if (context.opsetVersion < 11) {
    return { kind: 'clip', min: node.attributes.float('min', -Infinity), max: node.attributes.float('max', Infinity) };
  }
  const bound = (index: number, what: string, fallback: number): number => {
    if (!node.inputs[index]) return fallback;
    const value = context.constantInput(node, index, what);
    if (value.length !== 1) context.unsupported(`input ${index} (${what}) must be a scalar, not ${value.length} values`);
    return value[0] ?? fallback;
  };
  return { kind: 'clip', min: bound(1, 'min', -Infinity), max: bound(2, 'max', Infinity) };
}

export const importClip = activation(clipBounds);

/**
 * Softmax. From opset 13 it runs along `axis` (default -1); before, it flattens the input to 2D at
 * `axis` (default 1) and runs along the second dimension, imported as reshapes around that.
 */
export const importSoftmax = onnxOp((node, context) => {
  const x = context.input(node, 0, 'X');
  const rank = x.shape.length;
  const modern = context.opsetVersion >= 13;
  const raw = node.attributes.int('axis', modern ? -1 : 1);
  const axis = raw < 0 ? raw + rank : raw;
  if (axis < 0 || axis >= Math.max(rank, 1)) context.fail(`attribute axis must be in [${-rank}, ${rank - 1}], not ${raw}`);
  const output = context.output(node);
  if (modern || axis === rank - 1) {
    context.emit({ kind: 'softmax', axis, inputs: [x.name] }, output);
    return;
  }
  const flat = [elementCount(x.shape.slice(0, axis)), elementCount(x.shape.slice(axis))];
  const flattened = context.emit({ kind: 'reshape', shape: flat, inputs: [x.name] }, context.intermediate(`${output}:2d`), 'flatten');
  const normalized = context.emit({ kind: 'softmax', axis: 1, inputs: [flattened] }, context.intermediate(`${output}:softmax`));
  context.emit({ kind: 'reshape', shape: x.shape, inputs: [normalized] }, output, 'unflatten');
});

/** Identity, and Dropout at inference (its mask output is not supported). */
export const importIdentity = onnxOp((node, context) => {
  context.input(node, 0, 'input');
  if (node.opType === 'Dropout') {
    if (node.inputs[2]) {
      const training = context.constantInput(node, 2, 'training_mode');
      if (training[0]) context.unsupported('input 2 (training_mode) must be false for inference, not true');
    }
    if (node.attributes.has('is_test') && !flag(node, context, 'is_test', true)) context.unsupported('attribute is_test must be 1 for inference, not 0');
  }
  context.alias(context.output(node), node.inputs[0] ?? '');
});

export const importRelu = activation(() => ({ kind: 'relu' }));
export const importLeakyRelu = activation((node) => ({ kind: 'leaky_relu', alpha: node.attributes.float('alpha', 0.01) }));
export const importSigmoid = activation(() => ({ kind: 'sigmoid' }));
export const importTanh = activation(() => ({ kind: 'tanh' }));
export const importHardSigmoid = activation((node) => ({ kind: 'hard_sigmoid', alpha: node.attributes.float('alpha', 0.2), beta: node.attributes.float('beta', 0.5) }));
export const importElu = activation((node) => ({ kind: 'elu', alpha: node.attributes.float('alpha', 1) }));
export const importSoftplus = activation(() => ({ kind: 'softplus' }));
export const importSoftsign = activation(() => ({ kind: 'softsign' }));
// ONNX's defaults are the float32 values of the SELU paper's constants.
export const importSelu = activation((node) => ({ kind: 'selu', alpha: node.attributes.float('alpha', 1.67326319217681884765625), gamma: node.attributes.float('gamma', 1.05070102214813232421875) }));
export const importExp = activation(() => ({ kind: 'exp' }));
export const importSqrt = activation(() => ({ kind: 'sqrt' }));
export const importNeg = activation(() => ({ kind: 'neg' }));
export const importAbs = activation(() => ({ kind: 'abs' }));
