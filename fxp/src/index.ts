// @ngt/fxp: fixed-point numbers with the exact semantics of Xilinx ap_fixed / ap_ufixed / ap_int / ap_uint.
export * from './errors.js';
export * from './modes.js';
export * from './fixed-type.js';
export * from './parse-type.js';
export * from './result-types.js';
export { Fixed, toFixedType, type TypeLike } from './fixed.js';
export { add, sub, mul, neg, shiftLeft, shiftRight, compare } from './arithmetic.js';
export { quantizeTruncated, truncateRaw, castRaw, roundsUp, observeCasts, type Truncated } from './quantize-core.js';
export { decomposeDouble, truncateNumber, truncateDecimal, parseDecimal } from './exact-sources.js';
export { rawToDecimal, rawToNumber } from './decimal.js';
export { CodeWriter } from './code-writer.js';
export { emitRawCast, emitDoubleCast, castFitsNumbers, rawFormat, type RawFormat, type CastNames } from './number-cast.js';
export { quantizeKernel, castKernel, type RawArray } from './kernels.js';
export { quantizeArray, castArray, rawToNumbers, rawArrayFor, type AnyRawArray } from './batch.js';
