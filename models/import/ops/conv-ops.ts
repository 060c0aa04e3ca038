// Conv, pooling and BatchNormalization: ONNX is channels-first, the IR channels-last (ir/tensor.ts),
// so each op is wrapped in transposes X -> channels-last -> op -> channels-first; layout.ts cancels
// the pairs that meet.
import { formatShape } from '../../ir/tensor.js';
import type { TensorInfo } from '../../ir/tensor.js';
import type { Window } from '../../layers/sliding-window.js';
import type { ImportContext, NodeView } from '../context.js';
import { flag, onnxOp } from './op-importer.js';

/** perm taking [N, C, ...spatial] to [N, ...spatial, C]. */
function toLastPerm(rank: number): number[] {
  return [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
}

/** perm taking [N, ...spatial, C] to [N, C, ...spatial]. */
function toFirstPerm(rank: number): number[] {
  return [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
}

function channelsLast(context: ImportContext, x: TensorInfo): string {
  return context.emit({ kind: 'transpose', perm: toLastPerm(x.shape.length), inputs: [x.name] }, context.intermediate(`${x.name}:channels_last`), 'to_channels_last');
}

function channelsFirst(context: ImportContext, node: NodeView, y: string, rank: number): void {
  context.emit({ kind: 'transpose', perm: toFirstPerm(rank), inputs: [y] }, context.output(node), 'to_channels_first');
}

function spatialInput(node: NodeView, context: ImportContext): TensorInfo {
  const x = context.input(node, 0, 'X');
  if (x.shape.length < 3) context.fail(`input X must have rank >= 3 ([N, C, ...spatial]), not shape ${formatShape(x.shape)}`);
  return x;
}

function intsOr(node: NodeView, name: string, fallback: number[]): number[] {
  return node.attributes.ints(name) ?? fallback;
}

/** Window attributes with auto_pad resolved into explicit pads (onnx Conv/MaxPool docs). */
function windowOf(node: NodeView, context: ImportContext, spatial: readonly number[], kernelShape: readonly number[]): Window {
  const rank = spatial.length;
  if (kernelShape.length !== rank) context.fail(`kernel_shape must have ${rank} entries, not [${kernelShape.join(', ')}]`);
  const strides = intsOr(node, 'strides', new Array<number>(rank).fill(1));
  const dilations = intsOr(node, 'dilations', new Array<number>(rank).fill(1));
  const autoPad = node.attributes.string('auto_pad', 'NOTSET');
  let pads = intsOr(node, 'pads', new Array<number>(2 * rank).fill(0));
  if (autoPad === 'VALID') pads = new Array<number>(2 * rank).fill(0);
  else if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const begin: number[] = [];
    const end: number[] = [];
    spatial.forEach((size, axis) => {
      const stride = strides[axis] ?? 1;
      const extent = ((kernelShape[axis] ?? 1) - 1) * (dilations[axis] ?? 1) + 1;
      const total = Math.max(0, (Math.ceil(size / stride) - 1) * stride + extent - size);
      const small = Math.floor(total / 2);
      begin.push(autoPad === 'SAME_UPPER' ? small : total - small);
      end.push(autoPad === 'SAME_UPPER' ? total - small : small);
    });
    pads = [...begin, ...end];
  } else if (autoPad !== 'NOTSET') context.unsupported(`attribute auto_pad must be NOTSET, VALID, SAME_UPPER or SAME_LOWER, not '${autoPad}'`);
  return { kernelShape, strides, dilations, pads };
}

/**
 * Conv in either layout: ONNX's (X [N, C, ...spatial], W [M, C/group, ...kernel]) wrapped in transposes,
 * or QONNX's channels-last wrapper (X [N, ...spatial, C], W [M, ...kernel, C/group]: channels_last/
 * base_wrapped_op.py transposes both to ONNX's and back), which needs none around X.
 */
function conv(layout: 'first' | 'last') {
  return (node: NodeView, context: ImportContext): void => {
    const x = spatialInput(node, context);
    const w = context.input(node, 1, 'W');
    const rank = x.shape.length;
    if (w.shape.length !== rank) context.fail(`weight W must have rank ${rank} like X, not shape ${formatShape(w.shape)}`);
    const spatial = layout === 'first' ? x.shape.slice(2) : x.shape.slice(1, -1);
    const kernelShape = intsOr(node, 'kernel_shape', layout === 'first' ? w.shape.slice(2) : w.shape.slice(1, -1));
    const window = windowOf(node, context, spatial, kernelShape);
    const group = node.attributes.int('group', 1);
    const xLast = layout === 'first' ? channelsLast(context, x) : x.name;
    // To [...kernel, C/group, M]: from [M, C/group, ...kernel] or [M, ...kernel, C/group].
    const kernelAxes = Array.from({ length: rank - 2 }, (_, i) => i + (layout === 'first' ? 2 : 1));
    const wPerm = [...kernelAxes, layout === 'first' ? 1 : rank - 1, 0];
    const wLast = context.emit({ kind: 'transpose', perm: wPerm, inputs: [w.name] }, context.intermediate(`${w.name}:kernel_last`), 'weight_layout');
    const bias = node.inputs[2] ? [node.inputs[2]] : [];
    if (layout === 'last') {
      context.emit({ kind: 'conv', ...window, group, inputs: [xLast, wLast, ...bias] }, context.output(node));
      return;
    }
    const y = context.emit({ kind: 'conv', ...window, group, inputs: [xLast, wLast, ...bias] }, context.intermediate(`${context.output(node)}:channels_last`));
    channelsFirst(context, node, y, rank);
  };
}

export const importConv = onnxOp(conv('first'));
export const importChannelsLastConv = onnxOp(conv('last'));

function pool(mode: 'max' | 'average', layout: 'first' | 'last' = 'first') {
  return onnxOp((node, context) => {
    const x = spatialInput(node, context);
    const kernelShape = node.attributes.ints('kernel_shape');
    if (!kernelShape) return context.fail('attribute kernel_shape must be given, not omitted');
    if (flag(node, context, 'ceil_mode', false)) context.unsupported('attribute ceil_mode must be 0, not 1');
    if (node.attributes.int('storage_order', 0) !== 0) context.unsupported('attribute storage_order must be 0 (row major), not 1');
    const window = windowOf(node, context, layout === 'first' ? x.shape.slice(2) : x.shape.slice(1, -1), kernelShape);
    const countIncludePad = flag(node, context, 'count_include_pad', false);
    if (layout === 'last') {
      context.emit({ kind: 'pool', mode, ...window, countIncludePad, inputs: [x.name] }, context.output(node));
      return;
    }
    const xLast = channelsLast(context, x);
    const y = context.emit({ kind: 'pool', mode, ...window, countIncludePad, inputs: [xLast] }, context.intermediate(`${context.output(node)}:channels_last`));
    channelsFirst(context, node, y, x.shape.length);
  });
}

export const importMaxPool = pool('max');
export const importAveragePool = pool('average');
export const importChannelsLastMaxPool = pool('max', 'last');

function globalPool(mode: 'max' | 'average') {
  return onnxOp((node, context) => {
    const x = spatialInput(node, context);
    const xLast = channelsLast(context, x);
    const y = context.emit({ kind: 'global_pool', mode, inputs: [xLast] }, context.intermediate(`${context.output(node)}:channels_last`));
    channelsFirst(context, node, y, x.shape.length);
  });
}

export const importGlobalAveragePool = globalPool('average');
export const importGlobalMaxPool = globalPool('max');

/** QONNX's channels-last BatchNormalization: the channel axis is already last, as in the IR. */
export const importChannelsLastBatchNormalization = onnxOp((node, context) => {
  context.input(node, 0, 'X');
  if (flag(node, context, 'training_mode', false)) context.unsupported('attribute training_mode must be 0 for inference, not 1');
  const parameters = [1, 2, 3, 4].map((index) => context.input(node, index, ['scale', 'B', 'input_mean', 'input_var'][index - 1] ?? '').name);
  context.emit({ kind: 'batch_normalization', epsilon: node.attributes.float('epsilon', 1e-5), inputs: [node.inputs[0] ?? '', ...parameters] }, context.output(node));
});

/** Inference BatchNormalization; the channel axis is 1 in ONNX and last in the IR. */
export const importBatchNormalization = onnxOp((node, context) => {
  const x = context.input(node, 0, 'X');
  if (node.attributes.has('spatial') && !flag(node, context, 'spatial', true)) context.unsupported('attribute spatial must be 1, not 0');
  if (flag(node, context, 'training_mode', false)) context.unsupported('attribute training_mode must be 0 for inference, not 1');
  const parameters = [1, 2, 3, 4].map((index) => context.input(node, index, ['scale', 'B', 'input_mean', 'input_var'][index - 1] ?? '').name);
  const epsilon = node.attributes.float('epsilon', 1e-5);
  if (x.shape.length < 2) context.fail(`input X must have rank >= 2, not shape ${formatShape(x.shape)}`);
  if (x.shape.length === 2) {
    const features = context.tensor(parameters[0] ?? '').shape[0];
    if (x.shape[1] === 1 && features !== 1 && features === x.shape[0]) {
      // keras2onnx writes a Dense's BatchNormalization between two Transposes without perm: X is
      // [C, 1], invalid as ONNX (onnxruntime rejects it); Keras meant one scale per feature.
      context.note(`X ${formatShape(x.shape)} has its ${features} features on axis 0 (keras2onnx's BatchNormalization between Transposes, invalid ONNX); read per feature as Keras does`);
      const features0 = context.emit({ kind: 'transpose', perm: [1, 0], inputs: [x.name] }, context.intermediate(`${x.name}:features_last`), 'features_last');
      const y = context.emit({ kind: 'batch_normalization', epsilon, inputs: [features0, ...parameters] }, context.intermediate(`${context.output(node)}:features_last`));
      context.emit({ kind: 'transpose', perm: [1, 0], inputs: [y] }, context.output(node), 'features_first');
      return;
    }
    context.emit({ kind: 'batch_normalization', epsilon, inputs: [x.name, ...parameters] }, context.output(node));
    return;
  }
  const xLast = channelsLast(context, x);
  const y = context.emit({ kind: 'batch_normalization', epsilon, inputs: [xLast, ...parameters] }, context.intermediate(`${context.output(node)}:channels_last`));
  channelsFirst(context, node, y, x.shape.length);
});
