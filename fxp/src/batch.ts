import { FixedValueError } from './errors.js';
import { truncateNumber } from './exact-sources.js';
import { fractionBits, type FixedType } from './fixed-type.js';
import { toFixedType, type TypeLike } from './fixed.js';
import { castFitsNumbers, rawFormat } from './number-cast.js';
import { castRaw, quantizeTruncated } from './quantize-core.js';
import { castKernel, quantizeKernel, type RawArray } from './kernels.js';

// Batch helpers over typed arrays for the simulators: raw values of types up to 53 bits live in
// Int32Array (<= 32 bits) or Float64Array; wider types take bigint[] on the exact path.

export type AnyRawArray = RawArray | bigint[];

/** The array that holds raws of `type` exactly: Int32Array up to 32 bits, Float64Array up to 53, else bigint[]. */
export function rawArrayFor(type: FixedType, length: number): AnyRawArray {
  if (type.width <= 31 || (type.width === 32 && type.signed)) return new Int32Array(length);
  if (type.width <= 53) return new Float64Array(length);
  return new Array<bigint>(length).fill(0n);
}

/** Doubles (Float64Array, Float32Array or number[]) to raw values of `type`, as ap_fixed's double constructor. */
export function quantizeArray(values: ArrayLike<number>, type: TypeLike, output?: AnyRawArray): AnyRawArray {
  const target = toFixedType(type);
  const out = output ?? rawArrayFor(target, values.length);
  checkLength(out.length, values.length, 'output');
  if (Array.isArray(out)) {
    const f = fractionBits(target);
    for (let i = 0; i < values.length; i++) out[i] = quantizeTruncated(truncateNumber(values[i] ?? NaN, f, `input[${i}]`), target);
    return out;
  }
  quantizeKernel(target)(values, out);
  return out;
}

/** Raw values of `from` to raw values of `to`, with `to`'s modes. */
export function castArray(raws: AnyRawArray, from: TypeLike, to: TypeLike, output?: AnyRawArray): AnyRawArray {
  const source = toFixedType(from);
  const target = toFixedType(to);
  const out = output ?? rawArrayFor(target, raws.length);
  checkLength(out.length, raws.length, 'output');
  if (!Array.isArray(raws) && !Array.isArray(out) && castFitsNumbers(rawFormat(source), target)) {
    castKernel(rawFormat(source), target)(raws, out);
    return out;
  }
  for (let i = 0; i < raws.length; i++) store(out, i, castRaw(BigInt(raws[i] ?? 0), source, target));
  return out;
}

/** Raw values to their values as doubles (exact up to 53 significant bits). */
export function rawToNumbers(raws: AnyRawArray, type: TypeLike, output = new Float64Array(raws.length)): Float64Array {
  const scale = 2 ** -fractionBits(toFixedType(type));
  for (let i = 0; i < raws.length; i++) output[i] = Number(raws[i] ?? 0) * scale;
  return output;
}

function store(out: AnyRawArray, index: number, value: bigint): void {
  if (Array.isArray(out)) out[index] = value;
  else out[index] = Number(value);
}

function checkLength(actual: number, expected: number, what: string): void {
  if (actual !== expected) throw new FixedValueError(`${what} must hold ${expected} values, not ${actual}`);
}

