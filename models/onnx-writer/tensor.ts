// Tensors for initializers and tensor attributes. The values reuse the .npy array type, so data read
// from or written to .npy files goes into a model without conversion.
import type { NpyArray, NpyDtype } from '../npy.js';
import { onnx } from './onnx-proto.js';

const DataType = onnx.TensorProto.DataType;

export const ONNX_DATA_TYPE: Record<NpyDtype, onnx.TensorProto.DataType> = {
  float32: DataType.FLOAT,
  float64: DataType.DOUBLE,
  int8: DataType.INT8,
  int16: DataType.INT16,
  int32: DataType.INT32,
  int64: DataType.INT64,
  uint8: DataType.UINT8,
  uint16: DataType.UINT16,
  uint32: DataType.UINT32,
  bool: DataType.BOOL,
};

/**
 * 'raw' puts the little-endian bytes in raw_data (what PyTorch and tf2onnx export); 'fields' uses the
 * typed repeated fields (float_data, int32_data, int64_data, double_data, uint64_data), which
 * importers must read too.
 */
export type TensorStorage = 'raw' | 'fields';

/** A float32 tensor from plain numbers, the common case for weights. */
export function float32Tensor(shape: number[], values: ArrayLike<number>): NpyArray {
  return { dtype: 'float32', shape, data: Float32Array.from(values) };
}

/** An int64 tensor from plain numbers, e.g. a Reshape target shape. */
export function int64Tensor(shape: number[], values: ArrayLike<number>): NpyArray {
  return { dtype: 'int64', shape, data: BigInt64Array.from(Array.from(values, (value) => BigInt(value))) };
}

export function tensorProto(name: string, array: NpyArray, storage: TensorStorage = 'raw'): onnx.ITensorProto {
  const tensor: onnx.ITensorProto = { name, dims: array.shape, dataType: ONNX_DATA_TYPE[array.dtype] };
  if (storage === 'raw') {
    // Copy: raw_data must not alias a larger buffer the caller keeps changing.
    tensor.rawData = new Uint8Array(array.data.buffer.slice(array.data.byteOffset, array.data.byteOffset + array.data.byteLength));
    return tensor;
  }
  switch (array.dtype) {
    case 'float32':
      tensor.floatData = Array.from(array.data as Float32Array);
      break;
    case 'float64':
      tensor.doubleData = Array.from(array.data as Float64Array);
      break;
    case 'int64':
      // protobufjs takes int64 as numbers (exact up to 2^53) or decimal strings beyond.
      tensor.int64Data = Array.from(array.data as BigInt64Array, (value) => Number(value));
      break;
    case 'uint32':
      tensor.uint64Data = Array.from(array.data as Uint32Array);
      break;
    default:
      // int8/16/32, uint8/16 and bool all live in int32_data (onnx.proto, TensorProto.int32_data).
      tensor.int32Data = Array.from(array.data as ArrayLike<number>);
  }
  return tensor;
}
