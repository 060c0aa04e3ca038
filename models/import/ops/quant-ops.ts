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
