// Ops that move data without arithmetic (Flatten, Reshape, Squeeze, Unsqueeze, Transpose, Concat,
// Gather) and the shape-subgraph ops that fold to constants (Shape, Constant, Cast). Shapes are
// static with the batch dimension at 1 (ir/tensor.ts), so Shape of any tensor is a constant.
import { elementCount, formatShape } from '../../ir/tensor.js';
import { COORDINATE_MODES, NEAREST_MODES, type CoordinateMode, type NearestMode } from '../../layers/resize.js';
import type { TensorType } from '../../ir/tensor.js';
import { decodeTensor, elementTypeOf } from '../../onnx/tensor-proto.js';
import type { ImportContext, NodeView } from '../context.js';
import { onnxOp } from './op-importer.js';

const INT64: TensorType = { kind: 'int', bits: 64, signed: true };

function reshapeTo(node: NodeView, context: ImportContext, shape: readonly number[]): void {
  context.emit({ kind: 'reshape', shape, inputs: [node.inputs[0] ?? ''] }, context.output(node));
}

export const importFlatten = onnxOp((node, context) => {
  const x = context.input(node, 0, 'input');
  const rank = x.shape.length;
  const raw = node.attributes.int('axis', 1);
  const axis = raw < 0 ? raw + rank : raw;
  if (axis < 0 || axis > rank) context.fail(`attribute axis must be in [${-rank}, ${rank}], not ${raw}`);
  reshapeTo(node, context, [elementCount(x.shape.slice(0, axis)), elementCount(x.shape.slice(axis))]);
});

/** Reshape's target: 0 copies the input dimension (unless allowzero), -1 takes what is left. */
export const importReshape = onnxOp((node, context) => {
  const x = context.input(node, 0, 'data');
  const requested = context.opsetVersion < 5 ? node.attributes.ints('shape') : Array.from(context.constantInput(node, 1, 'shape'));
  if (!requested) return context.fail('attribute shape must be given, not omitted');
  const allowZero = node.attributes.int('allowzero', 0) === 1;
  const shape = requested.map((dim, axis) => (dim === 0 && !allowZero ? (x.shape[axis] ?? -2) : dim));
  const inferred = shape.filter((dim) => dim === -1).length;
  if (inferred > 1 || shape.some((dim) => !Number.isInteger(dim) || dim < -1)) {
    context.fail(`shape must have non-negative sizes, 0 within the input's rank and at most one -1, not [${requested.join(', ')}] for input ${formatShape(x.shape)}`);
  }
  if (inferred === 1) {
    const known = elementCount(shape.filter((dim) => dim !== -1));
    const total = elementCount(x.shape);
    if (known === 0 || total % known !== 0) context.fail(`shape [${requested.join(', ')}] must divide the ${total} elements of ${formatShape(x.shape)}, not leave a remainder`);
    reshapeTo(node, context, shape.map((dim) => (dim === -1 ? total / known : dim)));
    return;
  }
  reshapeTo(node, context, shape);
});

/** Axes of Squeeze/Unsqueeze: an attribute before opset 13, an input from 13. */
function axesOf(node: NodeView, context: ImportContext): number[] | undefined {
  if (context.opsetVersion < 13) return node.attributes.ints('axes');
  return node.inputs[1] ? Array.from(context.constantInput(node, 1, 'axes')) : undefined;
}

export const importSqueeze = onnxOp((node, context) => {
  const x = context.input(node, 0, 'data');
  const rank = x.shape.length;
  const axes = (axesOf(node, context) ?? x.shape.flatMap((dim, axis) => (dim === 1 ? [axis] : []))).map((axis) => (axis < 0 ? axis + rank : axis));
  for (const axis of axes) {
    if (x.shape[axis] !== 1) context.fail(`axis ${axis} must have size 1 to be squeezed, not ${x.shape[axis] ?? 'be outside'} ${formatShape(x.shape)}`);
  }
  reshapeTo(node, context, x.shape.filter((_, axis) => !axes.includes(axis)));
});

export const importUnsqueeze = onnxOp((node, context) => {
  const x = context.input(node, 0, 'data');
  const axes = axesOf(node, context);
  if (!axes) return context.fail('axes must be given, not omitted');
  const rank = x.shape.length + axes.length;
  const normalized = axes.map((axis) => (axis < 0 ? axis + rank : axis));
  if (normalized.some((axis) => axis < 0 || axis >= rank) || new Set(normalized).size !== normalized.length) {
    context.fail(`axes must be distinct and in [${-rank}, ${rank - 1}], not [${axes.join(', ')}]`);
  }
  const shape: number[] = [];
  let next = 0;
  for (let axis = 0; axis < rank; axis++) shape.push(normalized.includes(axis) ? 1 : (x.shape[next++] ?? 1));
  reshapeTo(node, context, shape);
});

export const importTranspose = onnxOp((node, context) => {
  const x = context.input(node, 0, 'data');
  const perm = node.attributes.ints('perm') ?? x.shape.map((_, axis) => x.shape.length - 1 - axis);
  context.emit({ kind: 'transpose', perm, inputs: [x.name] }, context.output(node));
});

export const importConcat = onnxOp((node, context) => {
  const inputs = node.inputs.filter((name) => name !== '');
  for (const input of inputs) context.tensor(input);
  if (!node.attributes.has('axis')) context.fail('attribute axis must be given, not omitted');
  context.emit({ kind: 'concat', axis: node.attributes.int('axis', 0), inputs }, context.output(node));
});

export const importGather = onnxOp((node, context) => {
  context.input(node, 0, 'data');
  context.constantInput(node, 1, 'indices');
  context.emit({ kind: 'gather', axis: node.attributes.int('axis', 0), inputs: node.inputs.slice(0, 2) }, context.output(node));
});

/** Shape (with opset 15's start/end) of the statically known input shape. */
export const importShape = onnxOp((node, context) => {
  const x = context.input(node, 0, 'data');
  const rank = x.shape.length;
  const clampAxis = (axis: number): number => Math.min(rank, Math.max(0, axis < 0 ? axis + rank : axis));
  const start = clampAxis(node.attributes.int('start', 0));
  const end = clampAxis(node.attributes.int('end', rank));
  const dims = x.shape.slice(start, Math.max(start, end));
  context.defineConstant(context.output(node), [dims.length], INT64, Float64Array.from(dims));
});

export const importConstant = onnxOp((node, context) => {
  const output = context.output(node);
  const tensor = node.attributes.tensor('value');
  if (tensor) {
    const decoded = decodeTensor(tensor, (message) => context.fail(`attribute value ${message}`));
    context.defineConstant(output, decoded.shape, decoded.type, decoded.value);
    return;
  }
  if (node.attributes.has('value_float')) return context.defineConstant(output, [], { kind: 'float', bits: 32 }, Float64Array.of(node.attributes.float('value_float', 0)));
  if (node.attributes.has('value_int')) return context.defineConstant(output, [], INT64, Float64Array.of(node.attributes.int('value_int', 0)));
  const floats = node.attributes.floats('value_floats');
  if (floats) return context.defineConstant(output, [floats.length], { kind: 'float', bits: 32 }, Float64Array.from(floats));
  const ints = node.attributes.ints('value_ints');
  if (ints) return context.defineConstant(output, [ints.length], INT64, Float64Array.from(ints));
  return context.unsupported(`attributes must include one of value, value_float, value_floats, value_int, value_ints, not only [${node.attributes.names().join(', ')}]`);
});

/** Cast: folds on constants (to integer types by truncation toward zero); computed tensors only to floats. */
export const importCast = onnxOp((node, context) => {
  const x = context.input(node, 0, 'input');
  const to = node.attributes.int('to', 0);
  const type = elementTypeOf(to);
  if (!type) return context.unsupported(`attribute to must be a supported element type, not ONNX data type ${to}`);
  const output = context.output(node);
  if (x.value) {
    const value = type.kind === 'int' ? x.value.map((v) => (type.bits === 1 ? (v ? 1 : 0) : Math.trunc(v))) : x.value.slice();
    context.defineConstant(output, x.shape, type, value);
    return;
  }
  if (type.kind !== 'float') context.unsupported(`attribute to must be a float type for a computed input, not ONNX data type ${to}`);
  context.alias(output, x.name);
});

/**
 * Resize (opset 10: X, scales; 11+: X, roi, scales, sizes) and Upsample (scales an attribute at
 * opset 7, an input from 9), nearest mode only: the mode hls4ml implements (nnet_image.h).
 */
export const importResize = onnxOp((node, context) => {
  const x = context.input(node, 0, 'X');
  const rank = x.shape.length;
  const mode = node.attributes.string('mode', 'nearest');
  if (mode !== 'nearest') context.unsupported(`attribute mode must be 'nearest' (the mode hls4ml implements), not '${mode}'`);
  const legacy = node.opType === 'Upsample' || context.opsetVersion < 11;
  let scales: number[] | null = null;
  let sizes: number[] | null = null;
  if (node.opType === 'Upsample' && context.opsetVersion < 9) scales = node.attributes.floats('scales') ?? null;
  else if (legacy) scales = Array.from(context.constantInput(node, 1, 'scales'));
  else {
    if (node.attributes.has('axes')) context.unsupported('attribute axes must be omitted (scales for every axis), not given');
    const policy = node.attributes.string('keep_aspect_ratio_policy', 'stretch');
    if (policy !== 'stretch') context.unsupported(`attribute keep_aspect_ratio_policy must be 'stretch', not '${policy}'`);
    const given = node.inputs[2] ? context.constantInput(node, 2, 'scales') : new Float64Array();
    if (given.length > 0) scales = Array.from(given);
    else if (node.inputs[3]) sizes = Array.from(context.constantInput(node, 3, 'sizes'));
  }
  if (!scales && !sizes) return context.fail('one of scales and sizes must be given, not neither');
  const count = (scales ?? sizes ?? []).length;
  if (count !== rank) context.fail(`${scales ? 'scales' : 'sizes'} must have ${rank} entries (one per axis of ${formatShape(x.shape)}), not ${count}`);
  // Output size floor(input * scale), the product in float32 as onnxruntime (upsamplebase.h) and ONNX's
  // shape inference compute it (5 * 2.6f is 13 there, 12.9999995 in float64); given sizes imply scale = size / input.
  const outSizes = sizes ?? x.shape.map((dim, axis) => Math.floor(Math.fround(dim * Math.fround(scales?.[axis] ?? 1))));
  const outScales = scales ? scales.map(Math.fround) : outSizes.map((size, axis) => Math.fround(size / (x.shape[axis] ?? 1)));
  const coordinateMode = legacy ? 'asymmetric' : node.attributes.string('coordinate_transformation_mode', 'half_pixel');
  if (!(COORDINATE_MODES as readonly string[]).includes(coordinateMode)) {
    context.unsupported(`attribute coordinate_transformation_mode must be one of ${COORDINATE_MODES.join(', ')} for mode nearest, not '${coordinateMode}'`);
  }
  const nearestMode = legacy ? 'simple' : node.attributes.string('nearest_mode', 'round_prefer_floor');
  if (nearestMode !== 'simple' && !(NEAREST_MODES as readonly string[]).includes(nearestMode)) {
    context.unsupported(`attribute nearest_mode must be one of ${NEAREST_MODES.join(', ')}, not '${nearestMode}'`);
  }
  context.emit(
    { kind: 'resize', sizes: outSizes, scales: outScales, coordinateMode: coordinateMode as CoordinateMode, nearestMode: nearestMode as NearestMode, inputs: [x.name] },
    context.output(node),
  );
});

/**
 * DepthToSpace / SpaceToDepth (onnx defs: a reshape, a transpose and a reshape), channels-first
 * [N, C, H, W]; DCR or CRD ordering for DepthToSpace.
 */
function depthSpace(direction: 'to_space' | 'to_depth') {
  return onnxOp((node, context) => {
    const x = context.input(node, 0, 'input');
    if (x.shape.length !== 4) context.fail(`input must have rank 4 ([N, C, H, W]), not shape ${formatShape(x.shape)}`);
    const [n = 1, c = 1, h = 1, w = 1] = x.shape;
    const b = node.attributes.int('blocksize', 0);
    if (b < 1) context.fail(`attribute blocksize must be a positive integer, not ${b}`);
    const split = context.intermediate(`${context.output(node)}:blocks`);
    const moved = context.intermediate(`${context.output(node)}:moved`);
    if (direction === 'to_space') {
      if (c % (b * b) !== 0) context.fail(`channels ${c} must be a multiple of blocksize^2 = ${b * b}`);
      const mode = node.attributes.string('mode', 'DCR');
      if (mode !== 'DCR' && mode !== 'CRD') context.fail(`attribute mode must be DCR or CRD, not '${mode}'`);
      const cOut = c / (b * b);
      const dcr = mode === 'DCR';
      context.emit({ kind: 'reshape', shape: dcr ? [n, b, b, cOut, h, w] : [n, cOut, b, b, h, w], inputs: [x.name] }, split, 'blocks');
      context.emit({ kind: 'transpose', perm: dcr ? [0, 3, 4, 1, 5, 2] : [0, 1, 4, 2, 5, 3], inputs: [split] }, moved, 'move');
      context.emit({ kind: 'reshape', shape: [n, cOut, h * b, w * b], inputs: [moved] }, context.output(node));
    } else {
      if (h % b !== 0 || w % b !== 0) context.fail(`height ${h} and width ${w} must be multiples of blocksize ${b}`);
      context.emit({ kind: 'reshape', shape: [n, c, h / b, b, w / b, b], inputs: [x.name] }, split, 'blocks');
      context.emit({ kind: 'transpose', perm: [0, 3, 5, 1, 2, 4], inputs: [split] }, moved, 'move');
      context.emit({ kind: 'reshape', shape: [n, c * b * b, h / b, w / b], inputs: [moved] }, context.output(node));
    }
  });
}

export const importDepthToSpace = depthSpace('to_space');
export const importSpaceToDepth = depthSpace('to_depth');
