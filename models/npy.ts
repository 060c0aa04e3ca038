// NumPy .npy files (format versions 1.0, 2.0 and 3.0), as numpy/lib/format.py defines them:
// magic '\x93NUMPY', two version bytes, a little-endian header length (2 bytes in 1.0, 4 in 2.0/3.0),
// then a Python dict literal {'descr', 'fortran_order', 'shape'} padded so the data starts on a
// 64-byte boundary, then the raw C-order data.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { NgtError } from '@ngt/fxp';

/** A malformed or unsupported .npy file, or an array that cannot be written as one. */
export class NpyError extends NgtError {
  readonly code = 'NPY';
}

export type NpyDtype =
  | 'float32'
  | 'float64'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'bool';

export type NpyData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array;

/** A C-order array; bool data is a Uint8Array of 0/1. */
export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: NpyData;
}

interface DtypeInfo {
  /** numpy's type character and item size, e.g. 'f' and 4 for '<f4'. */
  kind: string;
  size: number;
  make: (buffer: ArrayBuffer) => NpyData;
  isData: (data: NpyData) => boolean;
}

const DTYPES: Record<NpyDtype, DtypeInfo> = {
  float32: { kind: 'f', size: 4, make: (b) => new Float32Array(b), isData: (d) => d instanceof Float32Array },
  float64: { kind: 'f', size: 8, make: (b) => new Float64Array(b), isData: (d) => d instanceof Float64Array },
  int8: { kind: 'i', size: 1, make: (b) => new Int8Array(b), isData: (d) => d instanceof Int8Array },
  int16: { kind: 'i', size: 2, make: (b) => new Int16Array(b), isData: (d) => d instanceof Int16Array },
  int32: { kind: 'i', size: 4, make: (b) => new Int32Array(b), isData: (d) => d instanceof Int32Array },
  int64: { kind: 'i', size: 8, make: (b) => new BigInt64Array(b), isData: (d) => d instanceof BigInt64Array },
  uint8: { kind: 'u', size: 1, make: (b) => new Uint8Array(b), isData: (d) => d instanceof Uint8Array },
  uint16: { kind: 'u', size: 2, make: (b) => new Uint16Array(b), isData: (d) => d instanceof Uint16Array },
  uint32: { kind: 'u', size: 4, make: (b) => new Uint32Array(b), isData: (d) => d instanceof Uint32Array },
  bool: { kind: 'b', size: 1, make: (b) => new Uint8Array(b), isData: (d) => d instanceof Uint8Array },
};

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // '\x93NUMPY'
const ALIGN = 64;
/** numpy >= 1.23 leaves room for the first axis to grow to 21 digits without rewriting the file. */
const GROWTH_AXIS_MAX_DIGITS = 21;
const SUPPORTED_DESCR = "'<f4', '<f8', '|i1', '<i2', '<i4', '<i8', '|u1', '<u2', '<u4', '|b1' (or big-endian '>')";

function fail(name: string, message: string): never {
  throw new NpyError(`${name}: ${message}`);
}

function descrFor(dtype: NpyDtype): string {
  const { kind, size } = DTYPES[dtype];
  return `${size === 1 ? '|' : '<'}${kind}${size}`;
}

/** Maps a descr such as '<f4' or '>i8' to our dtype and its byte order. */
function parseDescr(descr: string, name: string): { dtype: NpyDtype; bigEndian: boolean } {
  const match = /^([<>|=])([a-z])(\d+)$/.exec(descr);
  const entry = match
    ? (Object.entries(DTYPES) as [NpyDtype, DtypeInfo][]).find(([, info]) => info.kind === match[2] && info.size === Number(match[3]))
    : undefined;
  if (!match || !entry) fail(name, `descr must be one of ${SUPPORTED_DESCR}, not '${descr}'`);
  return { dtype: entry[0], bigEndian: match[1] === '>' && entry[1].size > 1 };
}

type HeaderValue = string | boolean | number[];

/** Parses the header's Python dict literal: string keys; values a string, True/False or a tuple of ints. */
function parseHeaderDict(text: string, name: string): Map<string, HeaderValue> {
  let at = 0;
  const skip = (): void => {
    while (at < text.length && /\s/.test(text[at] ?? '')) at++;
  };
  const expect = (char: string): void => {
    skip();
    if (text[at] !== char) fail(name, `header must be a Python dict literal, not ${JSON.stringify(text.trim())}`);
    at++;
  };
  const peek = (): string | undefined => {
    skip();
    return text[at];
  };
  const readString = (): string => {
    const quote = peek();
    if (quote !== "'" && quote !== '"') fail(name, `header must be a Python dict literal, not ${JSON.stringify(text.trim())}`);
    const end = text.indexOf(quote, at + 1);
    if (end < 0) fail(name, `header must be a Python dict literal, not ${JSON.stringify(text.trim())}`);
    const value = text.slice(at + 1, end);
    at = end + 1;
    return value;
  };
  const readValue = (key: string): HeaderValue => {
    const first = peek();
    if (first === "'" || first === '"') return readString();
    if (first === '(' || first === '[') {
      const close = first === '(' ? ')' : ']';
      at++;
      const items: number[] = [];
      while (peek() !== close) {
        const digits = /^\d+/.exec(text.slice(at));
        if (!digits) fail(name, `'${key}' must be a tuple of non-negative integers, not ${JSON.stringify(text.slice(at).trim())}`);
        items.push(Number(digits[0]));
        at += digits[0].length;
        if (peek() === ',') at++;
        else if (peek() !== close) fail(name, `'${key}' must be a tuple of non-negative integers, not ${JSON.stringify(text.slice(at).trim())}`);
      }
      at++;
      return items;
    }
    for (const [word, value] of [['True', true], ['False', false]] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return value;
      }
    }
    fail(name, `'${key}' must be a string, True, False or a tuple, not ${JSON.stringify(text.slice(at).trim())}`);
  };

  const entries = new Map<string, HeaderValue>();
  expect('{');
  while (peek() !== '}') {
    const key = readString();
    expect(':');
    entries.set(key, readValue(key));
    if (peek() === ',') at++;
    else if (peek() !== '}') fail(name, `header must be a Python dict literal, not ${JSON.stringify(text.trim())}`);
  }
  at++;
  skip();
  if (at !== text.length) fail(name, `header must end after its dict, not continue with ${JSON.stringify(text.slice(at))}`);
  return entries;
}

/** Decodes .npy bytes; `name` (usually the file path) appears in every error message. */
export function parseNpy(bytes: Uint8Array, name: string): NpyArray {
  if (bytes.length < 10 || MAGIC.some((byte, i) => bytes[i] !== byte)) {
    const seen = Array.from(bytes.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join(' ');
    fail(name, `magic string must be 93 4e 55 4d 50 59 ('\\x93NUMPY'), not ${seen || 'empty'}`);
  }
  const major = bytes[6] ?? 0;
  const minor = bytes[7] ?? 0;
  if (![1, 2, 3].includes(major) || minor !== 0) fail(name, `format version must be 1.0, 2.0 or 3.0, not ${major}.${minor}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) fail(name, `file must hold a header length, not end after ${bytes.length} bytes`);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = 8 + lengthBytes + headerLength;
  if (dataStart > bytes.length) fail(name, `header must fit in the file (${headerLength} bytes declared), not run past its end at ${bytes.length} bytes`);
  // 1.0 and 2.0 headers are latin1; 3.0 allows utf8.
  const headerText = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(8 + lengthBytes, dataStart));
  const header = parseHeaderDict(headerText, name);

  const keys = [...header.keys()].sort().join(', ');
  if (keys !== 'descr, fortran_order, shape') fail(name, `header keys must be descr, fortran_order, shape, not ${keys}`);
  const descr = header.get('descr');
  const fortranOrder = header.get('fortran_order');
  const shape = header.get('shape');
  if (typeof descr !== 'string') fail(name, `descr must be a string, not ${JSON.stringify(descr)}`);
  if (typeof fortranOrder !== 'boolean') fail(name, `fortran_order must be True or False, not ${JSON.stringify(fortranOrder)}`);
  if (fortranOrder) fail(name, 'fortran_order must be False (C order), not True');
  if (!Array.isArray(shape)) fail(name, `shape must be a tuple, not ${JSON.stringify(shape)}`);
  const { dtype, bigEndian } = parseDescr(descr, name);

  const info = DTYPES[dtype];
  const count = shape.reduce((product, dim) => product * dim, 1);
  const byteLength = count * info.size;
  const available = bytes.length - dataStart;
  if (available !== byteLength) {
    fail(name, `data must be ${byteLength} bytes (shape (${shape.join(', ')}) of ${descr}), not ${available}`);
  }
  // Copy into a fresh buffer: typed arrays need aligned offsets, and the caller may reuse `bytes`.
  const buffer = new ArrayBuffer(byteLength);
  const out = new Uint8Array(buffer);
  out.set(bytes.subarray(dataStart));
  if (bigEndian) {
    for (let i = 0; i < byteLength; i += info.size) out.subarray(i, i + info.size).reverse();
  }
  return { dtype, shape: [...shape], data: info.make(buffer) };
}

function validate(array: NpyArray, name: string): void {
  const info = DTYPES[array.dtype] as DtypeInfo | undefined;
  if (!info) fail(name, `dtype must be one of ${Object.keys(DTYPES).join(', ')}, not ${String(array.dtype)}`);
  if (!info.isData(array.data)) fail(name, `data for dtype ${array.dtype} must be a ${info.make(new ArrayBuffer(0)).constructor.name}, not a ${array.data.constructor.name}`);
  for (const dim of array.shape) {
    if (!Number.isSafeInteger(dim) || dim < 0) fail(name, `shape must hold non-negative integers, not [${array.shape.join(', ')}]`);
  }
  const count = array.shape.reduce((product, dim) => product * dim, 1);
  if (count !== array.data.length) fail(name, `data length must be ${count} for shape [${array.shape.join(', ')}], not ${array.data.length}`);
}

/** Encodes as numpy.save does: version 1.0 (2.0 only if the header outgrows 65535 bytes), little-endian, C order. */
export function encodeNpy(array: NpyArray, name = 'array'): Uint8Array {
  validate(array, name);
  const shapeText = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  let header = `{'descr': '${descrFor(array.dtype)}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const first = array.shape[0];
  if (first !== undefined) header += ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(first).length));
  // numpy pads with spaces and a final newline so the data starts on a 64-byte boundary (always >= 1 pad byte).
  let lengthBytes = 2;
  let pad = ALIGN - ((MAGIC.length + 2 + lengthBytes + header.length + 1) % ALIGN);
  if (header.length + pad + 1 > 0xffff) {
    lengthBytes = 4;
    pad = ALIGN - ((MAGIC.length + 2 + lengthBytes + header.length + 1) % ALIGN);
  }
  const headerText = `${header}${' '.repeat(pad)}\n`;
  const prefix = MAGIC.length + 2 + lengthBytes;
  const data = new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  const out = new Uint8Array(prefix + headerText.length + data.length);
  out.set(MAGIC, 0);
  out[6] = lengthBytes === 2 ? 1 : 2;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (lengthBytes === 2) view.setUint16(8, headerText.length, true);
  else view.setUint32(8, headerText.length, true);
  for (let i = 0; i < headerText.length; i++) out[prefix + i] = headerText.charCodeAt(i);
  // Typed arrays are in platform order; every platform Node supports is little-endian.
  out.set(data, prefix + headerText.length);
  return out;
}

export function readNpy(path: string): NpyArray {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    fail(path, `file must be readable, not ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseNpy(bytes, path);
}

/** Writes through a temporary file in the same folder and a rename, so no reader sees half a file. */
export function writeNpy(path: string, array: NpyArray): void {
  const bytes = encodeNpy(array, path);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    fail(path, `file must be writable, not ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
