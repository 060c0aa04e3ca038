// ONNX TensorProto -> IR constant: shape, element type and float64 values, from raw_data (little
// endian) or from the typed repeated fields (float_data, int32_data, int64_data, double_data,
// uint64_data) as onnx.proto assigns them per data type.
import type { TensorType } from '../ir/tensor.js';
import { formatShape } from '../ir/tensor.js';
import type { Int64, TensorProto } from './decode.js';
import { int64ToNumber } from './decode.js';

/** Largest tensor we allocate: guards against corrupted dims before any memory is taken. */
export const MAX_ELEMENTS = 1 << 27;

interface ElementFormat {
  readonly name: string;
  readonly type: TensorType;
  readonly bytes: number;
  readonly read: (view: DataView, offset: number) => number;
  /** The typed field holding values when raw_data is absent. */
  readonly field: 'floatData' | 'int32Data' | 'int64Data' | 'doubleData' | 'uint64Data';
}

function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

// Keys are onnx.TensorProto.DataType values.
const FORMATS = new Map<number, ElementFormat>([
  [1, { name: 'float32', type: { kind: 'float', bits: 32 }, bytes: 4, read: (v, o) => v.getFloat32(o, true), field: 'floatData' }],
  [2, { name: 'uint8', type: { kind: 'int', bits: 8, signed: false }, bytes: 1, read: (v, o) => v.getUint8(o), field: 'int32Data' }],
  [3, { name: 'int8', type: { kind: 'int', bits: 8, signed: true }, bytes: 1, read: (v, o) => v.getInt8(o), field: 'int32Data' }],
  [4, { name: 'uint16', type: { kind: 'int', bits: 16, signed: false }, bytes: 2, read: (v, o) => v.getUint16(o, true), field: 'int32Data' }],
  [5, { name: 'int16', type: { kind: 'int', bits: 16, signed: true }, bytes: 2, read: (v, o) => v.getInt16(o, true), field: 'int32Data' }],
  [6, { name: 'int32', type: { kind: 'int', bits: 32, signed: true }, bytes: 4, read: (v, o) => v.getInt32(o, true), field: 'int32Data' }],
  [7, { name: 'int64', type: { kind: 'int', bits: 64, signed: true }, bytes: 8, read: (v, o) => Number(v.getBigInt64(o, true)), field: 'int64Data' }],
  [9, { name: 'bool', type: { kind: 'int', bits: 1, signed: false }, bytes: 1, read: (v, o) => (v.getUint8(o) ? 1 : 0), field: 'int32Data' }],
  [10, { name: 'float16', type: { kind: 'float', bits: 16 }, bytes: 2, read: (v, o) => halfToNumber(v.getUint16(o, true)), field: 'int32Data' }],
  [11, { name: 'float64', type: { kind: 'float', bits: 64 }, bytes: 8, read: (v, o) => v.getFloat64(o, true), field: 'doubleData' }],
  [12, { name: 'uint32', type: { kind: 'int', bits: 32, signed: false }, bytes: 4, read: (v, o) => v.getUint32(o, true), field: 'uint64Data' }],
  [13, { name: 'uint64', type: { kind: 'int', bits: 64, signed: false }, bytes: 8, read: (v, o) => Number(v.getBigUint64(o, true)), field: 'uint64Data' }],
]);

export const SUPPORTED_ELEMENT_TYPES = [...FORMATS.values()].map((format) => format.name);

/** The IR type of an ONNX element type number, or null when unsupported. */
export function elementTypeOf(dataType: number): TensorType | null {
  return FORMATS.get(dataType)?.type ?? null;
}

export interface DecodedTensor {
  readonly shape: number[];
  readonly type: TensorType;
  readonly value: Float64Array;
}

/** Decodes a tensor; `fail` raises the caller's typed error with a "must be ..., not ..." message. */
export function decodeTensor(tensor: TensorProto, fail: (message: string) => never): DecodedTensor {
  const shape = (tensor.dims ?? []).map((dim) => int64ToNumber(dim));
  if (shape.some((dim) => !Number.isSafeInteger(dim) || dim < 0)) fail(`dims must be non-negative integers, not ${formatShape(shape)}`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count > MAX_ELEMENTS) fail(`must have at most ${MAX_ELEMENTS} elements, not ${count} (dims ${formatShape(shape)})`);
  const dataType = tensor.dataType ?? 0;
  const format = FORMATS.get(dataType);
  if (!format) return fail(`data type must be one of ${SUPPORTED_ELEMENT_TYPES.join(', ')}, not ONNX data type ${dataType}`);
  if (tensor.dataLocation === 1 || (tensor.externalData?.length ?? 0) > 0) fail('data must be stored in the file, not in external data files');
  const value = new Float64Array(count);
  const raw = tensor.rawData;
  if (raw && raw.length > 0) {
    if (raw.length !== count * format.bytes) fail(`raw_data must hold ${count} ${format.name} values (${count * format.bytes} bytes) for dims ${formatShape(shape)}, not ${raw.length} bytes`);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let i = 0; i < count; i++) value[i] = format.read(view, i * format.bytes);
    return { shape, type: format.type, value };
  }
  const field = (tensor[format.field] ?? []) as readonly Int64[];
  if (field.length !== count) fail(`${format.field} must hold ${count} ${format.name} values for dims ${formatShape(shape)}, not ${field.length}`);
  for (let i = 0; i < count; i++) {
    const item = int64ToNumber(field[i]);
    // float16 values travel as their 16 bits in int32_data.
    value[i] = dataType === 10 ? halfToNumber(item) : dataType === 9 ? (item ? 1 : 0) : item;
  }
  return { shape, type: format.type, value };
}
