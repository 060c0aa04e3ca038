import { CodeWriter } from './code-writer.js';
import { truncateNumber } from './exact-sources.js';
import { fractionBits, type FixedType } from './fixed-type.js';
import { formatFixedType } from './parse-type.js';
import { emitDoubleCast, emitRawCast, type CastNames, type RawFormat } from './number-cast.js';
import { quantizeTruncated } from './quantize-core.js';

/** Raw values in typed arrays: Int32Array when they fit 32 bits, else Float64Array (exact to 53 bits). */
export type RawArray = Int32Array | Float64Array;

export type QuantizeKernel = (input: ArrayLike<number>, output: RawArray) => void;
export type CastKernel = (input: ArrayLike<number>, output: RawArray) => void;
/** inputs: count rows of nIn raws; output: count rows of nOut accumulator raws. */

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

