import { CodeWriter } from './code-writer.js';
import { truncateNumber } from './exact-sources.js';
import { fractionBits, type FixedType } from './fixed-type.js';
import { formatFixedType } from './parse-type.js';
import { emitDoubleCast, emitRawCast, type CastNames, type RawFormat } from './number-cast.js';
import { quantizeTruncated } from './quantize-core.js';
import { addType, mulType } from './result-types.js';

/** Raw values in typed arrays: Int32Array when they fit 32 bits, else Float64Array (exact to 53 bits). */
export type RawArray = Int32Array | Float64Array;

export type QuantizeKernel = (input: ArrayLike<number>, output: RawArray) => void;
export type CastKernel = (input: ArrayLike<number>, output: RawArray) => void;
/** inputs: count rows of nIn raws; output: count rows of nOut accumulator raws. */
export type DenseKernel = (inputs: ArrayLike<number>, count: number, output: RawArray) => void;

const cache = new Map<string, unknown>();

function cached<T>(key: string, build: () => T): T {
  let kernel = cache.get(key) as T | undefined;
  if (kernel === undefined) {
    kernel = build();
    cache.set(key, kernel);
  }
  return kernel;
}

/** The exact fallbacks a kernel may call, bound to its target type. */
function exactCallbacks(to: FixedType) {
  const f = fractionBits(to);
  return {
    exactDouble: (x: number) => Number(quantizeTruncated(truncateNumber(x, f, 'input'), to)),
    exactTruncated: (t: number, roundBit: boolean, sticky: boolean, negative: boolean) =>
      Number(quantizeTruncated({ t: BigInt(t), roundBit, sticky, negative }, to)),
  };
}

function typeKey(type: FixedType): string {
  return `${formatFixedType({ ...type, spelling: 'ap', integer: false })}${type.signed ? '' : 'u'}${type.integer ? 'i' : ''}`;
}

function formatKey(format: RawFormat): string {
  return `${format.width}.${format.fractionBits}.${format.signed ? 's' : 'u'}`;
}

/** A loop over `input` writing one converted value per element; `emit` writes the conversion of `x` into `q`. */
function elementwiseKernel(key: string, to: FixedType, emit: (w: CodeWriter, names: CastNames) => void): QuantizeKernel {
  return cached(key, () => {
    const names: CastNames = { prefix: 'c_', exactDouble: 'exactDouble', exactTruncated: 'exactTruncated' };
    const w = new CodeWriter();
    w.block('return function convert(input, output)', () => {
      w.block('for (let i = 0, n = input.length; i < n; i++)', () => {
        w.line('const x = input[i];');
        w.line('let q;');
        emit(w, names);
        w.line('output[i] = q;');
      });
    });
    const callbacks = exactCallbacks(to);
    return new Function('exactDouble', 'exactTruncated', w.toString())(callbacks.exactDouble, callbacks.exactTruncated) as QuantizeKernel;
  });
}

/** Doubles to raw values of `to` (W <= 53), compiled once per type. */
export function quantizeKernel(to: FixedType): QuantizeKernel {
  return elementwiseKernel(`q:${typeKey(to)}`, to, (w, names) => emitDoubleCast(w, to, 'x', 'q', names));
}

/** Raw values of format `from` to raw values of `to`, compiled once per pair. */
export function castKernel(from: RawFormat, to: FixedType): CastKernel {
  return elementwiseKernel(`c:${formatKey(from)}>${typeKey(to)}`, to, (w, names) => emitRawCast(w, from, to, 'x', 'q', names));
}

export interface DenseTypes {
  readonly input: FixedType;
  readonly weight: FixedType;
  readonly accum: FixedType;
}

/**
 * hls4ml's dense multiply-accumulate (nnet_dense_latency.h): every product x*w, exact in
 * (Wx+Ww, Ix+Iw), is cast to accum_t; the accumulator starts at the bias (already an accum_t raw here)
 * and every partial sum is cast back to accum_t. Weights are baked into the generated code's closure,
 * laid out [j][i] so that one output's weights are contiguous.
 */
export function denseKernel(types: DenseTypes, weights: ArrayLike<number>, biasAccum: ArrayLike<number>, nIn: number, nOut: number): DenseKernel {
  const product = mulType(types.input, types.weight);
  const sum = addType(types.accum, types.accum);
  const productNames: CastNames = { prefix: 'p_', exactDouble: 'exactDouble', exactTruncated: 'exactProduct' };
  const sumNames: CastNames = { prefix: 's_', exactDouble: 'exactDouble', exactTruncated: 'exactSum' };
  const w = new CodeWriter();
  w.block('return function dense(inputs, count, output)', () => {
    w.block('for (let s = 0; s < count; s++)', () => {
      w.line(`const xo = s * ${nIn};`);
      w.line(`const oo = s * ${nOut};`);
      w.block(`for (let j = 0; j < ${nOut}; j++)`, () => {
        w.line(`const wo = j * ${nIn};`);
        w.line('let acc = bias[j];');
        w.block(`for (let i = 0; i < ${nIn}; i++)`, () => {
          w.line('const prod = inputs[xo + i] * weights[wo + i];');
          w.line('let p;');
          emitRawCast(w, { width: product.width, fractionBits: fractionBits(product), signed: product.signed }, types.accum, 'prod', 'p', productNames);
          w.line('const total = acc + p;');
          emitRawCast(w, { width: sum.width, fractionBits: fractionBits(sum), signed: sum.signed }, types.accum, 'total', 'acc', sumNames);
        });
        w.line('output[oo + j] = acc;');
      });
    });
  });
  const transposed = new Float64Array(nIn * nOut);
  for (let i = 0; i < nIn; i++) for (let j = 0; j < nOut; j++) transposed[j * nIn + i] = weights[i * nOut + j] ?? 0;
  const weightArray = types.weight.width <= 32 ? Int32Array.from(transposed) : transposed;
  const biasArray = types.accum.width <= 32 ? Int32Array.from(biasAccum) : Float64Array.from(biasAccum);
  const callbacks = exactCallbacks(types.accum);
  return new Function('weights', 'bias', 'exactDouble', 'exactProduct', 'exactSum', w.toString())(
    weightArray,
    biasArray,
    callbacks.exactDouble,
    callbacks.exactTruncated,
    callbacks.exactTruncated,
  ) as DenseKernel;
}
