export { GraphBuilder, decodeModel, encodeModel } from './graph-builder.js';
export type { Dimension, ModelOptions, NodeOptions } from './graph-builder.js';
export { attribute } from './attributes.js';
export type { AttributeValue, Attributes, TaggedAttribute } from './attributes.js';
export { float32Tensor, int64Tensor, tensorProto, ONNX_DATA_TYPE } from './tensor.js';
export type { TensorStorage } from './tensor.js';
export { onnx } from './onnx-proto.js';
