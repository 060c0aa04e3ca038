import { FixedValueError } from './errors.js';
import { truncateNumber } from './exact-sources.js';
import { fractionBits, type FixedType } from './fixed-type.js';
import { toFixedType, type TypeLike } from './fixed.js';
import { castFitsNumbers, rawFormat } from './number-cast.js';
import { castRaw, quantizeTruncated } from './quantize-core.js';
import { castKernel, denseKernel, quantizeKernel, type RawArray } from './kernels.js';
import { mulType, addType } from './result-types.js';

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

export interface MultiplyAccumulateOptions {
  /** count rows of nIn raw inputs of `inputType`. */
  inputs: AnyRawArray;
  inputType: TypeLike;
  /** nIn x nOut raw weights of `weightType`, index i * nOut + j (hls4ml's layout). */
  weights: AnyRawArray;
  weightType: TypeLike;
  /** nOut raw biases of `biasType`; none means zero. */
  bias?: AnyRawArray;
  biasType?: TypeLike;
  accumType: TypeLike;
  nIn: number;
  nOut: number;
  output?: AnyRawArray;
}

/**
 * A dense layer's multiply-accumulate over count = inputs.length / nIn samples, as hls4ml does it:
 * acc = (accum_t) bias; for each i: acc = (accum_t)(acc + (accum_t)(x[i] * w[i][j])). Returns accum_t raws.
 * Compiled to generated JavaScript when every intermediate fits 53 bits, exact bigint otherwise.
 */
export function multiplyAccumulate(options: MultiplyAccumulateOptions): AnyRawArray {
  const inputType = toFixedType(options.inputType);
  const weightType = toFixedType(options.weightType);
  const accum = toFixedType(options.accumType);
  const { nIn, nOut } = options;
  if (options.inputs.length % nIn !== 0) {
    throw new FixedValueError(`inputs must hold a whole number of rows of nIn=${nIn} values, not ${options.inputs.length}`);
  }
  checkLength(options.weights.length, nIn * nOut, 'weights');
  const count = options.inputs.length / nIn;
  const biasType = options.biasType === undefined ? accum : toFixedType(options.biasType);
  const biasRaw = options.bias ?? new Array<bigint>(nOut).fill(0n);
  checkLength(biasRaw.length, nOut, 'bias');
  const biasAccum = Array.from({ length: nOut }, (_, j) => castRaw(BigInt(biasRaw[j] ?? 0), biasType, accum));
  const out = options.output ?? rawArrayFor(accum, count * nOut);
  checkLength(out.length, count * nOut, 'output');
  const product = mulType(inputType, weightType);
  const fast =
    !Array.isArray(options.inputs) &&
    !Array.isArray(options.weights) &&
    !Array.isArray(out) &&
    product.width <= 53 &&
    castFitsNumbers(rawFormat(product), accum) &&
    castFitsNumbers(rawFormat(addType(accum, accum)), accum);
  if (fast) {
    const kernel = denseKernel({ input: inputType, weight: weightType, accum }, options.weights as RawArray, biasAccum.map(Number), nIn, nOut);
    kernel(options.inputs as RawArray, count, out as RawArray);
    return out;
  }
  const sum = addType(accum, accum);
  const weights = toBigInts(options.weights);
  const inputs = toBigInts(options.inputs);
  for (let s = 0; s < count; s++) {
    for (let j = 0; j < nOut; j++) {
      let acc = biasAccum[j] ?? 0n;
      for (let i = 0; i < nIn; i++) {
        const p = castRaw((inputs[s * nIn + i] ?? 0n) * (weights[i * nOut + j] ?? 0n), product, accum);
        acc = castRaw(acc + p, sum, accum);
      }
      store(out, s * nOut + j, acc);
    }
  }
  return out;
}

function toBigInts(values: AnyRawArray): bigint[] {
  const result = new Array<bigint>(values.length);
  for (let i = 0; i < values.length; i++) result[i] = BigInt(values[i] ?? 0);
  return result;
}

function store(out: AnyRawArray, index: number, value: bigint): void {
  if (Array.isArray(out)) out[index] = value;
  else out[index] = Number(value);
}

function checkLength(actual: number, expected: number, what: string): void {
  if (actual !== expected) throw new FixedValueError(`${what} must hold ${expected} values, not ${actual}`);
}

