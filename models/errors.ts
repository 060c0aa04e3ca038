// User-facing errors of model import and float execution. Every message names the file and, where one
// is at fault, the node, and reads "X must be Y, not Z" (STYLE.md).
import { NgtError } from '@ngt/fxp';

/** A model that cannot be imported: unreadable file, malformed graph, inconsistent shapes. */
export class OnnxImportError extends NgtError {
  readonly code: string = 'ONNX_IMPORT';
}

/** Bytes that are not an ONNX ModelProto: another format, or a truncated or corrupted file. */
export class OnnxDecodeError extends OnnxImportError {
  override readonly code: string = 'ONNX_DECODE';
}

/** A model file of another framework (Keras, PyTorch, TensorFlow, a pickle) where ONNX must be: says how to export it. */
export class ForeignModelFormatError extends OnnxDecodeError {
  override readonly code: string = 'ONNX_FOREIGN_FORMAT';
}

/** A node input that is neither a graph input, an initializer nor another node's output. */
export class MissingTensorError extends OnnxImportError {
  override readonly code: string = 'ONNX_MISSING_TENSOR';
}

/** Nodes that depend on each other in a loop, so no evaluation order exists. */
export class GraphCycleError extends OnnxImportError {
  override readonly code: string = 'ONNX_GRAPH_CYCLE';
}

/** An ONNX op type (or domain) the importer has no declaration for. */
export class UnsupportedOpError extends OnnxImportError {
  override readonly code: string = 'UNSUPPORTED_OP';
}

/** A supported op with an attribute value (or input form) the importer does not handle. */
export class UnsupportedAttributeError extends OnnxImportError {
  override readonly code: string = 'UNSUPPORTED_ATTRIBUTE';
}

/** Inputs given to the float executor that do not fit the model's inputs. */
export class ModelInputError extends NgtError {
  readonly code: string = 'MODEL_INPUT';
}
