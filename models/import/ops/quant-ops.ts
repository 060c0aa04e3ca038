// QuantizeLinear / DequantizeLinear (ONNX) and the QONNX quantizers Quant (IntQuant), BipolarQuant
// and Trunc, whose inputs are bound by position as the QONNX docs list them.
import type { RoundingMode } from '../../ir/tensor.js';
import { ROUNDING_MODES } from '../../layers/qonnx-formulas.js';
import type { ImportContext, NodeView } from '../context.js';
import { flag, onnxOp, qonnxOp } from './op-importer.js';

function roundingMode(node: NodeView, context: ImportContext, fallback: RoundingMode): RoundingMode {
  const text = node.attributes.string('rounding_mode', fallback).toUpperCase();
  const mode = ROUNDING_MODES.find((candidate) => candidate === text);
  if (!mode) return context.unsupported(`attribute rounding_mode must be one of ${ROUNDING_MODES.join(', ')}, not '${text}'`);
  return mode;
}

function requireInputs(node: NodeView, context: ImportContext, counts: readonly number[], names: string): void {
  const given = node.inputs.length;
  if (!counts.includes(given) || node.inputs.some((name) => name === '')) {
    context.fail(`inputs must be ${counts.join(' or ')} tensors (${names}), not ${given}${node.inputs.some((name) => name === '') ? ' with some omitted' : ''}`);
  }
  node.inputs.forEach((name) => context.tensor(name));
}

export const importQuant = qonnxOp((node, context) => {
  requireInputs(node, context, [4], 'X, scale, zeropt, bitwidth');
  context.emit(
    {
      kind: 'quant',
      signed: flag(node, context, 'signed', true),
      narrow: flag(node, context, 'narrow', false),
      rounding: roundingMode(node, context, 'ROUND'),
      inputs: node.inputs,
    },
    context.output(node),
  );
});

export const importBipolarQuant = qonnxOp((node, context) => {
  requireInputs(node, context, [2], 'X, scale');
  context.emit({ kind: 'bipolar_quant', inputs: node.inputs }, context.output(node));
});

/**
 * Trunc: 5 inputs is version 1 (X, scale, zeropt, in_bitwidth, out_bitwidth); 6 is version 2 as
 * trunc_v2.md lists it (..., out_scale, out_bitwidth); 7 is version 2 as trunc.py reads it
 * (..., out_scale, out_zeropt, out_bitwidth), whose output zero point the formula does not use.
 */
export const importTrunc = qonnxOp((node, context) => {
  requireInputs(node, context, [5, 6, 7], 'X, scale, zeropt, in_bitwidth, [out_scale, [out_zeropt,]] out_bitwidth');
  const inputs = node.inputs.length === 7 ? [...node.inputs.slice(0, 5), node.inputs[6] ?? ''] : node.inputs;
  context.emit(
    {
      kind: 'trunc',
      version: node.inputs.length === 5 ? 1 : 2,
      signed: flag(node, context, 'signed', true),
      narrow: flag(node, context, 'narrow', false),
      rounding: roundingMode(node, context, 'FLOOR'),
      inputs,
    },
    context.output(node),
  );
});

/** QuantizeLinear: the output integer type is the zero point's (uint8 when it is omitted). */
export const importQuantizeLinear = onnxOp((node, context) => {
  context.input(node, 0, 'x');
  context.input(node, 1, 'y_scale');
  const zeroPoint = context.optionalInput(node, 2);
  let bits: 8 | 16 = 8;
  let signed = false;
  if (zeroPoint) {
    const type = zeroPoint.type;
    if (type.kind !== 'int' || (type.bits !== 8 && type.bits !== 16)) {
      return context.unsupported(`input 2 (y_zero_point) must be int8, uint8, int16 or uint16, not ${type.kind === 'int' ? `${type.signed ? 'int' : 'uint'}${type.bits}` : type.kind}`);
    }
    bits = type.bits;
    signed = type.signed;
  }
  const inputs = node.inputs.slice(0, zeroPoint ? 3 : 2);
  context.emit({ kind: 'quantize_linear', axis: node.attributes.int('axis', 1), bits, signed, inputs }, context.output(node));
});

export const importDequantizeLinear = onnxOp((node, context) => {
  context.input(node, 0, 'x');
  context.input(node, 1, 'x_scale');
  const inputs = node.inputs.slice(0, node.inputs[2] ? 3 : 2);
  context.emit({ kind: 'dequantize_linear', axis: node.attributes.int('axis', 1), inputs }, context.output(node));
});

/** FloatQuant (floatquant_v1.md): X, scale, exponent_bitwidth, mantissa_bitwidth, exponent_bias, max_val. */
export const importFloatQuant = qonnxOp((node, context) => {
  requireInputs(node, context, [6], 'X, scale, exponent_bitwidth, mantissa_bitwidth, exponent_bias, max_val');
  const rounding = roundingMode(node, context, 'ROUND');
  if (!['ROUND', 'CEIL', 'FLOOR'].includes(rounding)) context.unsupported(`attribute rounding_mode must be ROUND, CEIL or FLOOR for FloatQuant, not '${rounding}'`);
  context.emit({ kind: 'float_quant', rounding, saturation: flag(node, context, 'saturation', true), inputs: node.inputs }, context.output(node));
});

/**
 * MultiThreshold (multithreshold.py): the channel axis is 1 for a 4-D NCHW input (wrapped in transposes
 * to the IR's channels-last), else the last axis (NHWC, [N, C], and the 3-D inputs the reference
 * reshapes to [-1, C]).
 */
export const importMultiThreshold = qonnxOp((node, context) => {
  requireInputs(node, context, [2], 'v, thresholds');
  const x = context.input(node, 0, 'v');
  const layout = node.attributes.string('data_layout', 'NCHW');
  if (layout !== 'NCHW' && layout !== 'NHWC') context.fail(`attribute data_layout must be NCHW or NHWC, not '${layout}'`);
  const draft = { kind: 'multithreshold' as const, outScale: node.attributes.float('out_scale', 1), outBias: node.attributes.float('out_bias', 0) };
  if (x.shape.length !== 4 || layout === 'NHWC') {
    context.emit({ ...draft, inputs: node.inputs }, context.output(node));
    return;
  }
  const last = context.emit({ kind: 'transpose', perm: [0, 2, 3, 1], inputs: [x.name] }, context.intermediate(`${x.name}:channels_last`), 'to_channels_last');
  const y = context.emit({ ...draft, inputs: [last, node.inputs[1] ?? ''] }, context.intermediate(`${context.output(node)}:channels_last`));
  context.emit({ kind: 'transpose', perm: [0, 3, 1, 2], inputs: [y] }, context.output(node), 'to_channels_first');
});
