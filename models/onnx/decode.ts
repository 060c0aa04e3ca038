// Bytes -> onnx.ModelProto through onnx-proto (protobufjs static code). protobufjs reports damage
// with RangeErrors and plain Errors from deep inside its reader; they stop here as OnnxDecodeError.
import onnxProto from 'onnx-proto';
import { ForeignModelFormatError, OnnxDecodeError } from '../errors.js';
import { foreignFormatByName, foreignFormatBySignature, foreignFormatMessage } from './foreign-format.js';

// onnx-proto is CommonJS whose exports Node cannot name statically; its default export is the root.
export const onnx = onnxProto.onnx;
export type ModelProto = onnxProto.onnx.ModelProto;
export type GraphProto = onnxProto.onnx.IGraphProto;
export type NodeProto = onnxProto.onnx.INodeProto;
export type TensorProto = onnxProto.onnx.ITensorProto;
export type AttributeProto = onnxProto.onnx.IAttributeProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;

/** protobufjs int64 fields: a number, or a Long when the long package is installed. */
export type Int64 = number | { toNumber(): number };

export function int64ToNumber(value: Int64 | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

export function decodeModel(bytes: Uint8Array, source: string): ModelProto {
  if (bytes.length === 0) throw new OnnxDecodeError(`${source} must be an ONNX model, not an empty file`);
  const signed = foreignFormatBySignature(bytes, source);
  if (signed) throw new ForeignModelFormatError(foreignFormatMessage(source, signed));
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    const named = foreignFormatByName(bytes, source);
    if (named) throw new ForeignModelFormatError(foreignFormatMessage(source, named));
    const reason = error instanceof Error ? error.message : String(error);
    throw new OnnxDecodeError(`${source} must be an ONNX model (a protobuf ModelProto), not bytes that fail to decode (${reason}): the file is truncated, corrupted or another format`);
  }
  if (!model.graph) {
    const named = foreignFormatByName(bytes, source);
    if (named) throw new ForeignModelFormatError(foreignFormatMessage(source, named));
    throw new OnnxDecodeError(`${source} must be an ONNX model with a graph, not a message without one (is it an ONNX file?)`);
  }
  return model;
}
